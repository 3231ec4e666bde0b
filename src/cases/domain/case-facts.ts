import { Author, Child, Consent, JUDICIAL_MEASURE_TYPES, Victim } from './case-file';

/** The latest consent record for a purpose: a later refusal withdraws an earlier consent. */
export function latestConsent(victim: Victim, purpose: Consent['purpose']): Consent | undefined {
  return (victim.consents ?? [])
    .filter((consent) => consent.purpose === purpose)
    .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt))[0];
}

export function consentFor(
  victim: Victim,
  purpose: Consent['purpose'],
): 'given' | 'refused' | 'unknown' {
  const latest = latestConsent(victim, purpose);
  return latest ? (latest.given ? 'given' : 'refused') : 'unknown';
}

/** Judicial measures forbidding contact that are in force on `day` (YYYY-MM-DD). */
export function contactBansInForce(author: Author | null, day: string): string[] {
  return (author?.judicialMeasures ?? [])
    .filter((m) => (JUDICIAL_MEASURE_TYPES as readonly string[]).includes(m.type))
    .filter((m) => m.issuedAt <= day && (!m.expiresAt || m.expiresAt >= day))
    .map((m) => m.type);
}

export function cohabitation(author: Author | null): 'yes' | 'no' | 'unknown' {
  if (author?.livesWithVictim === undefined || author === null) return 'unknown';
  return author.livesWithVictim ? 'yes' : 'no';
}

export function childrenSummary(children: Child[]) {
  return {
    count: children.length,
    exposed: children.filter((c) => c.exposed).length,
    victims: children.filter((c) => c.victim).length,
    underThree: children.filter((c) => c.age < 3).length,
  };
}
