import { Alert, Button, Group, Modal, Stack, Switch, Text } from '@mantine/core';
import { memo, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, ApiError, type Schemas, unwrap } from '../../api/client';

type Operator = Schemas['OperatorDto'];

/** Going on and off duty, as a supervisor or not; the last operator on duty must confirm. Its own state only: the board's updates do not render it again. */
export const DutyControl = memo(function DutyControl() {
  const { t } = useTranslation();
  const [operator, setOperator] = useState<Operator>();
  const [failure, setFailure] = useState<string>();
  const [uncovered, setUncovered] = useState<string[]>();

  useEffect(() => {
    unwrap(api.GET('/api/v1/operators/me'))
      .then(setOperator)
      .catch((error: Error) => setFailure(error.message));
  }, []);

  const change = useCallback(
    async (onDuty: boolean, supervisor: boolean, confirmUncovered = false) => {
      setFailure(undefined);
      try {
        const next = await unwrap(
          api.PUT('/api/v1/operators/me/duty', { body: { onDuty, supervisor, confirmUncovered } }),
        );
        setOperator(next);
        setUncovered(undefined);
      } catch (error) {
        if (error instanceof ApiError && error.problem.code === 'last-on-duty')
          setUncovered(
            (error.problem as { uncoveredJurisdictions?: string[] }).uncoveredJurisdictions ?? [],
          );
        else setFailure((error as Error).message);
      }
    },
    [],
  );

  if (!operator)
    return failure ? (
      <Text c="red.9" role="alert">
        {failure}
      </Text>
    ) : null;
  return (
    <Stack gap={4}>
      <Group gap="lg">
        <Switch
          label={t('duty.onDuty')}
          checked={operator.onDuty}
          onChange={(event) => void change(event.currentTarget.checked, operator.supervisor)}
        />
        <Switch
          label={t('duty.supervisor')}
          checked={operator.supervisor}
          onChange={(event) => void change(operator.onDuty, event.currentTarget.checked)}
        />
      </Group>
      {failure && (
        <Text c="red.9" size="sm" role="alert">
          {failure}
        </Text>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={uncovered !== undefined}
        onClose={() => setUncovered(undefined)}
        title={t('duty.lastTitle')}
      >
        <Stack>
          <Alert color="red">
            {t('duty.lastBody', { jurisdictions: (uncovered ?? []).join(', ') })}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setUncovered(undefined)}>
              {t('duty.stay')}
            </Button>
            <Button color="red" onClick={() => void change(false, operator.supervisor, true)}>
              {t('duty.leaveAnyway')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
});
