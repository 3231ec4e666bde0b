import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../auth/decorators';
import { PushService } from '../push/push.service';

@ApiTags('operability')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly push: PushService,
  ) {}

  /**
   * Up when the database answers. Push is reported beside it: `degraded` without Firebase
   * credentials (alarms reach the live feed only) — the service still serves.
   */
  @Get()
  @Public()
  @HealthCheck()
  async check(): Promise<HealthCheckResult & { degraded: string[] }> {
    const result = await this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      async () => ({
        push: this.push.enabled
          ? { status: 'up' as const, transport: 'fcm', ...(await this.push.backlog()) }
          : {
              status: 'up' as const,
              transport: 'live-feed-only',
              state: 'degraded',
              detail: 'No FCM_PROJECT_ID: alarms are not pushed to phones.',
            },
      }),
    ]);
    return { ...result, degraded: this.push.enabled ? [] : ['push'] };
  }
}
