import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

import { IntervalJob } from '../common/interval-job';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AlarmsService } from './alarms.service';

/**
 * Escalates alarms whose deadline passed, every second at most (the deadlines are rows, claimed
 * with SKIP LOCKED, so every instance may run it); sooner when an alarm lost its every phone.
 */
@Injectable()
export class AlarmEscalationJob extends IntervalJob {
  constructor(
    registry: SchedulerRegistry,
    private readonly alarms: AlarmsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(registry, 'alarms.escalate', Math.min(1000, config.push.pollMs * 4));
    alarms.escalateSoon = () => void this.runOnce();
  }

  protected work(): Promise<number> {
    return this.alarms.escalateDue();
  }
}
