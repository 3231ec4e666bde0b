import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

import { PatternField, TextField } from '../../common/dto/fields';
import { AssessmentResult } from '../../questionnaires/domain/scorer';
import { AssessmentStatus } from '../assessment.entity';
import { Trend } from '../domain/trend';

const ANSWER_SCHEMA = {
  description:
    'yes_no: "yes" | "no"; single_choice: a choice id; multiple_choice: a list of choice ids; number; date: "YYYY-MM-DD"; text. Every item also accepts "unknown" (not known, or not asked).',
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
};

export class CreateAssessmentDto {
  @PatternField({
    pattern: /^[a-z][a-z0-9_-]{0,63}$/,
    max: 64,
    message: 'must be a questionnaire id (GET /api/v1/questionnaires)',
    example: 'fr-grille-evaluation-danger',
  })
  questionnaireId!: string;

  @PatternField({
    pattern: /^[0-9]+(\.[0-9]+){0,3}$/,
    max: 32,
    message: 'must be a version such as 2019.1',
    optional: true,
    description: 'A version on file; the latest when absent.',
    example: '2019.1',
  })
  version?: string;

  @PatternField({
    pattern: /^[a-z]{2}$/,
    max: 2,
    message: 'must be an ISO 639-1 language code',
    optional: true,
    description: "One of the questionnaire's languages; its first language when absent.",
    example: 'fr',
  })
  language?: string;
}

export class UpdateAnswersDto {
  @ApiProperty({
    type: 'object',
    // `nullable` on a branch: beside `oneOf` it would have no type to qualify (OpenAPI 3.0).
    additionalProperties: {
      ...ANSWER_SCHEMA,
      oneOf: [{ type: 'string', nullable: true }, ...ANSWER_SCHEMA.oneOf.slice(1)],
    },
    description: 'Answers by item id, merged into the draft; `null` removes an answer.',
    example: { menaces_de_mort: 'yes', armes_a_feu: 'unknown' },
  })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class OverrideDto {
  @PatternField({
    pattern: /^[a-z][a-z0-9_-]{0,63}$/,
    max: 64,
    message: 'must be a level id of the questionnaire',
    example: 'caracterise',
  })
  level!: string;

  @TextField({
    max: 4000,
    description:
      "Why the professional judgement differs from the computed level (the questionnaire's minimum length applies).",
    example:
      "Menaces de mort réitérées la veille de l'évaluation, avec un couteau : la grille ne le reflète pas.",
  })
  justification!: string;
}

export class AssessmentOverrideDto {
  @ApiProperty() level!: string;
  @ApiProperty() levelLabel!: string;
  @ApiProperty() justification!: string;
  @ApiProperty() by!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The name of who overrode it, when their sign-in gave one.',
  })
  byName!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class TrendDto implements Trend {
  @ApiProperty({ format: 'uuid' }) previousAssessmentId!: string;
  @ApiProperty() previousLevel!: string;
  @ApiProperty({ format: 'date-time' }) previousSubmittedAt!: string;
  @ApiProperty({ enum: ['up', 'same', 'down'] }) direction!: 'up' | 'same' | 'down';
  @ApiProperty() sameInstrument!: boolean;
  @ApiProperty({ type: [String] }) newRedFlags!: string[];
  @ApiProperty({ type: [String] }) resolvedRedFlags!: string[];
}

export class AssessmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ example: { id: 'fr-grille-evaluation-danger', version: '2019.1', hash: '…' } })
  questionnaire!: { id: string; version: string; hash: string };
  @ApiProperty() language!: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status!: AssessmentStatus;
  @ApiProperty({ type: 'object', additionalProperties: ANSWER_SCHEMA }) answers!: Record<
    string,
    unknown
  >;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'Once submitted: score, computed level, red flags, every rule that fired with its weight and reason, `decisiveRule` (the red flag or minimum-level rule that forced the level above the score’s, null when the score alone reached it), the unknown answers and how they were treated, the questionnaire version and hash.',
  })
  result!: AssessmentResult | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The level the questionnaire computed.',
  })
  computedLevel!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The level in force: the override, else the computed one.',
  })
  level!: string | null;
  @ApiProperty({ nullable: true, type: String }) levelLabel!: string | null;
  @ApiProperty({
    nullable: true,
    type: 'integer',
    description: 'Rank of the level in force, 0 for the lowest.',
  })
  levelRank!: number | null;
  @ApiProperty({
    nullable: true,
    type: 'integer',
    description: 'Number of levels of the questionnaire.',
  })
  levelCount!: number | null;
  @ApiProperty({ type: AssessmentOverrideDto, nullable: true })
  override!: AssessmentOverrideDto | null;
  @ApiProperty({
    type: TrendDto,
    nullable: true,
    description: "Against the case's previous submitted assessment.",
  })
  trend!: TrendDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) supersededBy!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ nullable: true, type: String }) submittedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt!: Date | null;
  @ApiProperty() version!: number;
}
