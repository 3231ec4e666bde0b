import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

import { AlarmsService } from '../alarms/alarms.service';
import { IntervalJob } from '../common/interval-job';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SupervisionService } from './supervision.service';

/**
 * Looks for silent devices, missed tests and ignored technical alerts. Every instance may run it:
 * alerts open on a unique index of unresolved ones, escalations are claimed with SKIP LOCKED.
 */
@Injectable()
export class SupervisionScanJob extends IntervalJob {
  constructor(
    registry: SchedulerRegistry,
    private readonly supervision: SupervisionService,
    private readonly alarms: AlarmsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(registry, 'supervision.scan', config.supervision.scanSeconds * 1000);
  }

  protected async work(): Promise<number> {
    const { opened, cleared, escalated } = await this.supervision.scan((ids) =>
      this.alarms.lastHeard(ids),
    );
    return opened + cleared + escalated;
  }
}
