import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AuditedRefusal, AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { ConflictProblem } from '../common/problems';
import {
  directoryAuditId,
  NetworkSummary,
  PartnerService,
  PartnerSummary,
  placeKey,
} from './domain/network';
import { NetworkSeed, placeKeysOf } from './domain/network-seeds';
import {
  CreatePartnerDto,
  NetworkDetailDto,
  NetworkDto,
  NetworkQueryDto,
  PartnerDto,
  PartnerQueryDto,
  UpdatePartnerDto,
} from './dto/network.dto';
import { Network } from './network.entity';
import { NetworkRepository, NetworkRow } from './network.repository';
import { Partner } from './partner.entity';

/** The seed files as loaded at start-up (rules/networks/). */
export const NETWORK_SEEDS = Symbol('NETWORK_SEEDS');

/** The service's own hand in audit records of what seeding writes. */
const SEEDING = new Actor('system:network-seed', [], ['*']);

/** A partner row with its network's jurisdictions. */
type PartnerRow = Partner & { jurisdictions: string[] };

/**
 * The directory of networks and partners. Other features (referrals, housing, concertation) rely on
 * `partner`, `partnersOffering` and `networksCovering`; the API reads and edits through the rest.
 *
 * Who sees what: staff (coordinator, prosecutor, operator, admin) the networks covering one of
 * their jurisdictions; a `partner` user its own organisation's network only. Who edits: an `admin`
 * of a jurisdiction the network covers. Every write and every single read is audited (the record's
 * jurisdiction: the network's first).
 */
