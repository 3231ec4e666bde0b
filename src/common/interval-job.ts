import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * A @nestjs/schedule interval job that runs `work` every `everyMs`, never two runs of one instance
 * at once, and waits for a run in progress at shutdown. What it claims in the database is the
 * work's business (FOR UPDATE SKIP LOCKED), so several instances may run it side by side.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private running: Promise<number> | undefined;

  protected constructor(
    private readonly registry: SchedulerRegistry,
    private readonly name: string,
    private readonly everyMs: number,
  ) {
    this.logger = new Logger(name);
  }

  /** One pass; resolves with how many things it changed. */
  protected abstract work(): Promise<number>;

  onApplicationBootstrap(): void {
    this.registry.addInterval(
      this.name,
      setInterval(() => void this.runOnce(), this.everyMs),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', this.name)) this.registry.deleteInterval(this.name);
    await this.running;
  }

  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = this.work().catch((error: Error) => {
      this.logger.error(`${this.name} failed: ${error.message}`);
      return 0;
    });
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }
}
