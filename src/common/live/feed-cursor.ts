/**
 * A position in a live journal (the alarm feed, the TGD requests): the writing transaction's id, then the row id. Every instance reads
 * the journal in this order, so a console can resume on any of them from the last position it saw
 * (SSE `Last-Event-ID`). Pure: no Nest, no TypeORM.
 */
export interface FeedCursor {
  tx: bigint;
  id: bigint;
}

const FORMAT = /^(\d{1,19})-(\d{1,19})$/;

export function formatCursor(cursor: FeedCursor): string {
  return `${cursor.tx}-${cursor.id}`;
}

/** The cursor a console sent back, or null when it is not one of ours. */
export function parseCursor(text: string | undefined | null): FeedCursor | null {
  const match = FORMAT.exec(text?.trim() ?? '');
  return match ? { tx: BigInt(match[1]), id: BigInt(match[2]) } : null;
}

/** Negative, zero or positive as `a` comes before, with or after `b`. */
export function compareCursors(a: FeedCursor, b: FeedCursor): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
