import { Injectable } from '@nestjs/common';

import { AuditedRefusal } from '../audit/audit.service';
import { Scope } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { FieldCipher } from '../common/field-cipher';
import { ForbiddenProblem } from '../common/problems';
import { NetworkService } from '../network/network.service';
import { HousedPlaceDto, HousingRequestDto, PlaceDto } from './dto/housing.dto';
import { HousingPlace } from './housing-place.entity';
import { HousingRequest } from './housing-request.entity';

export const PLACE: Scope<HousingPlace> = {
  entity: HousingPlace,
  type: 'housing_place',
  label: 'Housing place',
};
export const REQUEST: Scope<HousingRequest> = {
  entity: HousingRequest,
  type: 'housing_request',
  label: 'Housing request',
};

/** What a caller is to emergency housing: staff of some jurisdictions, or a partner organisation. */
export type Viewer =
  | { kind: 'staff'; actor: Actor }
  | {
      kind: 'partner';
      actor: Actor;
      partnerId: string;
      networkId: string;
      /** The jurisdictions the partner's network covers: its waiting list. */
      jurisdictions: readonly string[];
    };

/**
 * Who sees what of emergency housing, in one place:
 * - a place: staff of its jurisdiction and partners of its network; its address only to the
 *   managing partner and admins (a shelter's address is itself sensitive);
 * - a request: coordinators of its jurisdiction in full; a partner of a network covering it while it
 *   waits, and the partner housing it afterwards, only what the housing needs (first name, children,
 *   dates, needs, the coordinator's contact), never the case's id or reference.
 */
@Injectable()
export class HousingAccess {
  constructor(
    private readonly network: NetworkService,
    private readonly cipher: FieldCipher,
  ) {}

  /** The caller as housing sees them; a partner user of an unknown or inactive organisation is refused. */
  async viewer(actor: Actor): Promise<Viewer> {
    if (!actor.has('partner')) return { kind: 'staff', actor };
    const id = actor.partnerOrganisationId;
    const partner = id ? await this.network.partner(id) : null;
    if (!partner || !partner.active)
      throw new ForbiddenProblem('Your partner organisation is not an active member of a network.');
    return {
      kind: 'partner',
      actor,
      partnerId: partner.id,
      networkId: partner.networkId,
      jurisdictions: partner.jurisdictions,
    };
  }

  /** A place the viewer may see; otherwise an audited 404. */
  seesPlace(viewer: Viewer, place: HousingPlace | null, id: string, action: string): HousingPlace {
    const visible =
      place &&
      (viewer.kind === 'partner'
        ? place.networkId === viewer.networkId
        : viewer.actor.canActIn(place.jurisdiction));
    if (!place || !visible) throw refusal(PLACE, id, action, place);
    return place;
  }

  /** A place the viewer may change: its managing partner, or an admin of its jurisdiction. */
  managesPlace(viewer: Viewer, place: HousingPlace | null, id: string, action: string) {
    const manages =
      place &&
      (viewer.kind === 'partner'
        ? place.partnerId === viewer.partnerId
        : viewer.actor.has('admin') && viewer.actor.canActIn(place.jurisdiction));
    if (!place || !manages) throw refusal(PLACE, id, action, place);
    return place;
  }

  /** A request the viewer may see; otherwise an audited 404. */
  seesRequest(viewer: Viewer, request: HousingRequest | null, id: string, action: string) {
    if (!request || !this.canSee(viewer, request)) throw refusal(REQUEST, id, action, request);
    return request;
  }

  canSee(viewer: Viewer, request: HousingRequest): boolean {
    if (viewer.kind === 'staff') return viewer.actor.canActIn(request.jurisdiction);
    return (
      request.partnerId === viewer.partnerId ||
      (request.status === 'waiting' && viewer.jurisdictions.includes(request.jurisdiction))
    );
  }

  seesAddress(viewer: Viewer, place: HousingPlace): boolean {
    return viewer.kind === 'partner'
      ? place.partnerId === viewer.partnerId
      : viewer.actor.has('admin') && viewer.actor.canActIn(place.jurisdiction);
  }

  sealAddress(place: HousingPlace, address: string | null | undefined): void {
    place.addressSealed = address ? this.cipher.seal(address, `${place.id}:address`) : null;
  }

  placeDto(
    viewer: Viewer,
    place: HousingPlace,
    usage: { occupiedNow: number; nightsThisYear: number },
  ): PlaceDto {
    return {
      id: place.id,
      partnerId: place.partnerId,
      networkId: place.networkId,
      jurisdiction: place.jurisdiction,
      kind: place.kind,
      name: place.name,
      municipality: place.municipality,
      capacity: place.capacity,
      capacityUnit: place.capacityUnit,
      nightsPerYear: place.nightsPerYear,
      address: this.seesAddress(viewer, place) ? this.address(place) : null,
      active: place.active,
      ...usage,
    };
  }

  requestDto(
    viewer: Viewer,
    row: HousingRequest,
    place: HousingPlace | undefined,
  ): HousingRequestDto {
    const staff = viewer.kind === 'staff';
    const housed: HousedPlaceDto | null = place
      ? {
          id: place.id,
          name: place.name,
          kind: place.kind,
          municipality: place.municipality,
          // The coordinator must send her there; the managing partner knows it.
          address:
            staff || place.partnerId === (viewer.kind === 'partner' ? viewer.partnerId : null)
              ? this.address(place)
              : null,
        }
      : null;
    return {
      id: row.id,
      caseId: staff ? row.caseId : null,
      caseReference: staff ? row.caseReference : null,
      jurisdiction: row.jurisdiction,
      status: row.status,
      urgency: row.urgency,
      firstName: this.cipher.open<string | null>(row.firstNameSealed, `${row.id}:firstName`),
      children: row.children,
      note: row.noteSealed ? this.cipher.open<string>(row.noteSealed, `${row.id}:note`) : null,
      wantedFrom: row.wantedFrom,
      nights: row.nights,
      coordinatorId: row.coordinatorId,
      coordinatorName: row.coordinatorName,
      coordinatorPhone: row.coordinatorPhone,
      coordinatorEmail: row.coordinatorEmail,
      requestedAt: row.requestedAt,
      place: housed,
      partnerId: row.partnerId,
      stayFrom: row.stayFrom,
      stayUntil: row.stayUntil,
      allocatedAt: row.allocatedAt,
      releasedAt: row.releasedAt,
      nightsUsed: row.nightsUsed,
      cancelledAt: row.cancelledAt,
      cancelReason:
        staff && row.cancelReasonSealed
          ? this.cipher.open<string>(row.cancelReasonSealed, `${row.id}:cancelReason`)
          : null,
    };
  }

  private address(place: HousingPlace): string | null {
    return place.addressSealed
      ? this.cipher.open<string>(place.addressSealed, `${place.id}:address`)
      : null;
  }
}

/** Missing or out of view: the same 404, audited after the rollback (existence does not leak). */
export function refusal(
  scope: Scope<HousingPlace> | Scope<HousingRequest>,
  id: string,
  action: string,
  row: { jurisdiction: string; caseId?: string } | null,
): AuditedRefusal {
  return new AuditedRefusal(`${scope.label} ${id} was not found.`, {
    action,
    entityType: scope.type,
    entityId: id,
    jurisdiction: row?.jurisdiction ?? null,
    caseId: row?.caseId ?? null,
    outcome: row ? 'denied' : 'not_found',
  });
}
