import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

import { IntervalJob } from '../common/interval-job';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ObligationPlanner } from './obligation-planner';

/**
 * Moves obligations to due and overdue. Every instance runs it; rows are claimed in PostgreSQL,
 * so instances share the work and never notify twice.
 */
@Injectable()
export class ObligationsScheduler extends IntervalJob {
  constructor(
    registry: SchedulerRegistry,
    private readonly planner: ObligationPlanner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(registry, 'obligations.advance', config.obligations.scanSeconds * 1000);
  }

  protected work(): Promise<number> {
    return this.planner.advance();
  }
}
