import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import { DecisionService } from './decision.service';

@ApiTags('tgd')
@Controller('tgd-requests')
export class DecisionController {
  constructor(private readonly decisions: DecisionService) {}

  @Get(':id/decision.pdf')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Print the decision',
    description:
      "The prosecutor's decision on a Grave Danger Phone request as a PDF ready to sign and file (CPP art. 41-3-1): parquet and case reference, when and by whom the request was filed, the legal basis, the decision (granted or refused) with its reasons verbatim, for an approval the allocation's start and end dates (six months, renewable) and the conditions of the device, the danger level in force of the assessment the request rests on, and a signature block. In the assessment's language; page numbers, case reference and confidentiality notice on every page. Only for a decided request; the print is audited.",
  })
  @ApiProblems({ 404: ['not-found'], 409: ['tgd-request.not-decided'] })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The decision, ready to sign (PDF).',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @Header('Cache-Control', 'no-store')
  async decision(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
  ): Promise<StreamableFile> {
    const pdf = await this.decisions.decision(actor, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="decision-${id}.pdf"`,
      length: pdf.length,
    });
  }
}
