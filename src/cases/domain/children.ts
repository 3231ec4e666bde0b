import { createHash } from 'node:crypto';

import { Child, ChildFollowUp } from './case-file';

/** What a child's follow-up records (issue #17): a psychologist, a workshop attended, the children's judge. */
export const FOLLOW_UP_KINDS = ['psychologist', 'workshop', 'childrens_judge'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/**
 * Children's workshops the networks run, with the ages they take. "La cabane" (STOPP VIF): the first
 * Wednesday of the month, for children aged 5 to 10 who witnessed or suffered violence (brief §1).
 */
export const WORKSHOPS = {
  la_cabane: { name: 'La cabane', minAge: 5, maxAge: 10, schedule: 'first Wednesday of the month' },
} as const;
export type WorkshopId = keyof typeof WORKSHOPS;
export const WORKSHOP_IDS = Object.keys(WORKSHOPS) as WorkshopId[];

/**
 * A child's age on `day` (YYYY-MM-DD): the age given, plus the whole years since it was given. A
 * child of 7 on the day it was recorded is at least 8 a year later; nobody asks the age again, and
 * a case lasts long enough (a TGD is renewed for years) for a stored age to leave a workshop's range.
 */
export function ageOn(child: Pick<Child, 'age' | 'ageGivenOn'>, day: string): number {
  const given = child.ageGivenOn;
  if (!given || day <= given) return child.age;
  const [y0, m0, d0] = given.split('-').map(Number);
  const [y1, m1, d1] = day.split('-').map(Number);
  const years = y1 - y0 - (m1 < m0 || (m1 === m0 && d1 < d0) ? 1 : 0);
  return child.age + years;
}

/** The children as of `day`: each age grown since it was given. */
export function childrenOn(children: readonly Child[], day: string): Child[] {
  return children.map((c) => ({ ...c, age: ageOn(c, day) }));
}

/**
 * The id a child recorded before children had ids gets when read: derived from the case and the
 * child's place in the sealed list, so it is the same at every read until the case is next written
 * (which stores it). No child is dropped nor reordered by the upgrade.
 */
export function legacyChildId(caseId: string, index: number): string {
  const h = createHash('sha256').update(`${caseId}:child:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Every child with an id (see legacyChildId) and a follow-up list. */
export function withChildIds(caseId: string, children: readonly Child[]): Child[] {
  return children.map((c, i) => ({
    ...c,
    id: c.id ?? legacyChildId(caseId, i),
    followUp: c.followUp ?? [],
  }));
}

export interface ChildrenMerge {
  children: Child[];
  faults: { field: string; message: string }[];
  /** Children with a follow-up the new list would drop: refused, their follow-up would be lost. */
  dropped: string[];
}

/**
 * A new list of children given by a PATCH, over the stored one: a child given with its `id` keeps
 * its follow-up (the client never writes the follow-up through the case), one without gets a new
 * id; a stored child that has a follow-up cannot be left out. An age given as read today keeps the
 * day it was first given; another age is given `today`.
 */
export function mergeChildren(
  current: readonly Child[],
  given: readonly Omit<Child, 'followUp'>[],
  newId: () => string,
  today: string,
): ChildrenMerge {
  const byId = new Map(current.map((c) => [c.id, c]));
  const faults: ChildrenMerge['faults'] = [];
  const children = given.map((c, i) => {
    const { followUp: _ignored, ageGivenOn: _set, ...rest } = c as Child;
    if (rest.id === undefined) return { ...rest, id: newId(), ageGivenOn: today, followUp: [] };
    const stored = byId.get(rest.id);
    if (!stored) faults.push({ field: `children.${i}.id`, message: 'is not a child of this case' });
    const age =
      stored && rest.age === ageOn(stored, today)
        ? { age: stored.age, ageGivenOn: stored.ageGivenOn }
        : { age: rest.age, ageGivenOn: today };
    return { ...rest, ...age, followUp: stored?.followUp ?? [] };
  });
  const kept = new Set(children.map((c) => c.id));
  const dropped = current
    .filter((c) => (c.followUp ?? []).length > 0 && !kept.has(c.id))
    .map((c) => c.id!);
  return { children, faults, dropped };
}

/** The follow-up entry as given, before the service stamps it. */
export type FollowUpInput = Omit<ChildFollowUp, 'id' | 'recordedAt' | 'recordedBy'>;

/** Fields a kind needs, and dates not in the future; `today` is YYYY-MM-DD. */
export function followUpFaults(
  entry: FollowUpInput,
  today: string,
): { field: string; message: string }[] {
  const needs: Record<FollowUpKind, (keyof FollowUpInput)[]> = {
    psychologist: ['partnerId', 'firstAppointmentOn'],
    workshop: ['attendedOn'],
    childrens_judge: ['referredOn', 'referredBy'],
  };
  const faults: { field: string; message: string }[] = needs[entry.kind]
    .filter((field) => entry[field] === undefined)
    .map((field) => ({ field, message: `is required for a ${entry.kind} follow-up` }));
  const allowed = new Set<string>([
    ...(needs[entry.kind] as string[]),
    'kind',
    'note',
    'partnerId',
  ]);
  if (entry.kind === 'psychologist') allowed.add('ongoing');
  if (entry.kind === 'workshop') allowed.add('workshop');
  if (entry.kind === 'childrens_judge') allowed.add('reference');
  for (const [field, value] of Object.entries(entry))
    if (value !== undefined && !allowed.has(field))
      faults.push({ field, message: `is not recorded for a ${entry.kind} follow-up` });
  // A first appointment may be booked ahead; an attendance or a referral has happened.
  for (const field of ['attendedOn', 'referredOn'] as const)
    if (entry[field] !== undefined && entry[field] > today)
      faults.push({ field, message: 'is in the future' });
  return faults;
}

/**
 * Why a child may not attend a workshop: its age outside the workshop's range. Refused, not warned:
 * the workshop's professionals set the range for what they do with the group.
 */
export function workshopAgeRefusal(workshop: WorkshopId, age: number): string | null {
  const w = WORKSHOPS[workshop];
  return age < w.minAge || age > w.maxAge
    ? `The child is ${age}: ${w.name} takes children aged ${w.minAge} to ${w.maxAge}.`
    : null;
}
