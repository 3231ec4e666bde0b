/** Emergency housing's error codes (`code` of a problem body): refused transitions. */
export const HOUSING_ERRORS = [
  'housing-request.not-waiting',
  'housing-request.not-allocated',
  'housing-request.no-network',
  'housing-place.inactive',
  'housing-place.full',
  'housing-place.nights-exhausted',
] as const;
export type HousingError = (typeof HOUSING_ERRORS)[number];
