import { Alert, Badge, Button, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { PdfButton } from '../../components/PdfButton';
import { useProblemText } from '../../components/problems';
import { useDates } from '../../layout/format';

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

/** Actions assigned to partners with their deadline and state; the partner's column for staff. */
export function ActionTable({
  actions,
  caption,
  testId,
  withPartner,
  onDone,
}: {
  actions: Action[];
  caption: string;
  testId: string;
  withPartner: boolean;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { moment } = useDates();
  return (
    <Table withTableBorder data-testid={testId}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('concertation.reference')}</Table.Th>
          {withPartner && <Table.Th>{t('concertation.partner')}</Table.Th>}
          <Table.Th>{t('concertation.action')}</Table.Th>
          <Table.Th>{t('concertation.dueAt')}</Table.Th>
          <Table.Th>{t('concertation.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {actions.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <CaseReference reference={a.caseReference} />
            </Table.Td>
            {withPartner && <Table.Td>{a.partnerName}</Table.Td>}
            <Table.Td>{a.description}</Table.Td>
            <Table.Td>{moment(a.dueAt)}</Table.Td>
            <Table.Td>
              <ActionStatus action={a} onDone={onDone} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
