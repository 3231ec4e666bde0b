import { Injectable } from '@nestjs/common';

import { AllocationsService } from '../allocations/allocations.service';
import { addMonths, DEFAULT_PERIOD_MONTHS } from '../allocations/domain/lifecycle';
import { AllocationDto } from '../allocations/dto/allocation.dto';
import { TgdRequestsService } from '../allocations/tgd-requests.service';
import { AssessmentsService } from '../assessments/assessments.service';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { ConflictProblem } from '../common/problems';
import { DecisionData, renderDecision } from './decision';

const ACTION = 'decision.read';

/**
 * The prosecutor's decision on a TGD request as a document to sign (CPP art. 41-3-1). Reads the
 * request and its allocation through the allocations feature, the case and the assessment through
 * theirs; every read is audited, and the print itself is recorded against the request.
 */
@Injectable()
export class DecisionService {
  constructor(
    private readonly requests: TgdRequestsService,
    private readonly allocations: AllocationsService,
    private readonly cases: CasesService,
    private readonly assessments: AssessmentsService,
    private readonly audit: AuditService,
    private readonly work: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async decision(actor: Actor, requestId: string): Promise<Buffer> {
    const request = await this.requests.getRequest(actor, requestId);
    if (request.status === 'pending' || !request.decidedAt || !request.decidedBy)
      throw new ConflictProblem(
        'tgd-request.not-decided',
        `TGD request ${request.id} awaits the prosecutor's decision: there is nothing to print yet.`,
      );
    const allocation =
      request.status === 'approved' && request.allocationId
        ? await this.allocations.getAllocation(actor, request.allocationId)
        : null;
    const data = await this.work.run(actor, async (w): Promise<DecisionData> => {
      const kase = await this.cases.caseFileForWork(actor, request.caseId, ACTION, w.manager);
      const { assessment } = await this.assessments.submittedForWork(
        actor,
        request.assessmentId,
        ACTION,
        w.manager,
      );
      await this.audit.record(
        actor,
        [
          {
            action: ACTION,
            entityType: 'tgd_request',
            entityId: request.id,
            jurisdiction: request.jurisdiction,
            caseId: request.caseId,
            outcome: 'success',
            detail: { status: request.status },
          },
        ],
        w.manager,
      );
      // Staff are named by the name their sign-in gave when they acted, or that the service knows
      // otherwise; by their subject when it knows none.
      const nameOf = (subject: string) =>
        subject === kase.coordinatorId && kase.coordinatorName
          ? kase.coordinatorName
          : subject === actor.subject && actor.displayName
            ? actor.displayName
            : subject;
      return {
        language: assessment.language,
        caseReference: kase.reference,
        jurisdiction: kase.jurisdiction,
        filedAt: new Date(request.filedAt),
        filedBy: request.filedByName ?? nameOf(request.filedBy),
        consentRecordedAt: new Date(request.consentRecordedAt),
        approved: request.status === 'approved',
        decidedAt: new Date(request.decidedAt!),
        decidedBy: request.decidedByName ?? nameOf(request.decidedBy!),
        reasons: request.decisionReasons ?? '',
        allocation: allocation ? decidedPeriod(allocation) : null,
        assessment: {
          levelLabel: assessment.levelLabel ?? assessment.level ?? '',
          submittedAt: assessment.submittedAt ? new Date(assessment.submittedAt) : null,
        },
        generatedAt: this.clock.now(),
      };
    });
    return renderDecision(data);
  }
}

/**
 * The period the decision granted, from its own record: renewals since have moved the allocation's
 * end, not what was decided.
 */
function decidedPeriod(allocation: AllocationDto): DecisionData['allocation'] {
  const approved = allocation.history.find((event) => event.type === 'approved');
  const months = Number(approved?.detail?.months ?? DEFAULT_PERIOD_MONTHS);
  const startsAt = new Date(allocation.startsAt);
  return { startsAt, endsAt: addMonths(startsAt, months), months };
}
