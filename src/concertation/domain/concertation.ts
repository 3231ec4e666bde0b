/**
 * Concertation meetings of a network (issue #17): DIViCo's concertation cell, STOPP VIF's
 * quarterly partners' platform, a MARAC-style risk meeting. Pure: no Nest, no TypeORM.
 */
export const MEETING_KINDS = ['concertation_cell', 'partners_platform', 'risk_meeting'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Why a case is on the agenda: its level in force among the top two, a repeat, or added by hand. */
export const AGENDA_REASONS = ['highest_level', 'repeat', 'added'] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];

/** One line of the agenda: the minimum, never the victim's identity (the partners see it). */
export interface AgendaItem {
  caseId: string;
  reference: string;
  jurisdiction: string;
  /** The level in force (its label in the instrument's language), null when never assessed. */
  level: string | null;
  levelLabel: string | null;
  levelFromTop: number | null;
  repeat: boolean;
  coordinatorName: string | null;
  reasons: AgendaReason[];
}

/** open until done; cancelled when the case was closed while it was open (it leaves the lists). */
export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface Participant {
  partnerId: string;
  partnerName: string;
  /** Recorded at the meeting; null until then. */
  attended: boolean | null;
}

/** Sealed: what the meeting decided, per agenda case. */
export interface Decision {
  id: string;
  caseId: string;
  text: string;
  recordedAt: string;
  recordedBy: string;
}

/** A candidate case with what the proposal rule reads. */
export interface Candidate {
  levelFromTop: number | null;
  repeat: boolean;
}

/**
 * The proposal rule: a case is proposed when its level in force is among the top two of its
 * instrument (levelFromTop 0 or 1), or when the victim is a repeat (MARAC's 12 months); both
 * reasons are said when both hold. Null: not proposed.
 */
export function proposalReasons(candidate: Candidate): AgendaReason[] | null {
  const reasons: AgendaReason[] = [];
  if (candidate.levelFromTop !== null && candidate.levelFromTop <= 1) reasons.push('highest_level');
  if (candidate.repeat) reasons.push('repeat');
  return reasons.length > 0 ? reasons : null;
}

/** The agenda's order: the highest levels first, then repeats, then by reference. */
export function agendaOrder(a: AgendaItem, b: AgendaItem): number {
  const la = a.levelFromTop ?? Number.MAX_SAFE_INTEGER;
  const lb = b.levelFromTop ?? Number.MAX_SAFE_INTEGER;
  if (la !== lb) return la - lb;
  if (a.repeat !== b.repeat) return a.repeat ? -1 : 1;
  return a.reference.localeCompare(b.reference);
}
