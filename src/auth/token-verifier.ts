import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  JWTPayload,
  jwtVerify,
  JWTVerifyGetKey,
  JWTVerifyOptions,
  SignJWT,
} from 'jose';

import { JURISDICTION_PATTERN } from '../common/dto/fields';
import { UnauthorizedProblem } from '../common/problems';
import { unsafeInput } from '../common/unsafe-input';
import { APP_CONFIG, AppConfig, AuthConfig } from '../config/app-config';
import { DIRECTORY_ID_PATTERN } from '../network/domain/network';
import { Actor, ALL_JURISDICTIONS, Role, ROLES } from './actor';

/** Reads a claim by dotted path, so providers that nest roles (e.g. `realm_access.roles`) fit. */
function claim(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => {
    return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }, payload);
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A name to print (reports, decisions): trimmed, at most 200 characters, no control characters. */
function displayName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  if (name.length === 0 || name.length > 200 || unsafeInput(name).length > 0) return undefined;
  return name;
}

interface VerifiedClaims {
  subject: string;
  roles: Role[];
  jurisdictions: string[];
  /** Epoch ms after which the token is no longer accepted. */
  expiresAt: number;
  /** The `name` claim (OpenID Connect standard claim), when given and printable. */
  displayName?: string;
  /** A `partner` user's organisation (AUTH_PARTNER_CLAIM). */
  partnerOrganisationId?: string;
}

/** Verified tokens kept, so that a gateway posting thousands of events pays one signature check. */
const CACHE_SIZE = 10_000;

/**
 * Verifies bearer JWTs: against the OIDC provider's JWKS in production, a shared secret in
 * development. A token whose signature was checked is remembered, by its exact text, until it
 * expires (the signature cannot change under the same text); tokens without `exp` are not kept.
 */
@Injectable()
export class TokenVerifier {
  private readonly auth: AuthConfig;
  private readonly verified = new Map<string, VerifiedClaims>();
  private readonly verifyJwt: (
    token: string,
    options: JWTVerifyOptions,
  ) => Promise<{ payload: JWTPayload }>;

  private readonly maxLifetimeSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.auth = config.auth;
    this.maxLifetimeSeconds = config.auth.maxTokenLifetimeSeconds;
    if (this.auth.mode === 'jwks') {
      const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(this.auth.jwksUrl));
      this.verifyJwt = (token, options) => jwtVerify(token, jwks, options);
    } else {
      const secret = new TextEncoder().encode(this.auth.secret);
      this.verifyJwt = (token, options) =>
        jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
    }
  }

  async verify(token: string, requestId?: string): Promise<Actor> {
    let claims = this.verified.get(token);
    if (claims && claims.expiresAt <= Date.now()) {
      this.verified.delete(token);
      claims = undefined;
    }
    claims ??= await this.check(token);
    return new Actor(
      claims.subject,
      claims.roles,
      claims.jurisdictions,
      requestId,
      claims.expiresAt,
      claims.displayName,
      claims.partnerOrganisationId,
    );
  }

  private async check(token: string): Promise<VerifiedClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await this.verifyJwt(token, {
        issuer: this.auth.issuer,
        audience: this.auth.audience,
      }));
    } catch {
      throw new UnauthorizedProblem('The bearer token is invalid or expired.');
    }
    if (!payload.sub || payload.sub.length > 200 || unsafeInput(payload.sub).length > 0)
      throw new UnauthorizedProblem('The bearer token has no usable subject.');
    // A token is a key that must run out: without `exp`, or living longer than allowed, it is refused.
    if (typeof payload.exp !== 'number')
      throw new UnauthorizedProblem('The bearer token has no expiry (exp).');
    const issued = typeof payload.iat === 'number' ? payload.iat : Date.now() / 1000;
    if (payload.exp - issued > this.maxLifetimeSeconds)
      throw new UnauthorizedProblem(
        `The bearer token lives longer than the ${this.maxLifetimeSeconds} s allowed.`,
      );
    const jurisdictions = stringList(claim(payload, this.auth.jurisdictionsClaim));
    if (
      jurisdictions.length > 100 ||
      jurisdictions.some((j) => j !== ALL_JURISDICTIONS && !JURISDICTION_PATTERN.test(j))
    )
      throw new UnauthorizedProblem('The bearer token names jurisdictions that do not exist.');
    const roles = stringList(claim(payload, this.auth.rolesClaim)).filter((r): r is Role =>
      (ROLES as readonly string[]).includes(r),
    );
    const partnerOrganisationId = this.partnerOrganisation(payload, roles);
    const claims: VerifiedClaims = {
      subject: payload.sub,
      roles,
      jurisdictions,
      expiresAt: payload.exp * 1000,
      displayName: displayName(payload.name),
      ...(partnerOrganisationId ? { partnerOrganisationId } : {}),
    };
    if ((payload.nbf ?? 0) * 1000 <= Date.now()) {
      // The oldest entry goes first: a Map iterates in insertion order.
      if (this.verified.size >= CACHE_SIZE)
        this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
    }
    return claims;
  }

  /**
   * A `partner` token must name its organisation (a directory id) in AUTH_PARTNER_CLAIM, and carry
   * no staff role beside it: a partner's staff are outsiders to the case, never coordinators too.
   * Other tokens' organisation claim is ignored.
   */
  private partnerOrganisation(payload: JWTPayload, roles: Role[]): string | undefined {
    if (!roles.includes('partner')) return undefined;
    const organisation = claim(payload, this.auth.partnerClaim);
    if (typeof organisation !== 'string' || !DIRECTORY_ID_PATTERN.test(organisation))
      throw new UnauthorizedProblem(
        `A partner token must name its partner organisation in the "${this.auth.partnerClaim}" claim (a directory id such as cidff-82).`,
      );
    if (roles.length > 1)
      throw new UnauthorizedProblem('A partner token may carry no other role than partner.');
    return organisation;
  }
}

export interface DevTokenRequest {
  subject?: string;
  roles: Role[];
  jurisdictions: string[];
  ttlSeconds?: number;
  /** The `name` claim: the person's display name. */
  name?: string;
  /** A `partner` user's organisation id (AUTH_PARTNER_CLAIM). */
  partnerOrganisationId?: string;
}

/** Development tokens (npm run token, tests). Refused unless the service runs with a dev secret. */
export async function signDevToken(config: AppConfig, request: DevTokenRequest): Promise<string> {
  if (config.auth.mode !== 'dev-secret' || config.nodeEnv === 'production') {
    throw new Error('Development tokens are refused: NODE_ENV=production or AUTH_JWKS_URL is set.');
  }
  return new SignJWT({
    [config.auth.rolesClaim]: request.roles,
    [config.auth.jurisdictionsClaim]: request.jurisdictions,
    ...(request.name ? { name: request.name } : {}),
    ...(request.partnerOrganisationId
      ? { [config.auth.partnerClaim]: request.partnerOrganisationId }
      : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.subject ?? `dev-${request.roles.join('-')}-${randomUUID().slice(0, 8)}`)
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 8 * 3600}s`)
    .sign(new TextEncoder().encode(config.auth.secret));
}
