import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '../common/problems';
import { CaseViews } from './case-views';
import { CASE } from './cases.service';
import { closedRefusal, workshopAge } from './domain/case-errors';
import { Child, ChildFollowUp } from './domain/case-file';
import { ageOn, followUpFaults, FollowUpInput, workshopAgeRefusal } from './domain/children';
import { ChildFollowUpInputDto, ChildViewDto } from './dto/case.dto';

/**
 * A child's follow-up (issue #17): psychologist, workshops attended, referral to the children's
 * judge. Entries live with the child in the case's sealed children block, so they are encrypted with
 * the case and go with it on transfer or erasure; every read and write is audited in the case's
 * unit of work, and each new entry goes to the case history (kind and child id only).
 */
@Injectable()
export class ChildrenService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly views: CaseViews,
    private readonly clock: Clock,
  ) {}

  /** The child with its follow-up, oldest first; audited as a read of the case. */
  followUp(actor: Actor, caseId: string, childId: string): Promise<ChildViewDto> {
    return this.work.run(actor, async (w) => {
      const row = await w.find(CASE, caseId, 'case.child.read');
      const child = childOf(this.views.open(row).children, childId);
      await w.audited(CASE, row, 'case.child.read', { childId });
      return view(child);
    });
  }

  /** Records one entry; refused on a closed case and for a workshop outside the child's age. */
  record(
    actor: Actor,
    caseId: string,
    childId: string,
    input: ChildFollowUpInputDto,
  ): Promise<ChildViewDto> {
    const now = this.clock.now();
    const entry: FollowUpInput = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== undefined),
    ) as FollowUpInput;
    if (entry.kind === 'workshop') entry.workshop ??= 'la_cabane';
    if (entry.kind === 'psychologist') entry.ongoing ??= true;
    const faults = followUpFaults(entry, now.toISOString().slice(0, 10));
    if (faults.length > 0)
      throw new ValidationProblem(
        faults.map((f) => ValidationProblem.field(f.field, f.message).errors[0]),
      );
    let recorded: Child | undefined;
    return this.work.change(
      actor,
      CASE,
      caseId,
      'case.child.follow-up',
      async (row, w) => {
        if (row.status === 'closed') throw ConflictProblem.of(closedRefusal(row.reference));
        const content = this.views.open(row);
        const child = childOf(content.children, childId);
        if (entry.kind === 'workshop') {
          // The age on the day attended, grown since it was given.
          const refusal = workshopAgeRefusal(entry.workshop!, ageOn(child, entry.attendedOn!));
          if (refusal) throw ConflictProblem.of(workshopAge(refusal));
        }
        const stamped: ChildFollowUp = {
          ...entry,
          id: randomUUID(),
          recordedAt: now.toISOString(),
          recordedBy: actor.subject,
        };
        recorded = { ...child, followUp: [...(child.followUp ?? []), stamped] };
        const children = content.children.map((c) => (c.id === childId ? recorded! : c));
        this.views.seal(row, { ...content, children });
        row.updatedAt = now;
        const on = entry.attendedOn ?? entry.referredOn ?? entry.firstAppointmentOn;
        await this.views.recordEvent(w, row.id, 'child_follow_up', now, {
          occurredAt: on ? new Date(`${on}T00:00:00Z`) : now,
          detail: { childId, followUpKind: entry.kind },
        });
        return { childId, kind: entry.kind };
      },
      () => view(recorded!),
    );
  }
}

/** The child of the case, or 404 (a child id of another case is not found either). */
function childOf(children: Child[], childId: string): Child {
  const child = children.find((c) => c.id === childId);
  if (!child) throw new NotFoundProblem(`No child ${childId} in this case.`);
  return child;
}

function view(child: Child): ChildViewDto {
  return { ...child, id: child.id!, followUp: child.followUp ?? [] } as ChildViewDto;
}
