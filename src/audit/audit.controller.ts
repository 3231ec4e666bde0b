import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { AuditService } from './audit.service';
import { auditCsv } from './csv';
import { AuditPageDto, AuditQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Search the audit trail',
    description:
      'Who read or changed what, and who was refused, in your jurisdictions; as JSON or CSV.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: AuditPageDto,
    description:
      'Audit records of your jurisdictions, newest first; with caseId, the whole trail of the case, oldest first. format=csv answers the page as text/csv.',
  })
  async search(
    @CurrentActor() actor: Actor,
    @Query() query: AuditQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditPageDto | string> {
    const page = await this.audit.search(actor, query);
    if (query.format !== 'csv') return page;
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit.csv"');
    res.setHeader('X-Total-Count', String(page.total));
    return auditCsv(page.items);
  }
}
