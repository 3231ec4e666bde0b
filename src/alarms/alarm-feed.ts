import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Clock } from '../common/clock';
import { LiveJournal } from '../common/live/live-journal';
import { SqlParams } from '../common/sql-params';

/** What the operator console's live feed shows: ids, levels and times, never the victim's identity. */
export interface AlarmFeedEvent {
  type:
    | 'alarm.opened'
    | 'alarm.reopened'
    | 'alarm.distress'
    | 'alarm.location'
    | 'alarm.escalated'
    | 'alarm.acknowledged'
    | 'alarm.called_back'
    | 'alarm.police'
    | 'alarm.resolved';
  alarmId: string;
  caseReference: string;
  jurisdiction: string;
  dangerLevel: string | null;
  escalationLevel: number;
  status: 'open' | 'acknowledged' | 'resolved';
  at: string;
}

/**
 * The live feed of alarm changes, cluster-wide, in the `alarm_feed` journal (see `LiveJournal`).
 * Changes of one alarm take its row lock first, so their order in the journal is the order they
 * happened in.
 */
@Injectable()
export class AlarmFeed extends LiveJournal<AlarmFeedEvent> {
  constructor(@InjectDataSource() db: DataSource, clock: Clock) {
    super(db, clock, { table: 'alarm_feed', label: 'alarm feed' });
  }

  /** Appends changes to the journal, in the caller's transaction (which holds the alarms' locks). */
  async append(manager: EntityManager, events: AlarmFeedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const p = new SqlParams();
    await manager.query(
      this.appendSql(
        p,
        `(SELECT value AS event FROM jsonb_array_elements(${p.add(JSON.stringify(events))}::jsonb))`,
      ),
      p.values,
    );
  }

  /** The INSERT that appends the events of `source`, a relation with a jsonb `event` column. */
  appendSql(params: SqlParams, source: string): string {
    return `INSERT INTO alarm_feed (tx, alarm_id, jurisdiction, event, created_at)
       SELECT pg_current_xact_id()::text::bigint, (s.event->>'alarmId')::uuid, s.event->>'jurisdiction', s.event,
         ${params.add(this.clock.now())}
       FROM ${source} s`;
  }
}
