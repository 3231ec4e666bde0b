import { Alert, Badge } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useBoard } from '../screens/board/AlarmBoardProvider';
import { clockTime } from './format';

/** The feed's state, in the header of every operator's screen. */
export function FeedBadge() {
  const { t } = useTranslation();
  const board = useBoard();
  if (!board) return null;
  const { status } = board;
  const color = status === 'live' ? 'green' : status === 'disconnected' ? 'red' : 'orange';
  return (
    <Badge color={color} size="lg" variant="filled" data-testid="feed-status" data-status={status}>
      {t(`feed.${status}`)}
    </Badge>
  );
}

/**
 * Said plainly on every operator's screen while the board may be missing alarms; it appears only
 * after a moment on first load, so that a normal start is not announced as a fault.
 */
const GRACE_MS = 3000;

export function StaleBanner() {
  const { t, i18n } = useTranslation();
  const board = useBoard();
  const since = board && board.status !== 'live' ? board.staleSince : undefined;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    setShown(false);
    if (!since) return;
    const timer = setTimeout(() => setShown(true), since.getTime() + GRACE_MS - Date.now());
    return () => clearTimeout(timer);
  }, [since]);
  if (!board || !since || !shown) return null;
  return (
    <Alert
      color="red"
      variant="filled"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('feed.staleTitle')}
      role="alert"
      data-testid="stale"
      mb="md"
    >
      {t('feed.staleBody', { since: clockTime(since.toISOString(), i18n.language) })}
      {board.loadError && ` ${board.loadError}`}
    </Alert>
  );
}
