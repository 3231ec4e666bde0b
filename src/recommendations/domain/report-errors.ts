/** The printed documents' error codes (`code` of a problem body). */
export const REPORT_ERRORS = ['tgd-request.not-decided'] as const;
export type ReportError = (typeof REPORT_ERRORS)[number];
