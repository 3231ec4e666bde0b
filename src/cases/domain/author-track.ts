import { Author, JudicialMeasure } from './case-file';

/** A step of the author's track the case history records, for the coordinator's thread. */
export const AUTHOR_TRACK_STEPS = [
  'authors_cell_offered',
  'authors_cell_taken_up',
  'responsibility_course_ordered',
  'responsibility_course_completed',
  'measure_recorded',
] as const;
export type AuthorTrackStep = (typeof AUTHOR_TRACK_STEPS)[number];

/** Dates in order: taken up after offered, completed after ordered, a measure ending after it starts. */
export function authorTrackFaults(author: Author | null): { field: string; message: string }[] {
  const faults: { field: string; message: string }[] = [];
  const cell = author?.authorsCell;
  if (cell?.takenUpOn && cell.takenUpOn < cell.offeredOn)
    faults.push({ field: 'author.authorsCell.takenUpOn', message: 'is before the offer' });
  const course = author?.responsibilityCourse;
  if (course?.completedOn && course.completedOn < course.orderedOn)
    faults.push({
      field: 'author.responsibilityCourse.completedOn',
      message: 'is before the order',
    });
  (author?.judicialMeasures ?? []).forEach((m, i) => {
    if (m.expiresAt && m.expiresAt < m.issuedAt)
      faults.push({
        field: `author.judicialMeasures.${i}.expiresAt`,
        message: 'is before issuedAt',
      });
  });
  return faults;
}

export interface AuthorTrackEvent {
  step: AuthorTrackStep;
  /** The day it happened (YYYY-MM-DD). */
  on: string;
  measureType?: JudicialMeasure['type'];
}

/** The steps a change of the author adds: what the history records (new dates only). */
export function authorTrackEvents(before: Author | null, after: Author | null): AuthorTrackEvent[] {
  const events: AuthorTrackEvent[] = [];
  const step = (was: string | undefined, is: string | undefined, s: AuthorTrackStep) => {
    if (is && is !== was) events.push({ step: s, on: is });
  };
  step(before?.authorsCell?.offeredOn, after?.authorsCell?.offeredOn, 'authors_cell_offered');
  step(before?.authorsCell?.takenUpOn, after?.authorsCell?.takenUpOn, 'authors_cell_taken_up');
  step(
    before?.responsibilityCourse?.orderedOn,
    after?.responsibilityCourse?.orderedOn,
    'responsibility_course_ordered',
  );
  step(
    before?.responsibilityCourse?.completedOn,
    after?.responsibilityCourse?.completedOn,
    'responsibility_course_completed',
  );
  const known = new Set((before?.judicialMeasures ?? []).map((m) => `${m.type}@${m.issuedAt}`));
  for (const m of after?.judicialMeasures ?? [])
    if (!known.has(`${m.type}@${m.issuedAt}`))
      events.push({ step: 'measure_recorded', on: m.issuedAt, measureType: m.type });
  return events;
}
