import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Subject } from 'rxjs';

import { retryDelayMs } from '../alarms/domain/alarm-lifecycle';
import { Clock } from '../common/clock';
import { retryTransient } from '../common/transient';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { PushMessage, PushTransport, SendOutcome } from './fcm-transport';
import { ClaimedRow, PushOutbox } from './push-outbox';
import { PUSH_TRANSPORT } from './push-transport.token';

const BATCH = 200;
/** Batches an instance has at FCM at once (a hung FCM costs a send timeout per batch). */
const MAX_IN_FLIGHT = 8;
/** How long a timed-out request is waited for before its pushes may be sent again. */
const LATE_MS = 120_000;

/** What became of a batch of alarm pushes, told to the alarms once recorded. */
export interface PushOutcomes {
  at: Date;
  /** Alarms a push of which FCM accepted. */
  sent: string[];
  /** Alarms left with no push sent or pending after their phones' tokens were dropped. */
  unreachable: string[];
}

/** Push's own state for /health: degraded with reasons when sends fail or pushes wait too long. */
export interface PushHealth {
  transport: 'fcm' | 'live-feed-only';
  pending: number;
  oldestSeconds: number;
  failingSeconds: number | null;
  degraded: string[];
}

/**
 * Sends the outbox's pushes. It claims due deliveries with FOR UPDATE SKIP LOCKED and a short lease,
 * renewed while the send is in flight, sends them outside any transaction, and records every
 * attempt. A claim whose sender died expires with its lease and is sent again: at least once, never
 * lost. What became of alarm pushes is told on `outcomes`; whether FCM fails, on `health`.
 */
