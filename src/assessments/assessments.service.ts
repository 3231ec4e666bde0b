import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AuditDetail } from '../audit/domain/audit-detail';
import { Scope, UnitOfWork, Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { closedRefusal } from '../cases/domain/case-errors';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '../common/problems';
import { answerErrors, missingMandatory } from '../questionnaires/domain/answers';
import { LoadedQuestionnaire } from '../questionnaires/domain/definition';
import { QuestionnaireRegistry } from '../questionnaires/questionnaire-registry';
import { Assessment } from './assessment.entity';
import { AssessmentViews } from './assessment-views';
import { AssessmentsRepository } from './assessments.repository';
import { overrideFault } from './domain/override';
import {
  AssessmentDto,
  CreateAssessmentDto,
  OverrideDto,
  UpdateAnswersDto,
} from './dto/assessment.dto';

/** The fields of an assessment a draft leaves empty until it is submitted (or overridden). */
const UNSCORED = [
  'resultSealed',
  'score',
  'computedLevel',
  'level',
  'levelRank',
  'levelCount',
  'incomplete',
  'overrideLevel',
  'overrideJustificationSealed',
  'overriddenBy',
  'overriddenByName',
  'overriddenAt',
  'previousAssessmentId',
  'supersededBy',
  'submittedBy',
  'submittedAt',
] as const satisfies ReadonlyArray<keyof Assessment>;

/** Later than any submission: "submitted before" it means all of them. */
const END_OF_TIME = new Date('9999-12-31T23:59:59Z');

const ASSESSMENT: Scope<Assessment> = {
  entity: Assessment,
  type: 'assessment',
  label: 'Assessment',
};

/**
 * Drafts, submission (evaluate and freeze), professional override and history of danger
 * assessments. Every operation is scoped to the case's jurisdiction and audited in its transaction.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly work: UnitOfWork,
    private readonly cases: CasesService,
    private readonly registry: QuestionnaireRegistry,
    private readonly views: AssessmentViews,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, caseId: string, input: CreateAssessmentDto): Promise<AssessmentDto> {
    const loaded = this.questionnaireFor(input);
    const language = input.language ?? loaded.definition.languages[0];
    if (!loaded.definition.languages.includes(language)) {
      throw ValidationProblem.field(
        'language',
        `must be one of ${loaded.definition.languages.join(', ')}`,
      );
    }
    return this.work.run(actor, async (w) => {
      const { manager } = w;
      const kase = await this.cases.caseInScope(actor, caseId, 'assessment.create', manager);
      if (kase.status === 'closed')
        throw ConflictProblem.of(
          closedRefusal(kase.reference, 'no new assessment can be opened in it'),
        );
      const now = this.clock.now();
      const id = randomUUID();
      const row = Object.assign(new Assessment(), {
        id,
        caseId,
        jurisdiction: kase.jurisdiction,
        questionnaireId: loaded.definition.id,
        questionnaireVersion: loaded.definition.version,
        questionnaireHash: loaded.hash,
        language,
        status: 'draft',
        answersSealed: this.cipher.seal({}, `${id}:answers`),
        createdBy: actor.subject,
        createdAt: now,
        updatedAt: now,
        // A draft is not scored yet: every result field is null, as the database answers it.
        ...Object.fromEntries(UNSCORED.map((field) => [field, null])),
      });
      await this.assessments.insert(manager, row);
      await w.audited(ASSESSMENT, row, 'assessment.create', { caseId });
      return this.views.dto(manager, { ...row, version: 1 } as Assessment);
    });
  }

  async updateAnswers(actor: Actor, id: string, input: UpdateAnswersDto): Promise<AssessmentDto> {
    return this.change(actor, id, 'assessment.update', async (row, loaded) => {
      this.requireDraft(row);
      const given = Object.fromEntries(Object.entries(input.answers).filter(([, v]) => v !== null));
      const errors = answerErrors(loaded.definition, given);
      if (errors.length > 0) throw new ValidationProblem(errors);
      const answers: Record<string, unknown> = { ...this.views.answers(row), ...given };
      for (const [item, value] of Object.entries(input.answers))
        if (value === null) delete answers[item];
      row.answersSealed = this.cipher.seal(answers, `${row.id}:answers`);
      return { items: Object.keys(input.answers).sort() };
    });
  }

  async submit(actor: Actor, id: string): Promise<AssessmentDto> {
    return this.change(actor, id, 'assessment.submit', async (row, loaded, w) => {
      const { manager } = w;
      this.requireDraft(row);
      const answers = this.views.answers(row);
      const missing = missingMandatory(loaded.definition, answers);
      if (missing.length > 0) {
        throw new ValidationProblem(
          missing.map((item) => ({
            field: `answers.${item}`,
            pointer: `/answers/${item}`,
            message: 'is mandatory: answer it, or "unknown" when it is not known or was not asked',
          })),
        );
      }
      const now = this.clock.now();
      const result = await this.registry.scorer(loaded).evaluate(answers, now, row.language);
      const previous = await this.assessments.inForce(manager, row.caseId, true);
      if (previous) await this.assessments.supersede(manager, previous.id, row.id);
      Object.assign(row, {
        status: 'submitted',
        resultSealed: this.cipher.seal(result, `${row.id}:result`),
        score: result.score,
        computedLevel: result.level,
        level: result.level,
        levelRank: result.levelRank,
        levelCount: result.levelCount,
        incomplete: result.unknown.incomplete,
        previousAssessmentId: previous?.id ?? null,
        submittedBy: actor.subject,
        submittedAt: now,
      });
      await w.publish({
        type: 'assessment.submitted',
        caseId: row.caseId,
        assessmentId: row.id,
        levelFromTop: result.levelCount - 1 - result.levelRank,
      });
      return {
        level: result.level,
        incomplete: result.unknown.incomplete,
        redFlags: result.redFlags.length,
      };
    });
  }

  async override(actor: Actor, id: string, input: OverrideDto): Promise<AssessmentDto> {
    return this.change(actor, id, 'assessment.override', async (row, loaded, w) => {
      if (row.status !== 'submitted')
        throw new ConflictProblem(
          'assessment.draft',
          'Only a submitted assessment can be overridden; submit it first.',
        );
      if (row.overrideLevel)
        throw new ConflictProblem(
          'assessment.already-overridden',
          `Assessment ${row.id} was already overridden to ${row.overrideLevel}.`,
        );
      const fault = overrideFault(
        loaded.definition,
        row.computedLevel!,
        input.level,
        input.justification,
      );
      if (fault) throw ValidationProblem.field(fault.field, fault.message);
      Object.assign(row, {
        overrideLevel: input.level,
        overrideJustificationSealed: this.cipher.seal(input.justification, `${row.id}:override`),
        overriddenBy: actor.subject,
        overriddenByName: actor.displayName ?? null,
        overriddenAt: this.clock.now(),
        level: input.level,
        levelRank: loaded.definition.levels.findIndex((l) => l.id === input.level),
      });
      // Only the assessment in force sets the case's level; an earlier one is history.
      if (!row.supersededBy)
        await w.publish({
          type: 'assessment.overridden',
          caseId: row.caseId,
          assessmentId: row.id,
          levelFromTop: loaded.definition.levels.length - 1 - row.levelRank!,
        });
      return { from: row.computedLevel, to: input.level };
    });
  }

  /**
   * A submitted assessment with the case's earlier submitted ones (newest first), for another
   * capability's operation (a recommendation, a report, a TGD request), read in its transaction
   * and audited there.
   */
  async submittedForWork(
    actor: Actor,
    id: string,
    action: string,
    manager: EntityManager,
  ): Promise<{ assessment: AssessmentDto; earlier: AssessmentDto[] }> {
    const w = this.work.within(manager, actor);
    const row = await w.find(ASSESSMENT, id, action);
    if (row.status !== 'submitted')
      throw new ConflictProblem(
        'assessment.draft',
        `Assessment ${row.id} is a draft: submit it first.`,
      );
    await w.audited(ASSESSMENT, row, 'assessment.read', { via: action });
    const earlier = await this.assessments.submittedBefore(manager, row.caseId, row.submittedAt!);
    const byId = new Map([row, ...earlier].map((r) => [r.id, r]));
    return {
      assessment: await this.views.dto(manager, row, byId),
      earlier: await Promise.all(earlier.map((r) => this.views.dto(manager, r, byId))),
    };
  }

  /**
   * The levels in force of a case's latest submitted assessments, newest first (`levelRank` 0: the
   * lowest level of its instrument), for the case's closure rule; read in the caller's transaction.
   */
  async latestSubmittedLevels(manager: EntityManager, caseId: string, count = 2) {
    const rows = await this.assessments.submittedBefore(manager, caseId, END_OF_TIME);
    return rows.slice(0, count).map((row) => ({
      assessmentId: row.id,
      level: row.level!,
      levelRank: row.levelRank!,
      levelCount: row.levelCount!,
      submittedAt: row.submittedAt!,
    }));
  }

  /** The level in force of a case's latest submitted assessment, with its red flags, or null. */
  levelInForce(manager: EntityManager, caseId: string) {
    return this.views.levelInForce(manager, caseId);
  }

  get(actor: Actor, id: string): Promise<AssessmentDto> {
    return this.work.read(actor, ASSESSMENT, id, 'assessment.read', (row, w) =>
      this.views.dto(w.manager, row),
    );
  }

  /** The case's assessments, newest first, each with its trend. */
  async history(actor: Actor, caseId: string): Promise<AssessmentDto[]> {
    return this.work.run(actor, async (w) => {
      const { manager } = w;
      await this.cases.caseInScope(actor, caseId, 'assessment.read', manager);
      const rows = await this.assessments.ofCase(manager, caseId);
      for (const row of rows)
        await w.audited(ASSESSMENT, row, 'assessment.read', { via: 'history' });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return Promise.all(rows.map((row) => this.views.dto(manager, row, byId)));
    });
  }

  /** The questionnaire a new draft asks for; one not on file is a fault of the request's field. */
  private questionnaireFor(input: CreateAssessmentDto): LoadedQuestionnaire {
    try {
      return this.registry.onFileVersion(input.questionnaireId, input.version);
    } catch (error) {
      if (!(error instanceof NotFoundProblem)) throw error;
      const field = input.version ? 'version' : 'questionnaireId';
      throw ValidationProblem.field(field, error.detail);
    }
  }

  /** Locks the assessment, applies `mutate` with its pinned questionnaire, saves and audits. */
  private change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (row: Assessment, loaded: LoadedQuestionnaire, w: Work) => Promise<AuditDetail>,
  ): Promise<AssessmentDto> {
    return this.work.change(
      actor,
      ASSESSMENT,
      id,
      action,
      async (row, w) => {
        const loaded = await this.registry.pinned(row.questionnaireHash, w.manager);
        const detail = await mutate(row, loaded, w);
        row.updatedAt = this.clock.now();
        return detail;
      },
      (row, w) => this.views.dto(w.manager, row),
    );
  }

  private requireDraft(row: Assessment): void {
    if (row.status !== 'draft')
      throw new ConflictProblem(
        'assessment.submitted',
        `Assessment ${row.id} is submitted and can no longer change; only an override can be added.`,
      );
  }
}
