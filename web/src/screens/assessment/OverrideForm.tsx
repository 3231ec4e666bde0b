import { Button, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, ApiError, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problems';
import { type Assessment, type Definition, localize } from './definition';

const DEFAULT_MIN_JUSTIFICATION = 30;

/**
 * Professional judgement on the computed level: the levels the instrument allows (raise_only: above
 * the computed one only), a justification of the instrument's minimum length; the service's faults
 * shown beside the field they name.
 */
export function OverrideForm({
  assessment,
  definition,
  onDone,
}: {
  assessment: Assessment;
  definition: Definition;
  onDone(changed: Assessment): void;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string>();
  const reference = definition.languages[0];
  const direction = definition.override?.direction ?? 'any';
  const minLength = definition.override?.minJustificationLength ?? DEFAULT_MIN_JUSTIFICATION;
  const computedRank = definition.levels.findIndex((l) => l.id === assessment.computedLevel);
  const choices = definition.levels
    .map((level, rank) => ({ level, rank }))
    .filter(({ rank }) => rank !== computedRank && (direction === 'any' || rank > computedRank))
    .map(({ level }) => ({
      value: level.id,
      label: localize(level.label, assessment.language, reference),
    }));
  const form = useForm({
    initialValues: { level: '', justification: '' },
    validate: {
      level: (value) => (value ? null : t('assessment.override.levelRequired')),
      justification: (value) =>
        value.trim().length >= minLength
          ? null
          : t('assessment.override.tooShort', { count: minLength }),
    },
  });

  if (choices.length === 0)
    return (
      <Stack gap="xs">
        <Title order={3}>{t('assessment.override.title')}</Title>
        <Text>{t('assessment.override.noneAbove')}</Text>
      </Stack>
    );

  return (
    <form
      aria-labelledby="override-title"
      onSubmit={form.onSubmit(async (values) => {
        setFailure(undefined);
        try {
          onDone(
            await unwrap(
              api.POST('/api/v1/assessments/{id}/override', {
                params: { path: { id: assessment.id } },
                body: values,
              }),
            ),
          );
        } catch (error) {
          const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
          const known = fields.filter((f) => f.field === 'level' || f.field === 'justification');
          for (const field of known)
            form.setFieldError(
              field.field,
              t('assessment.override.refused', { message: field.message }),
            );
          if (known.length === 0) setFailure((error as Error).message);
        }
      })}
    >
      <Stack gap="sm" maw={640}>
        <Title order={3} id="override-title">
          {t('assessment.override.title')}
        </Title>
        <Text size="sm">
          {direction === 'raise_only'
            ? t('assessment.override.raiseOnly')
            : t('assessment.override.anyDirection')}
        </Text>
        <Select
          label={t('assessment.override.level')}
          data={choices}
          withAsterisk
          {...form.getInputProps('level')}
        />
        <Textarea
          label={t('assessment.override.justification')}
          description={t('assessment.override.minLength', { count: minLength })}
          withAsterisk
          autosize
          minRows={3}
          maxLength={4000}
          {...form.getInputProps('justification')}
        />
        <ProblemAlert problem={failure} />
        <Button type="submit" w="fit-content">
          {t('assessment.override.submit')}
        </Button>
      </Stack>
    </form>
  );
}
