import { Button, Code, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, unwrap } from '../../api/client';
import { PageNumbers } from '../../components/PageNumbers';
import { ProblemAlert } from '../../components/problems';
import { usePage } from '../../components/usePage';
import { usePageTitle } from '../../layout/usePageTitle';

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Filters {
  actorId: string;
  action: string;
  caseId: string;
}

/** The audit trail: every read and write, who, what, on which case, filtered. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('audit.title'));
  const [filters, setFilters] = useState<Filters>({ actorId: '', action: '', caseId: '' });
  const [pageNumber, setPageNumber] = useState(1);
  const form = useForm<Filters>({
    initialValues: filters,
    validate: { caseId: (value) => (!value || UUID.test(value) ? null : t('audit.caseIdInvalid')) },
  });
  const { page, failure } = usePage(
    () =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              page: pageNumber,
              pageSize: PAGE_SIZE,
              ...(filters.actorId ? { actorId: filters.actorId } : {}),
              ...(filters.action ? { action: filters.action } : {}),
              ...(filters.caseId ? { caseId: filters.caseId } : {}),
            },
          },
        }),
      ),
    `${JSON.stringify(filters)}:${pageNumber}`,
  );
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <form
        onSubmit={form.onSubmit((values) => {
          setFilters(values);
          setPageNumber(1);
        })}
      >
        <Group align="flex-end">
          <TextInput label={t('audit.actor')} {...form.getInputProps('actorId')} />
          <TextInput
            label={t('audit.action')}
            placeholder="case.read"
            {...form.getInputProps('action')}
          />
          <TextInput label={t('audit.case')} {...form.getInputProps('caseId')} />
          <Button type="submit">{t('audit.filter')}</Button>
        </Group>
      </form>
      <ProblemAlert problem={failure} />
      <Table striped>
        <Table.Caption>{t('audit.count', { count: page?.total ?? 0 })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.when')}</Table.Th>
            <Table.Th scope="col">{t('audit.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.entity')}</Table.Th>
            <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(page?.items ?? []).map((record) => (
            <Table.Tr key={record.id}>
              <Table.Td>{new Date(record.occurredAt).toLocaleString(i18n.language)}</Table.Td>
              <Table.Td>
                {record.actorId} ({record.actorRole})
              </Table.Td>
              <Table.Td>
                <Code>{record.action}</Code>
              </Table.Td>
              <Table.Td>
                {record.entityType} {record.entityId?.slice(0, 8)}
              </Table.Td>
              <Table.Td>{record.outcome}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <PageNumbers page={page} value={pageNumber} onChange={setPageNumber} />
    </Stack>
  );
}
