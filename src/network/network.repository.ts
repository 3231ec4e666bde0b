import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Page } from '../common/dto/page';
import { NetworkSummary, PartnerKind, PartnerService, PartnerSummary } from './domain/network';
import { NetworkSeed, PartnerSeed } from './domain/network-seeds';
import { Network } from './network.entity';
import { Partner } from './partner.entity';

export interface PartnerSearch {
  /** Networks covering one of these jurisdictions; null: any. */
  jurisdictions: readonly string[] | null;
  /** This network only (a partner user's own); undefined: any. */
  networkId?: string;
  kind?: PartnerKind;
  service?: PartnerService;
  /** A `placeKey`. */
  place?: string;
  text?: string;
  includeInactive: boolean;
  page: number;
  pageSize: number;
}

export interface NetworkListQuery {
  jurisdictions: readonly string[] | null;
  networkId?: string;
  page: number;
  pageSize: number;
}

/** A network with its member count. */
export type NetworkRow = Network & { partnerCount: number };

const SUMMARY = `SELECT p.id, p.name, p.kind, p.services, p.network_id AS "networkId",
  n.jurisdictions, p.active FROM partner p JOIN network n ON n.id = p.network_id`;

/** `%` and `_` typed by a user are letters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The one place the directory's tables (network, partner) are read and written. Seeding upserts
 * by id with INSERT … ON CONFLICT: two instances starting at once do no harm, a partner edited
 * through the API (`edited`) is left alone, and nothing is ever deleted.
 */
