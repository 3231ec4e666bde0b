import '@mantine/charts/styles.css';

import { LineChart } from '@mantine/charts';
import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { api, unwrap } from '../../api/client';
import { LevelBadge } from '../../components/LevelBadge';
import { useRead } from '../../components/usePage';
import { Waiting } from '../../layout/Waiting';
import { type Assessment, pinnedOf } from './definition';

const day = (at: string | Date, language: string) =>
  new Date(at).toLocaleDateString(language, { day: '2-digit', month: '2-digit', year: 'numeric' });

/**
 * The level in force of each submitted assessment of the case, oldest first: a line chart of its
 * rank, and the same as a table (the chart's text alternative). Across instruments with different
 * numbers of levels, each rank is placed on the same 0–100 % scale.
 */
export function LevelTrend({
  assessment,
  titles,
}: {
  assessment: Assessment;
  titles: Map<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const { data: history, failure } = useRead(
    () =>
      unwrap(
        api.GET('/api/v1/cases/{caseId}/assessments', {
          params: { path: { caseId: assessment.caseId } },
        }),
      ),
    `${assessment.caseId}:${assessment.id}:${assessment.level}`,
  );
  if (failure)
    return (
      <Alert color="red" role="alert">
        {failure}
      </Alert>
    );
  if (!history) return <Waiting size="sm" />;

  const submitted = history
    .filter((a) => a.status === 'submitted' && a.submittedAt && a.levelRank !== null)
    .sort((a, b) => Date.parse(String(a.submittedAt)) - Date.parse(String(b.submittedAt)));
  const sameScale = new Set(submitted.map((a) => a.levelCount)).size <= 1;
  const top = Math.max(1, ...submitted.map((a) => (a.levelCount ?? 1) - 1));
  const points = submitted.map((a) => ({
    date: day(a.submittedAt!, i18n.language),
    [t('assessment.trend.series')]: sameScale
      ? a.levelRank!
      : Math.round((100 * a.levelRank!) / Math.max(1, (a.levelCount ?? 1) - 1)),
  }));
  const direction = assessment.trend?.direction;

  return (
    <Stack gap="sm">
      <Title order={3}>{t('assessment.trend.title')}</Title>
      <Text>
        {direction
          ? t(`assessment.trend.direction.${direction}`, {
              date: day(assessment.trend!.previousSubmittedAt, i18n.language),
            })
          : t('assessment.trend.first')}
      </Text>
      {submitted.length > 1 && (
        <LineChart
          h={220}
          data={points}
          dataKey="date"
          series={[{ name: t('assessment.trend.series'), color: 'navy.8' }]}
          yAxisProps={{ domain: [0, sameScale ? top : 100], allowDecimals: false }}
          withDots
          // The table below says the same to assistive technologies.
          lineChartProps={{ accessibilityLayer: false }}
          aria-hidden
        />
      )}
      <Table striped>
        <Table.Caption>
          {sameScale ? t('assessment.trend.caption') : t('assessment.trend.captionScaled')}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('assessment.trend.date')}</Table.Th>
            <Table.Th scope="col">{t('assessment.instrument')}</Table.Th>
            <Table.Th scope="col">{t('assessment.levelInForce')}</Table.Th>
            <Table.Th scope="col">{t('assessment.trend.rank')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {submitted.map((a) => (
            <Table.Tr key={a.id} aria-current={a.id === assessment.id ? 'true' : undefined}>
              <Table.Td>
                {day(a.submittedAt!, i18n.language)}
                {a.id === assessment.id && ` (${t('assessment.trend.this')})`}
              </Table.Td>
              <Table.Td>{titles.get(pinnedOf(a).id) ?? pinnedOf(a).id}</Table.Td>
              <Table.Td>
                <LevelBadge
                  rank={a.levelRank!}
                  count={a.levelCount ?? 1}
                  label={a.levelLabel ?? ''}
                  size="md"
                />
              </Table.Td>
              <Table.Td>
                {t('assessment.trend.rankOf', { rank: a.levelRank! + 1, count: a.levelCount })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
