import '@mantine/charts/styles.css';

import { BarChart } from '@mantine/charts';
import { Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { clockTime } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';

type Statistics = Schemas['AlarmStatisticsDto'];
type Figures = Schemas['AlarmFiguresDto'];

/** The last `months` calendar months, this one included, as [from, to). */
function period(months: number): { from: string; to: string } {
  const now = new Date();
  const to = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  const from = new Date(now.getFullYear(), now.getMonth() - months + 1, 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);
const secondsText = (value: number | null) => (value === null ? '—' : `${value} s`);

function FiguresTable({ caption, rows }: { caption: string; rows: Figures[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <Table striped captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('statistics.group')}</Table.Th>
          <Table.Th scope="col">{t('statistics.alarms')}</Table.Th>
          {rows[0].targets.map((target) => (
            <Table.Th scope="col" key={target.seconds}>
              {t('statistics.within', { seconds: target.seconds })}
            </Table.Th>
          ))}
          <Table.Th scope="col">{t('statistics.answerMedian')}</Table.Th>
          <Table.Th scope="col">{t('statistics.answerP95')}</Table.Th>
          <Table.Th scope="col">{t('statistics.pushMedian')}</Table.Th>
          <Table.Th scope="col">{t('statistics.policeMedian')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={`${row.scope}:${row.key}`}>
            <Table.Th scope="row">{row.key ?? t('statistics.all')}</Table.Th>
            <Table.Td>{row.alarms}</Table.Td>
            {row.targets.map((target) => (
              <Table.Td
                key={target.seconds}
                c={target.met ? undefined : 'red.9'}
                fw={target.met ? 400 : 700}
              >
                {percent(target.share)}
              </Table.Td>
            ))}
            <Table.Td>{secondsText(row.receiptToAcknowledgement.median)}</Table.Td>
            <Table.Td>{secondsText(row.receiptToAcknowledgement.p95)}</Table.Td>
            <Table.Td>{secondsText(row.receiptToPush.median)}</Table.Td>
            <Table.Td>{secondsText(row.acknowledgementToPolice.median)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Answer times against the standards (BS 8484, TSA), and the alarms that missed, for review. */
export default function StatisticsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('statistics.title'));
  const [months, setMonths] = useState('1');
  const [genuine, setGenuine] = useState('all');
  const { data: statistics, failure } = useRead<Statistics>(
    () =>
      unwrap(
        api.GET('/api/v1/alarm-statistics', {
          params: {
            query: {
              ...period(Number(months)),
              genuineOnly: genuine === 'genuine' ? 'true' : 'false',
            },
          },
        }),
      ),
    `${months}:${genuine}`,
  );
  const chart = statistics?.overall.targets.map((target) => ({
    target: t('statistics.within', { seconds: target.seconds }),
    [t('statistics.achieved')]: target.share === null ? 0 : Math.round(target.share * 1000) / 10,
    [t('statistics.goal')]: target.goal * 100,
  }));
  return (
    <Stack>
      <Title order={2}>{t('statistics.title')}</Title>
      <Group>
        <SegmentedControl
          aria-label={t('statistics.period')}
          value={months}
          onChange={setMonths}
          data={[
            { value: '1', label: t('statistics.thisMonth') },
            { value: '3', label: t('statistics.months', { count: 3 }) },
            { value: '12', label: t('statistics.months', { count: 12 }) },
          ]}
        />
        <SegmentedControl
          aria-label={t('statistics.which')}
          value={genuine}
          onChange={setGenuine}
          data={[
            { value: 'all', label: t('statistics.allAlarms') },
            { value: 'genuine', label: t('statistics.genuineOnly') },
          ]}
        />
      </Group>
      <ProblemAlert problem={failure} />
      {statistics && chart && (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="targets-title">
            <Title order={3} id="targets-title" mb="sm">
              {t('statistics.targets')}
            </Title>
            <Text size="sm" mb="sm">
              {t('statistics.summary', {
                alarms: statistics.overall.alarms,
                acknowledged: statistics.overall.acknowledged,
              })}
            </Text>
            <BarChart
              h={260}
              data={chart}
              dataKey="target"
              unit=" %"
              yAxisProps={{ domain: [0, 100] }}
              series={[
                { name: t('statistics.achieved'), color: 'navy.8' },
                { name: t('statistics.goal'), color: 'gray.5' },
              ]}
              withLegend
            />
          </Paper>
          <FiguresTable caption={t('statistics.overall')} rows={[statistics.overall]} />
          <FiguresTable caption={t('statistics.byMonth')} rows={statistics.byMonth} />
          <FiguresTable caption={t('statistics.byJurisdiction')} rows={statistics.byJurisdiction} />
          <FiguresTable caption={t('statistics.byOperator')} rows={statistics.byOperator} />
          <Table striped captionSide="top" data-testid="misses">
            <Table.Caption>
              {t('statistics.misses', { count: statistics.misses.length })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('board.received')}</Table.Th>
                <Table.Th scope="col">{t('board.case')}</Table.Th>
                <Table.Th scope="col">{t('statistics.answer')}</Table.Th>
                <Table.Th scope="col">{t('statistics.missed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statistics.misses.map((miss) => (
                <Table.Tr key={miss.alarmId}>
                  <Table.Td>
                    {new Date(miss.receivedAt).toLocaleDateString(i18n.language)}{' '}
                    {clockTime(miss.receivedAt, i18n.language)}
                  </Table.Td>
                  <Table.Td>
                    <CaseReference reference={miss.caseReference} />
                  </Table.Td>
                  <Table.Td>
                    {miss.answerSeconds === null
                      ? t('statistics.neverAnswered')
                      : `${miss.answerSeconds} s`}
                  </Table.Td>
                  <Table.Td>{miss.missedTargets.map((s) => `${s} s`).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