@Injectable()
export class NetworkRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Upserts a network from its file; returns whether it was written (new or changed). */
  async seedNetwork(manager: EntityManager, seed: NetworkSeed, now: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO network (id, kind, name, description, jurisdictions, seed_hash, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
         description = EXCLUDED.description, jurisdictions = EXCLUDED.jurisdictions,
         seed_hash = EXCLUDED.seed_hash, updated_at = EXCLUDED.updated_at
       WHERE network.seed_hash IS DISTINCT FROM EXCLUDED.seed_hash
       RETURNING id`,
      [
        seed.id,
        seed.kind,
        seed.name,
        seed.description ?? null,
        seed.jurisdictions,
        seed.seedHash,
        now,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Upserts a partner from its file unless it was edited through the API; returns `inserted`,
   * `updated`, or null when nothing changed (same content, or edited).
   */
  async seedPartner(
    manager: EntityManager,
    networkId: string,
    seed: PartnerSeed,
    now: Date,
    by: string,
  ): Promise<'inserted' | 'updated' | null> {
    const rows: Array<{ inserted: boolean }> = await manager.query(
      `INSERT INTO partner (id, network_id, name, kind, description, services, municipalities,
         postal_codes, place_keys, contacts, referents, active, source, edited, seed_hash, version,
         updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'seed', false, $13, 1, $14, $15)
       ON CONFLICT (id) DO UPDATE SET network_id = EXCLUDED.network_id, name = EXCLUDED.name,
         kind = EXCLUDED.kind, description = EXCLUDED.description, services = EXCLUDED.services,
         municipalities = EXCLUDED.municipalities, postal_codes = EXCLUDED.postal_codes,
         place_keys = EXCLUDED.place_keys, contacts = EXCLUDED.contacts,
         referents = EXCLUDED.referents, active = EXCLUDED.active, seed_hash = EXCLUDED.seed_hash,
         version = partner.version + 1, updated_at = EXCLUDED.updated_at,
         updated_by = EXCLUDED.updated_by
       WHERE NOT partner.edited AND partner.seed_hash IS DISTINCT FROM EXCLUDED.seed_hash
       RETURNING (xmax = 0) AS inserted`,
      [
        seed.id,
        networkId,
        seed.name,
        seed.kind,
        seed.description ?? null,
        seed.services,
        seed.municipalities,
        seed.postalCodes,
        seed.placeKeys,
        JSON.stringify(seed.contacts),
        JSON.stringify(seed.referents),
        seed.active,
        seed.seedHash,
        now,
        by,
      ],
    );
    if (rows.length === 0) return null;
    return rows[0].inserted ? 'inserted' : 'updated';
  }

  async partnerSummary(id: string, manager?: EntityManager): Promise<PartnerSummary | null> {
    const rows: PartnerSummary[] = await (manager ?? this.db.manager).query(
      `${SUMMARY} WHERE p.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Active partners offering `service` in networks covering `jurisdiction`, by name. */
  partnersOffering(
    service: PartnerService,
    jurisdiction: string,
    manager?: EntityManager,
  ): Promise<PartnerSummary[]> {
    return (manager ?? this.db.manager).query(
      `${SUMMARY} WHERE p.active AND $1 = ANY(p.services) AND $2 = ANY(n.jurisdictions)
       ORDER BY p.name, p.id`,
      [service, jurisdiction],
    );
  }

  async networkSummary(id: string, manager?: EntityManager): Promise<NetworkSummary | null> {
    const rows: NetworkSummary[] = await (manager ?? this.db.manager).query(
      `SELECT id, name, kind, jurisdictions FROM network WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  networksCovering(jurisdiction: string, manager?: EntityManager): Promise<NetworkSummary[]> {
    return (manager ?? this.db.manager).query(
      `SELECT id, name, kind, jurisdictions FROM network WHERE $1 = ANY(jurisdictions)
       ORDER BY name, id`,
      [jurisdiction],
    );
  }

  async listNetworks(query: NetworkListQuery): Promise<Page<NetworkRow>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.jurisdictions) {
      params.push(query.jurisdictions);
      where.push(`n.jurisdictions && $${params.length}::varchar[]`);
    }
    if (query.networkId) {
      params.push(query.networkId);
      where.push(`n.id = $${params.length}`);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    params.push(query.pageSize, (query.page - 1) * query.pageSize);
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT n.id, n.kind, n.name, n.description, n.jurisdictions,
         (SELECT count(*)::int FROM partner p WHERE p.network_id = n.id AND p.active) AS "partnerCount",
         count(*) OVER ()::int AS total
       FROM network n ${filter} ORDER BY n.name, n.id
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      items: rows.map(({ total: _total, ...row }) => row as unknown as NetworkRow),
      total: (rows[0]?.total as number | undefined) ?? (await this.countNetworks(filter, params)),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The total when the page asked for lies past the end. */
  private async countNetworks(filter: string, params: unknown[]): Promise<number> {
    const rows: Array<{ total: number }> = await this.db.query(
      `SELECT count(*)::int AS total FROM network n ${filter}`,
      params.slice(0, -2),
    );
    return rows[0].total;
  }

  findNetwork(id: string, manager?: EntityManager): Promise<Network | null> {
    return (manager ?? this.db.manager).getRepository(Network).findOne({ where: { id } });
  }

  findPartner(id: string, manager?: EntityManager, lock = false): Promise<Partner | null> {
    return (manager ?? this.db.manager).getRepository(Partner).findOne({
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async searchPartners(query: PartnerSearch): Promise<Page<Partner & { jurisdictions: string[] }>> {
    const qb = this.db
      .getRepository(Partner)
      .createQueryBuilder('p')
      .innerJoin(Network, 'n', 'n.id = p.network_id')
      .addSelect('n.jurisdictions', 'network_jurisdictions');
    if (query.jurisdictions)
      qb.andWhere('n.jurisdictions && :jurisdictions::varchar[]', {
        jurisdictions: query.jurisdictions,
      });
    if (query.networkId) qb.andWhere('p.network_id = :networkId', { networkId: query.networkId });
    if (!query.includeInactive) qb.andWhere('p.active');
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.service) qb.andWhere(':service = ANY(p.services)', { service: query.service });
    if (query.place) qb.andWhere(':place = ANY(p.place_keys)', { place: query.place });
    if (query.text)
      qb.andWhere(
        `(p.name ILIKE :words OR p.description ILIKE :words OR p.id ILIKE :words
          OR CAST(p.referents AS text) ILIKE :words)`,
        { words: likePattern(query.text) },
      );
    qb.orderBy('p.name').addOrderBy('p.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const { entities, raw } = await qb.getRawAndEntities();
    const total = await qb.getCount();
    const jurisdictionsOf = new Map(
      (raw as Array<{ p_id: string; network_jurisdictions: string[] }>).map((r) => [
        r.p_id,
        r.network_jurisdictions,
      ]),
    );
    return {
      items: entities.map((p) =>
        Object.assign(p, { jurisdictions: jurisdictionsOf.get(p.id) ?? [] }),
      ),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** A partner added through the API; false when the id is taken. */
  async insertPartner(manager: EntityManager, partner: Partner): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Partner)
      .values(partner)
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
