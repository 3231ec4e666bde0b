/**
 * Blind-index keys of a victim's identity (MARAC's repeat rule needs to recognise her while her
 * identity stays sealed): each key is the keyed HMAC of a normalised identity, never the clear
 * value. Pure: the HMAC is injected.
 */
export const IDENTITY_KEY_KINDS = ['name_birth', 'phone'] as const;
export type IdentityKeyKind = (typeof IDENTITY_KEY_KINDS)[number];

export interface IdentityKey {
  kind: IdentityKeyKind;
  digest: string;
}

/** Upper-case Latin letters only: accents, spaces, dashes and apostrophes do not tell two people apart. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'SS')
    .replace(/[æÆ]/g, 'AE')
    .replace(/[œŒ]/g, 'OE')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/**
 * A phone number in E.164 (`+33612345678`); a French or Belgian national number (`06 12 34 56 78`,
 * `0470 12 34 56`) is read in `country`'s plan; anything else that is not E.164 gives null.
 */
export function normalisePhone(phone: string, country = 'FR'): string | null {
  const compact = phone.replace(/[\s.()-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  if (/^00[1-9]\d{6,14}$/.test(compact)) return `+${compact.slice(2)}`;
  const prefix = { FR: '33', BE: '32' }[country];
  if (prefix && /^0[1-9]\d{7,9}$/.test(compact)) return `+${prefix}${compact.slice(1)}`;
  return null;
}

/** The keys a victim is recognised by: last name with date of birth, and phone. */
export function identityKeys(
  victim: { lastName?: string; dateOfBirth?: string; phone?: string; country?: string },
  hmac: (text: string) => string,
): IdentityKey[] {
  const keys: IdentityKey[] = [];
  const name = victim.lastName ? normaliseName(victim.lastName) : '';
  if (name && victim.dateOfBirth)
    keys.push({ kind: 'name_birth', digest: hmac(`name_birth:${name}|${victim.dateOfBirth}`) });
  const phone = victim.phone ? normalisePhone(victim.phone, victim.country) : null;
  if (phone) keys.push({ kind: 'phone', digest: hmac(`phone:${phone}`) });
  return keys;
}
