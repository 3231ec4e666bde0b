import { Alert, Badge, Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, ApiError, authHeaders, type Schemas, unwrap } from '../../api/client';
import { useProblemText } from '../../components/problems';

export const KINDS = ['concertation_cell', 'partners_platform', 'risk_meeting'] as const;

type Action = Schemas['ActionDto'];

/** An action's state, and for an open one the button that marks it done. */
export function ActionStatus({ action, onDone }: { action: Action; onDone(): void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  if (action.status === 'done')
    return <Badge color="green">{t('concertation.statuses.done')}</Badge>;
  const done = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await unwrap(
        api.POST('/api/v1/concertation-actions/{id}/done', { params: { path: { id: action.id } } }),
      );
      onDone();
    } catch (error) {
      setFailure(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} align="flex-start">
      <Badge color="orange">{t('concertation.statuses.open')}</Badge>
      <Button
        size="compact-sm"
        variant="light"
        loading={busy}
        onClick={() => void done()}
        aria-label={t('concertation.markDoneLabel', { reference: action.caseReference })}
      >
        {t('concertation.markDone')}
      </Button>
      {failure && (
        <Alert color="red" role="alert" p="xs">
          {failure}
        </Alert>
      )}
    </Stack>
  );
}

/** The minutes, fetched with the user's token and handed to the browser as a file. */
export function MinutesButton({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const open = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const response = await fetch(`/api/v1/concertation-meetings/${meetingId}/minutes.pdf`, {
        headers: { ...authHeaders(), Accept: 'application/pdf' },
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new ApiError(response.status, problem);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `compte-rendu-concertation-${meetingId}.pdf`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setFailure(t('concertation.minutesFailed', { message: problemText(error) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} align="flex-start">
      <Button variant="light" loading={busy} onClick={() => void open()}>
        {t('concertation.minutes')}
      </Button>
      {failure && (
        <Alert color="red" role="alert" p="xs">
          {failure}
        </Alert>
      )}
    </Stack>
  );
}
