import { ALARM_ERRORS } from './alarms/domain/alarm-errors';
import { ALLOCATION_ERRORS } from './allocations/domain/allocation-errors';
import { ASSESSMENT_ERRORS } from './assessments/domain/assessment-errors';
import { CASE_ERRORS } from './cases/domain/case-errors';
import { COMMON_PROBLEM_CODES } from './common/problems';
import { CONCERTATION_ERRORS } from './concertation/domain/concertation-errors';
import { DEVICE_ERRORS } from './devices/domain/device-errors';
import { HOUSING_ERRORS } from './housing/domain/housing-errors';
import { NETWORK_ERRORS } from './network/domain/network-errors';
import { OBLIGATION_ERRORS } from './obligations/domain/obligation-errors';
import { REPORT_ERRORS } from './recommendations/domain/report-errors';
import { REFERRAL_ERRORS } from './referrals/domain/referral-errors';
import { SUPERVISION_ERRORS } from './supervision/domain/supervision-errors';

/** Every `code` a problem body may carry: the common ones, then each feature's, by feature. */
export const PROBLEM_CODES_BY_FEATURE: Record<string, readonly string[]> = {
  common: COMMON_PROBLEM_CODES,
  cases: CASE_ERRORS,
  assessments: ASSESSMENT_ERRORS,
  allocations: ALLOCATION_ERRORS,
  devices: DEVICE_ERRORS,
  alarms: ALARM_ERRORS,
  obligations: OBLIGATION_ERRORS,
  supervision: SUPERVISION_ERRORS,
  network: NETWORK_ERRORS,
  housing: HOUSING_ERRORS,
  recommendations: REPORT_ERRORS,
  referrals: REFERRAL_ERRORS,
  concertation: CONCERTATION_ERRORS,
};

export const PROBLEM_CODES: readonly string[] = Object.values(PROBLEM_CODES_BY_FEATURE).flat();

/** The RFC 9457 problem body as the OpenAPI document describes it, its `code` an enum of all codes. */
export function problemSchema() {
  return {
    type: 'object',
    description:
      'RFC 9457 problem details. `code` tells a client which fault it is, by feature: ' +
      Object.entries(PROBLEM_CODES_BY_FEATURE)
        .map(([feature, codes]) => `${feature}: ${codes.join(', ')}`)
        .join('; ') +
      '.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', example: '/problems/allocation.ended' },
      title: { type: 'string', example: 'Conflict' },
      status: { type: 'integer', example: 409 },
      detail: { type: 'string', example: 'The allocation has already ended.' },
      code: { type: 'string', enum: [...PROBLEM_CODES], example: 'allocation.ended' },
      instance: { type: 'string' },
      requestId: { type: 'string' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'pointer', 'message'],
          properties: {
            field: { type: 'string' },
            pointer: { type: 'string' },
            message: { type: 'string' },
          },
        },
      },
    },
  };
}
