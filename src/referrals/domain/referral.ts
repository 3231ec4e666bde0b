import { REFERRAL_ERRORS, ReferralError } from './referral-errors';

/**
 * A referral of a case to a partner organisation for one service (orientation vers un partenaire),
 * with the minimum the service needs (need-to-know, GDPR art. 9). Pure: no Nest, no TypeORM.
 *
 * sent → accepted → closed (outcome recorded); sent → declined; sent | accepted →
 * consent_withdrawn (the victim withdrew her consent to share with that partner: access ends);
 * sent → case_closed (the case was closed before the partner answered; an accepted referral goes
 * on, the partner's care not ending with the coordination's file).
 */
export const REFERRAL_STATUSES = [
  'sent',
  'accepted',
  'declined',
  'closed',
  'consent_withdrawn',
  'case_closed',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Statuses in which the partner still works on the referral. */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['sent', 'accepted'];

export const APPOINTMENT_KINDS = [
  'first_interview',
  'follow_up',
  'group_session',
  'phone_call',
  'home_visit',
  'other',
] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const REFERRAL_OUTCOMES = [
  'support_completed',
  'support_ongoing_elsewhere',
  'victim_not_reached',
  'victim_declined',
  'redirected',
  'other',
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const STEP_KINDS = [
  'sent',
  'accepted',
  'declined',
  'appointment',
  'outcome',
  'consent_withdrawn',
  'case_closed',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** One step of the referral's history: what happened, when, by whom (a token subject). */
export interface Step {
  kind: StepKind;
  at: string;
  by: string;
}

export interface Appointment {
  at: string;
  kind: AppointmentKind;
  /** null: not known yet (a coming appointment). */
  attended: boolean | null;
  recordedAt: string;
}

/** What the coordinator chose to share: nothing of the case beyond these, each one ticked. */
export interface SharedInformation {
  victimFirstName: string | null;
  contactPhone: string | null;
  coordinatorName: string | null;
  coordinatorContact: string;
  note: string | null;
}

/** Everything personal of a referral, sealed at rest as one block. */
export interface ReferralContent {
  shared: SharedInformation;
  declineReason: string | null;
  appointments: Appointment[];
  outcome: { kind: ReferralOutcome; note: string | null } | null;
  history: Step[];
}

const [, , ALREADY_ANSWERED, NOT_ACCEPTED, ENDED] = REFERRAL_ERRORS;

export interface StepRefusal {
  code: ReferralError;
  detail: string;
}

/** Why an answer (accept or decline) is refused in this status, or null when allowed. */
export function answerRefusal(status: ReferralStatus): StepRefusal | null {
  if (status === 'sent') return null;
  if (status === 'accepted' || status === 'declined')
    return { code: ALREADY_ANSWERED, detail: `The referral was already ${status}.` };
  return { code: ENDED, detail: endedDetail(status) };
}

/** Why an appointment or an outcome is refused in this status, or null when allowed. */
export function followUpRefusal(status: ReferralStatus): StepRefusal | null {
  if (status === 'accepted') return null;
  if (status === 'sent')
    return {
      code: NOT_ACCEPTED,
      detail: 'Accept the referral before recording appointments or an outcome.',
    };
  return { code: ENDED, detail: endedDetail(status) };
}

function endedDetail(status: ReferralStatus): string {
  switch (status) {
    case 'declined':
      return 'The referral was declined: nothing more is recorded in it.';
    case 'closed':
      return 'The referral is closed: its outcome is recorded.';
    case 'case_closed':
      return 'The case was closed before the referral was answered: the referral has ended.';
    default:
      return 'The victim withdrew her consent to share with this partner: the referral has ended.';
  }
}

/** The content with one more step. Pure. */
export function withStep(content: ReferralContent, step: Step): ReferralContent {
  return { ...content, history: [...content.history, step] };
}

/**
 * What the partner receives: the first name and phone only when the coordinator ticked them; never
 * the assessment, the author, the address or the rest of the case.
 */
export function sharedInformation(
  victim: { firstName?: string; phone?: string },
  ticked: { victimFirstName: boolean; contactPhone: boolean },
  coordinator: { name: string | null; contact: string },
  note: string | null,
): SharedInformation {
  return {
    victimFirstName: ticked.victimFirstName ? (victim.firstName ?? null) : null,
    contactPhone: ticked.contactPhone ? (victim.phone ?? null) : null,
    coordinatorName: coordinator.name,
    coordinatorContact: coordinator.contact,
    note,
  };
}
