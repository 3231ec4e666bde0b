import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { allMet, tgdConditions } from '../allocations/domain/tgd-eligibility';
import { AssessmentsService } from '../assessments/assessments.service';
import { AssessmentDto } from '../assessments/dto/assessment.dto';
import { UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { cohabitation, consentFor, contactBansInForce } from '../cases/domain/case-facts';
import { Clock } from '../common/clock';
import { localize } from '../questionnaires/domain/definition';
import { QuestionnaireRegistry } from '../questionnaires/questionnaire-registry';
import { recommendationFacts } from './domain/recommendation-facts';
import { MeasureRecommender } from './domain/recommendation-rules';
import { EarlierAssessment, RecommendationDto, ReportData } from './dto/recommendation.dto';
import { renderReport } from './report';

export const MEASURE_RECOMMENDER = Symbol('MEASURE_RECOMMENDER');

/**
 * The recommendation to the prosecutor, computed from a submitted assessment (its override
 * included) and the victim file by the rules of `rules/recommendations/`, and its printable report.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    @Inject(MEASURE_RECOMMENDER) private readonly recommender: MeasureRecommender,
    private readonly work: UnitOfWork,
    private readonly assessments: AssessmentsService,
    private readonly cases: CasesService,
    private readonly questionnaires: QuestionnaireRegistry,
    private readonly clock: Clock,
  ) {}

  async recommendation(actor: Actor, assessmentId: string): Promise<RecommendationDto> {
    return this.work.run(
      actor,
      async (w) =>
        (await this.gather(w.manager, actor, assessmentId, 'recommendation.read')).recommendation,
    );
  }

  async report(actor: Actor, assessmentId: string): Promise<Buffer> {
    const data = await this.work.run(actor, (w) =>
      this.gather(w.manager, actor, assessmentId, 'report.read'),
    );
    return renderReport(data);
  }

  private async gather(
    manager: EntityManager,
    actor: Actor,
    assessmentId: string,
    action: string,
  ): Promise<ReportData> {
    const { assessment, earlier } = await this.assessments.submittedForWork(
      actor,
      assessmentId,
      action,
      manager,
    );
    const kase = await this.cases.caseFileForWork(actor, assessment.caseId, action, manager);
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    const result = assessment.result!;
    const redFlags = result.redFlags.map((flag) => flag.flag);
    const situation = {
      level: assessment.level!,
      levelRank: assessment.levelRank!,
      levelCount: assessment.levelCount!,
      score: result.score,
      redFlags,
      incomplete: result.unknown.incomplete,
      overridden: assessment.override !== null,
      trend: assessment.trend?.direction ?? null,
    };
    const facts = recommendationFacts(situation, kase, today);
    const conditions = tgdConditions({
      levelFromTop: facts.levelFromTop,
      levelLabel: assessment.levelLabel!,
      consent: consentFor(kase.victim, 'tgd_allocation'),
      cohabitation: cohabitation(kase.author),
      bansInForce: contactBansInForce(kase.author, today),
    });
    const measures = await this.recommender.recommend(facts, assessment.language);
    const recommendation: RecommendationDto = {
      assessmentId: assessment.id,
      caseId: kase.id,
      caseReference: kase.reference,
      level: assessment.level!,
      levelLabel: assessment.levelLabel!,
      computedLevel: assessment.computedLevel!,
      overridden: assessment.override !== null,
      redFlags,
      measures: measures.map(({ checksTgdConditions, ...measure }) => ({
        ...measure,
        legalConditions: checksTgdConditions ? conditions : null,
        legalConditionsMet: checksTgdConditions ? allMet(conditions) : null,
      })),
      tgdConditions: conditions,
      rules: this.recommender.versions,
      generatedAt: now.toISOString(),
    };
    const { definition } = await this.questionnaires.pinned(result.questionnaire.hash, manager);
    const text = (value: Record<string, string>) =>
      localize(value, assessment.language, definition.languages[0]);
    return {
      recommendation,
      assessment,
      history: await this.history(manager, earlier, assessment.language),
      caseFile: {
        reference: kase.reference,
        jurisdiction: kase.jurisdiction,
        coordinator: kase.coordinatorName ?? kase.coordinatorId,
        victim: kase.victim,
        children: kase.children,
        author: kase.author,
        measuresInForce: (kase.author?.judicialMeasures ?? []).filter(
          (m) => m.issuedAt <= today && (!m.expiresAt || m.expiresAt >= today),
        ),
      },
      instrument: {
        title: text(definition.title),
        levels: definition.levels.map((level) => ({
          id: level.id,
          label: text(level.label),
          minScore: level.minScore,
        })),
        items: Object.fromEntries(definition.items.map((item) => [item.id, text(item.text)])),
      },
    };
  }

  /**
   * Earlier assessments named by their own instrument's title and levels (a case may have been
   * assessed with another instrument, or another version), in the report's language when that
   * instrument has it.
   */
  private async history(
    manager: EntityManager,
    earlier: AssessmentDto[],
    language: string,
  ): Promise<EarlierAssessment[]> {
    const history: EarlierAssessment[] = [];
    for (const one of earlier) {
      const { definition } = await this.questionnaires.pinned(
        one.result!.questionnaire.hash,
        manager,
      );
      const text = (value: Record<string, string>) =>
        localize(value, language, definition.languages[0]);
      const label = (id: string) =>
        text(definition.levels.find((level) => level.id === id)?.label ?? { [language]: id });
      history.push({
        id: one.id,
        submittedAt: one.submittedAt,
        instrumentTitle: text(definition.title),
        levelLabel: label(one.level!),
        computedLevelLabel: one.computedLevel !== one.level ? label(one.computedLevel!) : null,
      });
    }
    return history;
  }
}
