import { createHash } from 'node:crypto';

/** The first link's predecessor. */
export const GENESIS = '0'.repeat(64);

/** The fields of an audit record the chain vouches for, as read back from the database. */
export interface ChainedRecord {
  id: string;
  occurredAt: Date;
  actorId: string;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  jurisdiction: string | null;
  requestId: string | null;
  outcome: string;
  detail: unknown;
}

/**
 * A link: the hash of the previous link and of one record, so that changing, removing or
 * reordering any record breaks every link after it. Pure.
 */
export function linkHash(previous: string, record: ChainedRecord): string {
  const fields = [
    record.id,
    record.occurredAt.toISOString(),
    record.actorId,
    record.actorRole,
    record.action,
    record.entityType,
    record.entityId,
    record.caseId,
    record.jurisdiction,
    record.requestId,
    record.outcome,
    canonical(record.detail),
  ];
  return createHash('sha256').update(previous).update(JSON.stringify(fields)).digest('hex');
}

/** JSON with object keys sorted, so a value hashes the same however it was written. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}
