import { ValidationError } from 'class-validator';

import { FieldError, toPointer, ValidationProblem } from './problems';

/** Flattens class-validator's nested errors into one entry per offending field. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      pointer: toPointer(field),
      message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationExceptionFactory(errors: ValidationError[]): ValidationProblem {
  return new ValidationProblem(flattenValidationErrors(errors));
}
