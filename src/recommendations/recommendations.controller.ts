import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import { RecommendationDto } from './dto/recommendation.dto';
import { RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@Controller('assessments')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get(':id/recommendation')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Recommend measures',
    description:
      'Measures for the prosecutor from a submitted assessment and the victim file, by the rules on file, with the legal conditions of a Grave Danger Phone (CPP art. 41-3-1).',
  })
  @ApiProblems({ 404: ['not-found'], 409: ['assessment.draft'] })
  @ApiOkResponse({
    type: RecommendationDto,
    description: 'Measures for the prosecutor, each with its reasons and legal basis.',
  })
  recommendation(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
  ): Promise<RecommendationDto> {
    return this.recommendations.recommendation(actor, id);
  }

  @Get(':id/report.pdf')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Print the report',
    description:
      'The assessment, its history and the recommended measures as a PDF for the prosecutor.',
  })
  @ApiProblems({ 404: ['not-found'], 409: ['assessment.draft'] })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The printable report for the prosecutor (PDF).' })
  @Header('Cache-Control', 'no-store')
  async report(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<StreamableFile> {
    const pdf = await this.recommendations.report(actor, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="assessment-${id}.pdf"`,
      length: pdf.length,
    });
  }
}