@Injectable()
export class PushDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PushDispatcher.name);
  private timer: NodeJS.Timeout | undefined;
  private renewal: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly leaseMs: number;
  private readonly fresh: ClaimedRow[] = [];
  /** Deliveries this instance holds (queued here or in flight): their leases are renewed. */
  private readonly inHand = new Set<string>();
  private flushing = false;
  /** Batches being sent: one slow or hung send never holds back the next batch. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Since when every send has failed (null: the last batch had a success). */
  private failingSince: number | null = null;
  private lastError: string | null = null;
  private lastProbe = 0;
  readonly outcomes = new Subject<PushOutcomes>();

  constructor(
    private readonly outbox: PushOutbox,
    @Inject(PUSH_TRANSPORT) private readonly transport: PushTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {
    this.leaseMs = config.push.leaseMs;
  }

  onApplicationBootstrap(): void {
    if (this.transport.enabled) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
    await Promise.all(this.inFlight);
    clearInterval(this.renewal);
    this.outcomes.complete();
    await this.transport.close();
  }

  /** Sends deliveries born claimed (`PushOutbox.queue`), batched with those of the same moment. */
  dispatch(rows: ClaimedRow[]): void {
    if (rows.length === 0 || this.stopped) return;
    for (const row of rows) this.inHand.add(row.id);
    this.renewLeases();
    this.fresh.push(...rows);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      while (this.fresh.length > 0) this.send(this.fresh.splice(0, BATCH));
    });
  }

  /** Sends a batch without waiting for it; its outcome is recorded when FCM answers. */
  private send(deliveries: ClaimedRow[]): void {
    const sending: Promise<void> = this.deliverSafely(deliveries).finally(() =>
      this.inFlight.delete(sending),
    );
    this.inFlight.add(sending);
  }

  /** Sends what is due now (called after an alarm commits); the poll catches retries and restarts. */
  kick(): void {
    if (!this.transport.enabled || this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Degraded, and why: no FCM at all, sends failing too long, or a push waiting too long. */
  async health(): Promise<PushHealth> {
    const { pending, oldestSeconds } = await this.outbox.backlog();
    const failingSeconds = this.failingSeconds();
    const limit = this.config.push.degradedAfterSeconds;
    const degraded: string[] = [];
    if (!this.transport.enabled)
      degraded.push('No FCM_PROJECT_ID: alarms are not pushed to phones, only to the live feed.');
    if (failingSeconds !== null && failingSeconds >= limit)
      degraded.push(
        `Every FCM send has failed for ${failingSeconds} s (last error: ${this.lastError ?? 'unknown'}).`,
      );
    if (oldestSeconds >= limit)
      degraded.push(`${pending} pushes waiting, the oldest for ${oldestSeconds} s.`);
    return {
      transport: this.transport.enabled ? 'fcm' : 'live-feed-only',
      pending,
      oldestSeconds,
      failingSeconds,
      degraded,
    };
  }

  /** How long every send has failed (null: the last batch had a success). */
  failingSeconds(): number | null {
    return this.failingSince === null
      ? null
      : Math.round((this.clock.now().getTime() - this.failingSince) / 1000);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
        if (this.stopped) return;
        const now = this.again;
        this.again = false;
        this.schedule(now ? 0 : this.config.push.pollMs);
      });
    }, delay);
  }

  private async drain(): Promise<void> {
    try {
      await this.probe();
      while (this.inFlight.size < MAX_IN_FLIGHT && !this.stopped) {
        const claimed = await this.claim();
        if (claimed.length === 0) return;
        this.send(claimed);
        if (claimed.length < BATCH) return;
      }
    } catch (error) {
      this.logger.error(`push dispatch failed: ${(error as Error).message}`);
    }
  }

  /**
   * While every send fails, one push waiting for its backoff is tried now and then: the first that
   * goes through tells FCM is back, and everything waiting is then sent at once (`deliver`).
   */
  private async probe(): Promise<void> {
    const now = this.clock.now();
    if (
      this.failingSince === null ||
      now.getTime() - this.lastProbe < this.config.push.probeSeconds * 1000
    )
      return;
    this.lastProbe = now.getTime();
    await this.outbox.probeOne(now);
  }

  /** Due deliveries, leased to this instance. */
  private async claim(): Promise<ClaimedRow[]> {
    const now = this.clock.now();
    const rows = await this.outbox.claim(
      now,
      new Date(now.getTime() + this.leaseMs),
      // Never what this instance still holds, even if a stalled event loop let its lease run out.
      [...this.inHand],
      BATCH,
    );
    for (const row of rows) this.inHand.add(row.id);
    this.renewLeases();
    return rows;
  }

  /** Keeps the leases of the deliveries in hand alive while there are any. */
  private renewLeases(): void {
    if (this.renewal || this.inHand.size === 0) return;
    this.renewal = setInterval(
      () => {
        if (this.inHand.size === 0) {
          clearInterval(this.renewal);
          this.renewal = undefined;
          return;
        }
        const now = this.clock.now();
        this.outbox
          .renewLeases([...this.inHand], new Date(now.getTime() + this.leaseMs))
          .catch((error: Error) => this.logger.warn(`push lease renewal failed: ${error.message}`));
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
  }

  private async deliverSafely(deliveries: ClaimedRow[]): Promise<void> {
    let late: Promise<SendOutcome[]> | undefined;
    try {
      ({ late } = await this.deliver(deliveries));
    } catch (error) {
      this.logger.error(`push dispatch failed: ${(error as Error).message}`);
    }
    if (late) void this.followLate(deliveries, late);
    else for (const d of deliveries) this.inHand.delete(d.id);
  }

  /**
   * A timed-out request may still succeed (firebase-admin retries some failures by itself): its
   * pushes stay in hand, their lease renewed, not sent again, until it ends or LATE_MS passes; what
   * it delivered after all is recorded as sent. The batch's slot is free meanwhile.
   */
  private async followLate(deliveries: ClaimedRow[], late: Promise<SendOutcome[]>) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const outcomes = await Promise.race([
        late,
        new Promise<SendOutcome[]>((resolve) => {
          timer = setTimeout(() => resolve([]), LATE_MS);
          timer.unref();
        }),
      ]);
      const settled = deliveries.flatMap((d, i) =>
        outcomes[i] && outcomes[i].outcome !== 'retry' ? [{ d, r: outcomes[i] }] : [],
      );
      if (settled.length > 0 && !this.stopped)
        await this.record(
          settled.map((s) => s.d),
          settled.map((s) => s.r),
          this.clock.now(),
          0,
        );
    } catch (error) {
      this.logger.error(`recording a late push outcome failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      for (const d of deliveries) this.inHand.delete(d.id);
    }
  }

  /**
   * Sends a batch and records its outcomes; `late`: the real outcomes of a timed-out request (in an
   * object, since awaiting a promise of a promise would wait for it).
   */
  private async deliver(deliveries: ClaimedRow[]): Promise<{ late?: Promise<SendOutcome[]> }> {
    const started = Date.now();
    const messages: PushMessage[] = deliveries.map((d) => ({
      token: d.token,
      data: { ...d.payload, deliveryId: d.id },
      collapseKey: d.alarm_id ? `${d.alarm_id}:${d.escalation_level}` : `${d.notification_id}`,
    }));
    const { outcomes, late } = await this.transport.send(messages);
    const results = deliveries.map(
      (_, i) => outcomes[i] ?? { outcome: 'retry' as const, errorCode: 'no-response' },
    );
    await this.record(deliveries, results, this.clock.now(), Date.now() - started);
    return { late };
  }

  /**
   * One statement for a whole batch: outcomes, dropped tokens, attempts. Rows are locked in id
   * order, as `cancel` does. It touches push tables only; the alarms hear of it afterwards.
   */
  private async record(
    deliveries: ClaimedRow[],
    results: SendOutcome[],
    now: Date,
    duration: number,
  ): Promise<void> {
    for (const result of results) this.metrics.pushSends.inc({ outcome: result.outcome });
    const retryMax = this.config.push.retryMaxSeconds;
    const updated = await retryTransient(() =>
      this.outbox.record(
        deliveries.map((d, i) => ({
          ...results[i],
          id: d.id,
          token: d.token,
          retryAt:
            results[i].outcome === 'retry'
              ? new Date(now.getTime() + retryDelayMs(d.attempts, retryMax))
              : null,
        })),
        now,
        duration,
        new Date(now.getTime() + this.leaseMs),
      ),
    );
    await this.afterOutcomes(now, results, updated);
  }

  /** Tells the alarms, tracks whether FCM is failing, and releases what waited once it is back. */
  private async afterOutcomes(
    now: Date,
    results: Array<{ outcome: string; errorCode?: string }>,
    updated: Array<{ alarm_id: string; outcome: string }>,
  ): Promise<void> {
    const sent = [...new Set(updated.filter((u) => u.outcome === 'sent').map((u) => u.alarm_id))];
    const dropped = [
      ...new Set(updated.filter((u) => u.outcome === 'unregistered').map((u) => u.alarm_id)),
    ];
    const unreachable = await this.outbox.unreachable(dropped);
    if (sent.length > 0 || unreachable.length > 0)
      this.outcomes.next({ at: now, sent, unreachable });
    const anySent = results.some((r) => r.outcome === 'sent');
    const failed = results.find((r) => r.outcome === 'retry');
    if (anySent && this.failingSince !== null) {
      await this.outbox.releaseWaiting(now);
      this.failingSince = null;
      this.logger.log('FCM sends succeed again: sending every waiting push now');
      this.kick();
    } else if (!anySent && failed) {
      this.lastError = failed.errorCode ?? 'unknown';
      if (this.failingSince === null) this.failingSince = now.getTime();
    }
  }
}
