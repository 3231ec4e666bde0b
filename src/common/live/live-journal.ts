import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Observable, Subject } from 'rxjs';
import { DataSource } from 'typeorm';

import { Actor } from '../../auth/actor';
import { Clock } from '../clock';
import { compareCursors, FeedCursor, formatCursor, parseCursor } from './feed-cursor';

/** What a live journal carries: a typed change of something kept under a jurisdiction. */
export interface JournalEvent {
  type: string;
  jurisdiction: string;
}

/** One event at its place in the journal; `cursor` is the SSE event id. */
export interface FeedEntry<E extends JournalEvent> {
  cursor: string;
  event: E;
}

/** Sent instead of a catch-up the journal no longer holds: the console reloads its list. */
export const FEED_RESET = 'feed.reset';

/** Where a journal lives: its table (id bigserial, tx, jurisdiction, event, created_at) and channel. */
export interface JournalTable {
  /** The table, whose AFTER INSERT trigger sends `pg_notify(<table>, '')`. */
  table: string;
  /** How it is named in the logs. */
  label: string;
}

const BATCH = 500;
const CATCH_UP_LIMIT = 5000;
const RETENTION_HOURS = 24;
/** Tail of the journal with a NOTIFY listener (a safety net) and without one (the only way). */
const POLL_MS = { listening: 2000, polling: 200 };
/** A row is written but an older transaction is still open: look again soon. */
const SETTLING_MS = 20;
const SETTLED = `tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

interface JournalRow<E> {
  id: string;
  tx: string;
  event: E;
  settled: boolean;
}

/**
 * A live feed of changes, cluster-wide. Each change writes a row to the feature's journal table in
 * its own transaction; every instance tails the journal in (transaction id, row id) order, reading
 * a row only once every older transaction has ended, so all instances read the same rows in the
 * same order and none that commit late is missed. A NOTIFY from the journal's trigger wakes them
 * (LISTEN on a connection of its own); where notifications do not arrive (the embedded database, a
 * transaction-mode pooler) they poll. Consoles follow it as Server-Sent Events (see `sse.ts`).
 */
export abstract class LiveJournal<E extends JournalEvent>
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger: Logger;
  private readonly entries = new Subject<FeedEntry<E>>();
  private cursor: FeedCursor = { tx: 0n, id: 0n };
  private listener: Client | undefined;
  private connecting: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private listening = false;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private lastCleanup = 0;
  private settlingSince: number | undefined;
  private settlingWarned = 0;

  protected constructor(
    protected readonly db: DataSource,
    protected readonly clock: Clock,
    private readonly journal: JournalTable,
  ) {
    this.logger = new Logger(journal.label);
  }

  async onApplicationBootstrap(): Promise<void> {
    const [last] = await this.db.query(
      `SELECT tx::text, id::text FROM ${this.journal.table} WHERE ${SETTLED} ORDER BY tx DESC, id DESC LIMIT 1`,
    );
    if (last) this.cursor = { tx: BigInt(last.tx), id: BigInt(last.id) };
    // Polled from the start; the listener, once its probe is heard, takes over. Start-up does not
    // wait for the probe (up to 2 s per journal where notifications never arrive).
    this.schedule(0);
    this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.retry);
    await this.connecting;
    await this.reading;
    this.entries.complete();
    await this.listener?.end().catch(() => undefined);
  }

  /** Reads the journal now: called after this instance committed a change. */
  kick(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /**
   * The feed of the jurisdictions `actor` may see. With `lastEventId` (SSE `Last-Event-ID`), what
   * happened since that event comes first, from the journal, on whichever instance it was seen;
   * then the live feed, each event once. A position the journal no longer holds starts with
   * `feed.reset` (reload the list).
   */
  stream(actor: Actor, lastEventId?: string): Observable<FeedEntry<E> | typeof FEED_RESET> {
    return new Observable((subscriber) => {
      let last: FeedCursor | null = null;
      let pending: FeedEntry<E>[] | null = lastEventId !== undefined ? [] : null;
      const emit = (entry: FeedEntry<E>) => {
        const at = parseCursor(entry.cursor)!;
        if (last && compareCursors(at, last) <= 0) return;
        last = at;
        subscriber.next(entry);
      };
      const live = this.entries.subscribe((entry) => {
        if (!actor.canActIn(entry.event.jurisdiction)) return;
        if (pending) pending.push(entry);
        else emit(entry);
      });
      if (pending) {
        this.catchUp(actor, lastEventId!).then(
          ({ reset, entries }) => {
            if (reset) subscriber.next(FEED_RESET);
            for (const entry of entries) emit(entry);
            for (const entry of pending ?? []) emit(entry);
            pending = null;
          },
          (error: unknown) => subscriber.error(error),
        );
      }
      return () => live.unsubscribe();
    });
  }

  private async catchUp(
    actor: Actor,
    lastEventId: string,
  ): Promise<{ reset: boolean; entries: FeedEntry<E>[] }> {
    const from = parseCursor(lastEventId);
    if (!from) return { reset: true, entries: [] };
    const [{ known }] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM ${this.journal.table} WHERE id = $1) AS known`,
      [from.id.toString()],
    );
    const rows: JournalRow<E>[] = await this.db.query(
      `SELECT id::text, tx::text, event, true AS settled FROM ${this.journal.table}
       WHERE (tx, id) > ($1::bigint, $2::bigint) AND ${SETTLED}
         AND ($3::text[] IS NULL OR jurisdiction = ANY($3))
       ORDER BY tx, id LIMIT ${CATCH_UP_LIMIT}`,
      [from.tx.toString(), from.id.toString(), actor.visibleJurisdictions() ?? null],
    );
    return { reset: !known || rows.length === CATCH_UP_LIMIT, entries: rows.map(toEntry) };
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.reading = this.read()
        .catch((error: Error) => {
          this.logger.warn(`${this.journal.label} read failed: ${error.message}`);
          return false;
        })
        .then((settling) => {
          this.reading = undefined;
          const now = this.again;
          this.again = false;
          this.schedule(
            now
              ? 0
              : settling
                ? this.settlingDelay()
                : POLL_MS[this.listening ? 'listening' : 'polling'],
          );
        });
    }, delay);
  }

  /**
   * While a journal row waits for an older transaction to end, look again soon, then less often;
   * a wait of more than 10 s (a long write transaction somewhere on the server) is logged.
   */
  private settlingDelay(): number {
    const now = Date.now();
    this.settlingSince ??= now;
    const waited = now - this.settlingSince;
    if (waited > 10_000 && now - this.settlingWarned > 60_000) {
      this.settlingWarned = now;
      this.logger.warn(
        `${this.journal.label} held back for ${Math.round(waited / 1000)} s by a long transaction on the database`,
      );
    }
    return waited < 1000 ? SETTLING_MS : 200;
  }

  /** Publishes every settled row past the cursor; true when unsettled rows wait behind them. */
  private async read(): Promise<boolean> {
    for (;;) {
      const rows: JournalRow<E>[] = await this.db.query(
        `SELECT id::text, tx::text, event, ${SETTLED} AS settled FROM ${this.journal.table}
         WHERE (tx, id) > ($1::bigint, $2::bigint) ORDER BY tx, id LIMIT ${BATCH}`,
        [this.cursor.tx.toString(), this.cursor.id.toString()],
      );
      for (const row of rows) {
        if (!row.settled) return true;
        this.settlingSince = undefined;
        this.cursor = { tx: BigInt(row.tx), id: BigInt(row.id) };
        this.entries.next(toEntry(row));
      }
      if (rows.length < BATCH) break;
    }
    await this.cleanup();
    return false;
  }

  /** The journal keeps a day, for consoles that come back; any instance may trim it. */
  private async cleanup(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastCleanup < 10 * 60_000) return;
    this.lastCleanup = now;
    await this.db.query(`DELETE FROM ${this.journal.table} WHERE created_at < $1`, [
      new Date(now - RETENTION_HOURS * 3600_000),
    ]);
  }

  /**
   * LISTEN on a connection of its own, checked by a NOTIFY sent through the pool: if it does not
   * arrive (the embedded database answers every connection from one session; a pooler in
   * transaction mode drops LISTEN), the journal is polled instead. A lost connection is re-opened.
   */
  private async listen(): Promise<void> {
    const url = (this.db.options as { url?: string }).url;
    if (!url || this.stopped) return;
    const channel = this.journal.table;
    const client = new Client({ connectionString: url });
    client.on('error', (error) =>
      this.logger.warn(`${this.journal.label} listener: ${error.message}`),
    );
    try {
      await client.connect();
      const heard = new Promise<boolean>((resolve) => {
        const timeout = setTimeout(() => resolve(false), 2000).unref();
        client.once('notification', () => {
          clearTimeout(timeout);
          resolve(true);
        });
      });
      await client.query(`LISTEN ${channel}`);
      await this.db.query(`SELECT pg_notify('${channel}', 'probe')`);
      if (!(await heard) || this.stopped) {
        await client.query(`UNLISTEN *`);
        await client.end();
        if (!this.stopped)
          this.logger.log(
            `${this.journal.label}: notifications do not arrive here; polling the journal`,
          );
        return;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      this.logger.warn(
        `${this.journal.label}: cannot LISTEN (${(error as Error).message}); polling`,
      );
      this.retryListen();
      return;
    }
    client.on('notification', () => this.kick());
    client.on('end', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listening = false;
      this.retryListen();
    });
    this.listener = client;
    this.listening = true;
    this.kick();
  }

  private retryListen(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => this.connect(), 2000);
    this.retry.unref();
  }

  /** Listens in the background; whatever goes wrong there leaves the journal polled. */
  private connect(): void {
    this.connecting = this.listen().catch((error: Error) =>
      this.logger.warn(`${this.journal.label}: cannot LISTEN (${error.message}); polling`),
    );
  }
}

function toEntry<E extends JournalEvent>(row: JournalRow<E>): FeedEntry<E> {
  return { cursor: formatCursor({ tx: BigInt(row.tx), id: BigInt(row.id) }), event: row.event };
}
