import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/field-cipher';
import { BlindIndex } from './blind-index';
import { CaseEvent } from './case-event.entity';
import { CaseFile } from './case-file.entity';
import { CasesRepository } from './cases.repository';
import { Author, Child, Victim } from './domain/case-file';
import { CaseEventKind } from './domain/case-history';
import { childrenOn, withChildIds } from './domain/children';
import { KnownCase, repeatView, repeatWindowStart } from './domain/repeat';
import { CaseDto, CaseEventDto } from './dto/case.dto';

export interface CaseContent {
  victim: Victim;
  author: Author | null;
  children: Child[];
}

/**
 * What the case services share: sealing and opening the personal blocks, the repeat rule over the
 * blind index, and the case as one reader may see it.
 */
@Injectable()
export class CaseViews {
  constructor(
    private readonly cases: CasesRepository,
    private readonly cipher: FieldCipher,
    private readonly index: BlindIndex,
    private readonly clock: Clock,
  ) {}

  seal(row: CaseFile, content: CaseContent): void {
    row.victimSealed = this.cipher.seal(content.victim, `${row.id}:victim`);
    row.authorSealed = content.author ? this.cipher.seal(content.author, `${row.id}:author`) : null;
    row.childrenSealed = this.cipher.seal(content.children, `${row.id}:children`);
  }

  open(row: CaseFile): CaseContent {
    return {
      victim: this.cipher.open<Victim>(row.victimSealed, `${row.id}:victim`),
      author: row.authorSealed
        ? this.cipher.open<Author>(row.authorSealed, `${row.id}:author`)
        : null,
      // Children recorded before they had ids get stable ones here (domain/children.ts), stored
      // by the case's next write.
      children: withChildIds(
        row.id,
        this.cipher.open<Child[]>(row.childrenSealed, `${row.id}:children`),
      ),
    };
  }

  /** One entry of the case's history, in the writer's transaction; `detail` holds no personal data. */
  async recordEvent(
    w: Work,
    caseId: string,
    kind: CaseEventKind,
    recordedAt: Date,
    entry: { occurredAt?: Date; detail?: Record<string, string | boolean>; note?: string },
  ): Promise<void> {
    const id = randomUUID();
    await this.cases.insertEvent(
      w.manager,
      Object.assign(new CaseEvent(), {
        id,
        caseId,
        kind,
        occurredAt: entry.occurredAt ?? recordedAt,
        recordedAt,
        actorId: w.actor.subject,
        actorName: w.actor.displayName ?? null,
        detail: entry.detail ?? {},
        noteSealed: entry.note ? this.sealText({ id }, 'note', entry.note) : null,
      }),
    );
  }

  sealText(row: { id: string }, field: string, text: string): string {
    return this.cipher.seal(text, `${row.id}:${field}`);
  }

  openText(row: { id: string }, field: string, sealed: string | null): string | null {
    return sealed ? this.cipher.open<string>(sealed, `${row.id}:${field}`) : null;
  }

  /** Stores the victim's blind-index keys as they are now, once the row exists. */
  storeIdentityKeys(manager: EntityManager, row: CaseFile, victim: Victim) {
    return this.cases.replaceIdentityKeys(
      manager,
      row,
      this.index.keys(victim),
      this.index.fingerprint,
    );
  }

  /** Cases whose identity keys were computed with another key, or never (see IdentityKeysJob). */
  staleIdentityKeys(manager: EntityManager, limit: number) {
    return this.cases.staleIdentityKeys(manager, this.index.fingerprint, limit);
  }

  /**
   * MARAC's repeat rule applied at `at`: the other cases of this victim (by blind index) known in
   * the 12 months before, in any jurisdiction, kept on the row; what a reader sees of them is
   * decided when reading.
   */
  async applyRepeat(manager: EntityManager, row: CaseFile, victim: Victim, at: Date) {
    const digests = this.index.keys(victim).map((k) => k.digest);
    const known = await this.cases.knownCases(manager, row.id, digests, repeatWindowStart(at), at);
    row.repeatCaseIds = known.map((c) => c.id);
    row.repeatCheckedAt = at;
    return known;
  }

  async dto(manager: EntityManager | null, actor: Actor, row: CaseFile): Promise<CaseDto> {
    const known = await this.cases.known(manager, row.repeatCaseIds ?? []);
    return this.map(actor, row, known);
  }

  /** Many cases with one query for their repeats. */
  async dtos(manager: EntityManager | null, actor: Actor, rows: CaseFile[]): Promise<CaseDto[]> {
    const known = await this.cases.known(manager, [
      ...new Set(rows.flatMap((r) => r.repeatCaseIds ?? [])),
    ]);
    return rows.map((row) =>
      this.map(
        actor,
        row,
        known.filter((k) => row.repeatCaseIds.includes(k.id)),
      ),
    );
  }

  event(row: CaseEvent): CaseEventDto {
    const d = row.detail ?? {};
    const pick = <T>(key: string) => (d[key] === undefined ? {} : { [key]: d[key] as T });
    return {
      id: row.id,
      kind: row.kind,
      occurredAt: row.occurredAt.toISOString(),
      recordedAt: row.recordedAt.toISOString(),
      actorId: row.actorId,
      actorName: row.actorName,
      ...pick('incidentKind'),
      ...pick('source'),
      ...pick('reasonCode'),
      ...pick('from'),
      ...pick('to'),
      ...pick('repeat'),
      ...pick('childId'),
      ...pick('followUpKind'),
      ...pick('step'),
      ...pick('measureType'),
      note: this.openText(row, 'note', row.noteSealed),
    } as CaseEventDto;
  }

  private map(actor: Actor, row: CaseFile, known: KnownCase[]): CaseDto {
    const content = this.open(row);
    return {
      id: row.id,
      reference: row.reference,
      jurisdiction: row.jurisdiction,
      status: row.status,
      coordinatorId: row.coordinatorId,
      coordinatorName: row.coordinatorName ?? null,
      ...content,
      // Ages as of today: what the recommendation, the report and the console read.
      children: childrenOn(content.children, this.clock.now().toISOString().slice(0, 10)),
      closeReason: this.openText(row, 'closeReason', row.closeReasonSealed),
      closeReasonCode: row.closeReasonCode ?? null,
      intake: row.intakeChannel
        ? {
            channel: row.intakeChannel,
            partnerId: row.intakePartnerId,
            receivedAt: row.intakeReceivedAt!.toISOString(),
            takenById: row.intakeTakenById!,
            takenByName: row.intakeTakenByName,
          }
        : null,
      // A case transferred away since is "elsewhere" now: its readers changed with it.
      repeat: row.repeatCheckedAt
        ? repeatView(known, (j) => actor.canActIn(j), row.repeatCheckedAt)
        : null,
      pendingTransfer: row.transferTo
        ? {
            to: row.transferTo,
            requestedAt: row.transferRequestedAt!.toISOString(),
            requestedBy: row.transferRequestedBy!,
            reason: this.openText(row, 'transferReason', row.transferReasonSealed) ?? '',
          }
        : null,
      lastKnownAt: row.lastKnownAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      closedAt: row.closedAt,
      version: row.version,
    };
  }
}
