import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { api, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { LevelBadge } from '../../components/LevelBadge';
import { PageNumbers } from '../../components/PageNumbers';
import { PdfButton } from '../../components/PdfButton';
import { ProblemAlert } from '../../components/problems';
import { usePage } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useRequestsChanged } from './events';
import { ConditionSummary, RedFlags } from './parts';

const PAGE_SIZE = 20;
const RENEWAL_DAYS = 30;

function Renewals() {
  const { t } = useTranslation();
  const { longDay: day } = useDates();
  // Read once per screen: "within 30 days" needs no finer clock than the day.
  const [endingBefore] = useState(() =>
    new Date(Date.now() + RENEWAL_DAYS * 86_400_000).toISOString(),
  );
  const { page, failure } = usePage(
    () =>
      unwrap(
        api.GET('/api/v1/allocations', {
          params: { query: { status: 'active', endingBefore, page: 1, pageSize: 100 } },
        }),
      ),
    endingBefore,
  );
  return (
    <Stack component="section" aria-labelledby="renewals-title" gap="xs">
      <Title order={3} id="renewals-title">
        {t('tgd.queue.renewals')}
      </Title>
      <Text size="sm">{t('tgd.queue.renewalsIntro')}</Text>
      <ProblemAlert problem={failure} />
      {!page && !failure && <Waiting size="sm" />}
      {page && page.items.length === 0 && <Text>{t('tgd.queue.renewalsNone')}</Text>}
      {page && page.items.length > 0 && (
        <Table striped data-testid="renewals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tgd.queue.case')}</Table.Th>
              <Table.Th scope="col">{t('tgd.queue.endsAt')}</Table.Th>
              <Table.Th scope="col">{t('tgd.allocations.renewals')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.items.map((allocation) => (
              <Table.Tr key={allocation.id}>
                <Table.Td>
                  <CaseReference
                    to={`/cases/${allocation.caseId}`}
                    reference={allocation.caseReference}
                  />
                </Table.Td>
                <Table.Td>{day(allocation.endsAt)}</Table.Td>
                <Table.Td>{allocation.renewals}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {page && page.total > page.items.length && (
        <Text>
          {t('tgd.queue.renewalsPartial', { shown: page.items.length, total: page.total })}
        </Text>
      )}
      <Anchor component={Link} to="/allocations">
        {t('tgd.queue.allocationsLink')}
      </Anchor>
    </Stack>
  );
}

/**
 * The prosecutor's queue: the TGD requests of their jurisdictions awaiting a decision, the most
 * dangerous then the oldest first, each with its level, red flags, legal conditions and report; then
 * the allocations coming due for renewal.
 */
export default function RequestQueuePage() {
  const { t } = useTranslation();
  const { longDay: day } = useDates();
  usePageTitle(t('tgd.queue.title'));
  const [pageNumber, setPageNumber] = useState(1);
  const { page, failure, reload } = usePage(
    () =>
      unwrap(
        api.GET('/api/v1/tgd-requests', {
          params: { query: { status: 'pending', page: pageNumber, pageSize: PAGE_SIZE } },
        }),
      ),
    String(pageNumber),
  );
  // A request filed or decided anywhere in the jurisdictions is heard from the live feed.
  useRequestsChanged(reload);
  return (
    <Stack>
      <Title order={2}>{t('tgd.queue.title')}</Title>
      <Text>{t('tgd.queue.intro')}</Text>
      <ProblemAlert problem={failure} />
      {!page && !failure && <Waiting />}
      {page && page.items.length === 0 && <Text>{t('tgd.queue.none')}</Text>}
      {page && page.items.length > 0 && (
        <Table striped verticalSpacing="sm" data-testid="request-queue">
          <Table.Caption>{t('tgd.queue.count', { count: page.total })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tgd.queue.case')}</Table.Th>
              <Table.Th scope="col">{t('tgd.queue.level')}</Table.Th>
              <Table.Th scope="col">{t('tgd.queue.redFlags')}</Table.Th>
              <Table.Th scope="col">{t('tgd.queue.conditions')}</Table.Th>
              <Table.Th scope="col">{t('tgd.queue.filed')}</Table.Th>
              <Table.Th scope="col">{t('tgd.queue.report')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.items.map((request) => (
              <Table.Tr key={request.id} data-testid="request-row" data-request={request.id}>
                <Table.Td>
                  <CaseReference
                    to={`/tgd-requests/${request.id}`}
                    aria-label={t('tgd.queue.open', { reference: request.caseReference })}
                    reference={request.caseReference}
                  />
                </Table.Td>
                <Table.Td>
                  <LevelBadge
                    rank={request.levelRank}
                    count={request.levelCount}
                    label={request.levelLabel}
                    size="md"
                  />
                </Table.Td>
                <Table.Td>
                  <RedFlags flags={request.redFlags} />
                </Table.Td>
                <Table.Td>
                  <ConditionSummary conditions={request.tgdConditions} />
                </Table.Td>
                <Table.Td>{day(request.filedAt)}</Table.Td>
                <Table.Td>
                  <PdfButton
                    path={`/api/v1/assessments/${request.assessmentId}/report.pdf`}
                    filename={`rapport-${request.caseReference}.pdf`}
                    label={t('tgd.queue.report')}
                    accessibleName={t('tgd.reportOf', { reference: request.caseReference })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PageNumbers page={page} value={pageNumber} onChange={setPageNumber} />
      <Renewals />
    </Stack>
  );
}
