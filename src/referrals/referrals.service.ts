import { randomUUID } from 'node:crypto';

import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AuditedRefusal, AuditService } from '../audit/audit.service';
import { Scope, UnitOfWork, Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { closedRefusal } from '../cases/domain/case-errors';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { CaseClosed, DomainEvent } from '../common/domain-events';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem, ForbiddenProblem } from '../common/problems';
import { PartnerService } from '../network/domain/network';
import { NetworkService } from '../network/network.service';
import {
  answerRefusal,
  followUpRefusal,
  ReferralContent,
  sharedInformation,
  StepRefusal,
  withStep,
} from './domain/referral';
import { consentMissing, partnerIneligible } from './domain/referral-errors';
import {
  AppointmentDto,
  CreateReferralDto,
  OutcomeDto,
  ReferralDto,
  ReferralQueryDto,
} from './dto/referral.dto';
import { Referral } from './referral.entity';
import { PARTNER_VISIBLE, ReferralsRepository } from './referrals.repository';

const REFERRAL: Scope<Referral> = { entity: Referral, type: 'referral', label: 'Referral' };

/**
 * Referrals with consent (issue #17): a coordinator refers a case to a partner organisation for a
 * service, sharing only what was ticked, once the victim's consent to share with that partner is in
 * force; the partner (role `partner`, its organisation only) answers, records appointments and the
 * outcome. Every step is audited in its transaction; `referral.sent`, `.answered` and `.ended`
 * announce it (ids only). A consent withdrawn for a partner ends that partner's open referrals of
 * the case in the consent's own transaction.
 */
