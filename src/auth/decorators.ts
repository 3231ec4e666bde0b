import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

import { Actor, Role } from './actor';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** Reachable without a token (health, metrics). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles allowed on a route; a protected route without this decorator is refused to everyone. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or invalid bearer token.' }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')}.` }),
  );

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
