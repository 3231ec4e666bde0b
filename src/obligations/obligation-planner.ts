import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { DomainEvent, DomainEventType, sourceOf } from '../common/domain-events';
import { PushDispatcher } from '../push/push-dispatcher';
import { ObligationNotice, PushOutbox } from '../push/push-outbox';
import {
  CASE_TRIGGERS,
  Completion,
  LoadedTemplate,
  plan,
  templatesFor,
  TriggerEvent,
  triggersOf,
} from './domain/obligation-templates';
import {
  ADVANCE_BATCH,
  ChangedObligation,
  ObligationsRepository,
  Occurrence,
} from './obligations.repository';
import { WatchedAllocation } from './watched-allocation.entity';

export const OBLIGATION_TEMPLATES = Symbol('OBLIGATION_TEMPLATES');

/**
 * What each event does to the open obligations of its allocation, before the templates it triggers
 * are planned: complete those it fulfils, cancel those it makes moot.
 */
const REACTIONS: Partial<
  Record<
    DomainEventType,
    {
      fulfils?: Completion[];
      /** Only those whose window is open (a device test counts from its notice). */
      inWindow?: boolean;
      cancels?: { only: Completion[] } | { except: Completion[] };
    }
  >
> = {
  'allocation.renewed': { fulfils: ['renewal_decision'] },
  'allocation.ended': { fulfils: ['renewal_decision'], cancels: { except: ['device_return'] } },
  'device.tested': { fulfils: ['device_test'], inWindow: true },
  'device.returned': { fulfils: ['device_return'], cancels: { only: ['device_test'] } },
  'assessment.submitted': { fulfils: ['assessment'] },
  // The level the re-assessment is planned on changed: planned again from the override.
  'assessment.overridden': { cancels: { only: ['assessment'] } },
};

/**
 * What each event about a case alone (no allocation) does to the open obligations of the same
 * source (the referral, the action, the housing request): complete those it fulfils, cancel those
 * it makes moot.
 */
const CASE_REACTIONS: Partial<
  Record<DomainEventType, { status: 'completed' | 'cancelled'; kinds: Completion[] }>
> = {
  'referral.answered': { status: 'completed', kinds: ['referral_answer'] },
  'referral.ended': { status: 'cancelled', kinds: ['referral_answer'] },
  'concertation.action-done': { status: 'completed', kinds: ['concertation_action'] },
  'housing.allocated': { status: 'completed', kinds: ['housing_place'] },
  'housing.withdrawn': { status: 'cancelled', kinds: ['housing_place'] },
};

/**
 * Plans follow-up obligations from the service's domain events, in the producer's transaction, and
 * moves them to due and overdue (`advance`, run by the scheduler). It knows no producer: it hears
 * events, keeps its own view of the allocations it follows, and plans what the templates ask.
 */
