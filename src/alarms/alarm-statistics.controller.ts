import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems } from '../common/api-problems';
import { AlarmStatisticsService, statisticsCsv } from './alarm-statistics.service';
import { AlarmStatisticsDto, AlarmStatisticsQueryDto } from './dto/alarm-statistics.dto';

@ApiTags('alarms')
@Controller('alarm-statistics')
export class AlarmStatisticsController {
  constructor(private readonly statistics: AlarmStatisticsService) {}

  @Get()
  @Roles('operator', 'admin')
  @ApiOperation({
    summary: 'Answer-time statistics',
    description:
      'Supervisors (operators with the supervisor flag) and administrators. For the alarms received in [from, to) in your jurisdictions: the share acknowledged within 10 s, 40 s (BS 8484: 80%, 98.5%), 60 s and 180 s (TSA: 97.5%, 99%), the median and 95th percentile of receipt → first push, receipt → acknowledgement and acknowledgement → police call-out; overall, per jurisdiction, per operator and per month (Europe/Paris); and the alarms that missed 10 s, for review. genuineOnly=true leaves out tests, false alarms and technical faults. At most 370 days.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AlarmStatisticsDto })
  @ApiProblems({
    403: [['forbidden', 'an operator who is not a supervisor (PUT /api/v1/operators/me/duty)']],
  })
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: AlarmStatisticsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AlarmStatisticsDto | string> {
    const statistics = await this.statistics.read(actor, query);
    if (query.format !== 'csv') return statistics;
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="alarm-statistics.csv"');
    return statisticsCsv(statistics);
  }
}
