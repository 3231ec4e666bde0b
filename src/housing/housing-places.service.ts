import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { ForbiddenProblem, ValidationProblem } from '../common/problems';
import { NetworkService } from '../network/network.service';
import { dateOf, nightsPerYear, usageOn } from './domain/housing';
import { CreatePlaceDto, PlaceDto, PlaceQueryDto, UpdatePlaceDto } from './dto/housing.dto';
import { HousingRepository } from './housing.repository';
import { HousingAccess, PLACE, Viewer } from './housing-access';
import { HousingPlace } from './housing-place.entity';

/**
 * Emergency housing places: created and edited by the managing housing partner's staff or an admin
 * of the place's jurisdiction; listed to the network's staff and partners with tonight's occupancy.
 */
@Injectable()
export class HousingPlacesService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly repository: HousingRepository,
    private readonly access: HousingAccess,
    private readonly network: NetworkService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreatePlaceDto): Promise<PlaceDto> {
    const viewer = await this.access.viewer(actor);
    const partnerId = viewer.kind === 'partner' ? viewer.partnerId : input.partnerId;
    if (viewer.kind === 'partner' && input.partnerId && input.partnerId !== viewer.partnerId)
      throw new ForbiddenProblem('You may only add places your own organisation manages.');
    if (!partnerId)
      throw ValidationProblem.field('partnerId', 'partnerId names the managing partner');
    const partner = await this.network.partner(partnerId);
    if (!partner || !partner.active)
      throw ValidationProblem.field('partnerId', 'no active partner has this id');
    if (!partner.services.includes('emergency_housing'))
      throw ValidationProblem.field('partnerId', 'this partner offers no emergency housing');
    if (!partner.jurisdictions.includes(input.jurisdiction))
      throw ValidationProblem.field(
        'jurisdiction',
        "the partner's network does not cover this jurisdiction",
      );
    if (viewer.kind === 'staff' && !actor.canActIn(input.jurisdiction))
      throw new ForbiddenProblem(`You may not add a place in jurisdiction ${input.jurisdiction}.`);
    const now = this.clock.now();
    const place = Object.assign(new HousingPlace(), {
      id: randomUUID(),
      partnerId,
      networkId: partner.networkId,
      jurisdiction: input.jurisdiction,
      kind: input.kind,
      name: input.name,
      municipality: input.municipality,
      capacity: input.capacity,
      capacityUnit: input.capacityUnit,
      nightsPerYear: input.nightsPerYear ?? null,
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
    });
    this.access.sealAddress(place, input.address);
    return this.work.run(actor, async (w) => {
      await w.manager.getRepository(HousingPlace).insert(place);
      await w.audited(PLACE, place, 'housing-place.create', { kind: place.kind });
      return this.toDto(w.manager, viewer, place);
    });
  }

  async update(actor: Actor, id: string, patch: UpdatePlaceDto): Promise<PlaceDto> {
    const viewer = await this.access.viewer(actor);
    return this.work.run(actor, async (w) => {
      const place = this.access.managesPlace(
        viewer,
        await this.repository.lockPlace(w.manager, id),
        id,
        'housing-place.update',
      );
      const changed: string[] = [];
      for (const key of ['name', 'municipality', 'capacity', 'capacityUnit', 'active'] as const)
        if (patch[key] !== undefined && patch[key] !== null) {
          (place as unknown as Record<string, unknown>)[key] = patch[key];
          changed.push(key);
        }
      if (patch.nightsPerYear !== undefined) {
        place.nightsPerYear = patch.nightsPerYear ?? null;
        changed.push('nightsPerYear');
      }
      if (patch.address !== undefined) {
        this.access.sealAddress(place, patch.address);
        changed.push('address');
      }
      place.updatedAt = this.clock.now();
      await w.manager.save(place);
      await w.audited(PLACE, place, 'housing-place.update', { fields: changed });
      return this.toDto(w.manager, viewer, place);
    });
  }

  async get(actor: Actor, id: string): Promise<PlaceDto> {
    const viewer = await this.access.viewer(actor);
    return this.work.run(actor, async (w) => {
      const place = this.access.seesPlace(
        viewer,
        await this.repository.findPlace(w.manager, id),
        id,
        'housing-place.read',
      );
      await w.audited(PLACE, place, 'housing-place.read');
      return this.toDto(w.manager, viewer, place);
    });
  }

  async list(actor: Actor, query: PlaceQueryDto): Promise<Page<PlaceDto>> {
    const viewer = await this.access.viewer(actor);
    const jurisdictions = this.jurisdictionsOf(viewer, query.jurisdiction);
    if (jurisdictions && jurisdictions.length === 0)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    return this.work.run(actor, async (w) => {
      const [rows, total] = await this.repository.placesPage(w.manager, {
        jurisdictions,
        partnerId: query.partnerId,
        kind: query.kind,
        page: query.page,
        pageSize: query.pageSize,
      });
      const usage = await this.usage(w.manager, rows);
      for (const place of rows)
        await w.audited(PLACE, place, 'housing-place.read', { via: 'list' });
      return {
        items: rows.map((p) => this.access.placeDto(viewer, p, usage.get(p.id)!)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    });
  }

  /** The jurisdictions a viewer's lists show: a partner's network's, or the staff's own. */
  jurisdictionsOf(viewer: Viewer, asked?: string): readonly string[] | null {
    if (viewer.kind === 'partner')
      return asked ? viewer.jurisdictions.filter((j) => j === asked) : viewer.jurisdictions;
    return viewer.actor.visibleJurisdictions(asked) ?? null;
  }

  private async toDto(manager: EntityManager, viewer: Viewer, place: HousingPlace) {
    const usage = await this.usage(manager, [place]);
    return this.access.placeDto(viewer, place, usage.get(place.id)!);
  }

  /** Tonight's occupancy and this year's nights of each place. */
  async usage(manager: EntityManager, places: HousingPlace[]) {
    const today = dateOf(this.clock.now());
    const year = Number(today.slice(0, 4));
    const stays = await this.repository.staysOverlapping(
      manager,
      places.map((p) => p.id),
      `${year}-01-01`,
      `${year + 1}-01-01`,
    );
    const result = new Map<string, { occupiedNow: number; nightsThisYear: number }>();
    for (const place of places) {
      const own = stays.filter((s) => s.placeId === place.id);
      result.set(place.id, {
        occupiedNow: usageOn(own, today),
        nightsThisYear: own.reduce(
          (sum, s) => sum + (nightsPerYear(s.from, s.until).get(year) ?? 0),
          0,
        ),
      });
    }
    return result;
  }
}
