import { Alert, Button, Center, Group, Stack, Text, Title } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { boardOrder } from './alarm-board';
import { useBoard } from './AlarmBoardProvider';
import { AlarmTable } from './AlarmTable';
import { DutyControl } from './DutyControl';

/** The operators' live board: open alarms first, the longest wait on top. */
export function BoardPage() {
  const { t } = useTranslation();
  const board = useBoard()!;
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), 1000, { autoInvoke: true });
  usePageTitle(t('board.title'));

  const entries = useMemo(() => [...board.board.values()].sort(boardOrder), [board.board]);
  const active = entries.filter((entry) => entry.status !== 'resolved');
  const resolved = entries.filter((entry) => entry.status === 'resolved');
  const waiting = active.filter((entry) => entry.status === 'open').length;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{t('board.title')}</Title>
          <Text size="sm">{t('board.waiting', { count: waiting })}</Text>
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
      {board.loadError && (
        <Alert color="red" role="alert" title={t('board.loadFailed')}>
          {board.loadError}
        </Alert>
      )}
      {!board.loaded ? (
        <Center h="20vh">
          <Waiting />
        </Center>
      ) : active.length === 0 ? (
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
