import { ObligationsService } from '../obligations/obligations.service';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AssessmentsService } from '../assessments/assessments.service';
import { AuditDetail } from '../audit/audit-record.entity';
import { AuditService, findInScope } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { contactBansInForce } from '../cases/domain/case-facts';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem } from '../common/problems';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PushService } from '../push/push.service';
import { AlarmFeed } from './alarm-feed';
import { AlarmTrackPoint } from './alarm-track-point.entity';
import { Alarm } from './alarm.entity';
import {
  acknowledgeRefusal,
  nextEscalation,
  policeCallRefusal,
  resolveRefusal,
} from './domain/alarm-lifecycle';
import {
  AlarmDto,
  AlarmNoteDto,
  AlarmQueryDto,
  LocationDto,
  PoliceCallDto,
  ResolveAlarmDto,
} from './dto/alarm.dto';
import { feedEvent, pushPayload } from './ingestion.service';

const ENTITY = 'alarm';

/**
 * The operators' side of an alarm: the list and the safety file, acknowledgement, police call-out,
 * resolution; and escalation. Escalation deadlines are rows, claimed with FOR UPDATE SKIP LOCKED by
 * whichever instance looks first, so a restart or a second instance loses none and doubles none.
 */
@Injectable()
export class AlarmsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlarmsService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly assessments: AssessmentsService,
    private readonly push: PushService,
    private readonly feed: AlarmFeed,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly obligations: ObligationsService,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.min(1000, this.config.push.pollMs * 4);
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.escalateDue().finally(() => (this.running = undefined));
    }, every);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async list(actor: Actor, query: AlarmQueryDto): Promise<Page<AlarmDto>> {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    if (visible && visible.length === 0)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    return this.db.transaction(async (manager) => {
      const [rows, total] = await manager.getRepository(Alarm).findAndCount({
        where: {
          ...(visible ? { jurisdiction: In(visible) } : {}),
          ...(query.status ? { status: query.status } : {}),
        },
        order: { receivedAt: 'DESC', id: 'ASC' },
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      });
      const items = [];
      for (const row of rows) {
        items.push(await this.dto(manager, actor, row));
        await this.record(manager, actor, row, 'alarm.read', { via: 'list' });
      }
      return { items, total, page: query.page, pageSize: query.pageSize };
    });
  }

  async get(actor: Actor, id: string): Promise<AlarmDto> {
    return this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const alarm = await this.find(manager, actor, id, 'alarm.read');
        await this.record(manager, actor, alarm, 'alarm.read');
        return this.dto(manager, actor, alarm);
      }),
    );
  }

  acknowledge(actor: Actor, id: string): Promise<AlarmDto> {
    return this.change(actor, id, 'alarm.acknowledge', async (alarm, manager, now, afterCommit) => {
      const refusal = acknowledgeRefusal(alarm.status);
      if (refusal) throw new ConflictProblem(refusal);
      Object.assign(alarm, {
        status: 'acknowledged',
        acknowledgedAt: now,
        acknowledgedBy: actor.subject,
        nextEscalationAt: null,
      });
      await this.push.cancel(manager, alarm.id);
      afterCommit.push(() => this.feed.publish(feedEvent('alarm.acknowledged', alarm, now)));
      return { secondsToAcknowledge: (now.getTime() - alarm.receivedAt.getTime()) / 1000 };
    });
  }

  callPolice(actor: Actor, id: string, input: PoliceCallDto): Promise<AlarmDto> {
    return this.change(actor, id, 'alarm.police', async (alarm, _manager, now) => {
      const refusal = policeCallRefusal(alarm.status);
      if (refusal) throw new ConflictProblem(refusal);
      alarm.policeCalledAt = alarm.policeCalledAt ?? now;
      this.addNote(alarm, {
        kind: 'police',
        at: now.toISOString(),
        by: actor.subject,
        text: input.note ?? null,
      });
      return {};
    });
  }

  resolve(actor: Actor, id: string, input: ResolveAlarmDto): Promise<AlarmDto> {
    return this.change(actor, id, 'alarm.resolve', async (alarm, manager, now, afterCommit) => {
      const refusal = resolveRefusal(alarm.status);
      if (refusal) throw new ConflictProblem(refusal);
      Object.assign(alarm, {
        status: 'resolved',
        acknowledgedAt: alarm.acknowledgedAt ?? now,
        acknowledgedBy: alarm.acknowledgedBy ?? actor.subject,
        resolvedAt: now,
        resolvedBy: actor.subject,
        outcome: input.outcome,
        nextEscalationAt: null,
      });
      this.addNote(alarm, {
        kind: 'resolution',
        at: now.toISOString(),
        by: actor.subject,
        text: input.note ?? null,
      });
      await this.push.cancel(manager, alarm.id);
      await this.obligations.alarmResolved(manager, alarm.allocationId, alarm.id);
      afterCommit.push(() => this.feed.publish(feedEvent('alarm.resolved', alarm, now)));
      return { outcome: input.outcome };
    });
  }

  /**
   * One pass of escalation: every open alarm whose deadline passed is pushed again to the
   * supervisors and every on-duty operator, and gets its next deadline.
   */
  async escalateDue(): Promise<number> {
    try {
      const now = this.clock.now();
      const escalated = await this.db.transaction(async (manager) => {
        const due = await manager
          .getRepository(Alarm)
          .createQueryBuilder('a')
          .where(`a.status = 'open' AND a.next_escalation_at <= :now`, { now })
          .orderBy('a.next_escalation_at')
          .limit(100)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const alarm of due) {
          alarm.escalationLevel += 1;
          alarm.nextEscalationAt = nextEscalation(
            alarm.nextEscalationAt!,
            alarm.escalationLevel,
            this.config.alarms.escalationSeconds,
          );
          await manager.update(
            Alarm,
            { id: alarm.id },
            { escalationLevel: alarm.escalationLevel, nextEscalationAt: alarm.nextEscalationAt },
          );
          await this.push.enqueue(
            manager,
            alarm,
            alarm.escalationLevel,
            'escalation',
            pushPayload(alarm),
          );
        }
        return due;
      });
      if (escalated.length > 0) {
        this.push.kick();
        for (const alarm of escalated) this.feed.publish(feedEvent('alarm.escalated', alarm, now));
      }
      return escalated.length;
    } catch (error) {
      this.logger.error(`escalation pass failed: ${(error as Error).message}`);
      return 0;
    }
  }

  /** Locks the alarm, applies `mutate`, saves and audits in one transaction; then publishes. */
  private async change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (
      alarm: Alarm,
      manager: EntityManager,
      now: Date,
      afterCommit: Array<() => void>,
    ) => Promise<AuditDetail>,
  ): Promise<AlarmDto> {
    const pending: Array<() => void> = [];
    const dto = await this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const alarm = await this.find(manager, actor, id, action, true);
        const detail = await mutate(alarm, manager, this.clock.now(), pending);
        const saved = await manager.save(alarm);
        await this.record(manager, actor, saved, action, detail);
        return this.dto(manager, actor, saved);
      }),
    );
    for (const publish of pending) publish();
    return dto;
  }

  private addNote(alarm: Alarm, note: AlarmNoteDto): void {
    const notes = this.notes(alarm);
    notes.push(note);
    alarm.notesSealed = this.cipher.seal(notes, `${alarm.id}:notes`);
  }

  private notes(alarm: Alarm): AlarmNoteDto[] {
    return alarm.notesSealed
      ? this.cipher.open<AlarmNoteDto[]>(alarm.notesSealed, `${alarm.id}:notes`)
      : [];
  }

  private find(manager: EntityManager, actor: Actor, id: string, action: string, lock = false) {
    return findInScope(
      manager,
      Alarm,
      actor,
      { id, action, entityType: ENTITY, label: 'Alarm' },
      lock,
    );
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    alarm: Alarm,
    action: string,
    detail?: AuditDetail,
  ) {
    return this.audit.record(
      actor,
      [
        {
          action,
          entityType: ENTITY,
          entityId: alarm.id,
          jurisdiction: alarm.jurisdiction,
          outcome: 'success',
          detail,
        },
      ],
      manager,
    );
  }

  /** The alarm with the safety file an operator needs, read (and audited) from the victim file. */
  private async dto(manager: EntityManager, actor: Actor, alarm: Alarm): Promise<AlarmDto> {
    const kase = await this.cases.caseFileForWork(actor, alarm.caseId, 'alarm.read', manager);
    const level = await this.assessments.levelInForce(manager, alarm.caseId);
    const track = await manager
      .getRepository(AlarmTrackPoint)
      .find({ where: { alarmId: alarm.id }, order: { occurredAt: 'ASC' } });
    const address = kase.victim.address;
    return {
      id: alarm.id,
      caseId: alarm.caseId,
      caseReference: alarm.caseReference,
      allocationId: alarm.allocationId,
      jurisdiction: alarm.jurisdiction,
      status: alarm.status,
      dangerLevel: alarm.dangerLevel,
      occurredAt: alarm.occurredAt,
      receivedAt: alarm.receivedAt,
      firstPushedAt: alarm.firstPushedAt,
      acknowledgedAt: alarm.acknowledgedAt,
      acknowledgedBy: alarm.acknowledgedBy,
      policeCalledAt: alarm.policeCalledAt,
      resolvedAt: alarm.resolvedAt,
      resolvedBy: alarm.resolvedBy,
      outcome: alarm.outcome,
      escalationLevel: alarm.escalationLevel,
      nextEscalationAt: alarm.nextEscalationAt,
      track: track.map((point) => ({
        ...this.cipher.open<LocationDto>(point.positionSealed, `${alarm.allocationId}:track`),
        occurredAt: point.occurredAt,
      })),
      notes: this.notes(alarm),
      safety: {
        victimName: [kase.victim.firstName, kase.victim.lastName].filter(Boolean).join(' '),
        victimPhone: kase.victim.phone ?? null,
        victimAddress: address
          ? [address.line1, address.line2, `${address.postalCode ?? ''} ${address.city}`.trim()]
              .filter(Boolean)
              .join(', ')
          : null,
        preferredLanguage: kase.victim.preferredLanguage ?? null,
        authorDescription: kase.author?.description ?? null,
        authorWeapons: kase.author?.knownWeapons ?? [],
        dangerLevel: level?.levelLabel ?? null,
        redFlags: level?.redFlags ?? [],
        protectionMeasures: contactBansInForce(
          kase.author,
          this.clock.now().toISOString().slice(0, 10),
        ),
        children: kase.children.length,
      },
    };
  }
}
