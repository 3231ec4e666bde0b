import { Injectable } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { csv } from '../common/csv';
import { ForbiddenProblem, ValidationProblem } from '../common/problems';
import { DEFAULT_TIME_ZONE } from '../obligations/domain/due-dates';
import { OperatorRoster } from '../push/operator-roster';
import {
  AlarmStatisticsRepository,
  FiguresRow,
  StatisticsQuery,
} from './alarm-statistics.repository';
import { ANSWER_TARGETS, missedTargets } from './domain/answer-targets';
import {
  AlarmFiguresDto,
  AlarmStatisticsDto,
  AlarmStatisticsQueryDto,
  DurationDto,
} from './dto/alarm-statistics.dto';

const MISSES_LISTED = 500;
/** A year and a few days: the longest period asked in one request. */
const LONGEST_PERIOD_MS = 370 * 86_400_000;

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms) / 1000);
const duration = (median: number | null, p95: number | null): DurationDto => ({
  median: seconds(median),
  p95: seconds(p95),
});

/**
 * The figures centres are held to (BS 8484, TSA), from the alarms' own timestamps: shares
 * acknowledged within each target, medians and 95th percentiles, per jurisdiction, operator and
 * month, and the alarms that missed, for review.
 */
@Injectable()
export class AlarmStatisticsService {
  constructor(
    private readonly statistics: AlarmStatisticsRepository,
    private readonly audit: AuditService,
    private readonly roster: OperatorRoster,
  ) {}

  async read(actor: Actor, input: AlarmStatisticsQueryDto): Promise<AlarmStatisticsDto> {
    // A centre's figures name its operators: administrators and supervisors read them.
    if (!actor.has('admin') && !(await this.roster.operator(actor)).supervisor)
      throw new ForbiddenProblem('Answer-time statistics are for supervisors and administrators.');
    const from = new Date(input.from);
    const to = new Date(input.to);
    if (to <= from) throw ValidationProblem.field('to', 'must be after from');
    if (to.getTime() - from.getTime() > LONGEST_PERIOD_MS)
      throw ValidationProblem.field('to', 'the period may not exceed 370 days');
    const visible = actor.visibleJurisdictions(input.jurisdiction);
    const query: StatisticsQuery = {
      from,
      to,
      jurisdictions: visible ?? null,
      genuineOnly: input.genuineOnly === 'true',
      timeZone: DEFAULT_TIME_ZONE,
    };
    const [rows, misses] =
      visible && visible.length === 0
        ? [[], []]
        : await Promise.all([
            this.statistics.figures(query),
            this.statistics.misses(query, MISSES_LISTED),
          ]);
    // The review list names cases: each alarm listed is a read.
    await this.audit.record(
      actor,
      misses.map((miss) => ({
        action: 'alarm.statistics',
        entityType: 'alarm',
        entityId: miss.id,
        caseId: miss.caseId,
        jurisdiction: miss.jurisdiction,
        outcome: 'success' as const,
      })),
    );
    const figures = rows.map(toFigures);
    const of = (scope: FiguresRow['scope']) => figures.filter((f) => f.scope === scope);
    return {
      from,
      to,
      genuineOnly: query.genuineOnly,
      timeZone: query.timeZone,
      overall: of('all')[0] ?? toFigures(EMPTY),
      byJurisdiction: of('jurisdiction'),
      byOperator: of('operator'),
      byMonth: of('month'),
      misses: misses.map((miss) => {
        const answerSeconds = seconds(miss.answerMs);
        return {
          alarmId: miss.id,
          caseReference: miss.caseReference,
          jurisdiction: miss.jurisdiction,
          receivedAt: miss.receivedAt,
          acknowledgedAt: miss.acknowledgedAt,
          acknowledgedBy: miss.acknowledgedBy,
          answerSeconds,
          missedTargets: missedTargets(answerSeconds),
          outcome: miss.outcome,
        };
      }),
    };
  }
}

const EMPTY: FiguresRow = {
  scope: 'all',
  key: null,
  alarms: 0,
  acknowledged: 0,
  within: ANSWER_TARGETS.map(() => 0),
  pushMedian: null,
  pushP95: null,
  answerMedian: null,
  answerP95: null,
  policeMedian: null,
  policeP95: null,
};

function toFigures(row: FiguresRow): AlarmFiguresDto {
  return {
    scope: row.scope,
    key: row.key,
    alarms: row.alarms,
    acknowledged: row.acknowledged,
    targets: ANSWER_TARGETS.map((target, i) => {
      const share = row.alarms === 0 ? null : row.within[i] / row.alarms;
      return {
        ...target,
        count: row.within[i],
        share,
        met: share !== null && share >= target.goal,
      };
    }),
    receiptToPush: duration(row.pushMedian, row.pushP95),
    receiptToAcknowledgement: duration(row.answerMedian, row.answerP95),
    acknowledgementToPolice: duration(row.policeMedian, row.policeP95),
  };
}

/** The figures as CSV, a row per group. */
export function statisticsCsv(statistics: AlarmStatisticsDto): string {
  const groups = [
    statistics.overall,
    ...statistics.byJurisdiction,
    ...statistics.byOperator,
    ...statistics.byMonth,
  ];
  return csv([
    [
      'scope',
      'key',
      'alarms',
      'acknowledged',
      ...ANSWER_TARGETS.map((t) => `share_within_${t.seconds}s`),
      'receipt_to_push_median_s',
      'receipt_to_push_p95_s',
      'receipt_to_ack_median_s',
      'receipt_to_ack_p95_s',
      'ack_to_police_median_s',
      'ack_to_police_p95_s',
    ],
    ...groups.map((g) => [
      g.scope,
      g.key,
      g.alarms,
      g.acknowledged,
      ...g.targets.map((t) => t.share),
      g.receiptToPush.median,
      g.receiptToPush.p95,
      g.receiptToAcknowledgement.median,
      g.receiptToAcknowledgement.p95,
      g.acknowledgementToPolice.median,
      g.acknowledgementToPolice.p95,
    ]),
  ]);
}
