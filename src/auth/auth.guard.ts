import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import { ForbiddenProblem, TooManyRequestsProblem, UnauthorizedProblem } from '../common/problems';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Actor, Role } from './actor';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { TokenVerifier } from './token-verifier';

/**
 * Global guard: a bearer token on every route not marked @Public, and one of the route's @Roles.
 * A client address that fails authentication AUTH_FAILURES_PER_MINUTE times in a minute gets 429
 * instead of 401 until the minute is over; a valid token is never refused for it (behind a proxy
 * many callers share one address, gateways and operators among them).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly failures = new Map<string, { since: number; count: number }>();
  private readonly limit: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limit = config.authFailuresPerMinute;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    let actor: Actor;
    try {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header);
      if (!match) throw new UnauthorizedProblem('A bearer token is required.');
      actor = await this.verifier.verify(match[1], String(request.id ?? ''));
    } catch (error) {
      if (error instanceof UnauthorizedProblem) this.failed(request.ip ?? 'unknown');
      throw error;
    }
    request.actor = actor;

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!allowed.some((role) => actor.has(role))) {
      throw new ForbiddenProblem('Your role does not allow this action.');
    }
    return true;
  }

  /** Counts a failure of `client`; past the limit, answers 429 rather than 401. */
  private failed(client: string): void {
    const now = Date.now();
    const entry = this.failures.get(client);
    if (entry && now - entry.since < 60_000) entry.count += 1;
    else {
      // Old windows are swept now and then, so the map holds about a minute's addresses.
      if (this.failures.size >= 1000)
        for (const [key, value] of this.failures)
          if (now - value.since >= 60_000) this.failures.delete(key);
      this.failures.set(client, { since: now, count: 1 });
    }
    const current = this.failures.get(client)!;
    if (current.count > this.limit)
      throw new TooManyRequestsProblem(
        'Too many failed authentications from your address: wait a minute.',
        { retryAfterSeconds: Math.ceil((current.since + 60_000 - now) / 1000) },
      );
  }
}
