import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AllocationsService } from './allocations.service';

const JOB = 'allocations.expire';

/** The @nestjs/schedule job that ends allocations whose end date passed without renewal. */
@Injectable()
export class AllocationExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AllocationExpiryScheduler.name);
  private running: Promise<number> | undefined;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly allocations: AllocationsService,
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

  /** One pass; returns how many allocations ended. */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = this.allocations.expireDue().catch((error: Error) => {
      this.logger.error(`allocation expiry failed: ${error.message}`);
      return 0;
    });
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }
}
