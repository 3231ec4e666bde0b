import { Alert, Badge, Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { PdfButton } from '../../components/PdfButton';
import { useProblemText } from '../../components/problems';

export const KINDS = ['concertation_cell', 'partners_platform', 'risk_meeting'] as const;

type Action = Schemas['ActionDto'];

/** An action's state, and for an open one the button that marks it done. */
export function ActionStatus({ action, onDone }: { action: Action; onDone(): void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  if (action.status !== 'open')
    return (
      <Badge color={action.status === 'done' ? 'green' : 'gray'}>
        {t(`concertation.statuses.${action.status}`)}
      </Badge>
    );
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

/** The meeting's minutes as a PDF. */
export function MinutesButton({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  return (
    <PdfButton
      path={`/api/v1/concertation-meetings/${meetingId}/minutes.pdf`}
      filename={`compte-rendu-concertation-${meetingId}.pdf`}
      label={t('concertation.minutes')}
      size="sm"
    />
  );
}
