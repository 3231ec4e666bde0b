import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { useBoard } from '../screens/board/AlarmBoardProvider';

/**
 * The tab's title (RGAA 8.6): the screen's own, after the number of alarms waiting for an
 * operator, so that a tab in the background still says an alarm waits.
 */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const board = useBoard();
  const waiting = board
    ? [...board.board.values()].filter((entry) => entry.status === 'open').length
    : 0;
  const stale = board && board.status !== 'live';
  useEffect(() => {
    const marks = `${stale ? '⚠ ' : ''}${waiting > 0 ? `(${waiting}) ` : ''}`;
    document.title = `${marks}${title} — ${t('app.title')}`;
  }, [title, waiting, stale, t]);
}
