import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

import { type Alarm, api, unwrap } from '../../api/client';
import { type FeedStatus, openAlarmStream } from '../../feed/alarm-stream';
import {
  type AlarmSummary,
  apply,
  type Board,
  type BoardEntry,
  fromAlarm,
  fromSummary,
  nextTicket,
} from './alarm-board';

/** Feed events that call for an operator's attention. */
const ATTENTION = new Set(['alarm.opened', 'alarm.reopened', 'alarm.escalated']);
const PAGE_SIZE = 100;
const RESOLVED_SHOWN = 20;

async function alarmsWithStatus(status: Alarm['status'], all: boolean): Promise<Alarm[]> {
  const alarms: Alarm[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await unwrap(
      api.GET('/api/v1/alarms', {
        params: { query: { status, page, pageSize: all ? PAGE_SIZE : RESOLVED_SHOWN } },
      }),
    );
    alarms.push(...answer.items);
    if (!all || page * answer.pageSize >= answer.total) return alarms;
  }
}

export interface AlarmBoard {
  board: Board;
  status: FeedStatus;
  /** Since when the board may be out of date (the feed is down), if it is. */
  staleSince?: Date;
  /** The last catch-up from the list failed. */
  loadError?: string;
  /** Re-reads one alarm (after an action of this operator). */
  refresh(id: string): void;
}

/**
 * The operator's live board: the list read over the API, kept current by the feed, read again on
 * every (re)connection and on a feed reset, so that nothing missed while disconnected is lost.
 */
export function useAlarmBoard(onAttention: (entry: BoardEntry, type: string) => void): AlarmBoard {
  const [board, setBoard] = useState<Board>(new Map());
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const [staleSince, setStaleSince] = useState<Date | undefined>(new Date());
  const [loadError, setLoadError] = useState<string>();
  const attention = useRef(onAttention);
  attention.current = onAttention;
  const live = useRef(false);
  const inFlight = useRef(new Map<string, boolean>());

  const refresh = useCallback((id: string) => {
    // One read per alarm at a time; events meanwhile ask for one more read after it.
    if (inFlight.current.has(id)) return void inFlight.current.set(id, true);
    inFlight.current.set(id, false);
    const ticket = nextTicket();
    unwrap(api.GET('/api/v1/alarms/{id}', { params: { path: { id } } }))
      .then((alarm) => setBoard((held) => apply(held, [fromAlarm(alarm, ticket)])))
      .catch(() => undefined)
      .finally(() => {
        const again = inFlight.current.get(id);
        inFlight.current.delete(id);
        if (again) refresh(id);
      });
  }, []);

  const catchUp = useCallback(() => {
    const ticket = nextTicket();
    Promise.all([
      alarmsWithStatus('open', true),
      alarmsWithStatus('acknowledged', true),
      alarmsWithStatus('resolved', false),
    ])
      .then((lists) => {
        setBoard((held) =>
          apply(
            held,
            lists.flat().map((alarm) => fromAlarm(alarm, ticket)),
          ),
        );
        setLoadError(undefined);
        // Up to date only if the feed did not drop while the list was read.
        if (live.current) setStaleSince(undefined);
      })
      .catch((error: Error) => setLoadError(error.message));
  }, []);

  useEffect(
    () =>
      openAlarmStream('/api/v1/alarms/stream', {
        onStatus(next) {
          live.current = next === 'live';
          setStatus(next);
          if (next !== 'live') setStaleSince((since) => since ?? new Date());
        },
        onConnected: catchUp,
        onMessage({ type, data }) {
          if (type === 'feed.reset') return catchUp();
          if (!type.startsWith('alarm.')) return;
          const summary = data as AlarmSummary;
          const ticket = nextTicket();
          // The signal once the row is on the board, not in the same render.
          if (ATTENTION.has(type))
            setTimeout(() => attention.current(fromSummary(summary, undefined, ticket), type), 0);
          // An alarm is put on screen now, not when React next schedules a render.
          flushSync(() =>
            setBoard((held) =>
              apply(held, [fromSummary(summary, held.get(summary.alarmId), ticket)]),
            ),
          );
          refresh(summary.alarmId);
        },
      }),
    [catchUp, refresh],
  );

  return { board, status, staleSince, loadError, refresh };
}
