import { Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { PageNumbers } from '../../components/PageNumbers';
import { ProblemAlert } from '../../components/problems';
import { usePage } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { ReferralStatusBadge } from './parts';

const PAGE_SIZE = 20;

/** A partner organisation's inbox: what was referred to it, open ones first. Its landing page. */
export default function ReferralsInboxPage() {
  const { t } = useTranslation();
  const { moment } = useDates();
  const [pageNumber, setPageNumber] = useState(1);
  usePageTitle(t('referrals.inboxTitle'));
  const { page, failure } = usePage(
    () =>
      unwrap(
        api.GET('/api/v1/referrals', {
          params: { query: { page: pageNumber, pageSize: PAGE_SIZE } },
        }),
      ),
    String(pageNumber),
  );
  return (
    <Stack>
      <Title order={2}>{t('referrals.inboxTitle')}</Title>
      <ProblemAlert problem={failure} />
      {!page && !failure && <Waiting />}
      {page && page.items.length === 0 && <Text>{t('referrals.inboxEmpty')}</Text>}
      {page && page.items.length > 0 && (
        <Table withTableBorder data-testid="referral-inbox">
          <Table.Caption>{t('referrals.inboxCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('referrals.case')}</Table.Th>
              <Table.Th>{t('referrals.service')}</Table.Th>
              <Table.Th>{t('referrals.sentAt')}</Table.Th>
              <Table.Th>{t('referrals.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <CaseReference to={`/referrals/${r.id}`} reference={r.caseReference} />
                </Table.Td>
                <Table.Td>{t(`referrals.services.${r.service}`)}</Table.Td>
                <Table.Td>{moment(r.sentAt)}</Table.Td>
                <Table.Td>
                  <ReferralStatusBadge status={r.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PageNumbers page={page} value={pageNumber} onChange={setPageNumber} />
    </Stack>
  );
}
