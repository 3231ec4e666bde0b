import { Inject, Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Gauge } from 'prom-client';

import { AllocationsService } from '../allocations/allocations.service';
import { Actor, ALL_JURISDICTIONS } from '../auth/actor';
import { IntervalJob } from '../common/interval-job';
import { ConflictProblem } from '../common/problems';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { DutyDto, OperatorDto } from '../push/dto/push.dto';
import { OperatorRoster } from '../push/operator-roster';
import { AlarmsService } from './alarms.service';
import { AlarmError } from './domain/alarm-errors';

/**
 * Coverage: is someone reachable on duty wherever a victim holds a device? A jurisdiction with
 * active allocations and no operator on duty with a phone (or, without FCM, on duty at all) is
 * uncovered: reported by /health, the `alarm_coverage_uncovered` gauge and the log at error level,
 * and an operator whose going off duty would leave one uncovered must confirm it.
 */
@Injectable()
export class CoverageService {
  private readonly logger = new Logger(CoverageService.name);
  private readonly uncoveredGauge: Gauge<'jurisdiction'>;
  private reported = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly allocations: AllocationsService,
    private readonly roster: OperatorRoster,
    private readonly alarms: AlarmsService,
    metrics: MetricsService,
  ) {
    this.uncoveredGauge = new Gauge({
      name: 'alarm_coverage_uncovered',
      help: 'Jurisdictions with enrolled victims and nobody reachable on duty (1 = uncovered).',
      labelNames: ['jurisdiction'] as const,
      registers: [metrics.registry],
    });
  }

  /** Jurisdictions with active allocations that nobody on duty (but `except`) can be reached in. */
  async uncovered(except?: string, among?: readonly string[]): Promise<string[]> {
    const [active, reachable] = await Promise.all([
      this.allocations.activeJurisdictions(),
      this.roster.reachableJurisdictions(except),
    ]);
    if (reachable.has(ALL_JURISDICTIONS)) return [];
    return active.filter(
      (j) =>
        !reachable.has(j) && (!among || among.includes(ALL_JURISDICTIONS) || among.includes(j)),
    );
  }

  /** One check: the gauge follows; an uncovered jurisdiction is logged at error level every 5 min. */
  async check(): Promise<string[]> {
    const uncovered = await this.uncovered();
    const now = Date.now();
    this.uncoveredGauge.reset();
    for (const jurisdiction of uncovered) {
      this.uncoveredGauge.set({ jurisdiction }, 1);
      const last = this.reported.get(jurisdiction);
      if (last === undefined || now - last >= 5 * 60_000) {
        this.reported.set(jurisdiction, now);
        this.logger.error(
          `jurisdiction ${jurisdiction} has enrolled victims and nobody reachable on duty: its alarms go to supervisors and fallback operators only`,
        );
      }
    }
    for (const jurisdiction of [...this.reported.keys()])
      if (!uncovered.includes(jurisdiction)) {
        this.reported.delete(jurisdiction);
        this.logger.log(`jurisdiction ${jurisdiction} is covered again`);
      }
    return uncovered;
  }

  async health(): Promise<{
    uncoveredJurisdictions: string[];
    unpushedAlarms: number;
    degraded: string[];
  }> {
    // Without FCM no alarm is pushed to a phone: push reports that, not every alarm here.
    const [uncovered, unpushed] = await Promise.all([
      this.check(),
      this.roster.pushEnabled
        ? this.alarms.unpushed()
        : Promise.resolve({ count: 0, jurisdictions: [], oldestSeconds: 0 }),
    ]);
    const degraded: string[] = [];
    if (uncovered.length > 0)
      degraded.push(
        `Nobody reachable on duty in ${uncovered.join(', ')}, where victims hold devices.`,
      );
    if (unpushed.count > 0)
      degraded.push(
        `${unpushed.count} open alarms (${unpushed.jurisdictions.join(', ')}) reached no phone; the oldest was received ${unpushed.oldestSeconds} s ago.`,
      );
    return { uncoveredJurisdictions: uncovered, unpushedAlarms: unpushed.count, degraded };
  }

  /**
   * On or off duty. Going off as the last one reachable somewhere needs `confirmUncovered`; coming
   * on pages at once the open alarms of one's jurisdictions that reached no phone.
   */
  async setDuty(actor: Actor, input: DutyDto): Promise<OperatorDto> {
    if (!input.onDuty) {
      const before = await this.uncovered(undefined, actor.jurisdictions);
      const after = await this.uncovered(actor.subject, actor.jurisdictions);
      const left = after.filter((j) => !before.includes(j));
      if (left.length > 0 && !input.confirmUncovered)
        // Refused: going off duty would leave jurisdictions with enrolled victims and nobody reachable.
        throw new ConflictProblem(
          'last-on-duty' satisfies AlarmError,
          `You are the last operator reachable on duty in ${left.join(', ')}, where victims hold devices. Confirm with confirmUncovered: true to go off duty anyway.`,
          { uncoveredJurisdictions: left },
        );
      if (left.length > 0)
        this.logger.error(
          `operator went off duty, confirmed, leaving ${left.join(', ')} with nobody reachable on duty`,
        );
    }
    const operator = await this.roster.setDuty(actor, input);
    if (input.onDuty && operator.pushEnabled) await this.alarms.pageUnreached(actor.jurisdictions);
    await this.check();
    return operator;
  }
}

/** Looks for uncovered jurisdictions every COVERAGE_CHECK_SECONDS, on every instance. */
@Injectable()
export class CoverageCheckJob extends IntervalJob {
  constructor(
    registry: SchedulerRegistry,
    private readonly coverage: CoverageService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(registry, 'alarms.coverage', config.alarms.coverageCheckSeconds * 1000);
  }

  protected async work(): Promise<number> {
    return (await this.coverage.check()).length;
  }
}
