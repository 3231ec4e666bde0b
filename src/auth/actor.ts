export const ROLES = [
  'coordinator',
  'prosecutor',
  'operator',
  'admin',
  'gateway',
  'partner',
] as const;
export type Role = (typeof ROLES)[number];

/** A jurisdiction claim of `*` covers every jurisdiction (national supervision). */
export const ALL_JURISDICTIONS = '*';

/** The authenticated caller of one request, as every service sees it. */
export class Actor {
  constructor(
    readonly subject: string,
    readonly roles: readonly Role[],
    readonly jurisdictions: readonly string[],
    readonly requestId?: string,
    /** Epoch ms at which the caller's token expires (a stream must not outlive it). */
    readonly expiresAt?: number,
    /** The person's name when the identity provider gives one (`name` claim); staff, not victim data. */
    readonly displayName?: string,
    /**
     * The partner organisation a `partner` user works for (AUTH_PARTNER_CLAIM, e.g. `cidff-82`): a
     * directory id; always set for the `partner` role, which sees only its own network and what is
     * referred to that organisation.
     */
    readonly partnerOrganisationId?: string,
  ) {}

  has(role: Role): boolean {
    return this.roles.includes(role);
  }

  canActIn(jurisdiction: string): boolean {
    return (
      this.jurisdictions.includes(ALL_JURISDICTIONS) || this.jurisdictions.includes(jurisdiction)
    );
  }

  /** Jurisdictions to filter lists by, or undefined when the actor sees them all. */
  scope(): readonly string[] | undefined {
    return this.jurisdictions.includes(ALL_JURISDICTIONS) ? undefined : this.jurisdictions;
  }

  /**
   * Jurisdictions a list may show: the one asked for (if the actor may act in it) or the actor's
   * own; undefined means all; an empty list means nothing is visible.
   */
  visibleJurisdictions(asked?: string): readonly string[] | undefined {
    const scope = asked ? [asked] : this.scope();
    return scope?.filter((j) => this.canActIn(j));
  }

  /** The role recorded in audit records. */
  get roleLabel(): string {
    return this.roles.join(',');
  }
}
