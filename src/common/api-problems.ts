import { ApiResponse } from '@nestjs/swagger';

import type { AlarmError } from '../alarms/domain/alarm-errors';
import type { AllocationError } from '../allocations/domain/allocation-errors';
import type { AssessmentError } from '../assessments/domain/assessment-errors';
import type { CaseError } from '../cases/domain/case-errors';
import type { ConcertationError } from '../concertation/domain/concertation-errors';
import type { DeviceError } from '../devices/domain/device-errors';
import type { HousingError } from '../housing/domain/housing-errors';
import type { NetworkError } from '../network/domain/network-errors';
import type { ObligationError } from '../obligations/domain/obligation-errors';
import type { ReportError } from '../recommendations/domain/report-errors';
import type { ReferralError } from '../referrals/domain/referral-errors';
import type { TechnicalAlertError } from '../supervision/domain/supervision-errors';
import { COMMON_PROBLEM_CODES } from './problems';

export type ProblemCode =
  | (typeof COMMON_PROBLEM_CODES)[number]
  | AlarmError
  | AllocationError
  | AssessmentError
  | CaseError
  | ConcertationError
  | DeviceError
  | HousingError
  | NetworkError
  | ObligationError
  | ReportError
  | ReferralError
  | TechnicalAlertError;

/** What a code tells a client, as error answers' descriptions list it; every code has one. */
const MEANINGS: Record<ProblemCode, string> = {
  'validation-error':
    'a path parameter, query parameter or body field is invalid; `errors` names each (field, JSON pointer, message)',
  'invalid-value': 'a value has a format the database refuses',
  'bad-request': 'the body is not valid JSON',
  unauthorized: 'the bearer token is missing, invalid or expired',
  forbidden: 'your role does not allow this operation',
  'not-found': 'nothing with this id in your jurisdictions (existence elsewhere is not disclosed)',
  conflict: 'the record conflicts with an existing one',
  'payload-too-large': 'the body is larger than HTTP_BODY_LIMIT',
  'unsupported-media-type': 'a compressed body (Content-Encoding) or a charset other than UTF-8',
  'too-many-requests':
    'too many failed authentications from your address this minute; `retryAfterSeconds` says when to try again',
  'case.closed': 'the case is closed: nothing more is recorded in it',
  'case.version-conflict': 'the case changed since you read it (expectedVersion): read it again',
  'case.closure-not-low':
    'closing as "danger ended" needs the two latest submitted assessments both at the lowest level of their instrument',
  'case.transfer-pending': 'the case already awaits a transfer: it is accepted or declined first',
  'case.no-transfer-pending': 'the case has no transfer awaiting an answer',
  'case.transfer-tgd-active':
    'the case holds an active Grave Danger Phone allocation of its court: end it before transferring the case',
  'case.child-workshop-age':
    "the child's age is outside the workshop's range (La cabane: 5 to 10 years); the detail says which",
  'case.child-has-follow-up':
    'the new list of children leaves out a child whose follow-up is recorded: give it with its id',
  'assessment.submitted':
    'the assessment is submitted and can no longer change; only an override can be added',
  'assessment.draft': 'the assessment is a draft: submit it first',
  'assessment.already-overridden': 'the assessment was already overridden',
  'tgd-request.already-decided': 'the request was already decided; a decision is final',
  'tgd-request.pending-exists': 'the case already has a request awaiting the prosecutor',
  'allocation.active-exists': 'the case already has an active allocation',
  'allocation.ended': 'the allocation has ended',
  'allocation.period-over': 'the allocation period is over; it can no longer be renewed',
  'consent.missing':
    "the victim's express consent to a Grave Danger Phone is not recorded in the case (CPP art. 41-3-1)",
  'device.duplicate':
    'a device with this serial number or IMEI is already in the inventory; `field` names which',
  'device.assigned': 'the device is assigned: return or swap it through its allocation first',
  'device.retired': 'a retired device stays retired',
  'device.same-status': 'the device already has this status',
  'device.other-stock': "the device belongs to another court's stock than the allocation's",
  'device.unavailable': 'the device is not available (assigned, in maintenance, lost or retired)',
  'device.already-handed-over':
    'the allocation already holds a device, or the device is already handed over',
  'device.none-held': 'the allocation holds no device',
  'alarm.already-acknowledged': 'the alarm is already acknowledged',
  'alarm.resolved': 'the alarm is resolved',
  'unknown-device':
    'no device of your jurisdictions has this serial number or IMEI; the event is kept as a fault (`recorded: true`)',
  'no-active-allocation':
    'the device is not held under an active allocation; the event is kept as a fault (`recorded: true`)',
  'last-on-duty':
    'you are the last operator reachable on duty in the jurisdictions named in `uncoveredJurisdictions`; send `confirmUncovered: true` to go off duty anyway',
  'obligation.closed': 'the obligation is already completed, waived or cancelled',
  'technical-alert.already-acknowledged': 'the technical alert is already acknowledged',
  'technical-alert.resolved': 'the technical alert is resolved',
  'partner.exists': 'a partner with this id is already in the directory',
  'partner.version-conflict':
    'the partner changed since you read it (expectedVersion): read it again',
  'housing-request.not-waiting':
    'the housing request no longer waits (allocated, released or cancelled): it cannot be allocated or cancelled',
  'housing-request.not-allocated':
    'the housing request holds no place: there is nothing to release',
  'housing-request.no-network':
    "no network covers the case's jurisdiction: there is no waiting list to put the request on",
  'housing-place.inactive': 'the place is closed to allocations',
  'housing-place.full':
    'the place would be over its capacity (rooms or beds) on at least one of those nights',
  'housing-place.nights-exhausted': "the hotel agreement's nights for the year would be exceeded",
  'tgd-request.not-decided': 'the request awaits the prosecutor: there is no decision to print yet',
  'referral.consent-missing':
    "the victim's consent to share information with this partner organisation is not recorded, or was withdrawn (GDPR art. 9): record it in the case's consents first",
  'referral.partner-ineligible':
    "the partner is not in the directory, is inactive, does not offer the service, or its network does not cover the case's jurisdiction",
  'referral.already-answered': 'the partner already accepted or declined the referral',
  'referral.not-accepted': 'accept the referral before recording appointments or an outcome',
  'referral.ended':
    'the referral was declined, is closed (outcome recorded), or ended when the victim withdrew her consent or the case was closed before an answer',
  'concertation.network-not-covering':
    'the network is unknown or covers no jurisdiction you act in (or not the one asked)',
  'concertation.partner-not-in-network':
    "the partner organisation is not an active member of the meeting's network",
  'concertation.case-not-in-network':
    "the case is closed or lies outside the jurisdictions of the meeting's network",
  'concertation.case-not-on-agenda': "the case is not on the meeting's agenda: add it first",
  'concertation.action-done': 'the action is already marked done',
  'concertation.action-cancelled': 'the action was cancelled when its case was closed',
};

