import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { Waiting } from '../../layout/Waiting';
import { ObligationTable } from './ObligationTable';

/** The case's follow-up obligations: open ones first (most urgent on top), then those closed. */
export function CaseObligations({ caseFile }: { caseFile: Schemas['CaseDto'] }) {
  const { t } = useTranslation();
  const { data, failure, reload } = useRead(
    () =>
      unwrap(
        api.GET('/api/v1/cases/{caseId}/obligations', {
          params: { path: { caseId: caseFile.id } },
        }),
      ),
    caseFile.id,
  );
  const open = (data ?? [])
    .filter((o) => o.status === 'open')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const closed = (data ?? []).filter((o) => o.status !== 'open');
  return (
    <Stack gap="sm">
      <Title order={3}>{t('worklist.caseObligations')}</Title>
      <ProblemAlert problem={failure} />
      {!data && !failure && <Waiting size="sm" />}
      {data && data.length === 0 && <Text>{t('worklist.noObligations')}</Text>}
      {open.length > 0 && (
        <ObligationTable
          obligations={open}
          caption={t('worklist.openCount', { count: open.length })}
          onChanged={reload}
        />
      )}
      {closed.length > 0 && (
        <ObligationTable
          obligations={closed}
          caption={t('worklist.closedCount', { count: closed.length })}
          onChanged={reload}
        />
      )}
    </Stack>
  );
}
