// Crockford base32 without I, L, O, U: unambiguous when read aloud on the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Pseudonymous case reference, e.g. `FR-82-2026-7K3Q9X`: says where and when, never who.
 * `randomBytes` is injected so the function stays pure and testable.
 */
export function caseReference(
  jurisdiction: string,
  at: Date,
  randomBytes: (n: number) => Uint8Array,
): string {
  const suffix = Array.from(randomBytes(6), (byte) => ALPHABET[byte % 32]).join('');
  return `${jurisdiction}-${at.getUTCFullYear()}-${suffix}`;
}
