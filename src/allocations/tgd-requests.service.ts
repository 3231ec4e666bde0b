import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AssessmentsService } from '../assessments/assessments.service';
import { Scope, UnitOfWork, Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import {
  cohabitation,
  consentFor,
  contactBansInForce,
  latestConsent,
} from '../cases/domain/case-facts';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem, ValidationProblem } from '../common/problems';
import { AllocationsRepository } from './allocations.repository';
import { AllocationsService } from './allocations.service';
import { decisionRefusal } from './domain/lifecycle';
import { tgdConditions } from './domain/tgd-eligibility';
import {
  FileTgdRequestDto,
  TgdDecisionDto,
  TgdRequestDto,
  TgdRequestFilterDto,
  TgdRequestQueryDto,
} from './dto/allocation.dto';
import { TgdRequest } from './tgd-request.entity';
import { TgdRequestFeed, TgdRequestFeedEvent } from './tgd-request-feed';

export const REQUEST: Scope<TgdRequest> = {
  entity: TgdRequest,
  type: 'tgd_request',
  label: 'TGD request',
};

/**
 * The coordinator's request for a Grave Danger Phone and the prosecutor's decision on it
 * (CPP art. 41-3-1). Approval opens the allocation (`AllocationsService.open`).
 */
@Injectable()
export class TgdRequestsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly repository: AllocationsRepository,
    private readonly allocations: AllocationsService,
    private readonly cases: CasesService,
    private readonly assessments: AssessmentsService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly feed: TgdRequestFeed,
  ) {}

  async fileRequest(
    actor: Actor,
    caseId: string,
    input: FileTgdRequestDto,
  ): Promise<TgdRequestDto> {
    const filed = await this.work.run(actor, async (w) => {
      const { manager } = w;
      const kase = await this.cases.caseFileForWork(actor, caseId, 'tgd_request.create', manager);
      if (kase.status === 'closed')
        throw new ConflictProblem('case.closed', `Case ${kase.reference} is closed.`);
      const { assessment } = await this.assessments.submittedForWork(
        actor,
        input.assessmentId,
        'tgd_request.create',
        manager,
      );
      if (assessment.caseId !== caseId)
        throw ValidationProblem.field(
          'assessmentId',
          `is not an assessment of case ${kase.reference}`,
        );
      // CPP art. 41-3-1: the device is attributed only with the victim's express consent.
      const consent = latestConsent(kase.victim, 'tgd_allocation');
      if (!consent?.given)
        throw new ConflictProblem(
          'consent.missing',
          "The victim's express consent to a Grave Danger Phone is not recorded (CPP art. 41-3-1): record it in the case first.",
        );
      const { active, pending } = await this.repository.pendingOrActive(manager, caseId);
      if (active)
        throw new ConflictProblem(
          'allocation.active-exists',
          `Case ${kase.reference} already has an active allocation.`,
        );
      if (pending)
        throw new ConflictProblem(
          'tgd-request.pending-exists',
          `Case ${kase.reference} already has a request awaiting the prosecutor.`,
        );
      const id = randomUUID();
      const request = manager.getRepository(TgdRequest).create({
        id,
        caseId,
        jurisdiction: kase.jurisdiction,
        assessmentId: assessment.id,
        status: 'pending',
        filedBy: actor.subject,
        filedByName: actor.displayName ?? null,
        filedAt: this.clock.now(),
        consentRecordedAt: new Date(consent.recordedAt),
        noteSealed: input.note ? this.cipher.seal(input.note, `${id}:note`) : null,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        decisionReasonsSealed: null,
        allocationId: null,
      });
      await this.repository.insertRequest(manager, request);
      await w.publish({
        type: 'tgd-request.filed',
        requestId: id,
        caseId,
        jurisdiction: kase.jurisdiction,
      });
      await w.audited(REQUEST, request, 'tgd_request.create', {
        caseId,
        assessmentId: assessment.id,
      });
      return this.announced(w, { ...request, version: 1 }, 'tgd-request.filed');
    });
    this.feed.kick();
    return filed;
  }

  /** The prosecutor's decision; approval opens the allocation and enrols the case. */
  async decide(actor: Actor, id: string, input: TgdDecisionDto): Promise<TgdRequestDto> {
    const decided = await this.work.change(
      actor,
      REQUEST,
      id,
      'tgd_request.decide',
      async (request, w) => {
        const refusal = decisionRefusal(request.status);
        if (refusal) throw ConflictProblem.of(refusal);
        const now = this.clock.now();
        Object.assign(request, {
          status: input.decision === 'approve' ? 'approved' : 'rejected',
          decidedBy: actor.subject,
          decidedByName: actor.displayName ?? null,
          decidedAt: now,
          decisionReasonsSealed: this.cipher.seal(input.reasons, `${request.id}:reasons`),
        });
        if (input.decision === 'approve')
          request.allocationId = await this.allocations.open(w, request, input, now);
        return { decision: input.decision };
      },
      (request, w) => this.announced(w, request, 'tgd-request.decided'),
    );
    this.feed.kick();
    return decided;
  }

  getRequest(actor: Actor, id: string): Promise<TgdRequestDto> {
    return this.work.read(actor, REQUEST, id, 'tgd_request.read', (request, w) =>
      this.dto(w, request),
    );
  }

  /**
   * The prosecutor's worklist: requests in the caller's jurisdictions, pending first, then the most
   * dangerous, then the oldest; each with its level, red flags and TGD conditions.
   */
  listRequests(actor: Actor, query: TgdRequestQueryDto): Promise<Page<TgdRequestDto>> {
    return this.work.run(actor, async (w) => {
      const [rows, total] = await this.repository.requestQueue(w.manager, actor, {
        ...query,
        caseIds: await this.casesOfCoordinator(w, actor, query),
      });
      const items: TgdRequestDto[] = [];
      for (const row of rows) {
        await w.audited(REQUEST, row, 'tgd_request.read', { via: 'list' });
        items.push(await this.dto(w, row));
      }
      return {
        items,
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    });
  }

  /**
   * How many requests the filters select (the console's count of what awaits a decision): a number
   * with nothing personal in it, so no request is read, nor audited as read.
   */
  countRequests(actor: Actor, filter: TgdRequestFilterDto): Promise<number> {
    return this.work.run(actor, async (w) =>
      this.repository.countRequests(w.manager, actor, {
        ...filter,
        caseIds: await this.casesOfCoordinator(w, actor, filter),
      }),
    );
  }

  private async casesOfCoordinator(
    w: Work,
    actor: Actor,
    filter: TgdRequestFilterDto,
  ): Promise<string[] | undefined> {
    return filter.coordinatorId
      ? this.cases.caseIdsOf(actor, filter.coordinatorId, w.manager)
      : undefined;
  }

  requestsOfCase(actor: Actor, caseId: string): Promise<TgdRequestDto[]> {
    return this.work.run(actor, async (w) => {
      await this.cases.caseInScope(actor, caseId, 'tgd_request.read', w.manager);
      const rows = await this.repository.requestsOfCase(w.manager, caseId);
      const items: TgdRequestDto[] = [];
      for (const row of rows) {
        await w.audited(REQUEST, row, 'tgd_request.read', { via: 'case' });
        items.push(await this.dto(w, row));
      }
      return items;
    });
  }

  /**
   * The request with what the prosecutor decides on: the level and red flags of the assessment it
   * rests on, and the TGD conditions on the victim file as it stands today (both read through
   * their services, in this unit of work, and audited there).
   */
  private async dto(w: Work, row: TgdRequest): Promise<TgdRequestDto> {
    const action = 'tgd_request.read';
    const kase = await this.cases.caseFileForWork(w.actor, row.caseId, action, w.manager);
    const { assessment } = await this.assessments.submittedForWork(
      w.actor,
      row.assessmentId,
      action,
      w.manager,
    );
    const today = this.clock.now().toISOString().slice(0, 10);
    const bans = contactBansInForce(kase.author, today);
    const levelRank = assessment.levelRank ?? 0;
    const levelCount = assessment.levelCount ?? 1;
    const levelFromTop = levelCount - 1 - levelRank;
    const levelLabel = assessment.levelLabel ?? assessment.level ?? '';
    return {
      ...this.fields(row),
      caseReference: kase.reference,
      level: assessment.level ?? '',
      levelLabel,
      levelRank,
      levelCount,
      levelFromTop,
      redFlags: (assessment.result?.redFlags ?? []).map(({ flag, label }) => ({ flag, label })),
      tgdConditions: tgdConditions({
        levelFromTop,
        levelLabel,
        consent: consentFor(kase.victim, 'tgd_allocation'),
        cohabitation: cohabitation(kase.author),
        bansInForce: bans,
      }),
      contactBansInForce: bans,
    };
  }

  /** The request as answered, its change written to the live feed in the same transaction. */
  private async announced(
    w: Work,
    row: TgdRequest,
    type: TgdRequestFeedEvent['type'],
  ): Promise<TgdRequestDto> {
    const dto = await this.dto(w, row);
    await this.feed.append(w.manager, {
      type,
      requestId: dto.id,
      caseId: dto.caseId,
      caseReference: dto.caseReference,
      jurisdiction: dto.jurisdiction,
      status: dto.status,
      at: this.clock.now().toISOString(),
    });
    return dto;
  }

  private fields(row: TgdRequest) {
    return {
      id: row.id,
      caseId: row.caseId,
      jurisdiction: row.jurisdiction,
      assessmentId: row.assessmentId,
      status: row.status,
      filedBy: row.filedBy,
      filedByName: row.filedByName,
      filedAt: row.filedAt,
      consentRecordedAt: row.consentRecordedAt,
      note: row.noteSealed ? this.cipher.open<string>(row.noteSealed, `${row.id}:note`) : null,
      decidedBy: row.decidedBy,
      decidedByName: row.decidedByName,
      decidedAt: row.decidedAt,
      decisionReasons: row.decisionReasonsSealed
        ? this.cipher.open<string>(row.decisionReasonsSealed, `${row.id}:reasons`)
        : null,
      allocationId: row.allocationId,
    };
  }
}
