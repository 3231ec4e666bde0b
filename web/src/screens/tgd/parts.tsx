import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';

export type TgdRequest = Schemas['TgdRequestDto'];
export type Allocation = Schemas['AllocationDto'];
export type Condition = Schemas['TgdConditionDto'];
export type Recommendation = Schemas['RecommendationDto'];

export const RETURN_CONDITIONS = ['ok', 'faulty', 'lost'] as const;
export const END_REASONS = [
  'danger_ended',
  'author_imprisoned',
  'victim_request',
  'rules_not_respected',
  'other',
] as const;

export function requestStatusColor(status: TgdRequest['status']) {
  return status === 'approved' ? 'green' : status === 'rejected' ? 'red' : 'orange';
}

export function RedFlags({ flags }: { flags: Array<{ flag: string; label: string }> }) {
  const { t } = useTranslation();
  if (flags.length === 0) return <Text size="sm">{t('tgd.noRedFlag')}</Text>;
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Badge key={flag.flag} color="red" variant="light">
          {flag.label}
        </Badge>
      ))}
    </Group>
  );
}

const STATUS_COLOR = { met: 'green', not_met: 'red', unknown: 'orange' } as const;

/** Each legal condition of the TGD, met or not or unknown, with its detail in the user's words. */
export function ConditionList({
  conditions,
  levelLabel,
  bans,
}: {
  conditions: Condition[];
  levelLabel: string;
  /** The judicial bans in force, when known: they name why the last condition is met. */
  bans?: string[];
}) {
  const { t } = useTranslation();
  const detail = (condition: Condition) => {
    if (condition.id === 'contact_ban_or_imminent_danger' && condition.status === 'met' && bans)
      return bans.length > 0
        ? t('tgd.conditions.detail.contact_ban_or_imminent_danger.ban', {
            bans: bans.map((b) => t(`measure.${b}`)).join(', '),
          })
        : t('tgd.conditions.detail.contact_ban_or_imminent_danger.imminent');
    return t(`tgd.conditions.detail.${condition.id}.${condition.status}`, { level: levelLabel });
  };
  return (
    <List spacing="xs" listStyleType="none" withPadding={false} data-testid="tgd-conditions">
      {conditions.map((condition) => (
        <List.Item key={condition.id}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={STATUS_COLOR[condition.status]} variant="light" miw={110}>
              {t(`tgd.conditions.status.${condition.status}`)}
            </Badge>
            <div>
              <Text fw={600} size="sm">
                {t(`tgd.conditions.name.${condition.id}`)}
              </Text>
              <Text size="sm">{detail(condition)}</Text>
            </div>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

/** "3 of 4 met", and the conditions not met (in red) or unknown named. */
export function ConditionSummary({ conditions }: { conditions: Condition[] }) {
  const { t } = useTranslation();
  const met = conditions.filter((c) => c.status === 'met').length;
  const named = (status: Condition['status']) =>
    conditions
      .filter((c) => c.status === status)
      .map((c) => t(`tgd.conditions.name.${c.id}`))
      .join(', ');
  return (
    <Stack gap={2}>
      <Badge
        color={met === conditions.length ? 'green' : 'red'}
        variant="light"
        data-testid="conditions-summary"
      >
        {t('tgd.conditions.summary', { met, total: conditions.length })}
      </Badge>
      {named('not_met') && (
        <Text size="sm" c="red.9" fw={600}>
          {t('tgd.conditions.notMetList', { list: named('not_met') })}
        </Text>
      )}
      {named('unknown') && (
        <Text size="sm">{t('tgd.conditions.unknownList', { list: named('unknown') })}</Text>
      )}
    </Stack>
  );
}

/** The recommendation of an assessment: level, red flags, measures with reasons, TGD conditions. */
export function RecommendationView({
  recommendation,
  bans,
  headingOrder = 3,
}: {
  recommendation: Recommendation;
  bans?: string[];
  headingOrder?: 3 | 4;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Title order={headingOrder} size="h4">
        {t('tgd.recommendation.title')}
      </Title>
      {recommendation.overridden && <Text size="sm">{t('tgd.recommendation.overridden')}</Text>}
      <Title order={(headingOrder + 1) as 4 | 5} size="h5">
        {t('tgd.recommendation.measures')}
      </Title>
      {recommendation.measures.length === 0 ? (
        <Text size="sm">{t('tgd.recommendation.none')}</Text>
      ) : (
        <List spacing="sm" data-testid="measures">
          {recommendation.measures.map((measure) => (
            <List.Item key={measure.measure}>
              <Text fw={600}>{measure.label}</Text>
              <Text size="sm">
                {t('tgd.recommendation.legalBasis', { basis: measure.legalBasis })}
              </Text>
              <List size="sm" withPadding>
                {measure.reasons.map((reason) => (
                  <List.Item key={reason.rule}>{reason.reason}</List.Item>
                ))}
              </List>
            </List.Item>
          ))}
        </List>
      )}
      <Title order={(headingOrder + 1) as 4 | 5} size="h5">
        {t('tgd.conditions.title')}
      </Title>
      <ConditionList
        conditions={recommendation.tgdConditions}
        levelLabel={recommendation.levelLabel}
        bans={bans}
      />
    </Stack>
  );
}
