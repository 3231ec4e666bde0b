import { Badge, Group, Table, Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';

import { CaseReference } from '../../components/CaseReference';
import { clockTime } from '../../layout/format';
import type { BoardEntry } from './alarm-board';
import classes from './AlarmTable.module.css';
import { elapsed } from './format';

export function StatusBadge({ status }: { status: BoardEntry['status'] }) {
  const { t } = useTranslation();
  const color = status === 'open' ? 'red' : status === 'acknowledged' ? 'orange' : 'gray';
  return (
    <Badge color={color} variant={status === 'resolved' ? 'outline' : 'filled'}>
      {t(`alarm.status.${status}`)}
    </Badge>
  );
}

export function RedFlags({ flags }: { flags: string[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return <Text size="sm">{t('alarm.noRedFlag')}</Text>;
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Badge key={flag} color="red" variant="outline" size="sm">
          {flag}
        </Badge>
      ))}
    </Group>
  );
}

/** One alarm's row; rendered again only when the alarm changes or, while open, every second. */
const AlarmRow = memo(function AlarmRow({ entry, now }: { entry: BoardEntry; now: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr
      data-testid="alarm-row"
      data-alarm-id={entry.id}
      data-status={entry.status}
      className={entry.status === 'open' ? classes.open : undefined}
    >
      <Table.Td>
        <Text size="sm">{clockTime(entry.receivedAt, i18n.language)}</Text>
        {entry.status !== 'resolved' && (
          <Text size="sm" fw={700} data-testid="elapsed">
            {t('board.since', { elapsed: elapsed(entry.receivedAt, now) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <CaseReference to={`/alarms/${entry.id}`} reference={entry.caseReference} fw={600} />
        {entry.alarm && <Text size="sm">{entry.alarm.safety.victimName}</Text>}
      </Table.Td>
      <Table.Td>
        <StatusBadge status={entry.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {entry.alarm?.safety.dangerLevel ?? entry.dangerLevel ?? t('alarm.levelUnknown')}
        </Text>
      </Table.Td>
      <Table.Td>{entry.alarm ? <RedFlags flags={entry.alarm.safety.redFlags} /> : '…'}</Table.Td>
      <Table.Td>
        <Text size="sm">
          {entry.escalationLevel > 0 ? t('board.escalated', { level: entry.escalationLevel }) : '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{entry.jurisdiction}</Text>
      </Table.Td>
    </Table.Tr>
  );
});

/** A table of alarms; the case reference links to the alarm's page. */
export function AlarmTable({
  entries,
  caption,
  now,
}: {
  entries: BoardEntry[];
  caption: string;
  now: number;
}) {
  const { t } = useTranslation();
  return (
    <Table striped highlightOnHover verticalSpacing="xs" captionSide="top">
      <Table.Caption className={classes.caption}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('board.received')}</Table.Th>
          <Table.Th scope="col">{t('board.case')}</Table.Th>
          <Table.Th scope="col">{t('board.status')}</Table.Th>
          <Table.Th scope="col">{t('board.level')}</Table.Th>
          <Table.Th scope="col">{t('board.redFlags')}</Table.Th>
          <Table.Th scope="col">{t('board.escalation')}</Table.Th>
          <Table.Th scope="col">{t('board.jurisdiction')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <AlarmRow key={entry.id} entry={entry} now={entry.status === 'resolved' ? 0 : now} />
        ))}
      </Table.Tbody>
    </Table>
  );
}
