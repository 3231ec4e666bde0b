import { Alarm } from './alarm.entity';
import { AlarmFeedEvent } from './alarm-feed';

/** What a push and the live feed say of an alarm. */
export type AlarmSummary = Pick<
  Alarm,
  | 'id'
  | 'caseReference'
  | 'jurisdiction'
  | 'dangerLevel'
  | 'escalationLevel'
  | 'occurredAt'
  | 'receivedAt'
  | 'status'
>;

/**
 * The push data: ids, times, danger and escalation level; never the victim's name nor her
 * position (brief §4): the operator's app reads the position over the authenticated API. Level 0 is
 * the first push, higher levels are escalations.
 */
export function pushPayload(alarm: Omit<AlarmSummary, 'status'>): Record<string, string> {
  return {
    type: alarm.escalationLevel === 0 ? 'alarm' : 'alarm-escalation',
    alarmId: alarm.id,
    caseReference: alarm.caseReference,
    jurisdiction: alarm.jurisdiction,
    dangerLevel: alarm.dangerLevel ?? 'unknown',
    escalationLevel: String(alarm.escalationLevel),
    occurredAt: alarm.occurredAt.toISOString(),
    receivedAt: alarm.receivedAt.toISOString(),
  };
}

export function feedEvent(
  type: AlarmFeedEvent['type'],
  alarm: AlarmSummary,
  at: Date,
): AlarmFeedEvent {
  return {
    type,
    alarmId: alarm.id,
    caseReference: alarm.caseReference,
    jurisdiction: alarm.jurisdiction,
    dangerLevel: alarm.dangerLevel,
    escalationLevel: alarm.escalationLevel,
    status: alarm.status,
    at: at.toISOString(),
  };
}
