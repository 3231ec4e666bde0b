import { Refusal } from '../../common/problems';

/** The referrals' error codes (`code` of a problem body): why a referral or a step is refused. */
export const REFERRAL_ERRORS = [
  'referral.consent-missing',
  'referral.partner-ineligible',
  'referral.already-answered',
  'referral.not-accepted',
  'referral.ended',
] as const;
export type ReferralError = (typeof REFERRAL_ERRORS)[number];

/** No consent in force to share with this partner (GDPR art. 9: need-to-know, consent first). */
export function consentMissing(reference: string, partnerId: string): Refusal<ReferralError> {
  return {
    code: 'referral.consent-missing',
    detail: `The victim's consent to share information with ${partnerId} is not recorded, or was withdrawn, in case ${reference}: record it in the case's consents (purpose information_sharing, recipient ${partnerId}) first.`,
  };
}

/** The partner is unknown, inactive, outside the case's networks, or does not offer the service. */
export function partnerIneligible(partnerId: string, why: string): Refusal<ReferralError> {
  return {
    code: 'referral.partner-ineligible',
    detail: `${partnerId} cannot take this referral: ${why}.`,
  };
}
