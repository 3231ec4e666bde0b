import { DataSourceOptions } from 'typeorm';

import { Alarm } from '../alarms/alarm.entity';
import { AlarmFeedEntry } from '../alarms/alarm-feed-entry.entity';
import { AlarmTrackPoint } from '../alarms/alarm-track-point.entity';
import { DeviceEvent } from '../alarms/device-event.entity';
import { AllocationEvent } from '../allocations/allocation-event.entity';
import { TgdAllocation } from '../allocations/tgd-allocation.entity';
import { TgdRequest } from '../allocations/tgd-request.entity';
import { TgdRequestFeedEntry } from '../allocations/tgd-request-feed-entry.entity';
import { Assessment } from '../assessments/assessment.entity';
import { AuditChainLink } from '../audit/audit-chain-link.entity';
import { AuditRecord } from '../audit/audit-record.entity';
import { CaseEvent } from '../cases/case-event.entity';
import { CaseFile } from '../cases/case-file.entity';
import { VictimIdentityKey } from '../cases/victim-identity-key.entity';
import { ConcertationAction } from '../concertation/concertation-action.entity';
import { ConcertationMeeting } from '../concertation/concertation-meeting.entity';
import { Device } from '../devices/device.entity';
import { DeviceAssignment } from '../devices/device-assignment.entity';
import { HousingPlace } from '../housing/housing-place.entity';
import { HousingRequest } from '../housing/housing-request.entity';
import { Network } from '../network/network.entity';
import { Partner } from '../network/partner.entity';
import { FollowUpObligation } from '../obligations/follow-up-obligation.entity';
import { ObligationNotification } from '../obligations/obligation-notification.entity';
import { WatchedAllocation } from '../obligations/watched-allocation.entity';
import { OperatorDuty } from '../push/operator-duty.entity';
import { PushAttempt } from '../push/push-attempt.entity';
import { PushDelivery } from '../push/push-delivery.entity';
import { PushToken } from '../push/push-token.entity';
import { QuestionnaireVersion } from '../questionnaires/questionnaire-version.entity';
import { Referral } from '../referrals/referral.entity';
import { DeviceSupervision } from '../supervision/device-supervision.entity';
import { TechnicalAlert } from '../supervision/technical-alert.entity';
import { Foundation1764000000000 } from './migrations/1764000000000-foundation';
import { Assessments1764100000000 } from './migrations/1764100000000-assessments';
import { AllocationsDevices1764200000000 } from './migrations/1764200000000-allocations-devices';
import { AlarmsPush1764300000000 } from './migrations/1764300000000-alarms-push';
import { Obligations1764400000000 } from './migrations/1764400000000-obligations';
import { ObligationPush1764500000000 } from './migrations/1764500000000-obligation-push';
import { AlarmPathUnderFire1764600000000 } from './migrations/1764600000000-alarm-path-under-fire';
import { Hardening1764700000000 } from './migrations/1764700000000-hardening';
import { DomainEvents1764800000000 } from './migrations/1764800000000-domain-events';
import { DeviceSupervision1764900000000 } from './migrations/1764900000000-device-supervision';
import { PositionRetention1765000000000 } from './migrations/1765000000000-position-retention';
import { CoordinatorName1765100000000 } from './migrations/1765100000000-coordinator-name';
import { Networks1765200000000 } from './migrations/1765200000000-networks';
import { CaseLifecycle1765300000000 } from './migrations/1765300000000-case-lifecycle';
import { Referrals1765400000000 } from './migrations/1765400000000-referrals';
import { Housing1765500000000 } from './migrations/1765500000000-housing';
import { Concertation1765600000000 } from './migrations/1765600000000-concertation';
import { ChildrenAuthorTrack1765700000000 } from './migrations/1765700000000-children-author-track';
import { CaseClosure1765800000000 } from './migrations/1765800000000-case-closure';
import { IdentityKeyedWith1765900000000 } from './migrations/1765900000000-identity-keyed-with';
import { PartnerPush1766000000000 } from './migrations/1766000000000-partner-push';
import { AgendaRemoved1766100000000 } from './migrations/1766100000000-agenda-removed';
import { TgdRequestFeed1766200000000 } from './migrations/1766200000000-tgd-request-feed';
import { StaffNames1766300000000 } from './migrations/1766300000000-staff-names';

/** Entities and migrations are listed, not globbed, so ts-jest and the compiled build load the same set. */
export const ENTITIES = [
  AuditRecord,
  AuditChainLink,
  CaseFile,
  CaseEvent,
  VictimIdentityKey,
  QuestionnaireVersion,
  Assessment,
  Device,
  DeviceAssignment,
  TgdRequest,
  TgdAllocation,
  AllocationEvent,
  DeviceEvent,
  Alarm,
  AlarmTrackPoint,
  AlarmFeedEntry,
  TgdRequestFeedEntry,
  OperatorDuty,
  PushToken,
  PushDelivery,
  PushAttempt,
  FollowUpObligation,
  ObligationNotification,
  WatchedAllocation,
  DeviceSupervision,
  TechnicalAlert,
  Referral,
  Network,
  Partner,
  HousingPlace,
  HousingRequest,
  ConcertationMeeting,
  ConcertationAction,
];
export const MIGRATIONS = [
  Foundation1764000000000,
  Assessments1764100000000,
  AllocationsDevices1764200000000,
  AlarmsPush1764300000000,
  Obligations1764400000000,
  ObligationPush1764500000000,
  AlarmPathUnderFire1764600000000,
  Hardening1764700000000,
  DomainEvents1764800000000,
  DeviceSupervision1764900000000,
  PositionRetention1765000000000,
  CoordinatorName1765100000000,
  Referrals1765400000000,
  Networks1765200000000,
  CaseLifecycle1765300000000,
  Housing1765500000000,
  Concertation1765600000000,
  ChildrenAuthorTrack1765700000000,
  CaseClosure1765800000000,
  IdentityKeyedWith1765900000000,
  PartnerPush1766000000000,
  AgendaRemoved1766100000000,
  TgdRequestFeed1766200000000,
  StaffNames1766300000000,
];

export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize },
  };
}
