import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

import { api, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { ProblemAlert, useProblemText } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';

/**
 * Transfers other jurisdictions ask the coordinator's to take over: reference, origin, reason, and
 * accept (the case is then theirs) or decline. Shown on the worklist; nothing when there is none.
 */
export function IncomingTransfers() {
  const { t } = useTranslation();
  const { moment } = useDates();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const [failure, setFailure] = useState<string>();
  const { data, reload } = useRead(() => unwrap(api.GET('/api/v1/cases/transfers')), 'transfers');
  if (!data || data.length === 0) return null;
  const answer = async (caseId: string, accept: boolean) => {
    setFailure(undefined);
    try {
      if (accept) {
        await unwrap(
          api.POST('/api/v1/cases/{id}/transfer/accept', { params: { path: { id: caseId } } }),
        );
        notifications.show({
          color: 'green',
          message: t('cases.lifecycle.accepted'),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
        navigate(`/cases/${caseId}`);
      } else {
        await unwrap(
          api.POST('/api/v1/cases/{id}/transfer/decline', {
            params: { path: { id: caseId } },
            body: {},
          }),
        );
        reload();
      }
    } catch (error) {
      setFailure(problemText(error));
    }
  };
  const title = t('cases.lifecycle.incomingTitle');
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Group gap="xs">
        <Title order={3}>{title}</Title>
        <Badge variant="light" aria-hidden>
          {data.length}
        </Badge>
      </Group>
      <ProblemAlert problem={failure} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.lifecycle.reference')}</Table.Th>
            <Table.Th>{t('cases.lifecycle.from')}</Table.Th>
            <Table.Th>{t('cases.lifecycle.when')}</Table.Th>
            <Table.Th>{t('cases.lifecycle.transferReason')}</Table.Th>
            <Table.Th>{t('cases.lifecycle.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.map((transfer) => (
            <Table.Tr key={transfer.caseId}>
              <Table.Td>
                <CaseReference reference={transfer.reference} />
              </Table.Td>
              <Table.Td>{transfer.from}</Table.Td>
              <Table.Td>{moment(transfer.requestedAt)}</Table.Td>
              <Table.Td>
                <Text size="sm">{transfer.reason}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    onClick={() => void answer(transfer.caseId, true)}
                    aria-label={t('cases.lifecycle.acceptNamed', { reference: transfer.reference })}
                  >
                    {t('cases.lifecycle.accept')}
                  </Button>
                  <Button
                    size="xs"
                    variant="outline"
                    onClick={() => void answer(transfer.caseId, false)}
                    aria-label={t('cases.lifecycle.declineNamed', {
                      reference: transfer.reference,
                    })}
                  >
                    {t('cases.lifecycle.decline')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
