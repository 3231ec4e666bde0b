import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { FieldCipher } from '../common/field-cipher';
import { Answers } from '../questionnaires/domain/answers';
import { localize } from '../questionnaires/domain/definition';
import { AssessmentResult } from '../questionnaires/domain/scorer';
import { QuestionnaireRegistry } from '../questionnaires/questionnaire-registry';
import { Assessment } from './assessment.entity';
import { AssessmentsRepository } from './assessments.repository';
import { AssessedLevel, trendOf } from './domain/trend';
import { AssessmentDto } from './dto/assessment.dto';

/** How an assessment reads: its sealed parts opened, its levels labelled, its trend computed. */
@Injectable()
export class AssessmentViews {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly registry: QuestionnaireRegistry,
    private readonly cipher: FieldCipher,
  ) {}

  /** The level in force of a case's latest submitted assessment, with its red flags, or null. */
  async levelInForce(
    manager: EntityManager,
    caseId: string,
  ): Promise<{
    level: string;
    levelLabel: string;
    levelFromTop: number;
    redFlags: string[];
  } | null> {
    const row = await this.assessments.inForce(manager, caseId);
    if (!row) return null;
    const loaded = await this.registry.pinned(row.questionnaireHash, manager);
    const level = loaded.definition.levels.find((l) => l.id === row.level)!;
    return {
      level: row.level!,
      levelLabel: localize(level.label, row.language, loaded.definition.languages[0]),
      levelFromTop: loaded.definition.levels.length - 1 - row.levelRank!,
      redFlags: this.result(row)?.redFlags.map((flag) => flag.label) ?? [],
    };
  }

  answers(row: Assessment): Answers {
    return this.cipher.open<Answers>(row.answersSealed, `${row.id}:answers`);
  }

  result(row: Assessment): AssessmentResult | null {
    return row.resultSealed
      ? this.cipher.open<AssessmentResult>(row.resultSealed, `${row.id}:result`)
      : null;
  }

  private assessedLevel(row: Assessment): AssessedLevel {
    return {
      assessmentId: row.id,
      questionnaireId: row.questionnaireId,
      level: row.level!,
      levelRank: row.levelRank!,
      levelCount: row.levelCount!,
      redFlags: this.result(row)?.redFlags.map((flag) => flag.flag) ?? [],
      submittedAt: row.submittedAt!,
    };
  }

  async dto(
    manager: EntityManager,
    row: Assessment,
    known?: Map<string, Assessment>,
  ): Promise<AssessmentDto> {
    const loaded = await this.registry.pinned(row.questionnaireHash, manager);
    const reference = loaded.definition.languages[0];
    const levelLabel = (id: string | null) => {
      const level = loaded.definition.levels.find((l) => l.id === id);
      return level ? localize(level.label, row.language, reference) : null;
    };
    let previous = row.previousAssessmentId ? known?.get(row.previousAssessmentId) : undefined;
    if (row.previousAssessmentId && !previous) {
      previous = (await this.assessments.byId(manager, row.previousAssessmentId)) ?? undefined;
    }
    return {
      id: row.id,
      caseId: row.caseId,
      jurisdiction: row.jurisdiction,
      questionnaire: {
        id: row.questionnaireId,
        version: row.questionnaireVersion,
        hash: row.questionnaireHash,
      },
      language: row.language,
      status: row.status,
      answers: this.answers(row),
      result: this.result(row),
      computedLevel: row.computedLevel,
      level: row.level,
      levelLabel: levelLabel(row.level),
      levelRank: row.levelRank,
      levelCount: row.levelCount,
      override: row.overrideLevel
        ? {
            level: row.overrideLevel,
            levelLabel: levelLabel(row.overrideLevel)!,
            justification: this.cipher.open<string>(
              row.overrideJustificationSealed!,
              `${row.id}:override`,
            ),
            by: row.overriddenBy!,
            byName: row.overriddenByName,
            at: row.overriddenAt!.toISOString(),
          }
        : null,
      trend:
        previous && row.status === 'submitted'
          ? trendOf(this.assessedLevel(row), this.assessedLevel(previous))
          : null,
      supersededBy: row.supersededBy,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      submittedBy: row.submittedBy,
      submittedAt: row.submittedAt,
      version: row.version,
    };
  }
}
