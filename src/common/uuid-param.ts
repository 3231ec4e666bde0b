import { Param, ParseUUIDPipe } from '@nestjs/common';

import { ValidationProblem } from './problems';

/** A UUID path parameter; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => ValidationProblem.field(name, `${name} must be a UUID`),
    }),
  );
