import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { PatternField } from '../../common/dto/fields';
import { LoadedQuestionnaire } from '../domain/definition';

export class QuestionnaireLevelDto {
  @ApiProperty({ example: 'caracterise' }) id!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { fr: 'Danger caractérisé' },
  })
  label!: Record<string, string>;
  @ApiPropertyOptional({
    description: 'Score from which the level applies; absent when only rules raise it.',
  })
  minScore?: number;
}

export class QuestionnaireSummaryDto {
  @ApiProperty({ example: 'fr-grille-evaluation-danger' }) id!: string;
  @ApiProperty({ example: '2019.1' }) version!: string;
  @ApiProperty({
    description: 'SHA-256 of the definition: with the version, what an assessment pins.',
  })
  hash!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) title!: Record<
    string,
    string
  >;
  @ApiProperty({ type: [String], example: ['fr', 'nl', 'en'] }) languages!: string[];
  @ApiProperty() itemCount!: number;
  @ApiProperty({
    type: [QuestionnaireLevelDto],
    description: 'From the lowest danger to the highest.',
  })
  levels!: QuestionnaireLevelDto[];

  static of(loaded: LoadedQuestionnaire): QuestionnaireSummaryDto {
    const { definition } = loaded;
    return {
      id: definition.id,
      version: definition.version,
      hash: loaded.hash,
      title: definition.title,
      languages: definition.languages,
      itemCount: definition.items.length,
      levels: definition.levels.map(({ id, label, minScore }) => ({ id, label, minScore })),
    };
  }
}

export class QuestionnaireDto extends QuestionnaireSummaryDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The whole definition (sections, items with their answers, levels, scoring rules), as in rules/questionnaire.schema.json.',
  })
  definition!: object;
}

export class QuestionnaireVersionQuery {
  @PatternField({
    pattern: /^[0-9]+(\.[0-9]+){0,3}$/,
    max: 32,
    message: 'must be a version such as 2019.1',
    optional: true,
  })
  version?: string;
}
