import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { UuidParam } from '../common/uuid-param';
import { CasesService } from './cases.service';
import {
  CaseDto,
  CasePageDto,
  CaseQueryDto,
  CloseCaseDto,
  CreateCaseDto,
  UpdateCaseDto,
} from './dto/case.dto';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: CaseDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCaseDto): Promise<CaseDto> {
    return this.cases.create(actor, body);
  }

  @Get()
  @Roles('coordinator', 'prosecutor')
  @ApiOkResponse({ type: CasePageDto, description: 'Cases in your jurisdictions, newest first.' })
  list(@CurrentActor() actor: Actor, @Query() query: CaseQueryDto): Promise<CasePageDto> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @Roles('coordinator', 'prosecutor')
  @ApiOkResponse({ type: CaseDto })
  @ApiNotFoundResponse({ description: 'No such case in your jurisdictions.' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CaseDto> {
    return this.cases.get(actor, id);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOkResponse({ type: CaseDto })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateCaseDto,
  ): Promise<CaseDto> {
    return this.cases.update(actor, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({ type: CaseDto })
  close(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CloseCaseDto,
  ): Promise<CaseDto> {
    return this.cases.close(actor, id, body);
  }
}
