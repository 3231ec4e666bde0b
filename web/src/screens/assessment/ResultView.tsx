import { Alert, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { LevelBadge } from '../../components/LevelBadge';
import { dateTime } from '../../layout/format';
import {
  type Assessment,
  type Definition,
  type FiredRule,
  localize,
  type Result,
  resultOf,
} from './definition';
import { LevelTrend } from './LevelTrend';
import { OverrideForm } from './OverrideForm';

/**
 * The rule that decided the level: the result's own `decisiveRule`, else (older results) the first
 * rule forcing the level reached when the score alone stayed below it.
 */
function decisiveRule(result: Result, definition: Definition): string | null {
  if (result.decisiveRule !== undefined) return result.decisiveRule;
  const rank = (id?: string) => definition.levels.findIndex((l) => l.id === id);
  if (rank(result.scoreLevel) >= result.levelRank) return null;
  return result.firedRules.find((r) => rank(r.minimumLevel) === result.levelRank)?.rule ?? null;
}

/** The rule that forced the level first, then the other forcing rules, then the weights. */
function ordered(rules: FiredRule[], decisive: string | null): FiredRule[] {
  const weight = (rule: FiredRule) =>
    rule.rule === decisive ? 0 : rule.minimumLevel ? 1 : rule.kind === 'red-flag' ? 2 : 3;
  return [...rules].sort((a, b) => weight(a) - weight(b));
}

/**
 * A submitted assessment: the level in force beside the computed one, the red flags, every rule
 * that fired with its reason (the one that forced the level first), the unknown answers, the trend
 * over the case's assessments and the professional override.
 */
export function ResultView({
  assessment,
  definition,
  titles,
  canOverride,
  takeFocus = false,
  onChanged,
}: {
  assessment: Assessment;
  definition: Definition;
  titles: Map<string, string>;
  canOverride: boolean;
  /** Moves the focus to the level's heading once shown (it replaced the submitted form). */
  takeFocus?: boolean;
  onChanged(changed: Assessment): void;
}) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  const result = resultOf(assessment);
  if (!result) return null;
  const language = assessment.language;
  const reference = definition.languages[0];
  const levelLabel = (id?: string | null) =>
    localize(definition.levels.find((l) => l.id === id)?.label, language, reference);
  const itemText = (id: string) =>
    localize(definition.items.find((i) => i.id === id)?.text, language, reference) || id;
  const count = definition.levels.length;
  const rankOf = (id?: string | null) => definition.levels.findIndex((l) => l.id === id);
  const decisive = decisiveRule(result, definition);
  const rules = ordered(result.firedRules, decisive);

  return (
    <Stack gap="xl">
      <Paper withBorder p="md" component="section" aria-labelledby="level-title">
        <Stack gap="sm">
          <Title order={3} id="level-title" tabIndex={-1} ref={heading}>
            {t('assessment.result.level')}
          </Title>
          <Group gap="xl" align="flex-start">
            <Stack gap={4}>
              <Text fw={600}>{t('assessment.levelInForce')}</Text>
              <LevelBadge
                rank={assessment.levelRank ?? 0}
                count={count}
                label={assessment.levelLabel ?? ''}
              />
            </Stack>
            <Stack gap={4}>
              <Text fw={600}>{t('assessment.result.computed')}</Text>
              <LevelBadge
                rank={rankOf(assessment.computedLevel)}
                count={count}
                label={levelLabel(assessment.computedLevel)}
              />
            </Stack>
            <Stack gap={4}>
              <Text fw={600}>{t('assessment.result.score')}</Text>
              <Text>
                {t('assessment.result.scoreIs', {
                  score: result.score,
                  level: levelLabel(result.scoreLevel),
                })}
              </Text>
            </Stack>
          </Group>
          {assessment.override && (
            <Alert color="navy" title={t('assessment.override.recorded')}>
              <Text>
                {t('assessment.override.recordedBy', {
                  level: assessment.override.levelLabel,
                  by: assessment.override.byName ?? assessment.override.by,
                  date: dateTime(assessment.override.at, i18n.language),
                })}
              </Text>
              <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                {assessment.override.justification}
              </Text>
            </Alert>
          )}
          {result.unknown.incomplete && (
            <Alert color="orange" title={t('assessment.result.incomplete')}>
              {t('assessment.result.incompleteDetail', {
                count: result.unknown.count,
                ratio: Math.round(result.unknown.ratio * 100),
                max: Math.round((result.unknown.maxRatio ?? 0) * 100),
              })}
            </Alert>
          )}
        </Stack>
      </Paper>

      <Stack gap="sm" component="section" aria-labelledby="flags-title">
        <Title order={3} id="flags-title">
          {t('assessment.result.redFlags')}
        </Title>
        {result.redFlags.length === 0 ? (
          <Text>{t('assessment.result.noRedFlag')}</Text>
        ) : (
          <Group gap="xs" data-testid="red-flags">
            {result.redFlags.map((flag) => (
              <Badge key={flag.flag} color="red" variant="filled" size="lg">
                {flag.label}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="rules-title">
        <Title order={3} id="rules-title">
          {t('assessment.result.rules')}
        </Title>
        {rules.length === 0 ? (
          <Text>{t('assessment.result.noRule')}</Text>
        ) : (
          <Table striped data-testid="fired-rules">
            <Table.Caption>{t('assessment.result.rulesCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('assessment.result.reason')}</Table.Th>
                <Table.Th scope="col">{t('assessment.result.kind')}</Table.Th>
                <Table.Th scope="col">{t('assessment.result.points')}</Table.Th>
                <Table.Th scope="col">{t('assessment.result.minimumLevel')}</Table.Th>
                <Table.Th scope="col">{t('assessment.result.items')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.map((rule) => (
                <Table.Tr key={rule.rule} data-rule={rule.rule}>
                  <Table.Td>
                    <Text>{rule.reason}</Text>
                    {rule.rule === decisive && (
                      <Badge color="red" variant="outline" mt={4}>
                        {t('assessment.result.decisive')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`assessment.result.kinds.${rule.kind}`)}</Table.Td>
                  <Table.Td>{rule.points}</Table.Td>
                  <Table.Td>{rule.minimumLevel ? levelLabel(rule.minimumLevel) : '—'}</Table.Td>
                  <Table.Td>{rule.items.map(itemText).join(' ; ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="unknown-title">
        <Title order={3} id="unknown-title">
          {t('assessment.result.unknown', { count: result.unknown.count })}
        </Title>
        {result.unknown.items.length === 0 ? (
          <Text>{t('assessment.result.noUnknown')}</Text>
        ) : (
          <List data-testid="unknown-items">
            {result.unknown.items.map((item) => (
              <List.Item key={item.itemId}>
                {itemText(item.itemId)} — {t(`assessment.result.answers.${item.answer}`)},{' '}
                {t(`assessment.result.treatments.${item.treatment}`)}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>

      <LevelTrend assessment={assessment} titles={titles} />

      {canOverride && !assessment.override && (
        <OverrideForm assessment={assessment} definition={definition} onDone={onChanged} />
      )}
    </Stack>
  );
}
