import { Injectable } from '@nestjs/common';
import { Observable, Subject, filter } from 'rxjs';
import { Actor } from '../auth/actor';

/** What the operator console's live feed shows: ids and times, never the victim's identity. */
export interface AlarmFeedEvent {
  type:
    | 'alarm.opened'
    | 'alarm.escalated'
    | 'alarm.acknowledged'
    | 'alarm.resolved'
    | 'alarm.location'
    | 'alarm.distress';
  alarmId: string;
  caseReference: string;
  jurisdiction: string;
  dangerLevel: string | null;
  escalationLevel: number;
  at: string;
}

/**
 * In-process live feed of alarm changes, published after each commit. With one instance it is the
 * whole picture; with several, each console sees its own instance's changes plus the list endpoint.
 */
@Injectable()
export class AlarmFeed {
  private readonly events = new Subject<AlarmFeedEvent>();

  publish(event: AlarmFeedEvent): void {
    this.events.next(event);
  }

  for(actor: Actor): Observable<AlarmFeedEvent> {
    return this.events.pipe(filter((event) => actor.canActIn(event.jurisdiction)));
  }
}