@Injectable()
export class NetworkService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Network');

  constructor(
    @Inject(NETWORK_SEEDS) private readonly seeds: NetworkSeed[],
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: NetworkRepository,
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- The contract for other features -------------------------------------------------------

  /** A partner organisation by its directory id (active or not); null when unknown. */
  partner(id: string, manager?: EntityManager): Promise<PartnerSummary | null> {
    return this.repository.partnerSummary(id, manager);
  }

  /** Active partners offering `service` in the networks covering `jurisdiction`, by name. */
  partnersOffering(
    service: PartnerService,
    jurisdiction: string,
    manager?: EntityManager,
  ): Promise<PartnerSummary[]> {
    return this.repository.partnersOffering(service, jurisdiction, manager);
  }

  /** A network by its id; null when unknown. */
  networkSummary(id: string, manager?: EntityManager): Promise<NetworkSummary | null> {
    return this.repository.networkSummary(id, manager);
  }

  /** The networks covering `jurisdiction`, by name. */
  networksCovering(jurisdiction: string, manager?: EntityManager): Promise<NetworkSummary[]> {
    return this.repository.networksCovering(jurisdiction, manager);
  }

  // ---- Seeding -------------------------------------------------------------------------------

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
  }

  /**
   * Upserts every network and partner of the seed files, in one transaction; audits what changed.
   * A partner edited through the API keeps its edits; nothing is deleted.
   */
  async seed(): Promise<{ networks: number; inserted: number; updated: number }> {
    const now = this.clock.now();
    const counts = { networks: 0, inserted: 0, updated: 0 };
    await this.db.transaction(async (manager) => {
      for (const network of this.seeds) {
        if (await this.repository.seedNetwork(manager, network, now)) counts.networks += 1;
        const entries = [];
        for (const partner of network.partners) {
          const outcome = await this.repository.seedPartner(
            manager,
            network.id,
            partner,
            now,
            SEEDING.subject,
          );
          if (!outcome) continue;
          counts[outcome] += 1;
          entries.push({
            action: outcome === 'inserted' ? 'partner.seed-insert' : 'partner.seed-update',
            entityType: 'partner',
            entityId: directoryAuditId('partner', partner.id),
            jurisdiction: network.jurisdictions[0],
            outcome: 'success' as const,
            detail: { partnerId: partner.id, file: network.file },
          });
        }
        await this.audit.record(SEEDING, entries, manager);
      }
    });
    if (counts.networks + counts.inserted + counts.updated > 0)
      this.logger.log(
        `directory seeded: ${counts.networks} network(s), ${counts.inserted} partner(s) added, ${counts.updated} updated`,
      );
    return counts;
  }

  // ---- The directory API ---------------------------------------------------------------------

  /** What the actor may read: networks of these jurisdictions (null: all), or one network only. */
  private async readable(
    actor: Actor,
    asked?: string,
  ): Promise<{ jurisdictions: readonly string[] | null; networkId?: string } | null> {
    if (actor.has('partner')) {
      const own = actor.partnerOrganisationId
        ? await this.repository.partnerSummary(actor.partnerOrganisationId)
        : null;
      return own ? { jurisdictions: null, networkId: own.networkId } : null;
    }
    const visible = actor.visibleJurisdictions(asked);
    if (visible && visible.length === 0) return null;
    return { jurisdictions: visible ?? null };
  }

  private mayRead(
    scope: { jurisdictions: readonly string[] | null; networkId?: string } | null,
    network: Pick<Network, 'id' | 'jurisdictions'>,
  ): boolean {
    if (!scope) return false;
    if (scope.networkId && scope.networkId !== network.id) return false;
    return (
      !scope.jurisdictions || network.jurisdictions.some((j) => scope.jurisdictions!.includes(j))
    );
  }

  async listNetworks(actor: Actor, query: NetworkQueryDto): Promise<Page<NetworkDto>> {
    const scope = await this.readable(actor, query.jurisdiction);
    if (!scope) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const found = await this.repository.listNetworks({ ...scope, ...query });
    return { ...found, items: found.items.map((n) => this.networkDto(n)) };
  }

  // Reads run outside a transaction: the embedded database has one session, which a wrapping
  // transaction would hold against the repository's own queries.
  getNetwork(actor: Actor, id: string): Promise<NetworkDetailDto> {
    return this.audit.refusing(actor, async () => {
      const network = await this.repository.findNetwork(id);
      const scope = await this.readable(actor);
      if (!network || !this.mayRead(scope, network))
        throw this.refusal('network.read', 'network', id, network);
      const members = await this.repository.searchPartners({
        jurisdictions: null,
        networkId: id,
        includeInactive: true,
        page: 1,
        pageSize: 1000,
      });
      await this.audit.record(actor, [this.entry('network.read', 'network', id, network)]);
      return {
        ...this.networkDto({
          ...network,
          partnerCount: members.items.filter((p) => p.active).length,
        }),
        partners: members.items.map((p) => this.partnerDto(p)),
      };
    });
  }

  async searchPartners(actor: Actor, query: PartnerQueryDto): Promise<Page<PartnerDto>> {
    const scope = await this.readable(actor, query.jurisdiction);
    if (!scope || (scope.networkId && query.network && query.network !== scope.networkId))
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const found = await this.repository.searchPartners({
      jurisdictions: scope.jurisdictions,
      networkId: scope.networkId ?? query.network,
      kind: query.kind,
      service: query.service,
      place: query.place ? placeKey(query.place) : undefined,
      text: query.q?.trim() || undefined,
      includeInactive: query.includeInactive,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { ...found, items: found.items.map((p) => this.partnerDto(p)) };
  }

  getPartner(actor: Actor, id: string): Promise<PartnerDto> {
    return this.audit.refusing(actor, async () => {
      const { partner, network } = await this.partnerInScope(
        this.db.manager,
        actor,
        id,
        'partner.read',
      );
      await this.audit.record(actor, [this.entry('partner.read', 'partner', id, network)]);
      return this.partnerDto({ ...partner, jurisdictions: network.jurisdictions });
    });
  }

  createPartner(actor: Actor, input: CreatePartnerDto): Promise<PartnerDto> {
    return this.work.run(actor, async (w) => {
      const network = await this.repository.findNetwork(input.networkId, w.manager);
      if (!network || !this.mayEdit(actor, network))
        throw this.refusal('partner.create', 'network', input.networkId, network);
      const partner = w.manager.getRepository(Partner).create({
        id: input.id,
        networkId: network.id,
        name: input.name,
        kind: input.kind,
        description: input.description ?? null,
        services: [...new Set(input.services)],
        municipalities: input.municipalities ?? [],
        postalCodes: input.postalCodes ?? [],
        contacts: input.contacts ?? [],
        referents: input.referents ?? [],
        active: true,
        // Created here: no seed file may overwrite it, even one naming the same id later.
        source: 'api',
        edited: true,
        seedHash: null,
        version: 1,
        updatedAt: this.clock.now(),
        updatedBy: actor.subject,
      });
      partner.placeKeys = placeKeysOf(partner);
      if (!(await this.repository.insertPartner(w.manager, partner)))
        throw new ConflictProblem(
          'partner.exists',
          `A partner with id ${input.id} already exists.`,
        );
      await this.audit.record(
        actor,
        [this.entry('partner.create', 'partner', partner.id, network, { networkId: network.id })],
        w.manager,
      );
      return this.partnerDto({ ...partner, jurisdictions: network.jurisdictions });
    });
  }

  updatePartner(actor: Actor, id: string, input: UpdatePartnerDto): Promise<PartnerDto> {
    return this.work.run(actor, async (w) => {
      const { partner, network } = await this.partnerInScope(
        w.manager,
        actor,
        id,
        'partner.update',
        true,
      );
      if (partner.version !== input.expectedVersion)
        throw new ConflictProblem(
          'partner.version-conflict',
          `Partner ${id} was changed since you read it (version ${partner.version}, not ${input.expectedVersion}): read it again.`,
          { currentVersion: partner.version },
        );
      const changed: string[] = [];
      const fields = [
        'name',
        'kind',
        'description',
        'services',
        'municipalities',
        'postalCodes',
        'contacts',
        'referents',
        'active',
      ] as const;
      for (const field of fields) {
        const value = input[field];
        if (value === undefined || value === null) continue;
        if (JSON.stringify(value) === JSON.stringify(partner[field])) continue;
        (partner as unknown as Record<string, unknown>)[field] = value;
        changed.push(field);
      }
      if (changed.length > 0) {
        partner.placeKeys = placeKeysOf(partner);
        partner.edited = true;
        partner.version += 1;
        partner.updatedAt = this.clock.now();
        partner.updatedBy = actor.subject;
        await w.manager.save(partner);
      }
      const action =
        input.active === false && changed.includes('active')
          ? 'partner.deactivate'
          : input.active === true && changed.includes('active')
            ? 'partner.reactivate'
            : 'partner.update';
      await this.audit.record(
        actor,
        [this.entry(action, 'partner', id, network, { changed: changed.join(',') || 'nothing' })],
        w.manager,
      );
      return this.partnerDto({ ...partner, jurisdictions: network.jurisdictions });
    });
  }

  // ---- Helpers -------------------------------------------------------------------------------

  /** An admin of a jurisdiction the network covers. */
  private mayEdit(actor: Actor, network: Network): boolean {
    return actor.has('admin') && network.jurisdictions.some((j) => actor.canActIn(j));
  }

  /** The partner and its network, readable (or editable, for writes) by the actor; else 404. */
  private async partnerInScope(
    manager: EntityManager,
    actor: Actor,
    id: string,
    action: string,
    forWrite = false,
  ): Promise<{ partner: Partner; network: Network }> {
    const partner = await this.repository.findPartner(id, manager, forWrite);
    const network = partner ? await this.repository.findNetwork(partner.networkId, manager) : null;
    const allowed =
      network &&
      (forWrite ? this.mayEdit(actor, network) : this.mayRead(await this.readable(actor), network));
    if (!partner || !network || !allowed) throw this.refusal(action, 'partner', id, network);
    return { partner, network };
  }

  private entry(
    action: string,
    entityType: 'network' | 'partner',
    entityId: string,
    network: Pick<Network, 'jurisdictions'>,
    detail?: Record<string, string>,
  ) {
    return {
      action,
      entityType,
      entityId: directoryAuditId(entityType, entityId),
      jurisdiction: network.jurisdictions[0] ?? null,
      outcome: 'success' as const,
      detail: { [`${entityType}Id`]: entityId, ...detail },
    };
  }

  /** Missing or out of scope: the same 404, audited once the transaction has rolled back. */
  private refusal(
    action: string,
    entityType: 'network' | 'partner',
    id: string,
    network: Network | null,
  ) {
    const label = entityType === 'network' ? 'Network' : 'Partner';
    return new AuditedRefusal(`${label} ${id} was not found.`, {
      action,
      entityType,
      entityId: directoryAuditId(entityType, id),
      detail: { [`${entityType}Id`]: id },
      jurisdiction: network?.jurisdictions[0] ?? null,
      outcome: network ? 'denied' : 'not_found',
    });
  }

  private networkDto(network: NetworkRow): NetworkDto {
    return {
      id: network.id,
      kind: network.kind,
      name: network.name,
      description: network.description,
      jurisdictions: network.jurisdictions,
      partnerCount: network.partnerCount,
    };
  }

  private partnerDto(partner: PartnerRow): PartnerDto {
    return {
      id: partner.id,
      networkId: partner.networkId,
      name: partner.name,
      kind: partner.kind,
      description: partner.description,
      services: partner.services,
      municipalities: partner.municipalities,
      postalCodes: partner.postalCodes,
      contacts: partner.contacts,
      referents: partner.referents,
      jurisdictions: partner.jurisdictions,
      active: partner.active,
      source: partner.source,
      edited: partner.edited,
      version: partner.version,
      updatedAt: partner.updatedAt.toISOString(),
    };
  }
}
