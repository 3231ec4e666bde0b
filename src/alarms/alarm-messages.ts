import { AlarmFeedEvent } from './alarm-feed';
import { Alarm } from './alarm.entity';

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
 * The push data: ids, times, place, danger and escalation level; never the victim's name
 * (brief §4). Level 0 is the first push, higher levels are escalations.
 */
export function pushPayload(
  alarm: Omit<AlarmSummary, 'status'>,
  location?: { lat: number; lon: number; accuracy?: number },
): Record<string, string> {
  return {
    type: alarm.escalationLevel === 0 ? 'alarm' : 'alarm-escalation',
    alarmId: alarm.id,
    caseReference: alarm.caseReference,
    jurisdiction: alarm.jurisdiction,
    dangerLevel: alarm.dangerLevel ?? 'unknown',
    escalationLevel: String(alarm.escalationLevel),
    occurredAt: alarm.occurredAt.toISOString(),
    receivedAt: alarm.receivedAt.toISOString(),
    ...(location
      ? {
          lat: String(location.lat),
          lon: String(location.lon),
          accuracy: String(location.accuracy ?? ''),
        }
      : {}),
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
