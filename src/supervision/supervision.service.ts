import { createHash } from 'node:crypto';

import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import { Scope, UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem } from '../common/problems';
import { APP_CONFIG, AppConfig, SupervisionConfig } from '../config/app-config';
import { PushDispatcher } from '../push/push-dispatcher';
import { PushOutbox } from '../push/push-outbox';
import { acknowledgeRefusal, reactionTo, resolveRefusal } from './domain/technical-alert';
import {
  ResolveTechnicalAlertDto,
  TechnicalAlertDto,
  TechnicalAlertQueryDto,
} from './dto/technical-alert.dto';
import { ClearedAlert, OpenedAlert, SupervisionRepository } from './supervision.repository';
import { TechnicalAlert } from './technical-alert.entity';

const ALERT: Scope<TechnicalAlert> = {
  entity: TechnicalAlert,
  type: 'technical_alert',
  label: 'Technical alert',
};

/** One notification per alert and escalation level: a repeated pass never pushes it twice. */
function notificationIdOf(alertId: string, level: number): string {
  const hex = createHash('md5').update(`technical-alert:${alertId}:${level}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The service's own hand in audit records of what supervision opens and closes. */
const SUPERVISION = new Actor('system:supervision', [], ['*']);

/**
 * Device supervision: follows each device in a victim's hands from its hand-over to its return,
 * hears its reports in the transaction that stores them, opens and closes technical alerts, and
 * serves the technical queue (apart from distress alarms) with its acknowledgement and resolution.
 */
@Injectable()
export class SupervisionService implements OnModuleInit {
  private readonly logger = new Logger('Supervision');
  private readonly config: SupervisionConfig;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: SupervisionRepository,
    private readonly events: DomainEventPublisher,
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly push: PushOutbox,
    private readonly dispatcher: PushDispatcher,
  ) {
    this.config = config.supervision;
  }

  onModuleInit(): void {
    this.events.subscribe(async (manager, event) => {
      const now = this.clock.now();
      switch (event.type) {
        case 'device.assigned':
          return this.repository.supervise(manager, event, now);
        // After the end, the device's reports are refused (no active allocation): supervising it
        // would report a working device silent. Its return is a coordinator's obligation.
        case 'device.returned':
          return this.repository.release(manager, event.allocationId, now, 'device_returned');
        case 'allocation.ended':
          return this.repository.release(manager, event.allocationId, now, 'allocation_ended');
        case 'device.reported': {
          const device = await this.repository.heard(
            manager,
            event.allocationId,
            event.deviceId,
            now,
            event.report === 'test' && !event.failed,
          );
          if (!device) return;
          const reaction = reactionTo(event, this.config.chargedPercent);
          const cleared = await this.repository.clearedByDevice(
            manager,
            device.allocationId,
            reaction.close,
            now,
          );
          const opened = await this.repository.open(
            manager,
            device,
            reaction.open,
            now,
            this.escalationTime(now),
            event.eventId,
          );
          await this.recorded(manager, opened, cleared);
          // Sent by the dispatcher's next poll, once this transaction has committed.
          await this.page(manager, opened);
        }
      }
    });
  }

  /**
   * One supervision pass: devices heard on the alarm path (`heardOnAlarmPath`, asked of the alarms)
   * are brought up to date, silences they ended close, and silent devices and missed tests open.
   */
  async scan(heardOnAlarmPath: (deviceIds: string[]) => Promise<Map<string, Date>>) {
    const now = this.clock.now();
    const { silenceHours, silenceHoursByJurisdiction, testDays } = this.config;
    const candidates = await this.repository.silenceCandidates(
      now,
      silenceHours,
      silenceHoursByJurisdiction,
    );
    const heard = await heardOnAlarmPath(candidates.map((c) => c.deviceId));
    await this.repository.heardAt([...heard].map(([deviceId, at]) => ({ deviceId, at })));
    // What a pass opens is audited and queued for push in the same transaction: an alert is never
    // open without its record and its pushes.
    const { opened, cleared, escalated } = await this.db.transaction(async (manager) => {
      const cleared = await this.repository.clearSilences(manager, now);
      const opened = await this.repository.openOverdue(
        manager,
        now,
        silenceHours,
        silenceHoursByJurisdiction,
        testDays,
        this.escalationTime(now),
      );
      await this.recorded(manager, opened, cleared);
      const escalated = await this.repository.escalate(manager, now, this.escalationTime(now));
      await this.page(manager, [...opened, ...escalated]);
      return { opened, cleared, escalated };
    });
    for (const alert of escalated)
      this.logger.error(
        `technical alert ${alert.id} (${alert.kind}) in ${alert.jurisdiction} unacknowledged: escalation level ${alert.escalationLevel}`,
      );
    if (opened.length + escalated.length > 0) this.dispatcher.kick();
    return { opened: opened.length, cleared: cleared.length, escalated: escalated.length };
  }

  async list(actor: Actor, query: TechnicalAlertQueryDto): Promise<Page<TechnicalAlertDto>> {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    if (visible && visible.length === 0)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const caseIds = query.coordinatorId
      ? await this.cases.caseIdsOf(actor, query.coordinatorId)
      : null;
    const found = await this.repository.list({
      ...query,
      jurisdictions: visible ?? null,
      caseIds,
    });
    await this.audit.record(
      actor,
      found.items.map((alert) => ({
        action: 'technical_alert.list',
        entityType: 'technical_alert',
        entityId: alert.id,
        jurisdiction: alert.jurisdiction,
        caseId: alert.caseId,
        outcome: 'success' as const,
      })),
    );
    return { ...found, items: found.items.map((alert) => this.dto(alert)) };
  }

  get(actor: Actor, id: string): Promise<TechnicalAlertDto> {
    return this.work.read(actor, ALERT, id, 'technical_alert.read', (alert) => this.dto(alert));
  }

  acknowledge(actor: Actor, id: string): Promise<TechnicalAlertDto> {
    return this.work.change(
      actor,
      ALERT,
      id,
      'technical_alert.acknowledge',
      async (alert, w) => {
        const refusal = acknowledgeRefusal(alert.status);
        if (refusal) throw ConflictProblem.of(refusal);
        alert.status = 'acknowledged';
        alert.acknowledgedAt = this.clock.now();
        alert.acknowledgedBy = actor.subject;
        alert.nextEscalationAt = null;
        await this.stopPushes(w.manager, alert);
        return undefined;
      },
      (alert) => this.dto(alert),
    );
  }

  resolve(actor: Actor, id: string, input: ResolveTechnicalAlertDto): Promise<TechnicalAlertDto> {
    return this.work.change(
      actor,
      ALERT,
      id,
      'technical_alert.resolve',
      async (alert, w) => {
        const refusal = resolveRefusal(alert.status);
        if (refusal) throw ConflictProblem.of(refusal);
        const now = this.clock.now();
        alert.acknowledgedAt ??= now;
        alert.acknowledgedBy ??= actor.subject;
        alert.status = 'resolved';
        alert.resolvedAt = now;
        alert.resolvedBy = actor.subject;
        alert.resolution = input.resolution;
        alert.nextEscalationAt = null;
        alert.noteSealed = input.note ? this.cipher.seal(input.note, `${alert.id}:note`) : null;
        await this.stopPushes(w.manager, alert);
        return { resolution: input.resolution };
      },
      (alert) => this.dto(alert),
    );
  }

  /**
   * Pushes each alert (and each escalation) to the case's coordinator and the jurisdiction's
   * on-duty operators, through the push outbox; the payload names no one (ids, kind, level).
   */
  private async page(
    manager: EntityManager,
    alerts: (OpenedAlert & { escalationLevel?: number })[],
  ): Promise<number> {
    if (alerts.length === 0) return 0;
    const cases = await this.cases.contacts(manager, [...new Set(alerts.map((a) => a.caseId))]);
    return this.push.queueNotices(
      manager,
      alerts.flatMap((alert) => {
        const level = alert.escalationLevel ?? 0;
        const notificationId = notificationIdOf(alert.id, level);
        const kase = cases.get(alert.caseId);
        const payload = {
          type: 'technical-alert',
          notificationId,
          alertId: alert.id,
          kind: alert.kind,
          jurisdiction: alert.jurisdiction,
          caseReference: kase?.reference ?? '',
          escalationLevel: String(level),
        };
        return (['coordinator', 'operator'] as const).map((responsible) => ({
          notificationId,
          responsible,
          jurisdiction: alert.jurisdiction,
          coordinatorId: kase?.coordinatorId ?? '',
          payload,
        }));
      }),
    );
  }

  /** Someone is on it: its pushes not yet sent (first and escalations) are not sent. */
  private stopPushes(manager: EntityManager, alert: TechnicalAlert): Promise<void> {
    const levels = Array.from({ length: alert.escalationLevel + 1 }, (_, level) => level);
    return this.push.cancelNotifications(
      manager,
      levels.map((level) => notificationIdOf(alert.id, level)),
    );
  }

  private escalationTime(now: Date): Date {
    return new Date(now.getTime() + this.config.escalationMinutes * 60_000);
  }

  /** Audit records of what supervision opened and closed, and a log line of each opening. */
  private async recorded(
    manager: EntityManager,
    opened: OpenedAlert[],
    cleared: ClearedAlert[],
  ): Promise<void> {
    for (const alert of opened)
      this.logger.warn(
        `technical alert ${alert.id} opened: ${alert.kind} in ${alert.jurisdiction}`,
      );
    await this.audit.record(
      SUPERVISION,
      [
        ...opened.map((alert) => ({
          action: 'technical_alert.open',
          entityType: 'technical_alert',
          entityId: alert.id,
          jurisdiction: alert.jurisdiction,
          caseId: alert.caseId,
          outcome: 'success' as const,
          detail: { kind: alert.kind },
        })),
        ...cleared.map((alert) => ({
          action: 'technical_alert.cleared',
          entityType: 'technical_alert',
          entityId: alert.id,
          jurisdiction: alert.jurisdiction,
          caseId: alert.caseId,
          outcome: 'success' as const,
        })),
      ],
      manager,
    );
  }

  private dto(alert: TechnicalAlert): TechnicalAlertDto {
    return {
      id: alert.id,
      kind: alert.kind,
      status: alert.status,
      allocationId: alert.allocationId,
      deviceId: alert.deviceId,
      caseId: alert.caseId,
      jurisdiction: alert.jurisdiction,
      openedAt: alert.openedAt,
      openedByEvent: alert.openedByEvent,
      escalationLevel: alert.escalationLevel,
      acknowledgedAt: alert.acknowledgedAt,
      acknowledgedBy: alert.acknowledgedBy,
      resolvedAt: alert.resolvedAt,
      resolvedBy: alert.resolvedBy,
      resolution: alert.resolution,
      note: alert.noteSealed
        ? this.cipher.open<string>(alert.noteSealed, `${alert.id}:note`)
        : null,
    };
  }
}
