import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
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
import { useSession } from '../../session/session';
import { type AllocationAction, AllocationActionModal, DeviceInHand } from './AllocationActions';
import { type Allocation } from './parts';

const PAGE_SIZE = 20;

/**
 * The Grave Danger Phones in force in the user's jurisdictions, soonest end first; the prosecutor
 * renews one or ends it before its term.
 */
export default function AllocationsPage() {
  const { t } = useTranslation();
  const { longDay: day } = useDates();
  const { has } = useSession();
  usePageTitle(t('tgd.allocations.title'));
  const [pageNumber, setPageNumber] = useState(1);
  const [acting, setActing] = useState<{ allocation: Allocation; action: AllocationAction }>();
  const { page, failure, reload } = usePage(
    () =>
      unwrap(
        api.GET('/api/v1/allocations', {
          params: { query: { status: 'active', page: pageNumber, pageSize: PAGE_SIZE } },
        }),
      ),
    String(pageNumber),
  );
  const prosecutor = has('prosecutor');
  return (
    <Stack>
      <Title order={2}>{t('tgd.allocations.title')}</Title>
      <Text>{t('tgd.allocations.intro')}</Text>
      <ProblemAlert problem={failure} />
      {!page && !failure && <Waiting />}
      {page && page.items.length === 0 && <Text>{t('tgd.allocations.none')}</Text>}
      {page && page.items.length > 0 && (
        <Table striped verticalSpacing="sm" data-testid="allocations">
          <Table.Caption>{t('tgd.allocations.count', { count: page.total })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tgd.allocations.case')}</Table.Th>
              <Table.Th scope="col">{t('tgd.allocations.starts')}</Table.Th>
              <Table.Th scope="col">{t('tgd.allocations.ends')}</Table.Th>
              <Table.Th scope="col">{t('tgd.allocations.renewals')}</Table.Th>
              <Table.Th scope="col">{t('tgd.allocations.device')}</Table.Th>
              {prosecutor && <Table.Th scope="col">{t('tgd.allocations.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.items.map((allocation) => (
              <Table.Tr key={allocation.id} data-testid="allocation-row">
                <Table.Td>
                  <CaseReference
                    to={`/cases/${allocation.caseId}`}
                    reference={allocation.caseReference}
                  />
                </Table.Td>
                <Table.Td>{day(allocation.startsAt)}</Table.Td>
                <Table.Td>{day(allocation.endsAt)}</Table.Td>
                <Table.Td>{allocation.renewals}</Table.Td>
                <Table.Td>
                  <DeviceInHand allocation={allocation} />
                </Table.Td>
                {prosecutor && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="light"
                        aria-label={t('tgd.allocations.renewFor', {
                          reference: allocation.caseReference,
                        })}
                        onClick={() => setActing({ allocation, action: 'renew' })}
                      >
                        {t('tgd.allocation.renew')}
                      </Button>
                      <Button
                        size="compact-sm"
                        color="red"
                        variant="outline"
                        aria-label={t('tgd.allocations.endFor', {
                          reference: allocation.caseReference,
                        })}
                        onClick={() => setActing({ allocation, action: 'end' })}
                      >
                        {t('tgd.allocation.end')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PageNumbers page={page} value={pageNumber} onChange={setPageNumber} />
      {acting && (
        <AllocationActionModal
          allocation={acting.allocation}
          action={acting.action}
          onClose={(changed) => {
            setActing(undefined);
            if (changed) reload();
          }}
        />
      )}
    </Stack>
  );
}
