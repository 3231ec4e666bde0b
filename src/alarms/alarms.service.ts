import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';

import { AssessmentsService } from '../assessments/assessments.service';
import { AuditDetail } from '../audit/domain/audit-detail';
import { Scope, UnitOfWork, Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { contactBansInForce } from '../cases/domain/case-facts';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem } from '../common/problems';
import { retryTransient } from '../common/transient';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { PushDispatcher, PushOutcomes } from '../push/push-dispatcher';
import { PushOutbox } from '../push/push-outbox';
import { Alarm } from './alarm.entity';
import { AlarmFeed } from './alarm-feed';
import { feedEvent, pushPayload } from './alarm-messages';
import { AlarmsRepository } from './alarms.repository';
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
  CallBackDto,
  LocationDto,
  PoliceCallDto,
  ResolveAlarmDto,
} from './dto/alarm.dto';

const ALARM: Scope<Alarm> = { entity: Alarm, type: 'alarm', label: 'Alarm' };
const ESCALATION_BATCH = 100;

/**
 * The operators' side of an alarm: the list and the safety file, acknowledgement, police call-out,
 * resolution; and escalation. Escalation deadlines are rows, claimed with FOR UPDATE SKIP LOCKED by
 * whichever instance looks first, so a restart or a second instance loses none and doubles none.
 * Every change takes the alarm's row lock first, then touches its pushes and journal: one lock
 * order on the whole alarm path.
 */
