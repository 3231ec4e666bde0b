import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

import { IntervalJob } from '../common/interval-job';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AllocationsService } from './allocations.service';

/** Ends allocations whose end date passed without renewal. */
@Injectable()
export class AllocationExpiryScheduler extends IntervalJob {
  constructor(
    registry: SchedulerRegistry,
    private readonly allocations: AllocationsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(registry, 'allocations.expire', config.obligations.scanSeconds * 1000);
  }

  protected work(): Promise<number> {
    return this.allocations.expireDue();
  }
}
