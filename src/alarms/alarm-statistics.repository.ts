import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { ANSWER_TARGETS, NOT_GENUINE_OUTCOMES } from './domain/answer-targets';

export interface StatisticsQuery {
  from: Date;
  to: Date;
  jurisdictions: readonly string[] | null;
  genuineOnly: boolean;
  /** Months are cut in this time zone. */
  timeZone: string;
}

/** One group's figures (durations in milliseconds; null where nothing was measured). */
export interface FiguresRow {
  scope: 'all' | 'jurisdiction' | 'operator' | 'month';
  key: string | null;
  alarms: number;
  acknowledged: number;
  within: number[];
  pushMedian: number | null;
  pushP95: number | null;
  answerMedian: number | null;
  answerP95: number | null;
  policeMedian: number | null;
  policeP95: number | null;
}

export interface MissRow {
  id: string;
  caseId: string;
  caseReference: string;
  jurisdiction: string;
  receivedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  answerMs: number | null;
  outcome: string | null;
}

const FILTER = `received_at >= $1 AND received_at < $2
  AND ($3::text[] IS NULL OR jurisdiction = ANY($3))
  AND (NOT $4 OR outcome IS NULL OR outcome <> ALL($5::text[]))`;

/**
 * Answer-time statistics, read from the alarms' own timestamps (receipt, first push, first
 * acknowledgement, police call-out) in one pass: overall, per jurisdiction, per operator, per month.
 */
@Injectable()
export class AlarmStatisticsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async figures(query: StatisticsQuery): Promise<FiguresRow[]> {
    const targets = ANSWER_TARGETS.map((t) => t.seconds * 1000);
    const rows: Record<string, unknown>[] = await this.db.query(
      `WITH a AS (
         SELECT jurisdiction, acknowledged_by,
           to_char(received_at AT TIME ZONE $6, 'YYYY-MM') AS month,
           extract(epoch FROM first_pushed_at - received_at) * 1000 AS push_ms,
           extract(epoch FROM acknowledged_at - received_at) * 1000 AS answer_ms,
           -- Police called before the acknowledgement: no wait after it.
           -- (greatest() skips NULLs: an alarm without police stays NULL, not 0.)
           CASE WHEN police_called_at IS NOT NULL THEN
             greatest(0, extract(epoch FROM police_called_at - acknowledged_at) * 1000) END AS police_ms
         FROM alarm WHERE ${FILTER})
       SELECT
         CASE WHEN GROUPING(jurisdiction) = 0 THEN 'jurisdiction'
              WHEN GROUPING(acknowledged_by) = 0 THEN 'operator'
              WHEN GROUPING(month) = 0 THEN 'month' ELSE 'all' END AS scope,
         COALESCE(jurisdiction, acknowledged_by, month) AS key,
         count(*)::int AS alarms, count(answer_ms)::int AS acknowledged,
         ARRAY[${targets.map((_, i) => `count(*) FILTER (WHERE answer_ms <= $${7 + i})::int`).join(', ')}] AS within,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY push_ms) AS push_median,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY push_ms) AS push_p95,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY answer_ms) AS answer_median,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY answer_ms) AS answer_p95,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY police_ms) AS police_median,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY police_ms) AS police_p95
       FROM a
       GROUP BY GROUPING SETS ((), (jurisdiction), (acknowledged_by), (month))
       ORDER BY scope, key`,
      [
        query.from,
        query.to,
        query.jurisdictions,
        query.genuineOnly,
        NOT_GENUINE_OUTCOMES,
        query.timeZone,
        ...targets,
      ],
    );
    const number = (value: unknown) => (value === null ? null : Number(value));
    return rows
      .filter((row) => !(row.scope === 'operator' && row.key === null))
      .map((row) => {
        return {
          scope: row.scope as FiguresRow['scope'],
          key: row.key as string | null,
          alarms: row.alarms as number,
          acknowledged: row.acknowledged as number,
          within: (row.within as number[]).map(Number),
          pushMedian: number(row.push_median),
          pushP95: number(row.push_p95),
          answerMedian: number(row.answer_median),
          answerP95: number(row.answer_p95),
          policeMedian: number(row.police_median),
          policeP95: number(row.police_p95),
        };
      });
  }

  /** Alarms that missed the first target (10 s), the slowest first: what a review looks at. */
  async misses(query: StatisticsQuery, limit: number): Promise<MissRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT id, case_id, case_reference, jurisdiction, received_at, acknowledged_at, acknowledged_by,
         outcome, extract(epoch FROM acknowledged_at - received_at) * 1000 AS answer_ms
       FROM alarm WHERE ${FILTER}
         AND (acknowledged_at IS NULL OR acknowledged_at - received_at > make_interval(secs => $6))
       ORDER BY acknowledged_at IS NOT NULL, acknowledged_at - received_at DESC, received_at
       LIMIT $7`,
      [
        query.from,
        query.to,
        query.jurisdictions,
        query.genuineOnly,
        NOT_GENUINE_OUTCOMES,
        ANSWER_TARGETS[0].seconds,
        limit,
      ],
    );
    return rows.map((row) => ({
      id: row.id as string,
      caseId: row.case_id as string,
      caseReference: row.case_reference as string,
      jurisdiction: row.jurisdiction as string,
      receivedAt: new Date(row.received_at as string),
      acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at as string) : null,
      acknowledgedBy: row.acknowledged_by as string | null,
      answerMs: row.answer_ms === null ? null : Number(row.answer_ms),
      outcome: row.outcome as string | null,
    }));
  }
}
