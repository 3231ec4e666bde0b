import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { FieldCipher } from '../common/field-cipher';
import { APP_CONFIG, AppConfig, RetentionConfig } from '../config/app-config';
import { AlarmsRepository } from './alarms.repository';

const RETENTION = new Actor('system:retention', [], ['*']);
const BATCH = 500;
const DAY = 86_400_000;
const POSITION_KEYS = /^(location|position|coords|gps|lat|lng|lon|latitude|longitude|accuracy)$/i;

/**
 * Erases the victim's positions on time (arrêté of 22 April 2015 on the TGD, art. 5): track points
 * deleted, and the position taken out of each stored gateway body, 3 days after recording (8 on
 * the prosecutor's order), 3 days after the device's return at the latest. Each pass that erases
 * something leaves an audit record of how much (never what).
 */
@Injectable()
export class PositionRetentionService implements OnModuleInit {
  private readonly logger = new Logger('Retention');
  private readonly config: RetentionConfig;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly alarms: AlarmsRepository,
    private readonly events: DomainEventPublisher,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {
    this.config = config.retention;
  }

  onModuleInit(): void {
    this.events.subscribe(async (manager, event) => {
      if (event.type !== 'device.returned') return;
      const by = new Date(this.clock.now().getTime() + this.config.afterReturnDays * DAY);
      await this.alarms.eraseTracksBy(manager, event.allocationId, by);
    });
  }

  /** One pass; resolves with the number of track points and event bodies erased. */
  async purge(): Promise<number> {
    const now = this.clock.now();
    const { positionDays, authorizedPositionDays } = this.config;
    const trackPoints = await this.alarms.purgeTrack(now, positionDays, authorizedPositionDays);
    let eventBodies = 0;
    for (;;) {
      const erased = await this.db.transaction(async (manager) => {
        const rows = await this.alarms.eventsPastRetention(
          manager,
          now,
          positionDays,
          authorizedPositionDays,
          BATCH,
        );
        await this.alarms.erasePositions(
          manager,
          rows.map((row) => ({ id: row.id, rawSealed: this.withoutPosition(row) })),
          now,
        );
        return rows.length;
      });
      eventBodies += erased;
      if (erased < BATCH) break;
    }
    if (trackPoints + eventBodies > 0) {
      this.logger.log(`positions erased: ${trackPoints} track points, ${eventBodies} event bodies`);
      await this.audit.record(RETENTION, [
        {
          action: 'retention.purge',
          entityType: 'position',
          entityId: null,
          jurisdiction: null,
          outcome: 'success',
          detail: { trackPoints, eventBodies, at: now.toISOString() },
        },
      ]);
    }
    return trackPoints + eventBodies;
  }

  /**
   * The stored body, sealed again without its position. A malformed body (kept as `{ body }`, in
   * any shape) is not searched: it is replaced whole. One that cannot be opened is replaced too, so
   * that a single bad row never stops the erasure of the others.
   */
  private withoutPosition(row: { id: string; rawSealed: string }): string {
    const context = `${row.id}:raw`;
    let raw: Record<string, unknown>;
    try {
      raw = this.cipher.open<Record<string, unknown>>(row.rawSealed, context);
    } catch {
      this.logger.error(`device event ${row.id}: body unreadable, replaced at erasure`);
      return this.cipher.seal({ erased: 'unreadable' }, context);
    }
    if ('body' in raw) return this.cipher.seal({ erased: 'malformed body' }, context);
    const strip = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(strip);
      if (!value || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => !POSITION_KEYS.test(key))
          .map(([key, inner]) => [key, strip(inner)]),
      );
    };
    return this.cipher.seal(strip(raw), context);
  }
}
