import { Alert, Badge, Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle, useInterval } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { FeedStatus } from '../../feed/alarm-stream';
import { type BoardEntry, boardOrder } from './alarm-board';
import { AlarmTable } from './AlarmTable';
import { notifySystem, playAlarmSound, unlockSound } from './alerting';
import { DutyControl } from './DutyControl';
import { clockTime } from './format';
import { useAlarmBoard } from './useAlarmBoard';

function FeedBadge({ status }: { status: FeedStatus }) {
  const { t } = useTranslation();
  const color = status === 'live' ? 'green' : status === 'connecting' ? 'orange' : 'red';
  return (
    <Badge color={color} size="lg" variant="filled" data-testid="feed-status" data-status={status}>
      {t(`feed.${status}`)}
    </Badge>
  );
}

/** The operators' live board: open alarms first, the longest wait on top. */
export function BoardPage() {
  const { t, i18n } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), 1000, { autoInvoke: true });
  useEffect(() => {
    document.addEventListener('pointerdown', unlockSound);
    document.addEventListener('keydown', unlockSound);
    return () => {
      document.removeEventListener('pointerdown', unlockSound);
      document.removeEventListener('keydown', unlockSound);
    };
  }, []);

  const onAttention = useCallback(
    (entry: BoardEntry, type: string) => {
      const message = t(`board.attention.${type}`, {
        reference: entry.caseReference,
        level: entry.dangerLevel ?? t('alarm.levelUnknown'),
      });
      playAlarmSound();
      setAnnouncement(message);
      notifications.show({
        color: 'red',
        title: t('board.newAlarm'),
        message,
        autoClose: 10_000,
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      notifySystem(t('board.newAlarm'), message, entry.id);
    },
    [t],
  );
  const { board, status, staleSince, loadError } = useAlarmBoard(onAttention);

  const entries = useMemo(() => [...board.values()].sort(boardOrder), [board]);
  const active = entries.filter((entry) => entry.status !== 'resolved');
  const resolved = entries.filter((entry) => entry.status === 'resolved').slice(0, 20);
  const waiting = active.filter((entry) => entry.status === 'open').length;
  useDocumentTitle(waiting > 0 ? `(${waiting}) ${t('board.title')}` : t('board.title'));

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{t('board.title')}</Title>
          <Group gap="sm">
            <FeedBadge status={status} />
            <Text size="sm">{t('board.waiting', { count: waiting })}</Text>
          </Group>
        </Stack>
        <Group>
          <DutyControl />
          {typeof Notification !== 'undefined' && Notification.permission === 'default' && (
            <Button
              variant="default"
              size="xs"
              onClick={() => void Notification.requestPermission()}
            >
              {t('board.allowNotifications')}
            </Button>
          )}
        </Group>
      </Group>
      {staleSince && status !== 'live' && (
        <Alert
          color="red"
          variant="filled"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('feed.staleTitle')}
          role="alert"
          data-testid="stale"
        >
          {t('feed.staleBody', { since: clockTime(staleSince.toISOString(), i18n.language) })}
        </Alert>
      )}
      {loadError && (
        <Alert color="red" role="alert" title={t('board.loadFailed')}>
          {loadError}
        </Alert>
      )}
      <VisuallyHidden role="status" aria-live="assertive">
        {announcement}
      </VisuallyHidden>
      {active.length === 0 ? (
        <Text data-testid="no-alarm">{t('board.none')}</Text>
      ) : (
        <AlarmTable entries={active} caption={t('board.activeCaption')} now={now} />
      )}
      {resolved.length > 0 && (
        <AlarmTable entries={resolved} caption={t('board.resolvedCaption')} now={now} />
      )}
    </Stack>
  );
}
