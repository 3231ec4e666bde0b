import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

import { IntervalJob } from '../common/interval-job';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PositionRetentionService } from './position-retention.service';

/** The purge of positions past retention; every instance may run it (rows claimed with SKIP LOCKED). */
@Injectable()
export class PositionRetentionJob extends IntervalJob {
  constructor(
    registry: SchedulerRegistry,
    private readonly retention: PositionRetentionService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(registry, 'retention.positions', config.retention.scanSeconds * 1000);
  }

  protected work(): Promise<number> {
    return this.retention.purge();
  }
}
