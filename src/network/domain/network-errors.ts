/** The network directory's error codes (`code` of a problem body). */
export const NETWORK_ERRORS = ['partner.exists', 'partner.version-conflict'] as const;
export type NetworkError = (typeof NETWORK_ERRORS)[number];
