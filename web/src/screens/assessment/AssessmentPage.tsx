import { Alert, Anchor, Badge, Center, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';

import { api, unwrap } from '../../api/client';
import { useRead } from '../../components/usePage';
import { dateTime } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { type Assessment, definitionOf, languageName, localize, pinnedOf } from './definition';
import { QuestionnaireForm } from './QuestionnaireForm';
import { ResultView } from './ResultView';

/**
 * An assessment: a draft is the questionnaire to fill in (saved as it is typed), a submitted one its
 * result. The definition read is the version the assessment is pinned to.
 */
export default function AssessmentPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { has } = useSession();
  const [changed, setChanged] = useState<Assessment>();
  /** Just submitted here: the result takes the focus the form's button had. */
  const [submittedHere, setSubmittedHere] = useState(false);
  const { data: loaded, failure } = useRead(async () => {
    const assessment = await unwrap(
      api.GET('/api/v1/assessments/{id}', { params: { path: { id } } }),
    );
    const [questionnaire, all] = await Promise.all([
      unwrap(
        api.GET('/api/v1/questionnaires/{questionnaireId}', {
          params: {
            path: { questionnaireId: pinnedOf(assessment).id },
            query: { version: pinnedOf(assessment).version },
          },
        }),
      ),
      unwrap(api.GET('/api/v1/questionnaires')),
    ]);
    return { assessment, definition: definitionOf(questionnaire), all };
  }, id);
  const assessment = changed?.id === id ? changed : loaded?.assessment;
  const definition = loaded?.definition;
  const title = definition
    ? localize(definition.title, i18n.language, definition.languages[0])
    : t('assessment.title');
  usePageTitle(title);

  if (failure)
    return (
      <Stack>
        <Title order={2}>{t('assessment.title')}</Title>
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      </Stack>
    );
  if (!assessment || !definition || !loaded)
    return (
      <Center h="40vh">
        <Waiting />
      </Center>
    );

  const titles = new Map(
    loaded.all.map((q) => [q.id, localize(q.title, i18n.language, q.languages[0])]),
  );
  const draft = assessment.status === 'draft';
  const description = definition.description
    ? localize(definition.description, assessment.language, definition.languages[0])
    : undefined;

  return (
    <Stack>
      <Stack gap={4}>
        <Anchor component={Link} to={`/cases/${assessment.caseId}`} size="sm">
          {t('assessment.backToCase')}
        </Anchor>
        <Title order={2}>{title}</Title>
        <Group gap="sm">
          <Badge color={draft ? 'orange' : 'navy'} variant={draft ? 'light' : 'filled'}>
            {t(`assessment.status.${assessment.status}`)}
          </Badge>
          <Text size="sm">
            {t('assessment.meta', {
              version: pinnedOf(assessment).version,
              language: languageName(assessment.language, i18n.language),
              date: dateTime(assessment.submittedAt ?? assessment.createdAt, i18n.language),
            })}
          </Text>
        </Group>
        {draft && description && <Text>{description}</Text>}
      </Stack>
      {draft ? (
        <QuestionnaireForm
          assessment={assessment}
          definition={definition}
          editable={has('coordinator')}
          onSubmitted={(submitted) => {
            setChanged(submitted);
            setSubmittedHere(true);
          }}
        />
      ) : (
        <ResultView
          assessment={assessment}
          definition={definition}
          titles={titles}
          canOverride={has('coordinator')}
          takeFocus={submittedHere}
          onChanged={setChanged}
        />
      )}
    </Stack>
  );
}
