import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

import { type Alarm, api, unwrap } from '../../api/client';
import { type FeedMessage, type LinkStatus, openEventStream } from '../../feed/event-stream';
import {
  type AlarmSummary,
  apply,
  type Board,
  type BoardEntry,
  fromAlarm,
  fromSummary,
  nextTicket,
  pruneResolved,
} from './alarm-board';

/** `live` only once connected and caught up: until then the board may be missing alarms. */
export type BoardStatus = 'connecting' | 'catching-up' | 'live' | 'disconnected';

/** Feed events that call for an operator's attention. */
const ATTENTION = new Set(['alarm.opened', 'alarm.reopened', 'alarm.escalated']);
const PAGE_SIZE = 100;
const RESOLVED_SHOWN = 20;
const CATCH_UP_RETRY_MS = 2000;
/** Positions come often: one read of the alarm for a burst of them. */
const LOCATION_REFRESH_MS = 1000;

/**
 * Every alarm with this status (`all`), or the latest few. Offset pages shift when an alarm changes
 * status between two reads: a total that moved means the list is read again from the start, so
 * that no alarm slips between two pages.
 */
async function alarmsWithStatus(status: Alarm['status'], all: boolean): Promise<Alarm[]> {
  for (let attempt = 0; ; attempt += 1) {
    const alarms: Alarm[] = [];
    let total: number | undefined;
    for (let page = 1; ; page += 1) {
      const answer = await unwrap(
        api.GET('/api/v1/alarms', {
          params: { query: { status, page, pageSize: all ? PAGE_SIZE : RESOLVED_SHOWN } },
        }),
      );
      alarms.push(...answer.items);
      if (total !== undefined && answer.total !== total && attempt < 3) break;
      total = answer.total;
      if (!all || page * answer.pageSize >= answer.total) return alarms;
    }
  }
}

export interface AlarmBoard {
  board: Board;
  status: BoardStatus;
  /** Since when the board may be out of date, while it is. */
  staleSince?: Date;
  /** The first catch-up is done: an empty board means no alarm. */
  loaded: boolean;
  /** The last catch-up failed (it is retried). */
  loadError?: string;
  /** Reads one alarm again (after an action, or for its page). */
  refresh(id: string): void;
}

/**
 * The operator's live board: the list read over the API, kept current by the feed, read again on
 * every (re)connection and on a feed reset, so that nothing missed while disconnected is lost; an
 * alarm found open on a catch-up that the board did not hold as open calls for attention too.
 */
/** An alarm that calls for attention, and why (the feed event's type). */
export interface Attention {
  entry: BoardEntry;
  type: string;
}

export function useAlarmBoard(onAttention: (calls: Attention[]) => void): AlarmBoard {
  const [board, setBoard] = useState<Board>(new Map());
  const [status, setStatus] = useState<BoardStatus>('connecting');
  const [staleSince, setStaleSince] = useState<Date | undefined>(new Date());
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const held = useRef(board);
  held.current = board;
  const attention = useRef(onAttention);
  attention.current = onAttention;
  const link = useRef({ up: false, connection: 0, caughtUpOnce: false });
  const inFlight = useRef(new Map<string, boolean>());

  const refresh = useCallback((id: string) => {
    // One read per alarm at a time; events meanwhile ask for one more read after it.
    if (inFlight.current.has(id)) return void inFlight.current.set(id, true);
    inFlight.current.set(id, false);
    const ticket = nextTicket();
    unwrap(api.GET('/api/v1/alarms/{id}', { params: { path: { id } } }))
      .then((alarm) => setBoard((board) => apply(board, [fromAlarm(alarm, ticket)])))
      .catch(() => undefined)
      .finally(() => {
        const again = inFlight.current.get(id);
        inFlight.current.delete(id);
        if (again) refresh(id);
      });
  }, []);

  const catchUp = useCallback(
    (connection: number) => {
      const current = () => link.current.up && link.current.connection === connection;
      const ticket = nextTicket();
      setStatus('catching-up');
      Promise.all([
        alarmsWithStatus('open', true),
        alarmsWithStatus('acknowledged', true),
        alarmsWithStatus('resolved', false),
      ])
        .then(([open, acknowledged, resolved]) => {
          // A catch-up started for an earlier connection says nothing of this one's gap.
          if (!current()) return;
          const before = held.current;
          const active = new Set([...open, ...acknowledged].map((alarm) => alarm.id));
          const missed = link.current.caughtUpOnce
            ? open.filter((alarm) => before.get(alarm.id)?.status !== 'open')
            : [];
          flushSync(() =>
            setBoard((board) =>
              pruneResolved(
                apply(
                  board,
                  [...open, ...acknowledged, ...resolved].map((alarm) => fromAlarm(alarm, ticket)),
                ),
                RESOLVED_SHOWN,
              ),
            ),
          );
          // Active on the board, absent from the lists: it changed meanwhile; read it.
          for (const entry of before.values())
            if (entry.status !== 'resolved' && !active.has(entry.id) && entry.ticket < ticket)
              refresh(entry.id);
          link.current.caughtUpOnce = true;
          setLoaded(true);
          setLoadError(undefined);
          setStaleSince(undefined);
          setStatus('live');
          if (missed.length > 0)
            attention.current(
              missed.map((alarm) => ({ entry: fromAlarm(alarm, ticket), type: 'alarm.opened' })),
            );
        })
        .catch((error: Error) => {
          if (!current()) return;
          setLoadError(error.message);
          setTimeout(() => current() && catchUp(connection), CATCH_UP_RETRY_MS);
        });
    },
    [refresh],
  );

  const onMessages = useCallback(
    (messages: FeedMessage[]) => {
      const summaries: { summary: AlarmSummary; ticket: number; type: string }[] = [];
      let reset = false;
      for (const { type, data } of messages) {
        if (type === 'feed.reset') reset = true;
        else if (type.startsWith('alarm.'))
          summaries.push({ summary: data as AlarmSummary, ticket: nextTicket(), type });
      }
      if (summaries.length > 0) {
        // An alarm is put on screen now, not when React next schedules a render.
        flushSync(() =>
          setBoard((board) =>
            summaries.reduce(
              (next, { summary, ticket }) =>
                apply(next, [fromSummary(summary, next.get(summary.alarmId), ticket)]),
              board,
            ),
          ),
        );
        const calling = summaries
          .filter(({ type }) => ATTENTION.has(type))
          .map(({ summary, ticket, type }) => ({
            entry: fromSummary(summary, undefined, ticket),
            type,
          }));
        // The signal once the rows are on the board, not in the same render.
        if (calling.length > 0) setTimeout(() => attention.current(calling), 0);
        const locations = new Set<string>();
        for (const { summary, type } of summaries)
          if (type === 'alarm.location') locations.add(summary.alarmId);
          else refresh(summary.alarmId);
        for (const id of locations) setTimeout(() => refresh(id), LOCATION_REFRESH_MS);
      }
      if (reset) catchUp(link.current.connection);
    },
    [catchUp, refresh],
  );

  useEffect(
    () =>
      openEventStream('/api/v1/alarms/stream', {
        onStatus(next: LinkStatus, connection: number) {
          link.current.up = next === 'connected';
          link.current.connection = connection;
          if (next === 'connected') return catchUp(connection);
          setStatus(next);
          setStaleSince((since) => since ?? new Date());
        },
        onMessages,
      }),
    [catchUp, onMessages],
  );

  return { board, status, staleSince, loaded, loadError, refresh };
}
