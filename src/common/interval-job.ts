import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * A @nestjs/schedule interval job that runs `work` every `everyMs`, never two runs of one instance
 * at once, and waits for a run in progress at shutdown; `runOnce` asks for a pass now. What it claims
 * in the database is the work's business (FOR UPDATE SKIP LOCKED), so several instances may run it
 * side by side.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private running: Promise<number> | undefined;
  private next: Promise<number> | undefined;

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
      // A tick that finds a pass running skips: the next tick comes soon enough.
      setInterval(() => void (this.running ?? this.start()), this.everyMs),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', this.name)) this.registry.deleteInterval(this.name);
    await this.running;
    await this.next;
  }

  /**
   * A pass now, whose result the caller gets: if one is running (it may have read the database
   * before the caller's change), another runs after it, shared by everyone who asks meanwhile.
   */
  runOnce(): Promise<number> {
    if (!this.running) return this.start();
    this.next ??= this.running.then(() => {
      this.next = undefined;
      return this.start();
    });
    return this.next;
  }

  private async start(): Promise<number> {
    const run = this.work().catch((error: Error) => {
      this.logger.error(`${this.name} failed: ${error.message}`);
      return 0;
    });
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }
}
