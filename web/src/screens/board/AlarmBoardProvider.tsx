import { notifications } from '@mantine/notifications';
import { createContext, type ReactNode, useCallback, useContext, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { notifySystem, playAlarmSound, unlockSound } from './alerting';
import { type AlarmBoard, type Attention, useAlarmBoard } from './useAlarmBoard';

const AlarmBoardContext = createContext<AlarmBoard | undefined>(undefined);

/**
 * The operator's board lives as long as the signed-in shell, not as long as the board's screen: an
 * alarm that arrives while the operator works another one still rings, notifies and counts.
 */
export function AlarmBoardProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.addEventListener('pointerdown', unlockSound);
    document.addEventListener('keydown', unlockSound);
    return () => {
      document.removeEventListener('pointerdown', unlockSound);
      document.removeEventListener('keydown', unlockSound);
    };
  }, []);

  const onAttention = useCallback(
    (calls: Attention[]) => {
      const [{ entry: first, type }] = calls;
      // One signal for a burst (a replay after a reconnection), not one per alarm.
      const message =
        calls.length === 1
          ? t(`board.attention.${type}`, {
              reference: first.caseReference,
              level: first.dangerLevel ?? t('alarm.levelUnknown'),
            })
          : t('board.attention.many', { count: calls.length });
      playAlarmSound();
      notifications.show({
        color: 'red',
        title: t('board.newAlarm'),
        message,
        autoClose: 15_000,
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      notifySystem(t('board.newAlarm'), message, calls.length === 1 ? first.id : 'alarms');
    },
    [t],
  );
  const board = useAlarmBoard(onAttention);
  return <AlarmBoardContext.Provider value={board}>{children}</AlarmBoardContext.Provider>;
}

/** The board, for operators' screens; undefined for others. */
export function useBoard(): AlarmBoard | undefined {
  return useContext(AlarmBoardContext);
}
