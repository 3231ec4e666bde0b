import type { Alarm } from '../../api/client';

/** What the feed says of an alarm; the full alarm is read over the API after it. */
export interface AlarmSummary {
  alarmId: string;
  caseReference: string;
  jurisdiction: string;
  dangerLevel: string | null;
  escalationLevel: number;
  status: Alarm['status'];
  at: string;
}

export interface BoardEntry {
  id: string;
  caseReference: string;
  jurisdiction: string;
  dangerLevel: string | null;
  escalationLevel: number;
  status: Alarm['status'];
  receivedAt: string;
  /** Known once read over the API, with the ticket of that read. */
  alarm?: Alarm;
  alarmTicket: number;
  /**
   * When the information was asked for: a later answer never gives way to an earlier one, whatever
   * order the answers arrive in (a list read before an event but answered after it).
   */
  ticket: number;
}

let tickets = 0;
/** A ticket for information asked for now. */
export function nextTicket(): number {
  return (tickets += 1);
}

export type Board = ReadonlyMap<string, BoardEntry>;

export function fromAlarm(alarm: Alarm, ticket: number): BoardEntry {
  return {
    id: alarm.id,
    caseReference: alarm.caseReference,
    jurisdiction: alarm.jurisdiction,
    dangerLevel: alarm.dangerLevel,
    escalationLevel: alarm.escalationLevel,
    status: alarm.status,
    receivedAt: alarm.receivedAt,
    alarm,
    alarmTicket: ticket,
    ticket,
  };
}

export function fromSummary(
  summary: AlarmSummary,
  previous: BoardEntry | undefined,
  ticket: number,
): BoardEntry {
  return {
    id: summary.alarmId,
    caseReference: summary.caseReference,
    jurisdiction: summary.jurisdiction,
    dangerLevel: summary.dangerLevel,
    escalationLevel: summary.escalationLevel,
    status: summary.status,
    receivedAt: previous?.receivedAt ?? summary.at,
    alarm: previous?.alarm,
    alarmTicket: previous?.alarmTicket ?? 0,
    ticket,
  };
}

/** Applies entries whose ticket is newer than what the board holds. */
export function apply(board: Board, entries: BoardEntry[]): Board {
  const next = new Map(board);
  for (const entry of entries) {
    const held = next.get(entry.id);
    if (!held || held.ticket < entry.ticket) next.set(entry.id, entry);
  }
  return next;
}

const STATUS_RANK: Record<Alarm['status'], number> = { open: 0, acknowledged: 1, resolved: 2 };

/**
 * The board's order: unacknowledged alarms first, then those being handled, oldest first in each
 * (the longest wait on top); resolved ones last, newest first.
 */
export function boardOrder(a: BoardEntry, b: BoardEntry): number {
  const rank = STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (rank !== 0) return rank;
  const age = a.receivedAt.localeCompare(b.receivedAt);
  return a.status === 'resolved' ? -age : age;
}

/** Resolved alarms kept on the board: the most recent ones, so that a shift's board stays short. */
export function pruneResolved(board: Board, keep: number): Board {
  const resolved = [...board.values()].filter((entry) => entry.status === 'resolved');
  if (resolved.length <= keep) return board;
  const next = new Map(board);
  for (const entry of resolved.sort(boardOrder).slice(keep)) next.delete(entry.id);
  return next;
}
