import {
  Anchor,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';

import { api, type Schemas, unwrap } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { LevelBadge } from '../../components/LevelBadge';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { shortDate } from '../../layout/format';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { languageLabel, localize, pinnedOf } from './definition';

type Summary = Schemas['QuestionnaireSummaryDto'];

/** Chooses an instrument and the language of the interview, creates the draft and opens it. */
function NewAssessmentModal({
  caseFile,
  questionnaires,
  opened,
  onClose,
}: {
  caseFile: Schemas['CaseDto'];
  questionnaires: Summary[];
  opened: boolean;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const preferred = caseFile.victim.preferredLanguage ?? i18n.language;
  const languageFor = (id: string) => {
    const languages = questionnaires.find((q) => q.id === id)?.languages ?? [];
    return languages.includes(preferred) ? preferred : (languages[0] ?? '');
  };
  const form = useForm({
    initialValues: { questionnaireId: '', language: '' },
    validate: {
      questionnaireId: (value) => (value ? null : t('assessment.new.instrumentRequired')),
      language: (value) => (value ? null : t('assessment.new.languageRequired')),
    },
    onValuesChange: (values, previous) => {
      if (values.questionnaireId !== previous.questionnaireId)
        form.setFieldValue('language', languageFor(values.questionnaireId));
    },
  });
  const chosen = questionnaires.find((q) => q.id === form.values.questionnaireId);

  return (
    <FormModal
      opened={opened}
      title={t('assessment.new.title')}
      form={form}
      submit={async (values) => {
        const draft = await unwrap(
          api.POST('/api/v1/cases/{caseId}/assessments', {
            params: { path: { caseId: caseFile.id } },
            body: values,
          }),
        );
        void navigate(`/assessments/${draft.id}`);
      }}
      onClose={onClose}
      confirm={t('assessment.new.start')}
    >
      {/* Focused when the dialog opens: the focus trap, arriving after a quick click on the
          list, would otherwise take the focus away from it and close it. */}
      <Select
        label={t('assessment.instrument')}
        withAsterisk
        data-autofocus
        data={questionnaires.map((q) => ({
          value: q.id,
          label: `${localize(q.title, i18n.language, q.languages[0])} (${q.version})`,
        }))}
        {...form.getInputProps('questionnaireId')}
      />
      <Select
        label={t('assessment.language')}
        description={t('assessment.new.languageHelp')}
        withAsterisk
        disabled={!chosen}
        data={(chosen?.languages ?? []).map((code) => ({
          value: code,
          label: languageLabel(code, i18n.language),
        }))}
        {...form.getInputProps('language')}
      />
    </FormModal>
  );
}

/**
 * The case's assessments, newest first: date, instrument, draft or submitted, the level in force
 * and whether professional judgement overrode it; a draft can be resumed, a new one started.
 */
export function CaseAssessments({ caseFile }: { caseFile: Schemas['CaseDto'] }) {
  const { t, i18n } = useTranslation();
  const { has } = useSession();
  const [creating, setCreating] = useState(false);
  const { data, failure } = useRead(async () => {
    const [history, questionnaires] = await Promise.all([
      unwrap(
        api.GET('/api/v1/cases/{caseId}/assessments', {
          params: { path: { caseId: caseFile.id } },
        }),
      ),
      unwrap(api.GET('/api/v1/questionnaires')),
    ]);
    return { history, questionnaires };
  }, `${caseFile.id}:${caseFile.version}`);
  const canCreate = has('coordinator') && caseFile.status !== 'closed';
  const titleOf = (id: string) => {
    const q = data?.questionnaires.find((s) => s.id === id);
    return q ? localize(q.title, i18n.language, q.languages[0]) : id;
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="case-assessments-title">
      <Group justify="space-between">
        <Title order={3} id="case-assessments-title">
          {t('assessment.case.title')}
        </Title>
        {canCreate && data && (
          <Button onClick={() => setCreating(true)}>{t('assessment.case.new')}</Button>
        )}
      </Group>
      <ProblemAlert problem={failure} />
      {!data && !failure && <Waiting size="sm" />}
      {data && data.history.length === 0 && <Text>{t('assessment.case.none')}</Text>}
      {data && data.history.length > 0 && (
        <Table striped data-testid="case-assessments">
          <Table.Caption>
            {t('assessment.case.caption', { count: data.history.length })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('assessment.case.date')}</Table.Th>
              <Table.Th scope="col">{t('assessment.instrument')}</Table.Th>
              <Table.Th scope="col">{t('assessment.case.status')}</Table.Th>
              <Table.Th scope="col">{t('assessment.levelInForce')}</Table.Th>
              <Table.Th scope="col">{t('assessment.case.overridden')}</Table.Th>
              <Table.Th scope="col">{t('assessment.case.open')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.history.map((a) => (
              <Table.Tr key={a.id} data-assessment={a.id} data-status={a.status}>
                <Table.Td>{shortDate(a.submittedAt ?? a.createdAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {titleOf(pinnedOf(a).id)} ({pinnedOf(a).version})
                </Table.Td>
                <Table.Td>
                  <Badge
                    color={a.status === 'draft' ? 'orange' : 'navy'}
                    variant={a.status === 'draft' ? 'light' : 'filled'}
                  >
                    {t(`assessment.status.${a.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {a.level && a.levelRank !== null ? (
                    <LevelBadge
                      rank={a.levelRank}
                      count={a.levelCount ?? 1}
                      label={a.levelLabel ?? a.level}
                      size="md"
                    />
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  {a.status === 'draft'
                    ? '—'
                    : a.override
                      ? t('assessment.case.overriddenYes')
                      : t('assessment.case.overriddenNo')}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/assessments/${a.id}`}>
                    {a.status === 'draft' && has('coordinator')
                      ? t('assessment.case.resume')
                      : t('assessment.case.view')}
                    <VisuallyHidden>
                      {' '}
                      {t('assessment.case.ofDate', {
                        date: shortDate(a.submittedAt ?? a.createdAt, i18n.language),
                      })}
                    </VisuallyHidden>
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && (
        <NewAssessmentModal
          caseFile={caseFile}
          questionnaires={data.questionnaires}
          opened={creating}
          onClose={() => setCreating(false)}
        />
      )}
    </Stack>
  );
}
