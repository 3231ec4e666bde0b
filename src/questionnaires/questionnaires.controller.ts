import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../auth/decorators';
import { ApiProblems } from '../common/api-problems';
import {
  QuestionnaireDto,
  QuestionnaireSummaryDto,
  QuestionnaireVersionQuery,
} from './dto/questionnaire.dto';
import { QuestionnaireRegistry } from './questionnaire-registry';

@ApiTags('questionnaires')
@Controller('questionnaires')
export class QuestionnairesController {
  constructor(private readonly registry: QuestionnaireRegistry) {}

  @Get()
  @Roles('coordinator', 'prosecutor', 'admin')
  @ApiOperation({
    summary: 'List questionnaires',
    description:
      'The danger assessment instruments on file (grille d’évaluation du danger), each at its latest version.',
  })
  @ApiOkResponse({
    type: [QuestionnaireSummaryDto],
    description: 'The latest version of each instrument on file.',
  })
  list(): QuestionnaireSummaryDto[] {
    return this.registry.current().map((loaded) => QuestionnaireSummaryDto.of(loaded));
  }

  @Get(':questionnaireId')
  @Roles('coordinator', 'prosecutor', 'admin')
  @ApiOperation({
    summary: 'Read a questionnaire',
    description:
      'Its full definition (items, scoring rules, levels), at the version asked for or the latest.',
  })
  @ApiProblems({ 404: [['not-found', 'no questionnaire on file with this id (and version)']] })
  @ApiOkResponse({ type: QuestionnaireDto })
  get(
    @Param('questionnaireId') id: string,
    @Query() query: QuestionnaireVersionQuery,
  ): QuestionnaireDto {
    const loaded = this.registry.onFileVersion(id, query.version);
    return { ...QuestionnaireSummaryDto.of(loaded), definition: loaded.definition };
  }
}
