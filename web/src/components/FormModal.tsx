import { Button, Group, Modal, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { fieldMessageKey, fieldProblem, ProblemAlert, useProblemText } from './problems';

/** What a dialog changing one thing is given: whether it is open, and where its answer goes. */
export interface DialogProps<Result> {
  opened: boolean;
  /** The service's answer once the change is accepted; nothing when the dialog is cancelled. */
  onClose(result?: Result): void;
}

/**
 * A dialog holding one small form that asks the service for one change: Cancel and a confirming
 * button; while it is sent the button spins; a refusal is said beside the fields it names and above
 * the buttons, in the user's words. Closing (cancel or done) empties the form.
 */
export function FormModal<Values extends Record<string, unknown>, Result = unknown>({
  opened,
  title,
  form,
  submit,
  onClose,
  confirm,
  danger = false,
  problemTestId,
  children,
}: {
  opened: boolean;
  title: string;
  form: UseFormReturnType<Values>;
  /** Sends the values; throws the service's refusal; its answer is handed to `onClose`. */
  submit(values: Values): Promise<Result>;
  /** `done` once the service accepted the change, with what `submit` answered. */
  onClose(done: boolean, result?: Result): void;
  confirm: string;
  danger?: boolean;
  problemTestId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const close = (done: boolean, result?: Result) => {
    form.reset();
    setFailure(undefined);
    onClose(done, result);
  };
  return (
    <Modal
      opened={opened}
      onClose={() => close(false)}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          setFailure(undefined);
          setBusy(true);
          try {
            close(true, await submit(values));
          } catch (error) {
            for (const field of Object.keys(form.values)) {
              const problem = fieldProblem(error, field);
              if (problem) form.setFieldError(field, t(`fieldErrors.${fieldMessageKey(problem)}`));
            }
            setFailure(problemText(error));
          } finally {
            setBusy(false);
          }
        })}
      >
        <Stack>
          {children}
          <ProblemAlert problem={failure} testId={problemTestId} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => close(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={danger ? 'red' : undefined}>
              {confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
