import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { api, type Schemas, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { IncomingTransfers } from '../cases/IncomingTransfers';
import { useRequestsChanged } from '../tgd/events';
import { type Obligation, ObligationTable } from './ObligationTable';

type CaseFile = Schemas['CaseDto'];
const LIST = { page: 1, pageSize: 100 } as const;

/**
 * What the coordinator's arrival shows, read in one go (each list is scoped by the service): their
 * cases, and the requests and device faults of those cases (their victims', not the whole
 * jurisdiction's: the technical queue and the cases list show everything).
 */
async function readWorklist(coordinatorId: string) {
  const mine = { ...LIST, coordinatorId };
  const [cases, overdue, due, requests, alerts] = await Promise.all([
    unwrap(api.GET('/api/v1/cases', { params: { query: mine } })),
    unwrap(api.GET('/api/v1/obligations', { params: { query: { ...LIST, status: 'overdue' } } })),
    unwrap(api.GET('/api/v1/obligations', { params: { query: { ...LIST, status: 'due' } } })),
    unwrap(api.GET('/api/v1/tgd-requests', { params: { query: { ...mine, status: 'pending' } } })),
    unwrap(api.GET('/api/v1/technical-alerts', { params: { query: mine } })),
  ]);
  return {
    cases: cases.items.filter((c) => c.status !== 'closed'),
    obligations: [...overdue.items, ...due.items],
    requests: requests.items,
    alerts: alerts.items.filter((a) => a.status !== 'resolved'),
    // What the first pages left out: said under each list rather than dropped in silence.
    partial: {
      cases: cases.total > cases.items.length,
      obligations: overdue.total + due.total > overdue.items.length + due.items.length,
      requests: requests.total > requests.items.length,
      alerts: alerts.total > alerts.items.length,
    },
  };
}

function Section({
  title,
  count,
  partial = false,
  children,
}: {
  title: string;
  count: number;
  /** Only the first page of the list was read. */
  partial?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Group gap="xs">
        <Title order={3}>{title}</Title>
        <Badge variant="light" aria-hidden>
          {partial ? `${count}+` : count}
        </Badge>
      </Group>
      {children}
      {partial && <Text>{t('worklist.partial', { count: LIST.pageSize })}</Text>}
    </Stack>
  );
}

function victimName(caseFile: CaseFile): string {
  return [caseFile.victim.firstName, caseFile.victim.lastName].filter(Boolean).join(' ');
}

/** A coordinator's arrival: what is late or due, requests awaiting the prosecutor, device faults, their cases. */
export default function WorklistPage() {
  const { t } = useTranslation();
  const { longDay } = useDates();
  const { user } = useSession();
  usePageTitle(t('worklist.title'));
  const { data, failure, reload } = useRead(
    () => readWorklist(user?.subject ?? ''),
    user?.subject ?? '',
  );
  // A request decided, or filed from another desk, shows at once (the live feed announces it).
  useRequestsChanged(reload);
  const references = new Map((data?.cases ?? []).map((c) => [c.id, c.reference]));
  const caseLabel = (caseId: string) => references.get(caseId) ?? t('worklist.openCase');

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('worklist.title')}</Title>
        <Button component={Link} to="/cases/new">
          {t('worklist.newCase')}
        </Button>
      </Group>
      <ProblemAlert problem={failure} />
      {!data && !failure && <Waiting />}
      {data && (
        <>
          {/* Cases other jurisdictions ask this one to take over (issue #17). */}
          <IncomingTransfers />
          <Section
            title={t('worklist.obligations')}
            count={data.obligations.length}
            partial={data.partial.obligations}
          >
            {data.obligations.length === 0 ? (
              <Text>{t('worklist.nothingDue')}</Text>
            ) : (
              <ObligationTable
                obligations={data.obligations}
                caption={t('worklist.obligationsCaption')}
                onChanged={reload}
                caseLabel={(o: Obligation) => caseLabel(o.caseId)}
              />
            )}
          </Section>
          {data.alerts.length > 0 && (
            <Section
              title={t('worklist.alerts')}
              count={data.alerts.length}
              partial={data.partial.alerts}
            >
              <Table striped>
                <Table.Caption>{t('worklist.alertsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('worklist.alert')}</Table.Th>
                    <Table.Th scope="col">{t('worklist.case')}</Table.Th>
                    <Table.Th scope="col">{t('worklist.since')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.alerts.map((alert) => (
                    <Table.Tr key={alert.id} data-testid="worklist-alert">
                      <Table.Td>
                        <Text fw={600}>{t(`technical.kinds.${alert.kind}`)}</Text>
                        <Text size="sm">{t(`technical.statuses.${alert.status}`)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <CaseReference
                          to={`/cases/${alert.caseId}`}
                          reference={caseLabel(alert.caseId)}
                        />
                      </Table.Td>
                      <Table.Td>{longDay(alert.openedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Link to="/technical">{t('worklist.technicalQueue')}</Link>
            </Section>
          )}
          <Section
            title={t('worklist.requests')}
            count={data.requests.length}
            partial={data.partial.requests}
          >
            {data.requests.length === 0 ? (
              <Text>{t('worklist.noRequests')}</Text>
            ) : (
              <Table striped>
                <Table.Caption>{t('worklist.requestsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('worklist.case')}</Table.Th>
                    <Table.Th scope="col">{t('worklist.filedAt')}</Table.Th>
                    <Table.Th scope="col">{t('worklist.request')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.requests.map((request) => (
                    <Table.Tr key={request.id} data-testid="worklist-request">
                      <Table.Td>
                        <CaseReference
                          to={`/cases/${request.caseId}`}
                          reference={caseLabel(request.caseId)}
                        />
                      </Table.Td>
                      <Table.Td>{longDay(request.filedAt)}</Table.Td>
                      <Table.Td>
                        <Link to={`/tgd-requests/${request.id}`}>{t('worklist.openRequest')}</Link>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
          <Section
            title={t('worklist.cases')}
            count={data.cases.length}
            partial={data.partial.cases}
          >
            {data.cases.length === 0 ? (
              <Text>{t('worklist.noCases')}</Text>
            ) : (
              <Table striped>
                <Table.Caption>{t('worklist.casesCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('worklist.reference')}</Table.Th>
                    <Table.Th scope="col">{t('worklist.victim')}</Table.Th>
                    <Table.Th scope="col">{t('worklist.status')}</Table.Th>
                    <Table.Th scope="col">{t('worklist.updatedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.cases.map((caseFile) => (
                    <Table.Tr key={caseFile.id} data-testid="worklist-case">
                      <Table.Td>
                        <CaseReference
                          to={`/cases/${caseFile.id}`}
                          reference={caseFile.reference}
                        />
                      </Table.Td>
                      <Table.Td>{victimName(caseFile)}</Table.Td>
                      <Table.Td>{t(`caseStatus.${caseFile.status}`)}</Table.Td>
                      <Table.Td>{longDay(caseFile.updatedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Link to="/cases">{t('worklist.allCases')}</Link>
          </Section>
        </>
      )}
    </Stack>
  );
}
