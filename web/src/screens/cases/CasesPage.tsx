import {
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { api, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { PageNumbers } from '../../components/PageNumbers';
import { ProblemAlert } from '../../components/problems';
import { usePage } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { type CaseFile, STATUSES } from './caseForm';

const PAGE_SIZE = 20;
const STATUS_COLOURS = { open: 'navy', enrolled: 'green', closed: 'gray' } as const;

export function StatusBadge({ status }: { status: CaseFile['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant={status === 'closed' ? 'outline' : 'filled'}>
      {t(`caseStatus.${status}`)}
    </Badge>
  );
}

/** The victim's name as police files write it: last name in capitals, then first name. */
export function victimName(file: CaseFile): string {
  return [file.victim.lastName.toUpperCase(), file.victim.firstName].filter(Boolean).join(' ');
}

/** The cases of the user's jurisdictions, by status, jurisdiction and coordinator, newest first. */
export default function CasesPage() {
  const { t } = useTranslation();
  const { user, has } = useSession();
  const { moment } = useDates();
  usePageTitle(t('cases.title'));
  const jurisdictions = (user?.jurisdictions ?? []).filter((j) => j !== '*');
  const everywhere = user?.jurisdictions.includes('*') ?? false;
  const [status, setStatus] = useState<string | null>(null);
  const [jurisdiction, setJurisdiction] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const [pageNumber, setPageNumber] = useState(1);
  const { page, failure } = usePage<CaseFile>(
    () =>
      unwrap(
        api.GET('/api/v1/cases', {
          params: {
            query: {
              page: pageNumber,
              pageSize: PAGE_SIZE,
              ...(status ? { status: status as CaseFile['status'] } : {}),
              ...(jurisdiction ? { jurisdiction } : {}),
              ...(mine && user ? { coordinatorId: user.subject } : {}),
            },
          },
        }),
      ),
    `${status}:${jurisdiction}:${mine}:${pageNumber}`,
  );
  const filtered =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPageNumber(1);
    };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('cases.title')}</Title>
        {has('coordinator') && (
          <Button component={Link} to="/cases/new">
            {t('cases.new')}
          </Button>
        )}
      </Group>
      <Group align="end" role="search" aria-label={t('cases.filters')}>
        <Select
          label={t('cases.filterStatus')}
          placeholder={t('cases.allStatuses')}
          clearable
          w={200}
          value={status}
          onChange={filtered(setStatus)}
          data={STATUSES.map((value) => ({ value, label: t(`caseStatus.${value}`) }))}
        />
        {everywhere ? (
          <TextInput
            label={t('cases.filterJurisdiction')}
            w={200}
            value={jurisdiction ?? ''}
            onChange={(e) => filtered(setJurisdiction)(e.currentTarget.value.toUpperCase() || null)}
          />
        ) : (
          jurisdictions.length > 1 && (
            <Select
              label={t('cases.filterJurisdiction')}
              clearable
              w={200}
              value={jurisdiction}
              onChange={filtered(setJurisdiction)}
              data={jurisdictions}
            />
          )
        )}
        {has('coordinator') && (
          <Checkbox
            label={t('cases.mine')}
            checked={mine}
            onChange={(e) => filtered(setMine)(e.currentTarget.checked)}
            mb={8}
          />
        )}
      </Group>
      <ProblemAlert problem={failure} />
      {!page && !failure ? (
        <Waiting />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('cases.count', { count: page?.total ?? 0 })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.column.reference')}</Table.Th>
                <Table.Th scope="col">{t('cases.column.victim')}</Table.Th>
                <Table.Th scope="col">{t('cases.column.jurisdiction')}</Table.Th>
                <Table.Th scope="col">{t('cases.column.status')}</Table.Th>
                <Table.Th scope="col">{t('cases.column.coordinator')}</Table.Th>
                <Table.Th scope="col">{t('cases.column.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(page?.items ?? []).map((file) => (
                <Table.Tr key={file.id}>
                  <Table.Td>
                    <CaseReference to={`/cases/${file.id}`} reference={file.reference} fw={600} />
                  </Table.Td>
                  <Table.Td>{victimName(file)}</Table.Td>
                  <Table.Td>{file.jurisdiction}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={file.status} />
                  </Table.Td>
                  <Table.Td>{file.coordinatorName ?? file.coordinatorId}</Table.Td>
                  <Table.Td>{moment(file.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {page?.total === 0 && <Text>{t('cases.none')}</Text>}
      <PageNumbers page={page} value={pageNumber} onChange={setPageNumber} />
    </Stack>
  );
}
