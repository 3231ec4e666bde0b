import { List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { Alarm } from '../../api/client';
import { RedFlags } from '../board/AlarmTable';

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={650} component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
}

/** What the operator tells the police: who, where, the author, the measures, the danger. */
export function SafetyFile({ safety }: { safety: Alarm['safety'] }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="safety-title">
      <Stack gap="sm">
        <Title order={3} id="safety-title">
          {t('alarm.safetyFile')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="sm">
          <Fact label={t('safety.victim')} value={safety.victimName} />
          <Fact
            label={t('safety.phone')}
            value={
              safety.victimPhone ? (
                <a href={`tel:${safety.victimPhone}`}>{safety.victimPhone}</a>
              ) : (
                none
              )
            }
          />
          <Fact label={t('safety.address')} value={safety.victimAddress ?? none} />
          <Fact label={t('safety.language')} value={safety.preferredLanguage ?? none} />
          <Fact label={t('safety.children')} value={safety.children} />
          <Fact label={t('safety.level')} value={safety.dangerLevel ?? t('alarm.levelUnknown')} />
          <Fact label={t('safety.author')} value={safety.authorDescription ?? none} />
          <Fact
            label={t('safety.weapons')}
            value={
              safety.authorWeapons.length > 0
                ? safety.authorWeapons.map((w) => t(`weapon.${w}`, { defaultValue: w })).join(', ')
                : none
            }
          />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={650}>
            {t('safety.redFlags')}
          </Text>
          <RedFlags flags={safety.redFlags} />
        </div>
        <div>
          <Text size="sm" fw={650}>
            {t('safety.measures')}
          </Text>
          {safety.protectionMeasures.length > 0 ? (
            <List size="sm">
              {safety.protectionMeasures.map((measure) => (
                <List.Item key={measure}>
                  {t(`measure.${measure}`, { defaultValue: measure })}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{none}</Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
