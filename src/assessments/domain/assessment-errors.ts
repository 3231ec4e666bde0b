/** The assessments' error codes (`code` of a problem body). */
export const ASSESSMENT_ERRORS = [
  'assessment.submitted',
  'assessment.draft',
  'assessment.already-overridden',
] as const;
export type AssessmentError = (typeof ASSESSMENT_ERRORS)[number];