@Injectable()
export class AlarmsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AlarmsService.name);
  private outcomes: Subscription | undefined;
  /** Asks the escalation job for a pass now (set by the job). */
  escalateSoon: () => void = () => undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly alarms: AlarmsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly work: UnitOfWork,
    private readonly cases: CasesService,
    private readonly assessments: AssessmentsService,
    private readonly push: PushOutbox,
    private readonly dispatcher: PushDispatcher,
    private readonly feed: AlarmFeed,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.outcomes = this.dispatcher.outcomes.subscribe((outcomes) => void this.pushed(outcomes));
  }

  onModuleDestroy(): void {
    this.outcomes?.unsubscribe();
  }

  async list(actor: Actor, query: AlarmQueryDto): Promise<Page<AlarmDto>> {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    if (visible && visible.length === 0)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    return this.work.run(actor, async (w) => {
      const [rows, total] = await this.alarms.page(w.manager, visible ?? null, query);
      const items = [];
      for (const row of rows) {
        items.push(await this.dto(w, row));
        await w.audited(ALARM, row, 'alarm.read', { via: 'list' });
      }
      return { items, total, page: query.page, pageSize: query.pageSize };
    });
  }

  get(actor: Actor, id: string): Promise<AlarmDto> {
    return this.work.read(actor, ALARM, id, 'alarm.read', (alarm, w) => this.dto(w, alarm));
  }

  acknowledge(actor: Actor, id: string): Promise<AlarmDto> {
    return this.change(actor, id, 'alarm.acknowledge', async (alarm, w, now) => {
      const { manager } = w;
      const refusal = acknowledgeRefusal(alarm.status);
      if (refusal) throw ConflictProblem.of(refusal);
      // A press after an acknowledgement reopens the alarm; the first acknowledgement stays the
      // answer time, the latest one is who re-alerts go to.
      const first = alarm.acknowledgedAt === null;
      if (first) this.answered(alarm, now);
      Object.assign(alarm, {
        status: 'acknowledged',
        acknowledgedAt: alarm.acknowledgedAt ?? now,
        // Who answered first, with when (acknowledgedAt): the answer time is theirs.
        acknowledgedBy: alarm.acknowledgedBy ?? actor.subject,
        nextEscalationAt: null,
      });
      await this.push.cancel(manager, alarm.id);
      await this.feed.append(manager, [feedEvent('alarm.acknowledged', alarm, now)]);
      const detail: AuditDetail = first
        ? { secondsToAcknowledge: (now.getTime() - alarm.receivedAt.getTime()) / 1000 }
        : { reacknowledged: true };
      return detail;
    });
  }

  callPolice(actor: Actor, id: string, input: PoliceCallDto): Promise<AlarmDto> {
    return this.change(actor, id, 'alarm.police', async (alarm, w, now) => {
      const { manager } = w;
      const refusal = policeCallRefusal(alarm.status);
      if (refusal) throw ConflictProblem.of(refusal);
      alarm.policeCalledAt = alarm.policeCalledAt ?? now;
      this.addNote(alarm, {
        kind: 'police',
        at: now.toISOString(),
        by: actor.subject,
        text: input.note ?? null,
        ...(input.reference ? { reference: input.reference } : {}),
      });
      await this.feed.append(manager, [feedEvent('alarm.police', alarm, now)]);
      return {};
    });
  }

  /**
   * The call-back to the victim (levée de doute), answered or not: a timed step of the timeline.
   */
  callBack(actor: Actor, id: string, input: CallBackDto): Promise<AlarmDto> {
    return this.change(actor, id, 'alarm.call_back', async (alarm, w, now) => {
      const refusal = policeCallRefusal(alarm.status);
      if (refusal) throw ConflictProblem.of(refusal);
      this.addNote(alarm, {
        kind: 'call_back',
        at: now.toISOString(),
        by: actor.subject,
        text: input.note ?? null,
        answered: input.answered,
      });
      await this.feed.append(w.manager, [feedEvent('alarm.called_back', alarm, now)]);
      return { answered: input.answered };
    });
  }

  resolve(actor: Actor, id: string, input: ResolveAlarmDto): Promise<AlarmDto> {
    return this.change(actor, id, 'alarm.resolve', async (alarm, w, now) => {
      const { manager } = w;
      const refusal = resolveRefusal(alarm.status);
      if (refusal) throw ConflictProblem.of(refusal);
      if (alarm.acknowledgedAt === null) this.answered(alarm, now);
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
      await w.publish({
        type: 'alarm.resolved',
        allocationId: alarm.allocationId,
        alarmId: alarm.id,
      });
      await this.feed.append(manager, [feedEvent('alarm.resolved', alarm, now)]);
      return { outcome: input.outcome };
    });
  }

  /**
   * The prosecutor orders the alarm's track kept 8 days instead of 3 (arrêté of 22 April 2015,
   * art. 5). Positions already erased stay erased.
   */
  keepTrack(actor: Actor, id: string): Promise<AlarmDto> {
    return this.change(actor, id, 'alarm.keep_track', async (alarm, _w, now) => {
      alarm.trackKeptAt ??= now;
      alarm.trackKeptBy ??= actor.subject;
      return { days: this.config.retention.authorizedPositionDays };
    });
  }

  /**
   * One pass of escalation: every open alarm whose deadline passed is pushed again to the
   * supervisors and every on-duty operator (or, if none has a phone, to the fallback operators),
   * and gets its next deadline.
   */
  async escalateDue(): Promise<number> {
    const now = this.clock.now();
    const escalated = await retryTransient(() =>
      this.db.transaction(async (manager) => {
        const due = await this.alarms.claimEscalations(manager, now, ESCALATION_BATCH);
        for (const alarm of due) {
          alarm.escalationLevel += 1;
          alarm.nextEscalationAt = nextEscalation(
            now,
            alarm.escalationLevel,
            this.config.alarms.escalationSeconds,
          );
          await this.alarms.setEscalation(manager, alarm);
          const { tier } = await this.push.enqueue(
            manager,
            { ...alarm, level: alarm.escalationLevel, audience: 'escalation' },
            pushPayload(alarm),
          );
          if (tier === null && this.push.enabled) this.unrouted(alarm, 'escalation');
        }
        await this.feed.append(
          manager,
          due.map((alarm) => feedEvent('alarm.escalated', alarm, now)),
        );
        return due;
      }),
    );
    if (escalated.length > 0) {
      this.dispatcher.kick();
      this.feed.kick();
    }
    return escalated.length;
  }

  /** Reported loudly: an alarm step that no phone at all could be found for. */
  unrouted(alarm: { id: string; jurisdiction: string }, step: string): void {
    this.metrics.alarmsUnrouted.inc({ jurisdiction: alarm.jurisdiction });
    this.logger.error(
      `alarm ${alarm.id} (${alarm.jurisdiction}): ${step} reached no phone: no operator on duty, no supervisor and no fallback operator has a push token registered`,
    );
  }

  /**
   * Someone came on duty: the open alarms of those jurisdictions that no phone has accepted yet
   * escalate now (to them, among others) instead of at their next deadline.
   */
  async pageUnreached(jurisdictions: readonly string[]): Promise<void> {
    const count = await retryTransient(() =>
      this.alarms.escalateAt(this.clock.now(), { unpushedIn: jurisdictions }),
    );
    if (count > 0) this.escalateSoon();
  }

  private answered(alarm: Alarm, at: Date): void {
    this.metrics.alarmAnswer
      .labels(alarm.jurisdiction)
      .observe((at.getTime() - alarm.receivedAt.getTime()) / 1000);
  }

  /** When each of these devices was last heard from (distress and positions included). */
  lastHeard(deviceIds: string[]): Promise<Map<string, Date>> {
    return this.alarms.lastHeard(deviceIds);
  }

  /** Open alarms no phone has accepted within ALARM_UNPUSHED_SECONDS of receipt, for /health. */
  async unpushed(): Promise<{ count: number; jurisdictions: string[]; oldestSeconds: number }> {
    const now = this.clock.now();
    return this.alarms.unpushed(
      now,
      new Date(now.getTime() - this.config.alarms.unpushedAfterSeconds * 1000),
    );
  }

  /**
   * What the dispatcher reports: the first push FCM accepted is the alarm's first-pushed time; an
   * alarm whose every phone was dropped escalates now rather than at its deadline.
   */
  private async pushed({ at, sent, unreachable }: PushOutcomes): Promise<void> {
    try {
      if (sent.length > 0) {
        const received = await retryTransient(() => this.alarms.markFirstPushed(sent, at));
        for (const receivedAt of received)
          this.metrics.alarmReceiptToPush.observe((at.getTime() - receivedAt.getTime()) / 1000);
      }
      if (unreachable.length > 0) {
        await retryTransient(() => this.alarms.escalateAt(at, { ids: unreachable }));
        this.escalateSoon();
      }
    } catch (error) {
      this.logger.error(`recording push outcomes failed: ${(error as Error).message}`);
    }
  }

  /** Locks the alarm, applies `mutate`, saves, journals and audits in one unit of work. */
  private async change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (alarm: Alarm, w: Work, now: Date) => Promise<AuditDetail>,
  ): Promise<AlarmDto> {
    const dto = await this.work.change(
      actor,
      ALARM,
      id,
      action,
      (alarm, w) => mutate(alarm, w, this.clock.now()),
      (alarm, w) => this.dto(w, alarm),
      { retry: true },
    );
    this.feed.kick();
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

  /** The alarm with the safety file an operator needs, read (and audited) from the victim file. */
  private async dto(w: Work, alarm: Alarm): Promise<AlarmDto> {
    const { manager } = w;
    const kase = await this.cases.caseFileForWork(w.actor, alarm.caseId, 'alarm.read', manager);
    const level = await this.assessments.levelInForce(manager, alarm.caseId);
    const track = await this.alarms.track(manager, alarm.id);
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
      trackKeptAt: alarm.trackKeptAt,
      trackKeptBy: alarm.trackKeptBy,
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
