import { Controller, Get, Logger, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { Response } from 'express';

import { CoverageService } from '../alarms/coverage.service';
import { Public } from '../auth/decorators';
import { ApiProblems, INPUT_PROBLEMS } from '../common/api-problems';
import { PushDispatcher } from '../push/push-dispatcher';

@ApiTags('operability')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly push: PushDispatcher,
    private readonly coverage: CoverageService,
  ) {}

  /**
   * Up when the database answers. Beside it, what could leave a victim's alarm unanswered, each
   * reported as `degraded` with its reasons while the service still serves: push (no FCM
   * credentials, sends failing, pushes waiting too long) and alarms (jurisdictions with enrolled
   * victims and nobody reachable on duty; open alarms no phone has accepted).
   */
  @Get()
  @Public()
  @ApiOperation({
    summary: 'Health check',
    description:
      'Up when the database answers; push and alarm coverage reported as degraded, with their reasons, while the service still serves. 503 when the database does not answer.',
  })
  @ApiProblems(INPUT_PROBLEMS)
  @HealthCheck()
  async check(
    @Res({ passthrough: true }) res: Response,
  ): Promise<HealthCheckResult & { degraded: string[] }> {
    const degraded: string[] = [];
    // A part that may be degraded: up (the service serves), with its reasons when it is.
    // A part that cannot even be read (its tables unreachable) is down: 503, never a 500.
    const part = async (name: string, read: () => Promise<{ degraded: string[] }>) => {
      let state: { degraded: string[] };
      try {
        state = await read();
      } catch (error) {
        // The cause stays in the log: the probe is public.
        this.logger.error(`health: ${name} could not be read: ${(error as Error).message}`);
        return { [name]: { status: 'down' as const, message: 'could not be read' } };
      }
      if (state.degraded.length > 0) degraded.push(name);
      return {
        [name]: {
          status: 'up' as const,
          ...state,
          ...(state.degraded.length > 0 ? { state: 'degraded' } : {}),
        },
      };
    };
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: 3000 }),
        () => part('push', () => this.push.health()),
        () => part('alarms', () => this.coverage.health()),
      ]);
      return { ...result, degraded };
    } catch (error) {
      // Down: the probe's 503 carries the same body as its 200 (which check failed, and why), not
      // a problem document that would hide it.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return { ...(error.getResponse() as HealthCheckResult), degraded };
    }
  }
}
