import { DateTime, Duration } from 'luxon';

/**
 * Deadline arithmetic of follow-up obligations. Hours are elapsed time; days and months are
 * calendar steps in the network's time zone (Europe/Paris by default): "7 days after" keeps the
 * local wall-clock time across a daylight-saving change, and "1 month after 31 January" is the
 * last day of February. Working days are Monday to Friday in that zone, at the same wall-clock
 * time (public holidays are not known: they count as working days). Pure: no Nest, no TypeORM.
 */
export interface Span {
  hours?: number;
  days?: number;
  workingDays?: number;
  months?: number;
}

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

function local(at: Date, zone: string): DateTime {
  const value = DateTime.fromJSDate(at, { zone });
  if (!value.isValid) throw new Error(`invalid time zone "${zone}"`);
  return value;
}

/** `at` moved by `n` working days (Monday to Friday), forward (1) or back (-1). */
function workingDays(at: DateTime, n: number, direction: 1 | -1): DateTime {
  let day = at;
  for (let left = n; left > 0;) {
    day = day.plus({ days: direction });
    if (day.weekday <= 5) left -= 1;
  }
  return day;
}

/** `at` moved forward by `span` (calendar parts first, then working days, then elapsed hours). */
export function after(at: Date, span: Span, zone = DEFAULT_TIME_ZONE): Date {
  const calendar = local(at, zone).plus({ months: span.months ?? 0, days: span.days ?? 0 });
  return workingDays(calendar, span.workingDays ?? 0, 1)
    .plus(Duration.fromObject({ hours: span.hours ?? 0 }))
    .toJSDate();
}

/** `at` moved back by `span`, by the same rules. */
export function before(at: Date, span: Span, zone = DEFAULT_TIME_ZONE): Date {
  const calendar = local(at, zone).minus({ months: span.months ?? 0, days: span.days ?? 0 });
  return workingDays(calendar, span.workingDays ?? 0, -1)
    .minus(Duration.fromObject({ hours: span.hours ?? 0 }))
    .toJSDate();
}

/**
 * The `n`-th occurrence (0-based) of a series starting at `first` and repeating every `step`:
 * computed from the first, not from the previous one, so that a series of months anchored on the
 * 31st stays on each month's last day instead of drifting to the 28th.
 */
export function occurrence(first: Date, step: Span, n: number, zone = DEFAULT_TIME_ZONE): Date {
  return after(
    first,
    {
      months: (step.months ?? 0) * n,
      days: (step.days ?? 0) * n,
      workingDays: (step.workingDays ?? 0) * n,
      hours: (step.hours ?? 0) * n,
    },
    zone,
  );
}

/** True when the span moves time: at least one positive part, none negative. */
export function isPositiveSpan(span: Span): boolean {
  const parts = [span.hours ?? 0, span.days ?? 0, span.workingDays ?? 0, span.months ?? 0];
  return parts.every((p) => Number.isInteger(p) && p >= 0) && parts.some((p) => p > 0);
}
