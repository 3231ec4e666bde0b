import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Observable } from 'rxjs';

import { ValidationProblem } from './problems';
import { unsafeInput } from './unsafe-input';

const ANY_BODY = 'input:any-body';

/** The handler reads its body itself, whatever it looks like (device events: a distress is kept). */
export const AcceptsAnyBody = () => SetMetadata(ANY_BODY, true);

/**
 * Before any pipe or handler: path parameters, query and body free of control characters,
 * prototype keys and deep nesting, and a write's body a JSON object. A 400 naming the field
 * instead of whatever the database or a library would make of them.
 */
@Injectable()
export class InputGuardInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const errors = [
      ...unsafeInput(request.params ?? {}, 'path'),
      ...unsafeInput(request.query ?? {}, 'query'),
    ];
    if (!this.reflector.get<boolean>(ANY_BODY, context.getHandler())) {
      const body: unknown = request.body;
      const writes = ['POST', 'PUT', 'PATCH'].includes(request.method);
      if (
        writes &&
        body !== undefined &&
        (typeof body !== 'object' || Array.isArray(body) || body === null)
      )
        errors.push({ field: '', pointer: '', message: 'the body must be a JSON object' });
      else errors.push(...unsafeInput(body));
    }
    if (errors.length > 0) throw new ValidationProblem(errors);
    return next.handle();
  }
}
