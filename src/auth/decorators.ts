import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';

import { ApiProblems, authProblems, INPUT_PROBLEMS } from '../common/api-problems';
import { Actor, Role } from './actor';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** Reachable without a token (health, metrics). */
export const Public = () =>
  // An empty security requirement: no token needed.
  applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiSecurity({}));

/** The roles allowed on a route; a protected route without this decorator is refused to everyone. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiProblems(INPUT_PROBLEMS, authProblems(roles)),
  );

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
