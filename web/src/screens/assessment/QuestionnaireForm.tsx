import '@mantine/dates/styles.css';
import 'dayjs/locale/fr';
import 'dayjs/locale/nl';

import {
  Alert,
  Anchor,
  Box,
  Button,
  Fieldset,
  Group,
  List,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, ApiError, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problems';
import { clockTime } from '../../layout/format';
import { type Assessment, type Definition, fieldId, type Item, localize } from './definition';
import { useItemWords } from './item-words';
import { ItemField } from './ItemField';
import { type SaveStatus, useAutosave } from './useAutosave';

/** Moves the focus to an item's field: the input itself, or the chosen (else first) option. */
export function focusField(itemId: string): void {
  const element = document.getElementById(fieldId(itemId));
  if (!element) return;
  const target =
    element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
      ? element
      : (element.querySelector<HTMLInputElement>('input:checked:not([disabled])') ??
        element.querySelector<HTMLInputElement>('input:not([type=hidden]):not([disabled])'));
  element.scrollIntoView({ block: 'center' });
  target?.focus();
}

function StatusLine({ status, onRetry }: { status: SaveStatus; onRetry(): void }) {
  const { t, i18n } = useTranslation();
  const [text, color] = (() => {
    switch (status.state) {
      case 'idle':
        return [t('assessment.save.idle'), undefined];
      case 'saving':
        return [t('assessment.save.saving'), undefined];
      case 'saved':
        return [
          t('assessment.save.saved', { time: clockTime(status.at.toISOString(), i18n.language) }),
          'green.9',
        ];
      case 'retrying':
        return [t('assessment.save.retrying', { count: status.inSeconds }), 'red.9'];
      case 'failed':
        return [t('assessment.save.failed', { message: status.message }), 'red.9'];
    }
  })();
  return (
    <Group gap="sm">
      <Text size="sm" c={color} role="status" aria-live="polite" data-testid="save-status">
        {text}
      </Text>
      {(status.state === 'retrying' || status.state === 'failed') && (
        <Button size="compact-sm" variant="outline" onClick={onRetry}>
          {t('assessment.save.retryNow')}
        </Button>
      )}
    </Group>
  );
}

/**
 * A draft's questionnaire, rendered from its definition: one fieldset per section, each item with
 * the control of its type, answers saved as they are given (useAutosave), and the submission, which
 * lists the mandatory items left without an answer, each linking to its field.
 */
export function QuestionnaireForm({
  assessment,
  definition,
  editable,
  onSubmitted,
}: {
  assessment: Assessment;
  definition: Definition;
  editable: boolean;
  onSubmitted(submitted: Assessment): void;
}) {
  const { t, i18n } = useTranslation();
  const language = assessment.language;
  const reference = definition.languages[0];
  const words = useItemWords(language);
  const { answers, change, status, refused, flush, retryNow } = useAutosave(assessment, editable);
  const [missing, setMissing] = useState<string[]>([]);
  const [failure, setFailure] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  /** Counts refused submissions: each moves the focus to the summary once. */
  const [refusals, setRefusals] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const items = new Map(definition.items.map((item) => [item.id, item]));

  // A refused submission moves the focus to the summary of missing items.
  useEffect(() => {
    if (refusals > 0) summary.current?.focus();
  }, [refusals]);

  const submit = async () => {
    setFailure(undefined);
    setSubmitting(true);
    try {
      if (!(await flush())) {
        setFailure(t('assessment.form.unsaved'));
        return;
      }
      const submitted = await unwrap(
        api.POST('/api/v1/assessments/{id}/submit', { params: { path: { id: assessment.id } } }),
      );
      setMissing([]);
      onSubmitted(submitted);
    } catch (error) {
      const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
      const ids = fields
        .map((f) => f.field.replace(/^answers\./, ''))
        .filter((id) => items.has(id));
      if (ids.length > 0) {
        setMissing(ids);
        setRefusals((n) => n + 1);
      } else setFailure((error as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  const sectionIds = new Set(definition.sections.map((s) => s.id));
  const sections = [
    ...definition.sections.map((section) => ({
      id: section.id,
      title: localize(section.title, language, reference),
      items: definition.items.filter((item) => item.section === section.id),
    })),
    {
      id: '',
      title: words.otherItems,
      items: definition.items.filter((item) => !sectionIds.has(item.section)),
    },
  ].filter((section) => section.items.length > 0);

  // The console's words inside the questionnaire's language: marked as such for screen readers.
  const errorOf = (item: Item) => {
    const message = missing.includes(item.id)
      ? t('assessment.form.missingField', { unknown: words.unknown })
      : refused[item.id]
        ? t('assessment.form.refused', { message: refused[item.id] })
        : undefined;
    return message && <span lang={i18n.language}>{message}</span>;
  };

  return (
    <DatesProvider settings={{ locale: i18n.language }}>
      <Stack>
        <Paper
          withBorder
          p="sm"
          pos="sticky"
          top="var(--app-shell-header-height, 0px)"
          style={{ zIndex: 2 }}
        >
          <Group justify="space-between">
            <StatusLine status={status} onRetry={retryNow} />
            <Text size="sm">{t('assessment.form.mandatoryNote', { unknown: words.unknown })}</Text>
          </Group>
        </Paper>
        {missing.length > 0 && (
          <Alert
            ref={summary}
            tabIndex={-1}
            color="red"
            title={t('assessment.form.missingTitle', { count: missing.length })}
            data-testid="missing-items"
          >
            <List>
              {missing.map((id) => (
                <List.Item key={id}>
                  <Anchor
                    href={`#${fieldId(id)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusField(id);
                    }}
                  >
                    {localize(items.get(id)?.text, language, reference)}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {sections.map((section) => (
          <Fieldset
            key={section.id}
            legend={section.title}
            data-section={section.id}
            lang={language}
          >
            <Stack gap="lg">
              {section.items.map((item) => (
                <Box
                  key={item.id}
                  data-item={item.id}
                  pl={item.red ? 'sm' : undefined}
                  style={
                    item.red ? { borderLeft: '4px solid var(--mantine-color-red-8)' } : undefined
                  }
                >
                  <ItemField
                    item={item}
                    value={answers[item.id]}
                    language={language}
                    reference={reference}
                    error={errorOf(item)}
                    disabled={!editable}
                    onChange={(value, immediate) => {
                      if (missing.includes(item.id) && value !== null)
                        setMissing((known) => known.filter((id) => id !== item.id));
                      change(item.id, value, immediate);
                    }}
                  />
                </Box>
              ))}
            </Stack>
          </Fieldset>
        ))}
        <ProblemAlert problem={failure} />
        {editable && (
          <Group>
            <Button
              onClick={() => void submit()}
              loading={submitting}
              data-testid="submit-assessment"
            >
              {t('assessment.form.submit')}
            </Button>
          </Group>
        )}
      </Stack>
    </DatesProvider>
  );
}
