import { Consent } from './case-file';

/**
 * The consent record after new entries: appended, never replacing nor removing one (consent is the
 * legal precondition of a TGD, CPP art. 41-3-1, and its history must survive any edit). An entry
 * already recorded (same purpose, recipient, answer and time) is not recorded twice. Pure.
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
        (c.recipient ?? null) === (entry.recipient ?? null) &&
        Date.parse(c.recordedAt) === Date.parse(entry.recordedAt),
    );
    if (!known) next.push({ ...entry, recordedBy });
  }
  return next;
}

/** The entries `recordConsents` added: what a `consent.recorded` event announces. */
export function newConsents(history: readonly Consent[] | undefined, next: readonly Consent[]) {
  return next.slice(history?.length ?? 0);
}

/**
 * The latest entry about sharing with one partner organisation: a later withdrawal for the same
 * recipient ends an earlier consent; a consent to another recipient, or a general one, does not
 * count for this one (need-to-know). Pure.
 */
export function latestSharingConsent(
  consents: readonly Consent[] | undefined,
  recipient: string,
): Consent | undefined {
  return (consents ?? [])
    .filter((c) => c.purpose === 'information_sharing' && c.recipient === recipient)
    .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt))[0];
}
