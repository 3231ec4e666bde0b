import {
  Alert,
  Anchor,
  Center,
  Grid,
  Group,
  Paper,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';

import { type Alarm, api, unwrap } from '../../api/client';
import { clockTime } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { nextTicket } from '../board/alarm-board';
import { useBoard } from '../board/AlarmBoardProvider';
import { StatusBadge } from '../board/AlarmTable';
import { AlarmActions } from './AlarmActions';
import { SafetyFile } from './SafetyFile';

const AlarmMap = lazy(() => import('./AlarmMap'));

function AlarmTimeline({ alarm }: { alarm: Alarm }) {
  const { t, i18n } = useTranslation();
  const steps: { at: string; label: string; detail?: string | null }[] = [
    { at: alarm.occurredAt, label: t('timeline.pressed') },
    { at: alarm.receivedAt, label: t('timeline.received') },
    ...(alarm.firstPushedAt ? [{ at: alarm.firstPushedAt, label: t('timeline.pushed') }] : []),
    ...(alarm.acknowledgedAt
      ? [
          {
            at: alarm.acknowledgedAt,
            label: t('timeline.acknowledged', { by: alarm.acknowledgedBy }),
          },
        ]
      : []),
    ...alarm.notes.map((note) => ({
      at: note.at,
      label: t(`timeline.${note.kind}`, { by: note.by }),
      detail: [
        note.answered === undefined
          ? null
          : t(note.answered ? 'timeline.answered' : 'timeline.notAnswered'),
        note.reference ? t('timeline.reference', { reference: note.reference }) : null,
        note.text,
      ]
        .filter(Boolean)
        .join(' — '),
    })),
    ...(alarm.resolvedAt && !alarm.notes.some((note) => note.kind === 'resolution')
      ? [{ at: alarm.resolvedAt, label: t('timeline.resolution', { by: alarm.resolvedBy }) }]
      : []),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
      <Title order={3} id="timeline-title" mb="sm">
        {t('timeline.title')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={steps.length - 1}>
        {steps.map((step, index) => (
          <Timeline.Item key={index} title={step.label}>
            <Text size="sm">{clockTime(step.at, i18n.language)}</Text>
            {step.detail && <Text size="sm">{step.detail}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

/** One alarm: where she is, who she is, what was done; kept current by the operator's board. */
export function AlarmPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const board = useBoard()!;
  const { refresh } = board;
  const entry = board.board.get(id);
  // Read here too: an alarm no longer on the board (resolved long ago) still opens.
  const [own, setOwn] = useState<{ alarm: Alarm; ticket: number }>();
  const [failure, setFailure] = useState<string>();
  const keep = useCallback((alarm: Alarm, ticket: number) => {
    setOwn((held) => (held && held.ticket > ticket ? held : { alarm, ticket }));
    setFailure(undefined);
  }, []);

  // Read only when the board does not hold it already (every read is audited); once opened, the
  // board keeps it current.
  const onBoard = useRef(false);
  onBoard.current = Boolean(entry?.alarm);
  useEffect(() => {
    if (onBoard.current) return;
    const ticket = nextTicket();
    unwrap(api.GET('/api/v1/alarms/{id}', { params: { path: { id } } }))
      .then((alarm) => keep(alarm, ticket))
      .catch((error: Error) => setFailure(error.message));
  }, [id, keep]);

  // The newer of the page's own read and the board's (which the feed keeps current).
  const alarm = entry?.alarm && (!own || entry.alarmTicket > own.ticket) ? entry.alarm : own?.alarm;
  usePageTitle(alarm ? t('alarm.title', { reference: alarm.caseReference }) : t('common.loading'));

  if (!alarm)
    return failure ? (
      <Alert color="red" role="alert" title={t('alarm.loadFailed')}>
        {failure}
      </Alert>
    ) : (
      <Center h="40vh">
        <Waiting />
      </Center>
    );
  const last = alarm.track.at(-1);
  return (
    <Stack>
      <Anchor component={Link} to="/board">
        {t('alarm.back')}
      </Anchor>
      <Group>
        <Title order={2} id="alarm-title" tabIndex={-1}>
          {t('alarm.title', { reference: alarm.caseReference })}
        </Title>
        <StatusBadge status={alarm.status} />
        {alarm.escalationLevel > 0 && (
          <Text fw={700}>{t('board.escalated', { level: alarm.escalationLevel })}</Text>
        )}
      </Group>
      {failure && (
        <Alert color="orange" role="alert">
          {failure}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Paper withBorder p="md" component="section" aria-labelledby="map-title">
              <Title order={3} id="map-title" mb="sm">
                {t('alarm.position')}
              </Title>
              {last ? (
                <>
                  <Text size="sm" mb="xs" data-testid="last-position">
                    {t('alarm.lastPosition', {
                      at: clockTime(last.occurredAt, i18n.language),
                      accuracy: last.accuracy ?? '?',
                    })}
                  </Text>
                  <Suspense fallback={<Waiting />}>
                    <AlarmMap track={alarm.track} />
                  </Suspense>
                </>
              ) : (
                <Text>{t('alarm.noPosition')}</Text>
              )}
            </Paper>
            <SafetyFile safety={alarm.safety} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <AlarmActions
              alarm={alarm}
              onChange={(next) => {
                keep(next, nextTicket());
                refresh(next.id);
              }}
            />
            <AlarmTimeline alarm={alarm} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