@Injectable()
export class ReferralsService implements OnModuleInit {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: DomainEventPublisher,
    private readonly cases: CasesService,
    private readonly network: NetworkService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((manager, event) => this.onConsent(manager, event));
    this.events.followCaseTransfers((manager, caseId, to) =>
      this.referrals.moveCase(manager, caseId, to),
    );
    this.events.followCaseClosures((manager, event) => this.endWithCase(manager, event));
  }

  /** Refers a case to a partner: eligible partner, consent in force, the minimum shared. */
  refer(actor: Actor, caseId: string, input: CreateReferralDto): Promise<ReferralDto> {
    return this.work.run(actor, async (w) => {
      const kase = await this.cases.caseFileForWork(actor, caseId, 'referral.create', w.manager);
      if (kase.status === 'closed')
        throw ConflictProblem.of(closedRefusal(kase.reference, 'refers no one any more'));
      const partner = await this.network.partner(input.partnerId, w.manager);
      const why = !partner
        ? 'it is not in the directory'
        : !partner.active
          ? 'it is no longer active'
          : !partner.jurisdictions.includes(kase.jurisdiction)
            ? `its network does not cover ${kase.jurisdiction}`
            : !partner.services.includes(input.service)
              ? `it does not offer ${input.service}`
              : null;
      if (why || !partner) throw ConflictProblem.of(partnerIneligible(input.partnerId, why ?? ''));
      const consent = await this.cases.sharingConsent(kase.id, partner.id, w.manager);
      if (!consent?.given) throw ConflictProblem.of(consentMissing(kase.reference, partner.id));
      const now = this.clock.now();
      const id = randomUUID();
      const content: ReferralContent = {
        shared: sharedInformation(
          kase.victim,
          input.share,
          {
            // The one who refers, named when the sign-in gives a name; else the case's coordinator.
            name: actor.displayName ?? kase.coordinatorName ?? null,
            contact: input.coordinatorContact,
          },
          input.note ?? null,
        ),
        declineReason: null,
        appointments: [],
        outcome: null,
        history: [{ kind: 'sent', at: now.toISOString(), by: actor.subject }],
      };
      const row = Object.assign(new Referral(), {
        id,
        caseId: kase.id,
        caseReference: kase.reference,
        jurisdiction: kase.jurisdiction,
        partnerId: partner.id,
        partnerName: partner.name,
        service: input.service,
        status: 'sent' as const,
        sentAt: now,
        sentBy: actor.subject,
        answeredAt: null,
        endedAt: null,
        updatedAt: now,
        contentSealed: this.seal(id, content),
        version: 1,
      });
      await this.referrals.insert(w.manager, row);
      await w.audited(REFERRAL, row, 'referral.create', {
        partnerId: partner.id,
        service: input.service,
        shared: Object.entries(input.share)
          .filter(([, ticked]) => ticked)
          .map(([field]) => field),
      });
      await w.publish({
        type: 'referral.sent',
        referralId: id,
        caseId: kase.id,
        jurisdiction: kase.jurisdiction,
        partnerId: partner.id,
        service: input.service,
      });
      return this.dto(row);
    });
  }

  /** The coordinator's view: every referral of the case, where it stands, with its history. */
  ofCase(actor: Actor, caseId: string): Promise<ReferralDto[]> {
    return this.work.run(actor, async (w) => {
      const kase = await this.cases.caseInScope(actor, caseId, 'referral.list', w.manager);
      const rows = await this.referrals.ofCase(w.manager, kase.id);
      await this.audit.record(
        actor,
        [
          {
            action: 'referral.list',
            entityType: 'case',
            entityId: kase.id,
            caseId: kase.id,
            jurisdiction: kase.jurisdiction,
            outcome: 'success',
          },
        ],
        w.manager,
      );
      return rows.map((row) => this.dto(row));
    });
  }

  /** A partner organisation's inbox; every referral listed is a read, audited. */
  async inbox(actor: Actor, query: ReferralQueryDto): Promise<Page<ReferralDto>> {
    const found = await this.referrals.inbox(this.organisationOf(actor), query);
    await this.audit.record(
      actor,
      found.items.map((row) => ({
        action: 'referral.read',
        entityType: REFERRAL.type,
        entityId: row.id,
        caseId: row.caseId,
        jurisdiction: row.jurisdiction,
        outcome: 'success' as const,
        detail: { via: 'inbox' },
      })),
    );
    return { ...found, items: found.items.map((row) => this.dto(row)) };
  }

  /** One referral: the coordinator within the case's jurisdiction, the partner its own only. */
  get(actor: Actor, id: string): Promise<ReferralDto> {
    return this.work.run(actor, async (w) => {
      const row = await this.find(w, id, 'referral.read');
      await w.audited(REFERRAL, row, 'referral.read');
      return this.dto(row);
    });
  }

  accept(actor: Actor, id: string): Promise<ReferralDto> {
    return this.step(actor, id, 'referral.accept', answerRefusal, (row, content, now) => {
      row.status = 'accepted';
      row.answeredAt = now;
      return { content, answer: 'accepted' };
    });
  }

  decline(actor: Actor, id: string, reason: string): Promise<ReferralDto> {
    return this.step(actor, id, 'referral.decline', answerRefusal, (row, content, now) => {
      row.status = 'declined';
      row.answeredAt = now;
      row.endedAt = now;
      return { content: { ...content, declineReason: reason }, answer: 'declined' };
    });
  }

  appointment(actor: Actor, id: string, input: AppointmentDto): Promise<ReferralDto> {
    return this.step(actor, id, 'referral.appointment', followUpRefusal, (_row, content, now) => ({
      content: {
        ...content,
        appointments: [
          ...content.appointments,
          {
            at: new Date(input.at).toISOString(),
            kind: input.kind,
            attended: input.attended ?? null,
            recordedAt: now.toISOString(),
          },
        ],
      },
    }));
  }

  outcome(actor: Actor, id: string, input: OutcomeDto): Promise<ReferralDto> {
    return this.step(actor, id, 'referral.outcome', followUpRefusal, (row, content, now) => {
      row.status = 'closed';
      row.endedAt = now;
      return {
        content: { ...content, outcome: { kind: input.outcome, note: input.note ?? null } },
      };
    });
  }

  /**
   * A partner's step on its referral: found (its organisation's, locked), checked, changed, its
   * history extended, saved, audited, and an answer announced, in one transaction.
   */
  private step(
    actor: Actor,
    id: string,
    action: string,
    refusal: (status: Referral['status']) => StepRefusal | null,
    apply: (
      row: Referral,
      content: ReferralContent,
      now: Date,
    ) => { content: ReferralContent; answer?: 'accepted' | 'declined' },
  ): Promise<ReferralDto> {
    return this.work.run(actor, async (w) => {
      const row = await this.find(w, id, action, true);
      const refused = refusal(row.status);
      if (refused) throw ConflictProblem.of(refused);
      const now = this.clock.now();
      const kind = action.slice('referral.'.length) as
        'accept' | 'decline' | 'appointment' | 'outcome';
      const stepKind = kind === 'accept' ? 'accepted' : kind === 'decline' ? 'declined' : kind;
      const changed = apply(row, this.open(row), now);
      row.contentSealed = this.seal(
        row.id,
        withStep(changed.content, { kind: stepKind, at: now.toISOString(), by: actor.subject }),
      );
      row.updatedAt = now;
      const saved = await w.manager.save(row);
      await w.audited(REFERRAL, saved, action, { status: saved.status });
      if (changed.answer)
        await w.publish({
          type: 'referral.answered',
          referralId: row.id,
          caseId: row.caseId,
          jurisdiction: row.jurisdiction,
          answer: changed.answer,
        });
      return this.dto(saved);
    });
  }

  /**
   * A consent to share withdrawn for a partner ends every open referral of the case to it, in the
   * consent's transaction: status `consent_withdrawn`, audited, announced; the partner's reads of
   * them answer 404 from then on.
   */
  private async onConsent(manager: EntityManager, event: DomainEvent): Promise<void> {
    if (event.type !== 'consent.recorded' || event.given || event.purpose !== 'information_sharing')
      return;
    if (!event.recipient) return;
    const rows = await this.referrals.openTo(manager, event.caseId, event.recipient);
    await this.end(this.work.reacting(manager, event), rows, 'consent_withdrawn');
  }

  /**
   * A closed case's referrals still waiting for the partner's answer end (`case_closed`), in the
   * closure's transaction: audited as `referral.case-closed` by `system:case.closed`, announced as
   * `referral.ended`, which cancels the coordinator's obligation to follow the partner up. An
   * accepted referral goes on: the partner's care of the victim does not stop with the
   * coordination's file, and its outcome is still recorded. A later incident that reopens the
   * case does not revive the ended ones; the coordinator refers again.
   */
  private async endWithCase(manager: EntityManager, event: CaseClosed): Promise<void> {
    const rows = await this.referrals.unansweredOf(manager, event.caseId);
    await this.end(this.work.reacting(manager, event), rows, 'case_closed');
  }

  /** Ends referrals without their outcome: status and step `why`, audited, announced. */
  private async end(
    w: Work,
    rows: Referral[],
    why: 'consent_withdrawn' | 'case_closed',
  ): Promise<void> {
    const now = this.clock.now();
    for (const row of rows) {
      const from = row.status;
      row.status = why;
      row.endedAt = now;
      row.updatedAt = now;
      row.contentSealed = this.seal(
        row.id,
        withStep(this.open(row), { kind: why, at: now.toISOString(), by: w.actor.subject }),
      );
      const saved = await w.manager.save(row);
      await w.audited(REFERRAL, saved, `referral.${why.replace('_', '-')}`, { from });
      await w.publish({
        type: 'referral.ended',
        referralId: row.id,
        caseId: row.caseId,
        jurisdiction: row.jurisdiction,
        reason: why,
      });
    }
  }

  /**
   * The referral as the actor may reach it: a partner its organisation's only (another's, or one
   * ended by a withdrawn consent, is a 404, audited as refused); staff within its jurisdiction.
   */
  private async find(w: Work, id: string, action: string, lock = false): Promise<Referral> {
    if (!w.actor.has('partner')) return w.find(REFERRAL, id, action, lock);
    const organisation = this.organisationOf(w.actor);
    const row = await this.referrals.byId(w.manager, id, lock);
    const theirs = row?.partnerId === organisation && PARTNER_VISIBLE.includes(row.status);
    // Besides the withdrawal ending it (onConsent), each access checks the consent is in force.
    const consent =
      theirs && (await this.cases.sharingConsent(row.caseId, organisation, w.manager));
    if (!row || !theirs || !consent || !consent.given)
      throw new AuditedRefusal(`Referral ${id} was not found.`, {
        action,
        entityType: REFERRAL.type,
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

  private seal(id: string, content: ReferralContent): string {
    return this.cipher.seal(content, `${id}:content`);
  }

  private open(row: Referral): ReferralContent {
    return this.cipher.open<ReferralContent>(row.contentSealed, `${row.id}:content`);
  }

  private dto(row: Referral): ReferralDto {
    const content = this.open(row);
    return {
      id: row.id,
      caseId: row.caseId,
      caseReference: row.caseReference,
      jurisdiction: row.jurisdiction,
      partnerId: row.partnerId,
      partnerName: row.partnerName,
      service: row.service as PartnerService,
      status: row.status,
      sentAt: row.sentAt,
      sentBy: row.sentBy,
      answeredAt: row.answeredAt,
      endedAt: row.endedAt,
      shared: content.shared,
      declineReason: content.declineReason,
      appointments: content.appointments,
      outcome: content.outcome,
      history: content.history,
    };
  }
}
