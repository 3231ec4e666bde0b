import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AssessmentsService } from '../assessments/assessments.service';
import { AuditedRefusal, AuditService } from '../audit/audit.service';
import { Scope, UnitOfWork, Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { CaseStatus } from '../cases/domain/case-status';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { CaseClosed } from '../common/domain-events';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem, ForbiddenProblem } from '../common/problems';
import { NetworkSummary } from '../network/domain/network';
import { NetworkService } from '../network/network.service';
import { ConcertationRepository } from './concertation.repository';
import { ConcertationAction } from './concertation-action.entity';
import { ConcertationMeeting } from './concertation-meeting.entity';
import { AgendaItem, agendaOrder, Decision, proposalReasons } from './domain/concertation';
import {
  actionAlreadyDone,
  actionCancelled,
  caseNotInNetwork,
  caseNotOnAgenda,
  networkNotCovering,
  partnerNotInNetwork,
} from './domain/concertation-errors';
import {
  ActionDto,
  CreateActionDto,
  CreateDecisionDto,
  CreateMeetingDto,
  MeetingDto,
  MeetingSummaryDto,
  ParticipantsDto,
  PartnerActionDto,
} from './dto/concertation.dto';
import { renderMinutes } from './minutes-pdf';

const MEETING: Scope<ConcertationMeeting> = {
  entity: ConcertationMeeting,
  type: 'concertation_meeting',
  label: 'Concertation meeting',
};
const ACTION: Scope<ConcertationAction> = {
  entity: ConcertationAction,
  type: 'concertation_action',
  label: 'Concertation action',
};
const OPEN_STATUSES: CaseStatus[] = ['open', 'enrolled'];

/** An open case that may be proposed for the agenda. */
interface Candidate {
  id: string;
  reference: string;
  jurisdiction: string;
  repeat: boolean;
  coordinatorName: string | null;
}

/**
 * Concertation meetings of a network (issue #17). A coordinator or admin of a jurisdiction the
 * network covers schedules one; its agenda is proposed from the open cases of the network's
 * jurisdictions the scheduler acts in — level in force among the top two of its instrument, or a
 * repeat (MARAC's 12 months) — with the reason, and edited by hand; partners of the network are
 * invited and their attendance recorded; per agenda case, decisions (sealed) and actions assigned
 * to a partner with a deadline. `concertation.action-assigned` and `concertation.action-done`
 * (ids only) let the obligations feature follow each action. Every read and write is audited in
 * its transaction.
 */
@Injectable()
export class ConcertationService {
  constructor(
    private readonly meetings: ConcertationRepository,
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly assessments: AssessmentsService,
    private readonly network: NetworkService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly events: DomainEventPublisher,
  ) {}

  onModuleInit(): void {
    this.events.followCaseTransfers((manager, caseId, to) =>
      this.meetings.moveCase(manager, caseId, to),
    );
    this.events.followCaseClosures((manager, event) => this.endWithCase(manager, event));
  }