@Injectable()
export class ObligationPlanner implements OnModuleInit {
  private readonly templates: Map<string, LoadedTemplate>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OBLIGATION_TEMPLATES) private readonly loaded: LoadedTemplate[],
    private readonly obligations: ObligationsRepository,
    private readonly events: DomainEventPublisher,
    private readonly cases: CasesService,
    private readonly push: PushOutbox,
    private readonly dispatcher: PushDispatcher,
    private readonly clock: Clock,
  ) {
    this.templates = new Map(loaded.map((t) => [t.template.id, t]));
  }

  onModuleInit(): void {
    this.events.subscribe((manager, event) => this.on(manager, event));
    this.events.followCaseTransfers((manager, caseId, to) =>
      this.obligations.moveCase(manager, caseId, to),
    );
  }

  /** One event: the allocation followed, what it fulfils or cancels, what it starts. */
  async on(manager: EntityManager, event: DomainEvent): Promise<void> {
    if (CASE_TRIGGERS.has(event.type)) return this.onCase(manager, event);
    const watched = await this.follow(manager, event);
    if (!watched) return;
    const now = this.clock.now();
    const by = `system:${event.type}`;
    const reaction = REACTIONS[event.type] ?? {};
    if (reaction.fulfils) {
      const done = await this.obligations.fulfil(
        manager,
        watched.allocationId,
        reaction.fulfils,
        now,
        by,
        reaction.inWindow ?? false,
      );
      for (const occurrence of done) await this.next(manager, occurrence);
    }
    if (reaction.cancels)
      await this.obligations.cancel(manager, watched.allocationId, reaction.cancels, now, by);
    if (!this.starts(event, watched)) return;
    const levelFromTop = 'levelFromTop' in event ? event.levelFromTop : undefined;
    await this.start(manager, watched, event.type, sourceOf(event), levelFromTop);
    // An override changes the level in force: the re-assessment is planned as after a submission.
    if (event.type === 'assessment.overridden')
      await this.start(manager, watched, 'assessment.submitted', sourceOf(event), levelFromTop);
  }

  /**
   * An event about a case alone (a referral): its obligations belong to the case, with no
   * allocation, one per template and source; what the event fulfils or makes moot is closed first.
   */
  private async onCase(manager: EntityManager, event: DomainEvent): Promise<void> {
    if (!('caseId' in event) || !('jurisdiction' in event)) return;
    const { caseId, jurisdiction } = event;
    const now = this.clock.now();
    const sourceId = sourceOf(event);
    const reaction = CASE_REACTIONS[event.type];
    if (reaction)
      await this.obligations.closeOfSource(
        manager,
        caseId,
        sourceId,
        reaction.kinds,
        reaction.status,
        now,
        `system:${event.type}`,
      );
    // The loader refuses `beforeEnd` and `repeat` on these triggers: there is no allocation's end.
    const trigger: TriggerEvent = {
      type: event.type,
      at: now,
      sourceId,
      allocationEndsAt: now,
      ...('dueAt' in event ? { dueAt: event.dueAt } : {}),
      ...('urgency' in event ? { urgency: event.urgency } : {}),
    };
    const owner = { allocationId: null, caseId, jurisdiction };
    for (const loaded of templatesFor(this.loaded, trigger))
      await this.obligations.insert(manager, owner, loaded, sourceId, plan(loaded, trigger), now);
  }

  /**
   * One pass of the scheduler: open obligations whose time came move to due or overdue, each
   * change claimed with FOR UPDATE SKIP LOCKED and notified once, so several instances share the
   * work and never notify twice. A repeating obligation that falls overdue gets its next
   * occurrence. Returns the number of changes.
   */
  async advance(now = this.clock.now()): Promise<number> {
    let total = 0;
    let pushed = 0;
    for (;;) {
      const changed = await this.db.transaction(async (manager) => {
        const rows = await this.obligations.advanceBatch(manager, now);
        if (rows.length === 0) return 0;
        const notified = rows.filter((row) => row.notificationId !== null);
        const cases = await this.cases.contacts(manager, [
          ...new Set(notified.map((r) => r.caseId)),
        ]);
        pushed += await this.push.queueNotices(
          manager,
          notified.map((row) => noticeOf(row, cases.get(row.caseId))),
        );
        for (const row of rows.filter((r) => r.state === 'overdue')) await this.next(manager, row);
        return rows.length;
      });
      total += changed;
      if (changed < ADVANCE_BATCH) break;
    }
    if (pushed > 0) this.dispatcher.kick();
    return total;
  }

  /** The next occurrence of a repeating obligation, anchored on the series' first deadline. */
  async next(manager: EntityManager, occurrence: Occurrence): Promise<void> {
    const loaded = this.templates.get(occurrence.templateId);
    // An obligation of a case alone never repeats (see CASE_TRIGGERS).
    if (!loaded?.template.due.repeat || occurrence.allocationId === null) return;
    const { allocationId } = occurrence;
    const watched = await this.obligations.watched(manager, { allocationId });
    if (!watched?.active) return;
    const first = await this.obligations.first(manager, { ...occurrence, allocationId });
    // The first deadline was computed from the trigger time, which is its creation time.
    const event: TriggerEvent = {
      type: triggersOf(loaded.template)[0],
      at: first.createdAt,
      sourceId: occurrence.sourceId,
      allocationEndsAt: watched.endsAt,
    };
    const sequence = Number(occurrence.sequence) + 1;
    await this.obligations.insert(
      manager,
      watched,
      loaded,
      occurrence.sourceId,
      plan(loaded, event, sequence),
      this.clock.now(),
    );
  }

  /** The allocation an event concerns, as the obligations follow it (updated by allocation events). */
  private async follow(
    manager: EntityManager,
    event: DomainEvent,
  ): Promise<WatchedAllocation | null> {
    switch (event.type) {
      // An approval or a renewal says all there is to know of a running allocation (a renewal
      // may be the first the obligations hear of one approved before they followed any).
      case 'allocation.approved':
      case 'allocation.renewed': {
        const { allocationId, caseId, jurisdiction, endsAt } = event;
        const watched = { allocationId, caseId, jurisdiction, endsAt, active: true };
        await this.obligations.watch(manager, watched);
        return watched;
      }
      case 'allocation.ended': {
        const watched = await this.obligations.watched(manager, {
          allocationId: event.allocationId,
        });
        if (!watched) return null;
        await this.obligations.updateWatched(manager, event.allocationId, { active: false });
        return Object.assign(watched, { active: false });
      }
      case 'assessment.submitted':
      case 'assessment.overridden':
      case 'tgd-request.filed':
        return this.obligations.watched(manager, { caseId: event.caseId });
      default:
        // An event of no allocation (a case's consent, a referral handled above) follows none.
        return 'allocationId' in event
          ? this.obligations.watched(manager, { allocationId: event.allocationId })
          : null;
    }
  }

  /** Whether the event's own templates apply to the allocation in its present state. */
  private starts(event: DomainEvent, watched: WatchedAllocation): boolean {
    switch (event.type) {
      case 'allocation.ended':
        // Only a device still in hand calls for something after the end: its return.
        return event.deviceInHand;
      case 'device.assigned':
      case 'device.returned':
        return true;
      default:
        return watched.active;
    }
  }

  private async start(
    manager: EntityManager,
    watched: WatchedAllocation,
    type: DomainEventType,
    sourceId: string,
    levelFromTop: number | undefined,
  ): Promise<void> {
    const at = this.clock.now();
    const event: TriggerEvent = {
      type,
      at,
      sourceId,
      allocationEndsAt: watched.endsAt,
      levelFromTop,
    };
    for (const loaded of templatesFor(this.loaded, event))
      await this.obligations.insert(manager, watched, loaded, sourceId, plan(loaded, event), at);
  }
}

/** The push of one obligation notification: ids, times and the case reference, nothing personal. */
function noticeOf(
  row: ChangedObligation,
  kase: { reference: string; coordinatorId: string } | undefined,
): ObligationNotice {
  const notificationId = row.notificationId!;
  return {
    notificationId,
    responsible: row.responsible,
    jurisdiction: row.jurisdiction,
    coordinatorId: kase?.coordinatorId ?? '',
    payload: {
      type: 'obligation',
      notificationId,
      obligationId: row.id,
      templateId: row.templateId,
      state: row.state,
      dueAt: row.dueAt.toISOString(),
      caseReference: kase?.reference ?? '',
      jurisdiction: row.jurisdiction,
    },
  };
}
