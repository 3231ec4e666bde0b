import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { UnitOfWork, Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { CaseClosed } from '../common/domain-events';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem, ForbiddenProblem, ValidationProblem } from '../common/problems';
import { NetworkService } from '../network/network.service';
import {
  allocationRefusal,
  closedCaseReason,
  dateOf,
  endOf,
  mustBeAllocated,
  mustBeWaiting,
  nightsPerYear,
  nightsUsed,
  toDay,
  URGENCIES,
  usageOf,
} from './domain/housing';
import {
  AllocateDto,
  CancelHousingRequestDto,
  CreateHousingRequestDto,
  HousingRequestDto,
  HousingRequestQueryDto,
  ReleaseDto,
} from './dto/housing.dto';
import { HousingRepository } from './housing.repository';
import { HousingAccess, refusal, REQUEST, Viewer } from './housing-access';
import { HousingPlace } from './housing-place.entity';
import { HousingRequest } from './housing-request.entity';

/**
 * Requests for an emergency place: filed by a case's coordinator onto the waiting list of the
 * networks covering its jurisdiction, allocated and released by the housing partner managing the
 * place (capacity checked under the place's lock), cancelled by the coordinator while waiting.
 */
@Injectable()
export class HousingRequestsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly repository: HousingRepository,
    private readonly access: HousingAccess,
    private readonly cases: CasesService,
    private readonly network: NetworkService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly events: DomainEventPublisher,
  ) {}

  onModuleInit(): void {
    this.events.followCaseTransfers((manager, caseId, to) =>
      this.repository.moveCase(manager, caseId, to),
    );
    this.events.followCaseClosures((manager, event) => this.endWithCase(manager, event));
  }

  async create(
    actor: Actor,
    caseId: string,
    input: CreateHousingRequestDto,
  ): Promise<HousingRequestDto> {
    const viewer = await this.access.viewer(actor);
    return this.work.run(actor, async (w) => {
      const file = await this.cases.caseFileForWork(
        actor,
        caseId,
        'housing-request.create',
        w.manager,
      );
      if (file.status === 'closed')
        throw new ConflictProblem(
          'case.closed',
          'The case is closed: nothing more is recorded in it.',
        );
      const networks = await this.network.networksCovering(file.jurisdiction, w.manager);
      if (networks.length === 0)
        throw new ConflictProblem(
          'housing-request.no-network',
          `No network covers ${file.jurisdiction}: there is no waiting list to put the request on.`,
        );
      const id = randomUUID();
      const row = Object.assign(new HousingRequest(), {
        id,
        caseId: file.id,
        caseReference: file.reference,
        jurisdiction: file.jurisdiction,
        status: 'waiting' as const,
        urgency: input.urgency,
        urgencyRank: URGENCIES.indexOf(input.urgency),
        firstNameSealed: this.cipher.seal(file.victim.firstName ?? null, `${id}:firstName`),
        children: input.children,
        noteSealed: input.note ? this.cipher.seal(input.note, `${id}:note`) : null,
        wantedFrom: input.from,
        nights: input.nights,
        coordinatorId: actor.subject,
        coordinatorName: actor.displayName ?? null,
        coordinatorPhone: input.coordinatorPhone ?? null,
        coordinatorEmail: input.coordinatorEmail ?? null,
        requestedAt: this.clock.now(),
        placeId: null,
        partnerId: null,
        stayFrom: null,
        stayUntil: null,
        usage: null,
        allocatedAt: null,
        allocatedBy: null,
        releasedAt: null,
        releasedBy: null,
        nightsUsed: null,
        cancelledAt: null,
        cancelReasonSealed: null,
        version: 1,
      });
      await w.manager.getRepository(HousingRequest).insert(row);
      await w.audited(REQUEST, row, 'housing-request.create', {
        urgency: row.urgency,
        children: row.children,
        networks: networks.map((n) => n.id),
      });
      const housingPartners = await this.network.partnersOffering(
        'emergency_housing',
        file.jurisdiction,
        w.manager,
      );
      await w.publish({
        type: 'housing.requested',
        urgency: row.urgency,
        partnerIds: housingPartners.map((p) => p.id),
        ...factsOf(row),
      });
      return this.access.requestDto(viewer, row, undefined);
    });
  }

  async listForCase(
    actor: Actor,
    caseId: string,
    query: HousingRequestQueryDto,
  ): Promise<Page<HousingRequestDto>> {
    const viewer = await this.access.viewer(actor);
    return this.work.run(actor, async (w) => {
      const file = await this.cases.caseInScope(actor, caseId, 'housing-request.list', w.manager);
      return this.page(w, viewer, {
        jurisdictions: [file.jurisdiction],
        caseId: file.id,
        status: query.status,
        page: query.page,
        pageSize: query.pageSize,
      });
    });
  }

  /** The waiting list (status=waiting) and the requests a viewer follows. */
  async list(actor: Actor, query: HousingRequestQueryDto): Promise<Page<HousingRequestDto>> {
    const viewer = await this.access.viewer(actor);
    let jurisdictions: readonly string[] | null =
      viewer.kind === 'partner'
        ? viewer.jurisdictions
        : (actor.visibleJurisdictions(query.jurisdiction) ?? null);
    if (viewer.kind === 'partner' && query.jurisdiction)
      jurisdictions = jurisdictions!.filter((j) => j === query.jurisdiction);
    if (query.networkId) {
      const network = await this.networkJurisdictions(
        viewer.kind === 'staff' && query.jurisdiction
          ? { kind: 'staff', actor: new Actor(actor.subject, actor.roles, [query.jurisdiction]) }
          : viewer,
        query.networkId,
      );
      jurisdictions = jurisdictions ? jurisdictions.filter((j) => network.includes(j)) : network;
    }
    if (jurisdictions && jurisdictions.length === 0)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    return this.work.run(actor, (w) =>
      this.page(w, viewer, {
        jurisdictions,
        partnerId: viewer.kind === 'partner' ? viewer.partnerId : undefined,
        status: query.status,
        page: query.page,
        pageSize: query.pageSize,
      }),
    );
  }

  async get(actor: Actor, id: string): Promise<HousingRequestDto> {
    const viewer = await this.access.viewer(actor);
    return this.work.run(actor, async (w) => {
      const row = this.access.seesRequest(
        viewer,
        await this.repository.findRequest(w.manager, id),
        id,
        'housing-request.read',
      );
      await w.audited(REQUEST, row, 'housing-request.read');
      return this.mapped(w, viewer, row);
    });
  }

  /**
   * A partner houses a waiting request on one of its places. The request, then the place, are
   * locked: two allocations on one place are checked against its capacity one after the other.
   */
  async allocate(actor: Actor, id: string, input: AllocateDto): Promise<HousingRequestDto> {
    const viewer = await this.partnerViewer(actor);
    const action = 'housing-request.allocate';
    return this.work.run(
      actor,
      async (w) => {
        const row = this.access.seesRequest(
          viewer,
          await this.repository.findRequest(w.manager, id, true),
          id,
          action,
        );
        refuse(mustBeWaiting(row.status, 'allocated'));
        const place = await this.repository.lockPlace(w.manager, input.placeId);
        if (!place || place.partnerId !== viewer.partnerId)
          throw refusal(
            { entity: HousingPlace, type: 'housing_place', label: 'Housing place' },
            input.placeId,
            action,
            place,
          );
        const from = input.from ?? row.wantedFrom;
        const nights = input.nights ?? row.nights;
        const until = endOf(from, nights);
        const years = [...nightsPerYear(from, until).keys()];
        const stays = await this.repository.staysOverlapping(
          w.manager,
          [place.id],
          `${Math.min(...years)}-01-01`,
          `${Math.max(...years) + 1}-01-01`,
        );
        const taken = new Map<number, number>();
        for (const s of stays)
          for (const [year, n] of nightsPerYear(s.from, s.until))
            taken.set(year, (taken.get(year) ?? 0) + n);
        refuse(allocationRefusal(place, stays, { from, nights, children: row.children }, taken));
        Object.assign(row, {
          status: 'allocated',
          placeId: place.id,
          partnerId: place.partnerId,
          stayFrom: from,
          stayUntil: until,
          usage: usageOf(place.capacityUnit, row.children),
          allocatedAt: this.clock.now(),
          allocatedBy: actor.subject,
          version: row.version + 1,
        });
        await w.manager.save(row);
        await w.audited(REQUEST, row, action, { placeId: place.id, from, nights });
        await w.publish({ type: 'housing.allocated', ...factsOf(row) });
        return this.access.requestDto(viewer, row, place);
      },
      { retry: true },
    );
  }

  /** The partner releases the place: the nights used are counted up to the morning she left. */
  async release(actor: Actor, id: string, input: ReleaseDto): Promise<HousingRequestDto> {
    const viewer = await this.partnerViewer(actor);
    const today = dateOf(this.clock.now());
    const on = input.on ?? today;
    if (toDay(on) > toDay(today)) throw ValidationProblem.field('on', 'on must not be after today');
    const action = 'housing-request.release';
    return this.work.run(actor, async (w) => {
      const row = this.access.seesRequest(
        viewer,
        await this.repository.findRequest(w.manager, id, true),
        id,
        action,
      );
      if (row.status === 'allocated' && row.partnerId !== viewer.partnerId)
        throw refusal(REQUEST, id, action, row);
      refuse(mustBeAllocated(row.status));
      const from = row.stayFrom!;
      const used = nightsUsed(from, on);
      Object.assign(row, {
        status: 'released',
        stayUntil: endOf(from, used),
        nightsUsed: used,
        releasedAt: this.clock.now(),
        releasedBy: actor.subject,
        version: row.version + 1,
      });
      await w.manager.save(row);
      await w.audited(REQUEST, row, action, { nightsUsed: used });
      return this.mapped(w, viewer, row);
    });
  }

  async cancel(
    actor: Actor,
    id: string,
    input: CancelHousingRequestDto,
  ): Promise<HousingRequestDto> {
    const viewer = await this.access.viewer(actor);
    const action = 'housing-request.cancel';
    return this.work.run(actor, async (w) => {
      const row = this.access.seesRequest(
        viewer,
        await this.repository.findRequest(w.manager, id, true),
        id,
        action,
      );
      refuse(mustBeWaiting(row.status, 'cancelled'));
      await this.withdraw(w, row, input.reason ?? null);
      return this.mapped(w, viewer, row);
    });
  }

  /**
   * A closed case's requests still waiting are withdrawn from the waiting list by
   * `system:case.closed`, their reason saying so, each audited. A place already allocated stays
   * allocated: the housing partner releases it when she leaves — a closure of the coordination's
   * file does not put a victim and her children on the street. A later incident that reopens the
   * case does not put them back on the list; the coordinator asks again.
   */
  private async endWithCase(manager: EntityManager, event: CaseClosed): Promise<void> {
    const w = this.work.reacting(manager, event);
    for (const row of await this.repository.waitingOfCase(manager, event.caseId))
      await this.withdraw(w, row, closedCaseReason(event.reasonCode), { reason: 'case_closed' });
  }

  /** A waiting request leaves the waiting list (cancelled), its reason sealed; saved and audited. */
  private async withdraw(
    w: Work,
    row: HousingRequest,
    reason: string | null,
    detail?: { reason: string },
  ): Promise<void> {
    Object.assign(row, {
      status: 'cancelled',
      cancelledAt: this.clock.now(),
      cancelReasonSealed: reason ? this.cipher.seal(reason, `${row.id}:cancelReason`) : null,
      version: row.version + 1,
    });
    await w.manager.save(row);
    await w.audited(REQUEST, row, 'housing-request.cancel', detail);
    await w.publish({
      type: 'housing.withdrawn',
      reason: detail?.reason === 'case_closed' ? 'case_closed' : 'cancelled',
      ...factsOf(row),
    });
  }

  private async partnerViewer(actor: Actor) {
    const viewer = await this.access.viewer(actor);
    if (viewer.kind !== 'partner')
      throw new ForbiddenProblem('Only the housing partner allocates and releases its places.');
    return viewer;
  }

  /** A network's jurisdictions, if the viewer may see its waiting list (a partner: its own). */
  private async networkJurisdictions(viewer: Viewer, networkId: string): Promise<string[]> {
    if (viewer.kind === 'partner')
      return networkId === viewer.networkId ? [...viewer.jurisdictions] : [];
    // Staff: the networks covering their jurisdictions (a national scope names one jurisdiction).
    const scope = viewer.actor.scope();
    if (!scope)
      throw ValidationProblem.field(
        'networkId',
        'with a national scope, name a jurisdiction beside the network',
      );
    for (const jurisdiction of scope)
      for (const network of await this.network.networksCovering(jurisdiction))
        if (network.id === networkId) return [...network.jurisdictions];
    return [];
  }

  private async page(
    w: Work,
    viewer: Viewer,
    filter: Parameters<HousingRepository['requestsPage']>[1],
  ): Promise<Page<HousingRequestDto>> {
    const [rows, total] = await this.repository.requestsPage(w.manager, filter);
    const places = await this.repository.placesByIds(w.manager, [
      ...new Set(rows.map((r) => r.placeId).filter((p): p is string => !!p)),
    ]);
    const byId = new Map(places.map((p) => [p.id, p]));
    for (const row of rows) await w.audited(REQUEST, row, 'housing-request.read', { via: 'list' });
    return {
      items: rows.map((r) =>
        this.access.requestDto(viewer, r, r.placeId ? byId.get(r.placeId) : undefined),
      ),
      total,
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  private async mapped(w: Work, viewer: Viewer, row: HousingRequest) {
    const place = row.placeId ? await this.repository.findPlace(w.manager, row.placeId) : null;
    return this.access.requestDto(viewer, row, place ?? undefined);
  }
}

function refuse(refused: { code: string; detail: string } | null): void {
  if (refused) throw ConflictProblem.of(refused);
}

/** What the request's events say of it: ids only. */
function factsOf(row: HousingRequest) {
  return { requestId: row.id, caseId: row.caseId, jurisdiction: row.jurisdiction };
}
