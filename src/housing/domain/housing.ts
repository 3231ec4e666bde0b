/**
 * Emergency housing (issue #17): places a network's housing partners manage, the requests
 * coordinators file for victims and their children, allocation within capacity and release with
 * the nights actually used. Pure: no Nest, no TypeORM. Dates are calendar dates (`YYYY-MM-DD`);
 * a stay occupies the nights from its first date up to, not including, its end date.
 */
import { HOUSING_URGENCIES, HousingUrgency } from '../../common/domain-events';
import type { Refusal } from '../../common/problems';
import type { HousingError } from './housing-errors';

/** emergency_flat: a network's flat; hotel_agreement: rooms under contract; shelter: a hostel (its address is sensitive). */
export const PLACE_KINDS = ['emergency_flat', 'hotel_agreement', 'shelter'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** rooms: one household per room (a flat counts as one room); beds: the victim and each child take one. */
export const CAPACITY_UNITS = ['rooms', 'beds'] as const;
export type CapacityUnit = (typeof CAPACITY_UNITS)[number];

/** immediate: tonight; within_days: in the coming days; planned: a date agreed ahead. */
export const URGENCIES = HOUSING_URGENCIES;
export type Urgency = HousingUrgency;

export const REQUEST_STATUSES = ['waiting', 'allocated', 'released', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The reason a waiting request gives once its case's closure withdrew it (the closure's code). */
export function closedCaseReason(reasonCode: string): string {
  return `The case was closed (${reasonCode}): the request left the waiting list.`;
}

const DAY = 86_400_000;

export function toDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY;
}

export function fromDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The date `nights` nights after `from`: the morning the stay ends. */
export function endOf(from: string, nights: number): string {
  return fromDay(toDay(from) + nights);
}

export function nightsBetween(from: string, until: string): number {
  return toDay(until) - toDay(from);
}

/** The calendar date of an instant, in UTC. */
export function dateOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** What one household takes of a place: one room, or a bed for the victim and each child. */
export function usageOf(unit: CapacityUnit, children: number): number {
  return unit === 'rooms' ? 1 : 1 + children;
}

/** A stay on a place: the nights from `from` up to, not including, `until`. */
export interface Stay {
  from: string;
  until: string;
  usage: number;
}

/** The most a place holds on any night of [from, until) with the stays it already has. */
export function peakUsage(stays: readonly Stay[], from: string, until: string): number {
  let peak = 0;
  for (let day = toDay(from); day < toDay(until); day++) {
    let used = 0;
    for (const s of stays) if (toDay(s.from) <= day && day < toDay(s.until)) used += s.usage;
    peak = Math.max(peak, used);
  }
  return peak;
}

/** Used now: the stays that hold the night starting `today`. */
export function usageOn(stays: readonly Stay[], today: string): number {
  return peakUsage(stays, today, endOf(today, 1));
}

export interface PlaceFacts {
  active: boolean;
  capacity: number;
  capacityUnit: CapacityUnit;
  /** A hotel agreement's nights per calendar year, null when unlimited. */
  nightsPerYear: number | null;
}

/**
 * Why a stay of `nights` from `from` for a household of `children` cannot go to the place, or null:
 * inactive, more than its capacity on one of those nights, or beyond the nights left this year.
 * `stays` are the place's stays that overlap; `nightsTaken` the nights already counted in each
 * calendar year the stay touches.
 */
export function allocationRefusal(
  place: PlaceFacts,
  stays: readonly Stay[],
  stay: { from: string; nights: number; children: number },
  nightsTaken: ReadonlyMap<number, number>,
): Refusal<HousingError> | null {
  if (!place.active)
    return { code: 'housing-place.inactive', detail: 'This place is not open to allocations.' };
  const until = endOf(stay.from, stay.nights);
  const usage = usageOf(place.capacityUnit, stay.children);
  const peak = peakUsage(stays, stay.from, until);
  if (peak + usage > place.capacity)
    return {
      code: 'housing-place.full',
      detail: `The place holds ${place.capacity} ${place.capacityUnit}; ${peak} are taken on one of those nights and this household needs ${usage}.`,
    };
  if (place.nightsPerYear !== null)
    for (const [year, nights] of nightsPerYear(stay.from, until)) {
      const taken = nightsTaken.get(year) ?? 0;
      if (taken + nights > place.nightsPerYear)
        return {
          code: 'housing-place.nights-exhausted',
          detail: `The agreement allows ${place.nightsPerYear} nights in ${year}; ${taken} are taken and this stay needs ${nights}.`,
        };
    }
  return null;
}

/** The nights of [from, until) counted per calendar year. */
export function nightsPerYear(from: string, until: string): Map<number, number> {
  const years = new Map<number, number>();
  for (let day = toDay(from); day < toDay(until); day++) {
    const year = Number(fromDay(day).slice(0, 4));
    years.set(year, (years.get(year) ?? 0) + 1);
  }
  return years;
}

/** The nights of [from, until) counted per month (`YYYY-MM`). */
export function nightsPerMonth(from: string, until: string): Map<string, number> {
  const months = new Map<string, number>();
  for (let day = toDay(from); day < toDay(until); day++) {
    const month = fromDay(day).slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
  }
  return months;
}

/**
 * The nights a released stay used: from its first date to the release date, never negative (a
 * stay released before it began used none). A stay kept beyond its planned end counts every night.
 */
export function nightsUsed(from: string, releasedOn: string): number {
  return Math.max(0, nightsBetween(from, releasedOn));
}

export function mustBeWaiting(status: RequestStatus, doing: string): Refusal<HousingError> | null {
  return status === 'waiting'
    ? null
    : {
        code: 'housing-request.not-waiting',
        detail: `The request is ${status}: only a waiting request can be ${doing}.`,
      };
}

export function mustBeAllocated(status: RequestStatus): Refusal<HousingError> | null {
  return status === 'allocated'
    ? null
    : {
        code: 'housing-request.not-allocated',
        detail: `The request is ${status}: only an allocated place can be released.`,
      };
}

/** The waiting list's order: the most urgent first, then the oldest. */
export function waitingOrder(
  a: { urgency: Urgency; requestedAt: Date },
  b: { urgency: Urgency; requestedAt: Date },
): number {
  return (
    URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency) ||
    a.requestedAt.getTime() - b.requestedAt.getTime()
  );
}

/** The months from `from` to `to` inclusive (`YYYY-MM`). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}