const TITLES = {
  400: 'Bad request.',
  401: 'Not authenticated.',
  403: 'Not allowed.',
  404: 'Not found.',
  409: 'Refused: the current state does not allow it.',
  413: 'Body too large.',
  415: 'Unsupported body encoding.',
  422: 'Refused event.',
  429: 'Too many failed authentications.',
} as const;

type ProblemStatus = keyof typeof TITLES;

/** A code, with its usual meaning or, as a pair, with what it means on this operation. */
export type ProblemEntry = ProblemCode | readonly [ProblemCode, string];
export type ProblemMap = Partial<Record<ProblemStatus, readonly ProblemEntry[]>>;

/** Every route passes the input guard: path parameters and query are checked on each. */
export const INPUT_PROBLEMS: ProblemMap = { 400: ['validation-error'] };

/** What express's body parser and the validation pipe answer before a handler reads a body. */
export const BODY_PROBLEMS: ProblemMap = {
  400: ['validation-error', 'bad-request'],
  413: ['payload-too-large'],
  415: ['unsupported-media-type'],
};

/** What the auth guard answers on a route for `roles` (see AuthGuard). */
export function authProblems(roles: readonly string[]): ProblemMap {
  return {
    401: ['unauthorized'],
    403: [['forbidden', `your role is not one of: ${roles.join(', ')}`]],
    429: ['too-many-requests'],
  };
}

const PROBLEM_CONTENT = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

/** The lines already documented per status of a handler, so that each line appears once. */
const DOCUMENTED = 'tgd:api-problems';

/**
 * Documents error answers as RFC 9457 problems (`Problem`), each status listing the codes the
 * operation can give. Applied any number of times (by @Roles and by the controller), the lists
 * add up in any order: a status already documented only gains the lines it lacks (Swagger appends
 * a repeated status's description).
 */
export function ApiProblems(...maps: ProblemMap[]) {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const holder: object = descriptor?.value ?? target;
    // Own and copied: a subclass never adds lines to its parent's record.
    const documented: Record<string, string[]> = {
      ...Reflect.getOwnMetadata(DOCUMENTED, holder),
    };
    for (const map of maps)
      for (const [status, entries] of Object.entries(map) as [
        `${ProblemStatus}`,
        ProblemEntry[],
      ][]) {
        const known = documented[status] ?? [];
        const fresh = [...new Set(entries.map(line))].filter((l) => !known.includes(l));
        if (fresh.length === 0) continue;
        const title = known.length === 0 ? `${TITLES[status]}\n\n` : '';
        ApiResponse({
          status: Number(status),
          description: title + fresh.join('\n'),
          content: PROBLEM_CONTENT,
        })(target, key as string | symbol, descriptor as PropertyDescriptor);
        documented[status] = [...known, ...fresh];
      }
    Reflect.defineMetadata(DOCUMENTED, documented, holder);
  };
}

function line(entry: ProblemEntry): string {
  const [code, meaning] = typeof entry === 'string' ? [entry, MEANINGS[entry]] : entry;
  return `- \`${code}\`: ${meaning}.`;
}