  /** Schedules a meeting with its proposed agenda. */
  async schedule(actor: Actor, input: CreateMeetingDto): Promise<MeetingDto> {
    const { network, jurisdiction } = await this.coveringNetwork(actor, input);
    const candidates = await this.candidates(actor, network.jurisdictions);
    return this.work.run(actor, async (w) => {
      const agenda = await this.proposals(w, candidates);
      const now = this.clock.now();
      const id = randomUUID();
      const row = Object.assign(new ConcertationMeeting(), {
        id,
        networkId: network.id,
        networkName: network.name,
        networkJurisdictions: network.jurisdictions,
        jurisdiction,
        kind: input.kind,
        scheduledAt: new Date(input.scheduledAt),
        coordinatorId: actor.subject,
        coordinatorName: actor.displayName ?? null,
        agenda,
        removedCaseIds: [],
        participants: [],
        decisionsSealed: this.sealDecisions(id, []),
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await this.meetings.insertMeeting(w.manager, row);
      await w.audited(MEETING, row, 'concertation.schedule', {
        networkId: network.id,
        kind: input.kind,
        proposed: agenda.length,
      });
      return this.meetingDto(w, row);
    });
  }

  /**
   * Proposes again, before the meeting, the cases that qualify now (a level raised, a repeat since
   * it was scheduled): they join the agenda; what is on it stays, added by hand or not, and what
   * was taken off by hand stays off.
   */
  async refreshAgenda(actor: Actor, id: string): Promise<MeetingDto> {
    const meeting = await this.get(actor, id);
    const candidates = await this.candidates(actor, meeting.networkJurisdictions);
    return this.change(actor, id, 'concertation.agenda-refresh', async (row, w) => {
      // What is on it, and what the coordinator took off, stays as it is.
      const known = new Set([...row.agenda.map((item) => item.caseId), ...row.removedCaseIds]);
      const added = (await this.proposals(w, candidates)).filter((p) => !known.has(p.caseId));
      row.agenda = [...row.agenda, ...added].sort(agendaOrder);
      return { added: added.map((item) => item.caseId).join(',') || 'none' };
    });
  }

  /**
   * The open cases of `jurisdictions` the actor acts in, read outside a transaction (the embedded
   * database has one session), each read audited by the cases feature.
   */
  private async candidates(actor: Actor, jurisdictions: readonly string[]): Promise<Candidate[]> {
    const candidates: Candidate[] = [];
    for (const j of jurisdictions.filter((x) => actor.canActIn(x)))
      for (const status of OPEN_STATUSES)
        for (let page = 1; ; page++) {
          const found = await this.cases.list(actor, {
            jurisdiction: j,
            status,
            page,
            pageSize: 100,
          });
          for (const c of found.items)
            candidates.push({
              id: c.id,
              reference: c.reference,
              jurisdiction: c.jurisdiction,
              repeat: c.repeat !== null,
              coordinatorName: c.coordinatorName,
            });
          if (page * found.pageSize >= found.total || found.items.length === 0) break;
        }
    return candidates;
  }

  /** The candidates the agenda proposes (level among the top two, or a repeat), in its order. */
  private async proposals(w: Work, candidates: Candidate[]): Promise<AgendaItem[]> {
    const agenda: AgendaItem[] = [];
    for (const c of candidates) {
      const level = await this.assessments.levelInForce(w.manager, c.id);
      const reasons = proposalReasons({
        levelFromTop: level?.levelFromTop ?? null,
        repeat: c.repeat,
      });
      if (!reasons) continue;
      agenda.push({
        caseId: c.id,
        reference: c.reference,
        jurisdiction: c.jurisdiction,
        level: level?.level ?? null,
        levelLabel: level?.levelLabel ?? null,
        levelFromTop: level?.levelFromTop ?? null,
        repeat: c.repeat,
        coordinatorName: c.coordinatorName,
        reasons,
      });
    }
    return agenda.sort(agendaOrder);
  }

  /** The meetings scheduled in the actor's jurisdictions, the latest first; each listed is a read. */
  list(actor: Actor): Promise<MeetingSummaryDto[]> {
    return this.work.run(actor, async (w) => {
      const scope = actor.scope();
      const rows = await this.meetings.meetings(w.manager, scope ? [...scope] : null);
      await this.audit.record(
        actor,
        rows.map((row) => ({
          action: 'concertation.read',
          entityType: MEETING.type,
          entityId: row.id,
          jurisdiction: row.jurisdiction,
          caseId: null,
          outcome: 'success' as const,
          detail: { via: 'list' },
        })),
        w.manager,
      );
      return rows.map((row) => this.summary(row));
    });
  }

  get(actor: Actor, id: string): Promise<MeetingDto> {
    return this.work.run(actor, async (w) => {
      const row = await w.read(MEETING, id, 'concertation.read');
      return this.meetingDto(w, row);
    });
  }

  /** Puts a case on the agenda by hand (open, in the network's jurisdictions); its reason: added. */
  addToAgenda(actor: Actor, id: string, caseId: string): Promise<MeetingDto> {
    return this.change(actor, id, 'concertation.agenda-add', async (row, w) => {
      if (row.agenda.some((item) => item.caseId === caseId)) return { caseId, already: true };
      const kase = await this.cases.caseFileForWork(
        actor,
        caseId,
        'concertation.agenda-add',
        w.manager,
      );
      if (kase.status === 'closed' || !row.networkJurisdictions.includes(kase.jurisdiction))
        throw ConflictProblem.of(caseNotInNetwork(kase.reference, row.networkId));
      const level = await this.assessments.levelInForce(w.manager, kase.id);
      const repeat = kase.repeat !== null;
      const reasons = proposalReasons({ levelFromTop: level?.levelFromTop ?? null, repeat }) ?? [];
      row.agenda = [
        ...row.agenda,
        {
          caseId: kase.id,
          reference: kase.reference,
          jurisdiction: kase.jurisdiction,
          level: level?.level ?? null,
          levelLabel: level?.levelLabel ?? null,
          levelFromTop: level?.levelFromTop ?? null,
          repeat,
          coordinatorName: kase.coordinatorName,
          reasons: [...reasons, 'added' as const],
        },
      ].sort(agendaOrder);
      row.removedCaseIds = row.removedCaseIds.filter((removed) => removed !== kase.id);
      return { caseId: kase.id };
    });
  }

  removeFromAgenda(actor: Actor, id: string, caseId: string): Promise<MeetingDto> {
    return this.change(actor, id, 'concertation.agenda-remove', (row) => {
      if (!row.agenda.some((item) => item.caseId === caseId))
        throw ConflictProblem.of(caseNotOnAgenda(caseId));
      row.agenda = row.agenda.filter((item) => item.caseId !== caseId);
      row.removedCaseIds = [...new Set([...row.removedCaseIds, caseId])];
      return { caseId };
    });
  }

  /** The partners invited (the network's, active), with their attendance once recorded. */
  setParticipants(actor: Actor, id: string, input: ParticipantsDto): Promise<MeetingDto> {
    return this.change(actor, id, 'concertation.participants', async (row, w) => {
      const participants = [];
      const seen = new Set<string>();
      for (const p of input.participants) {
        if (seen.has(p.partnerId)) continue;
        seen.add(p.partnerId);
        const partner = await this.network.partner(p.partnerId, w.manager);
        if (!partner?.active || partner.networkId !== row.networkId)
          throw ConflictProblem.of(partnerNotInNetwork(p.partnerId, row.networkId));
        participants.push({
          partnerId: partner.id,
          partnerName: partner.name,
          attended: p.attended ?? null,
        });
      }
      row.participants = participants;
      return {
        invited: participants.map((p) => p.partnerId),
        attended: participants.filter((p) => p.attended).map((p) => p.partnerId),
      };
    });
  }

  addDecision(actor: Actor, id: string, input: CreateDecisionDto): Promise<MeetingDto> {
    return this.change(actor, id, 'concertation.decision', (row) => {
      const item = this.onAgenda(row, input.caseId);
      const decision: Decision = {
        id: randomUUID(),
        caseId: item.caseId,
        text: input.text,
        recordedAt: this.clock.now().toISOString(),
        recordedBy: actor.displayName ?? actor.subject,
      };
      row.decisionsSealed = this.sealDecisions(row.id, [...this.decisions(row), decision]);
      return { caseId: item.caseId, decisionId: decision.id };
    });
  }

  /** Assigns an action to a partner of the network, with its deadline; announced for the obligations. */
  addAction(actor: Actor, id: string, input: CreateActionDto): Promise<MeetingDto> {
    return this.change(actor, id, 'concertation.action-assign', async (row, w) => {
      const item = this.onAgenda(row, input.caseId);
      // Closed since it was put on the agenda: nothing more is followed in it.
      const kase = await this.cases.caseFileForWork(
        actor,
        item.caseId,
        'concertation.action-assign',
        w.manager,
      );
      if (kase.status === 'closed')
        throw ConflictProblem.of(caseNotInNetwork(kase.reference, row.networkId));
      const partner = await this.network.partner(input.partnerId, w.manager);
      if (!partner?.active || partner.networkId !== row.networkId)
        throw ConflictProblem.of(partnerNotInNetwork(input.partnerId, row.networkId));
      const now = this.clock.now();
      const actionId = randomUUID();
      const action = Object.assign(new ConcertationAction(), {
        id: actionId,
        meetingId: row.id,
        caseId: item.caseId,
        caseReference: item.reference,
        jurisdiction: item.jurisdiction,
        partnerId: partner.id,
        partnerName: partner.name,
        dueAt: new Date(input.dueAt),
        status: 'open' as const,
        descriptionSealed: this.cipher.seal(input.description, `${actionId}:description`),
        createdAt: now,
        createdBy: actor.subject,
        doneAt: null,
        doneBy: null,
        version: 1,
      });
      await this.meetings.insertAction(w.manager, action);
      await w.audited(ACTION, action, 'concertation.action-assign', {
        meetingId: row.id,
        partnerId: partner.id,
      });
      await w.publish({
        type: 'concertation.action-assigned',
        meetingId: row.id,
        actionId,
        caseId: item.caseId,
        jurisdiction: item.jurisdiction,
        partnerId: partner.id,
        dueAt: action.dueAt,
      });
      return { caseId: item.caseId, actionId };
    });
  }

  /** Marks an action done: the partner its organisation's, staff within the case's jurisdiction. */
  markDone(actor: Actor, actionId: string): Promise<ActionDto> {
    return this.work.run(actor, async (w) => {
      const action = await this.findAction(w, actionId, 'concertation.action-done', true);
      if (action.status === 'done') throw ConflictProblem.of(actionAlreadyDone(action.id));
      if (action.status === 'cancelled') throw ConflictProblem.of(actionCancelled(action.id));
      const now = this.clock.now();
      action.status = 'done';
      action.doneAt = now;
      action.doneBy = actor.subject;
      const saved = await w.manager.save(action);
      await w.audited(ACTION, saved, 'concertation.action-done', { meetingId: saved.meetingId });
      await w.publish({
        type: 'concertation.action-done',
        meetingId: saved.meetingId,
        actionId: saved.id,
        caseId: saved.caseId,
        jurisdiction: saved.jurisdiction,
        partnerId: saved.partnerId,
      });
      return this.actionDto(saved);
    });
  }

  /**
   * A closed case's open actions are cancelled by `system:case.closed`, each audited: they leave the
   * open lists, and the case's obligations end with the closure (the obligations' own reaction). A
   * later incident that reopens the case does not reopen them; a new meeting decides anew.
   */
  private async endWithCase(manager: EntityManager, event: CaseClosed): Promise<void> {
    const w = this.work.reacting(manager, event);
    for (const action of await this.meetings.openActionsOfCase(manager, event.caseId)) {
      action.status = 'cancelled';
      const saved = await manager.save(action);
      await w.audited(ACTION, saved, 'concertation.action-cancel', {
        reason: 'case_closed',
        meetingId: saved.meetingId,
      });
    }
  }

  /** A partner organisation's actions: the reference of the case, the action, its meeting's date. */
  partnerActions(actor: Actor): Promise<PartnerActionDto[]> {
    const organisation = this.organisationOf(actor);
    return this.work.run(actor, async (w) => {
      const rows = await this.meetings.actionsOfPartner(w.manager, organisation);
      await this.audit.record(
        actor,
        rows.map((row) => ({
          action: 'concertation.action-read',
          entityType: ACTION.type,
          entityId: row.id,
          jurisdiction: row.jurisdiction,
          caseId: row.caseId,
          outcome: 'success' as const,
          detail: { via: 'partner-list' },
        })),
        w.manager,
      );
      const meetings = new Map<string, ConcertationMeeting | null>();
      const out: PartnerActionDto[] = [];
      for (const row of rows) {
        if (!meetings.has(row.meetingId))
          meetings.set(row.meetingId, await this.meetings.meetingById(w.manager, row.meetingId));
        const meeting = meetings.get(row.meetingId);
        out.push({
          ...this.actionDto(row),
          networkName: meeting?.networkName ?? '',
          meetingAt: meeting?.scheduledAt ?? row.createdAt,
        });
      }
      return out;
    });
  }

  /** The minutes as a PDF (French): no victim identity, only references. Audited as a read. */
  minutes(actor: Actor, id: string): Promise<Buffer> {
    return this.work.run(actor, async (w) => {
      const row = await w.read(MEETING, id, 'concertation.minutes');
      const actions = await this.meetings.actionsOf(w.manager, row.id);
      return renderMinutes({
        meeting: row,
        decisions: this.decisions(row),
        actions: actions.map((a) => this.actionDto(a)),
        generatedAt: this.clock.now(),
      });
    });
  }

  // ---- Internals -----------------------------------------------------------------------------

  private async coveringNetwork(
    actor: Actor,
    input: CreateMeetingDto,
  ): Promise<{ network: NetworkSummary; jurisdiction: string }> {
    const network = await this.network.networkSummary(input.networkId);
    // Without a jurisdiction, the first the network covers that the scheduler acts in: an admin of
    // every jurisdiction (`*`) or a coordinator of several needs not name one.
    const jurisdiction = input.jurisdiction
      ? network?.jurisdictions.includes(input.jurisdiction) && actor.canActIn(input.jurisdiction)
        ? input.jurisdiction
        : undefined
      : network?.jurisdictions.find((j) => actor.canActIn(j));
    if (network && jurisdiction) return { network, jurisdiction };
    throw ConflictProblem.of(
      networkNotCovering(
        input.networkId,
        input.jurisdiction ?? actor.jurisdictions.filter((j) => j !== '*').join(', '),
      ),
    );
  }

  private change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (
      row: ConcertationMeeting,
      w: Work,
    ) => Promise<Record<string, unknown>> | Record<string, unknown>,
  ): Promise<MeetingDto> {
    return this.work.run(actor, async (w) => {
      const row = await w.find(MEETING, id, action, true);
      const detail = await mutate(row, w);
      row.updatedAt = this.clock.now();
      const saved = await w.manager.save(row);
      await w.audited(MEETING, saved, action, detail as never);
      return this.meetingDto(w, saved);
    });
  }

  private onAgenda(row: ConcertationMeeting, caseId: string): AgendaItem {
    const item = row.agenda.find((i) => i.caseId === caseId);
    if (!item) throw ConflictProblem.of(caseNotOnAgenda(caseId));
    return item;
  }

  /** The action as the actor may reach it: a partner its organisation's only; staff in scope. */
  private async findAction(
    w: Work,
    id: string,
    action: string,
    lock = false,
  ): Promise<ConcertationAction> {
    if (!w.actor.has('partner')) return w.find(ACTION, id, action, lock);
    const organisation = this.organisationOf(w.actor);
    const row = await this.meetings.actionById(w.manager, id, lock);
    if (!row || row.partnerId !== organisation)
      throw new AuditedRefusal(`Concertation action ${id} was not found.`, {
        action,
        entityType: ACTION.type,
        entityId: id,
        jurisdiction: row?.jurisdiction ?? null,
        caseId: row?.caseId ?? null,
        outcome: row ? 'denied' : 'not_found',
      });
    return row;
  }

  private organisationOf(actor: Actor): string {
    if (!actor.partnerOrganisationId)
      throw new ForbiddenProblem('Your token names no partner organisation.');
    return actor.partnerOrganisationId;
  }

  private sealDecisions(id: string, decisions: Decision[]): string {
    return this.cipher.seal(decisions, `${id}:decisions`);
  }

  private decisions(row: ConcertationMeeting): Decision[] {
    return this.cipher.open<Decision[]>(row.decisionsSealed, `${row.id}:decisions`);
  }

  private summary(row: ConcertationMeeting): MeetingSummaryDto {
    return {
      id: row.id,
      networkId: row.networkId,
      networkName: row.networkName,
      jurisdiction: row.jurisdiction,
      kind: row.kind,
      scheduledAt: row.scheduledAt,
      coordinatorId: row.coordinatorId,
      coordinatorName: row.coordinatorName,
      agendaCount: row.agenda.length,
      version: row.version,
    };
  }

  private async meetingDto(w: Work, row: ConcertationMeeting): Promise<MeetingDto> {
    const actions = await this.meetings.actionsOf(w.manager, row.id);
    return {
      ...this.summary(row),
      networkJurisdictions: row.networkJurisdictions,
      agenda: row.agenda,
      participants: row.participants,
      decisions: this.decisions(row),
      actions: actions.map((a) => this.actionDto(a)),
    };
  }

  private actionDto(row: ConcertationAction): ActionDto {
    return {
      id: row.id,
      meetingId: row.meetingId,
      caseId: row.caseId,
      caseReference: row.caseReference,
      jurisdiction: row.jurisdiction,
      partnerId: row.partnerId,
      partnerName: row.partnerName,
      description: this.cipher.open<string>(row.descriptionSealed, `${row.id}:description`),
      dueAt: row.dueAt,
      status: row.status,
      doneAt: row.doneAt,
      doneBy: row.doneBy,
    };
  }
}
