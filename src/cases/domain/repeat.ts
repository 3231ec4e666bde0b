/**
 * MARAC's repeat rule: a victim already known to the network within the last 12 months is a
 * repeat. Pure.
 */
export const REPEAT_WINDOW_MONTHS = 12;

/** The start of the window that ends at `at` (calendar months, UTC). */
export function repeatWindowStart(at: Date): Date {
  const start = new Date(at.getTime());
  start.setUTCMonth(start.getUTCMonth() - REPEAT_WINDOW_MONTHS);
  return start;
}

/** Another case of the same victim, as found by its identity keys. */
export interface KnownCase {
  id: string;
  reference: string;
  jurisdiction: string;
  lastKnownAt: Date;
}

/** The repeat flag as one reader may see it. */
export interface RepeatView {
  previousCases: { id: string; reference: string; lastKnownAt: string }[];
  lastKnownAt: string | null;
  /** Known in a jurisdiction the reader does not act in: said, never which nor when. */
  knownElsewhere: boolean;
  checkedAt: string;
}

/**
 * The repeat flag for a reader: the cases of their jurisdictions by reference, newest first; any
 * other only as "known elsewhere" (need-to-know: the other network's case is not theirs to read,
 * but that the danger repeats is theirs to know). Null when the victim is not a repeat.
 */
export function repeatView(
  known: readonly KnownCase[],
  canSee: (jurisdiction: string) => boolean,
  checkedAt: Date,
): RepeatView | null {
  if (known.length === 0) return null;
  const visible = known
    .filter((c) => canSee(c.jurisdiction))
    .sort((a, b) => b.lastKnownAt.getTime() - a.lastKnownAt.getTime());
  return {
    previousCases: visible.map((c) => ({
      id: c.id,
      reference: c.reference,
      lastKnownAt: c.lastKnownAt.toISOString(),
    })),
    lastKnownAt: visible[0]?.lastKnownAt.toISOString() ?? null,
    knownElsewhere: visible.length < known.length,
    checkedAt: checkedAt.toISOString(),
  };
}
