import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ObligationsService } from './obligations.service';

const JOB = 'obligations.advance';

/**
 * The @nestjs/schedule job that moves obligations to due and overdue. Every instance runs it; the
 * rows are claimed in PostgreSQL (FOR UPDATE SKIP LOCKED), so instances share the work and never
 * notify twice. A run still going when the next tick comes is not doubled.
 */
@Injectable()
export class ObligationsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ObligationsScheduler.name);
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly obligations: ObligationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.obligations.scanSeconds * 1000;
    this.registry.addInterval(
      JOB,
      setInterval(() => void this.runOnce(), every),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', JOB)) this.registry.deleteInterval(JOB);
    await this.running;
  }

  /** One pass; returns the number of state changes. */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    const run = this.obligations.advance().catch((error: Error) => {
      this.logger.error(`obligation scan failed: ${error.message}`);
      return 0;
    });
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = undefined;
    }
  }
}
