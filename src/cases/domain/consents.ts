import { Consent } from './case-file';

/**
 * The consent record after new entries: appended, never replacing nor removing one (consent is the
 * legal precondition of a TGD, CPP art. 41-3-1, and its history must survive any edit). An entry
 * already recorded (same purpose, answer and time) is not recorded twice. Pure.
 */
export function recordConsents(
  history: readonly Consent[] | undefined,
  entries: readonly Consent[] | undefined,
  recordedBy: string,
): Consent[] {
  const next = [...(history ?? [])];
  for (const entry of entries ?? []) {
    const known = next.some(
      (c) =>
        c.purpose === entry.purpose &&
        c.given === entry.given &&
        Date.parse(c.recordedAt) === Date.parse(entry.recordedAt),
    );
    if (!known) next.push({ ...entry, recordedBy });
  }
  return next;
}
