import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Clock } from '../common/clock';
import { LiveJournal } from '../common/live/live-journal';

/** What the prosecutors' and coordinators' consoles hear of TGD requests: ids and a reference, nobody's name. */
export interface TgdRequestFeedEvent {
  type: 'tgd-request.filed' | 'tgd-request.decided';
  requestId: string;
  caseId: string;
  caseReference: string;
  jurisdiction: string;
  status: 'pending' | 'approved' | 'rejected';
  at: string;
}

/**
 * The live feed of TGD requests filed and decided, cluster-wide, in the `tgd_request_feed` journal
 * (see `LiveJournal`): the console's count of requests awaiting a decision and the queue follow it,
 * so a prosecutor on duty learns of a new request without the browser polling.
 */
@Injectable()
export class TgdRequestFeed extends LiveJournal<TgdRequestFeedEvent> {
  constructor(@InjectDataSource() db: DataSource, clock: Clock) {
    super(db, clock, { table: 'tgd_request_feed', label: 'TGD request feed' });
  }

  /** Appends a change to the journal, in the transaction that makes it. */
  async append(manager: EntityManager, event: TgdRequestFeedEvent): Promise<void> {
    await manager.query(
      `INSERT INTO tgd_request_feed (tx, request_id, jurisdiction, event, created_at)
       VALUES (pg_current_xact_id()::text::bigint, $1, $2, $3, $4)`,
      [event.requestId, event.jurisdiction, JSON.stringify(event), this.clock.now()],
    );
  }
}
