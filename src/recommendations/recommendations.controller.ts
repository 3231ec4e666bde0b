import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { UuidParam } from '../common/uuid-param';
import { RecommendationDto } from './dto/recommendation.dto';
import { RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@Controller('assessments')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get(':id/recommendation')
  @Roles('coordinator', 'prosecutor')
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
