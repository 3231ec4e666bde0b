import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Roles } from '../auth/decorators';
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
  @ApiOkResponse({
    type: [QuestionnaireSummaryDto],
    description: 'The latest version of each instrument on file.',
  })
  list(): QuestionnaireSummaryDto[] {
    return this.registry.current().map((loaded) => QuestionnaireSummaryDto.of(loaded));
  }

  @Get(':questionnaireId')
  @Roles('coordinator', 'prosecutor', 'admin')
  @ApiOkResponse({ type: QuestionnaireDto })
  get(
    @Param('questionnaireId') id: string,
    @Query() query: QuestionnaireVersionQuery,
  ): QuestionnaireDto {
    const loaded = this.registry.onFileVersion(id, query.version);
    return { ...QuestionnaireSummaryDto.of(loaded), definition: loaded.definition };
  }
}
