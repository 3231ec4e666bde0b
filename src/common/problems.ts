/**
 * Typed domain errors, mapped to RFC 9457 problem details by ProblemDetailsFilter. Features throw
 * these (or subclasses) with a message fit for users; no SQL, stack or personal data ever goes in.
 */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `victim.phone` or `children.0.age`. */
  field: string;
  /** JSON Pointer into the request body, e.g. `/victim/phone`. */
  pointer: string;
  message: string;
}

export abstract class DomainProblem extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export class ValidationProblem extends DomainProblem {
  readonly status = 400;
  readonly code = 'validation-error';
  constructor(readonly errors: FieldError[]) {
    super(
      errors.length === 1
        ? `Invalid field ${errors[0].field}: ${errors[0].message}`
        : `${errors.length} fields are invalid: ${errors.map((e) => e.field).join(', ')}`,
      { errors },
    );
  }

  static field(field: string, message: string): ValidationProblem {
    return new ValidationProblem([{ field, pointer: toPointer(field), message }]);
  }
}

export class NotFoundProblem extends DomainProblem {
  readonly status = 404;
  readonly code = 'not-found';
}

/** Why a domain guard refuses a transition: a feature's error code and a sentence for people. */
export interface Refusal<Code extends string = string> {
  code: Code;
  detail: string;
}

/** A refused transition (409); its code, from the feature's error codes, tells which refusal. */
export class ConflictProblem extends DomainProblem {
  readonly status = 409;
  constructor(
    readonly code: string,
    detail: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(detail, extensions);
  }

  static of(refusal: Refusal): ConflictProblem {
    return new ConflictProblem(refusal.code, refusal.detail);
  }
}

export class ForbiddenProblem extends DomainProblem {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class TooManyRequestsProblem extends DomainProblem {
  readonly status = 429;
  readonly code = 'too-many-requests';
}

export class UnauthorizedProblem extends DomainProblem {
  readonly status = 401;
  readonly code = 'unauthorized';
}

/**
 * The codes every feature may answer (`code` of a problem body), beside each feature's own
 * (`<feature>/domain/*-errors.ts`). All are listed in the OpenAPI document's `ProblemCode`.
 */
export const COMMON_PROBLEM_CODES = [
  'validation-error',
  'invalid-value',
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'unsupported-media-type',
  'too-many-requests',
] as const;

export function toPointer(field: string): string {
  return field === '' ? '' : '/' + field.split('.').join('/');
}
