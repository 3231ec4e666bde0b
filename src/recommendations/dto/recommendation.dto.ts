import { ApiProperty } from '@nestjs/swagger';

import { AssessmentDto } from '../../assessments/dto/assessment.dto';
import type { Author, Child, JudicialMeasure, Victim } from '../../cases/domain/case-file';
import type { GroundLevel } from '../domain/level-grounds';

export class MeasureReasonDto {
  @ApiProperty({ example: 'tgd-menaces-de-mort' }) rule!: string;
  @ApiProperty() reason!: string;
}

export class TgdConditionDto {
  @ApiProperty({
    enum: ['grave_danger', 'consent', 'no_cohabitation', 'contact_ban_or_imminent_danger'],
  })
  id!: string;
  @ApiProperty({ enum: ['met', 'not_met', 'unknown'] }) status!: string;
  @ApiProperty() detail!: string;
}

export class RecommendedMeasureDto {
  @ApiProperty({ example: 'tgd_allocation' }) measure!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'Legal basis of the measure.' }) legalBasis!: string;
  @ApiProperty({ type: [MeasureReasonDto], description: 'Every rule that recommended it.' })
  reasons!: MeasureReasonDto[];
  @ApiProperty({
    type: [TgdConditionDto],
    nullable: true,
    description: 'For the Grave Danger Phone: each legal condition (CPP art. 41-3-1), met or not.',
  })
  legalConditions!: TgdConditionDto[] | null;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'All legal conditions met (TGD only).',
  })
  legalConditionsMet!: boolean | null;
}

/** A rule set a recommendation was computed with. */
export class RuleSetRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ description: 'SHA-256 of the rule file as loaded.' }) hash!: string;
}

export class RecommendationDto {
  @ApiProperty({ format: 'uuid' }) assessmentId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty({ description: 'The level in force.' }) level!: string;
  @ApiProperty() levelLabel!: string;
  @ApiProperty() computedLevel!: string;
  @ApiProperty() overridden!: boolean;
  @ApiProperty({ type: [String] }) redFlags!: string[];
  @ApiProperty({ type: [RecommendedMeasureDto] }) measures!: RecommendedMeasureDto[];
  @ApiProperty({
    type: [TgdConditionDto],
    description: 'The TGD conditions, whether or not the TGD is recommended.',
  })
  tgdConditions!: TgdConditionDto[];
  @ApiProperty({
    type: [RuleSetRefDto],
    description: 'Recommendation rule sets used, with version and content hash.',
  })
  rules!: RuleSetRefDto[];
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
}

/** An earlier assessment as the report's history prints it: its own instrument's words. */
export interface EarlierAssessment {
  id: string;
  submittedAt: Date | null;
  instrumentTitle: string;
  levelLabel: string;
  /** The computed level, when an override set another. */
  computedLevelLabel: string | null;
}

/** What the report needs besides the recommendation. */
export interface ReportData {
  recommendation: RecommendationDto;
  assessment: AssessmentDto;
  /** The case's earlier submitted assessments, newest first, in the report's language. */
  history: EarlierAssessment[];
  caseFile: {
    reference: string;
    jurisdiction: string;
    /** The coordinator's name, or their subject when no name is known. */
    coordinator: string;
    victim: Victim;
    children: Child[];
    author: Author | null;
    /** The author's judicial measures in force on the day of printing. */
    measuresInForce: JudicialMeasure[];
  };
  /** The instrument the assessment was scored with, in its language. */
  instrument: {
    title: string;
    levels: GroundLevel[];
    /** Question text by item id. */
    items: Record<string, string>;
  };
}
