import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

import { AssessmentsService } from '../assessments/assessments.service';
import { AuditedRefusal } from '../audit/audit.service';
import { AuditDetail } from '../audit/domain/audit-detail';
import { UnitOfWork, Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ConflictProblem, ForbiddenProblem, ValidationProblem } from '../common/problems';
import { CaseEvent } from './case-event.entity';
import { CaseFile } from './case-file.entity';
import { CaseViews } from './case-views';
import { CasesRepository } from './cases.repository';
import { CASE, ENTITY } from './cases.service';
import {
  closedRefusal,
  noTransferPending,
  transferPending,
  transferWhileEnrolled,
} from './domain/case-errors';
import { CaseEventKind } from './domain/case-history';
import { closureRefusal, closureTextFault } from './domain/closure';
import {
  CaseDto,
  CaseEventDto,
  CloseCaseDto,
  DeclineTransferDto,
  IncidentDto,
  IncomingTransferDto,
  TransferRequestDto,
} from './dto/case.dto';

/**
 * The life of a case after its intake (issue #17): incidents (which reopen a closed case and apply
 * the repeat rule), closure as a decision, and transfers between jurisdictions, each written with
 * its history entry and audit record in one unit of work.
 */
@Injectable()
export class CaseLifecycleService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly work: UnitOfWork,
    private readonly views: CaseViews,
    private readonly clock: Clock,
    private readonly modules: ModuleRef,
  ) {}

  /** A new incident; on a closed case it reopens it (VioGén: a new incident reactivates). */
  recordIncident(actor: Actor, id: string, input: IncidentDto): Promise<CaseDto> {
    const now = this.clock.now();
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > now.getTime() + 60_000)
      throw ValidationProblem.field('occurredAt', 'must not be in the future');
    return this.work.change(
      actor,
      CASE,
      id,
      'case.incident',
      async (row, w) => {
        const reopened = row.status === 'closed';
        const incidentId = randomUUID();
        await this.history(w, row, 'incident', now, {
          id: incidentId,
          occurredAt,
          detail: { incidentKind: input.kind, source: input.source },
          note: input.note,
        });
        if (reopened) {
          row.status = 'open';
          row.closedAt = null;
          row.closeReasonCode = null;
          row.closeReasonSealed = null;
          // One millisecond after the incident that caused it, so the history reads in order.
          await this.history(w, row, 'reopened', new Date(now.getTime() + 1), {
            detail: { incidentKind: input.kind },
          });
        }
        if (occurredAt > row.lastKnownAt) row.lastKnownAt = occurredAt;
        const known = await this.views.applyRepeat(
          w.manager,
          row,
          this.views.open(row).victim,
          now,
        );
        row.updatedAt = now;
        await w.publish({
          type: 'case.incident-recorded',
          incidentId,
          caseId: row.id,
          jurisdiction: row.jurisdiction,
          kind: input.kind,
          occurredAt,
          repeat: known.length > 0,
          reopened,
        });
        return { incidentId, kind: input.kind, repeat: known.length > 0, reopened };
      },
      (row, w) => this.views.dto(w.manager, actor, row),
    );
  }

  /** Closure as a decision with its reason code; `danger_ended_two_low_assessments` is checked. */
  close(actor: Actor, id: string, input: CloseCaseDto): Promise<CaseDto> {
    const reasonCode = input.reasonCode ?? 'other';
    const textFault = closureTextFault(reasonCode, input.reason);
    if (textFault) throw ValidationProblem.field('reason', textFault);
    return this.change(actor, id, 'case.close', async (row, w) => {
      if (reasonCode === 'danger_ended_two_low_assessments') {
        const latest = await this.assessments().latestSubmittedLevels(w.manager, row.id, 2);
        const refusal = closureRefusal(row.reference, reasonCode, latest);
        if (refusal) throw ConflictProblem.of(refusal);
      }
      const now = this.clock.now();
      row.status = 'closed';
      row.closedAt = now;
      row.closeReasonCode = reasonCode;
      row.closeReasonSealed = this.views.sealText(row, 'closeReason', input.reason);
      await this.history(w, row, 'closed', now, { detail: { reasonCode }, note: input.reason });
      // What hangs on the case ends with it, each feature ending its own in this transaction.
      await w.publish({
        type: 'case.closed',
        caseId: row.id,
        jurisdiction: row.jurisdiction,
        reasonCode,
        closedAt: now,
      });
      return { status: 'closed', reasonCode };
    });
  }

  /** Asks another jurisdiction's coordination to take the case over. */
  requestTransfer(actor: Actor, id: string, input: TransferRequestDto): Promise<CaseDto> {
    return this.change(actor, id, 'case.transfer.request', async (row, w) => {
      if (input.to === row.jurisdiction)
        throw ValidationProblem.field('to', 'must be another jurisdiction than the case’s');
      if (row.transferTo) throw ConflictProblem.of(transferPending(row.reference, row.transferTo));
      // An active TGD belongs to this court (its prosecutor's decision, its stock, its follow-ups).
      if (row.status === 'enrolled') throw ConflictProblem.of(transferWhileEnrolled(row.reference));
      const now = this.clock.now();
      row.transferTo = input.to;
      row.transferRequestedAt = now;
      row.transferRequestedBy = actor.subject;
      row.transferReasonSealed = this.views.sealText(row, 'transferReason', input.reason);
      await this.history(w, row, 'transfer_requested', now, {
        detail: { from: row.jurisdiction, to: input.to },
        note: input.reason,
      });
      return { from: row.jurisdiction, to: input.to };
    });
  }

  /**
   * The target coordination takes the case: its jurisdiction and coordinator change, its id (and
   * so its assessments, requests, allocations and audit trail) stays; the old jurisdiction's
   * readers lose it, since every read is scoped by the case's jurisdiction.
   */
  acceptTransfer(actor: Actor, id: string): Promise<CaseDto> {
    return this.answer(actor, id, 'case.transfer.accept', async (row, w, now) => {
      const from = row.jurisdiction;
      const to = row.transferTo!;
      if (row.status === 'enrolled') throw ConflictProblem.of(transferWhileEnrolled(row.reference));
      row.jurisdiction = to;
      row.coordinatorId = actor.subject;
      row.coordinatorName = actor.displayName ?? null;
      this.clearTransfer(row);
      await this.history(w, row, 'transfer_accepted', now, { detail: { from, to } });
      await w.publish({ type: 'case.transferred', caseId: row.id, from, to, transferredAt: now });
      return { from, to };
    });
  }

  /** The target declines, or the case's own coordination withdraws its request. */
  declineTransfer(actor: Actor, id: string, input: DeclineTransferDto): Promise<CaseDto> {
    return this.answer(
      actor,
      id,
      'case.transfer.decline',
      async (row, w, now) => {
        const detail = {
          from: row.jurisdiction,
          to: row.transferTo!,
          by: actor.canActIn(row.transferTo!) ? 'target' : 'origin',
        };
        this.clearTransfer(row);
        await this.history(w, row, 'transfer_declined', now, { detail, note: input.reason });
        return detail;
      },
      true,
    );
  }

  /** Transfers awaiting the caller's jurisdictions: reference, origin and reason, nothing else. */
  incomingTransfers(actor: Actor): Promise<IncomingTransferDto[]> {
    return this.work.run(actor, async (w) => {
      const rows = await this.cases.incomingTransfers(w.manager, actor.scope() ?? null);
      const out: IncomingTransferDto[] = [];
      for (const row of rows) {
        const audited = { ...row, jurisdiction: row.transferTo! };
        await w.audited(CASE, audited, 'case.transfer.read', { from: row.jurisdiction });
        out.push({
          caseId: row.id,
          reference: row.reference,
          from: row.jurisdiction,
          to: row.transferTo!,
          requestedAt: row.transferRequestedAt!.toISOString(),
          requestedBy: row.transferRequestedBy!,
          reason: this.views.openText(row, 'transferReason', row.transferReasonSealed) ?? '',
        });
      }
      return out;
    });
  }

  /** The case's history after its intake, oldest first; read as a read of the case. */
  historyOf(actor: Actor, id: string): Promise<CaseEventDto[]> {
    return this.work.run(actor, async (w) => {
      await w.read(CASE, id, 'case.read', { via: 'history' });
      const events = await this.cases.history(w.manager, id);
      return events.map((e) => this.views.event(e));
    });
  }

  private clearTransfer(row: CaseFile): void {
    row.transferTo = null;
    row.transferRequestedAt = null;
    row.transferRequestedBy = null;
    row.transferReasonSealed = null;
  }

  /**
   * An answer to a pending transfer: by a coordinator of the target jurisdiction (or, when
   * `originMay`, of the case's own). Anyone else gets the 404 of a case they cannot see.
   */
  private answer(
    actor: Actor,
    id: string,
    action: string,
    apply: (row: CaseFile, w: Work, now: Date) => Promise<AuditDetail>,
    originMay = false,
  ): Promise<CaseDto> {
    return this.work.run(actor, async (w) => {
      const row = await this.cases.lockedById(w.manager, id);
      const target = !!row?.transferTo && actor.canActIn(row.transferTo);
      const origin = !!row && actor.canActIn(row.jurisdiction);
      if (!row || (!target && !origin))
        throw new AuditedRefusal(`Case ${id} was not found.`, {
          action,
          entityType: ENTITY,
          entityId: id,
          jurisdiction: row?.jurisdiction ?? null,
          outcome: row ? 'denied' : 'not_found',
        });
      if (row.status === 'closed') throw ConflictProblem.of(closedRefusal(row.reference));
      if (!row.transferTo) throw ConflictProblem.of(noTransferPending(row.reference));
      if (!target && !originMay)
        throw new ForbiddenProblem(
          `Only a coordinator of ${row.transferTo} accepts the transfer of case ${row.reference}.`,
        );
      const now = this.clock.now();
      const detail = await apply(row, w, now);
      row.updatedAt = now;
      const saved = await w.manager.save(row);
      await w.audited(CASE, saved, action, detail);
      return this.views.dto(w.manager, actor, saved);
    });
  }

  private change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (row: CaseFile, w: Work) => Promise<AuditDetail>,
  ): Promise<CaseDto> {
    return this.work.change(
      actor,
      CASE,
      id,
      action,
      async (row, w) => {
        if (row.status === 'closed') throw ConflictProblem.of(closedRefusal(row.reference));
        const detail = await mutate(row, w);
        row.updatedAt = this.clock.now();
        return detail;
      },
      (row, w) => this.views.dto(w.manager, actor, row),
    );
  }

  private async history(
    w: Work,
    row: CaseFile,
    kind: CaseEventKind,
    recordedAt: Date,
    entry: {
      id?: string;
      occurredAt?: Date;
      detail?: Record<string, string | boolean>;
      note?: string;
    },
  ): Promise<void> {
    const id = entry.id ?? randomUUID();
    await this.cases.insertEvent(
      w.manager,
      Object.assign(new CaseEvent(), {
        id,
        caseId: row.id,
        kind,
        occurredAt: entry.occurredAt ?? recordedAt,
        recordedAt,
        actorId: w.actor.subject,
        actorName: w.actor.displayName ?? null,
        detail: entry.detail ?? {},
        noteSealed: entry.note ? this.views.sealText({ id }, 'note', entry.note) : null,
      }),
    );
  }

  /**
   * Assessments read cases (they import this module), so their service is found when needed,
   * not injected: the closure rule reads through it, never its table.
   */
  private assessments(): AssessmentsService {
    return this.modules.get(AssessmentsService, { strict: false });
  }
}
