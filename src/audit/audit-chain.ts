import { DataSource } from 'typeorm';

import { ChainedRecord, GENESIS, linkHash } from './domain/audit-chain';

const BATCH = 1000;
/** One sealer at a time, whatever the number of instances. */
const SEAL_LOCK = 72_465_001;
const RECORD_COLUMNS = `a.id::text AS id, a.occurred_at AS "occurredAt", a.actor_id AS "actorId",
  a.actor_role AS "actorRole", a.action, a.entity_type AS "entityType", a.entity_id AS "entityId",
  a.case_id AS "caseId", a.jurisdiction, a.request_id AS "requestId", a.outcome, a.detail`;

/**
 * Links the records committed since the last link, in (writing transaction, id) order, once every
 * older transaction has ended (so a record committed late is never skipped). Returns how many.
 */
export async function sealAuditChain(db: DataSource): Promise<number> {
  return db.transaction(async (manager) => {
    const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
      SEAL_LOCK,
    ]);
    if (!locked) return 0;
    const [last] = await manager.query(
      `SELECT c.hash, coalesce(a.tx, 0)::text AS tx, a.id::text AS id FROM audit_chain c
       JOIN audit_record a ON a.id = c.record_id ORDER BY c.position DESC LIMIT 1`,
    );
    const records: Array<ChainedRecord & { tx: string }> = await manager.query(
      `SELECT ${RECORD_COLUMNS}, coalesce(a.tx, 0)::text AS tx FROM audit_record a
       WHERE (coalesce(a.tx, 0), a.id) > ($1::bigint, $2::bigint)
         AND coalesce(a.tx, 0) < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
       ORDER BY coalesce(a.tx, 0), a.id LIMIT ${BATCH}`,
      [last?.tx ?? '-1', last?.id ?? '0'],
    );
    let previous: string = last?.hash ?? GENESIS;
    const hashes = records.map((record) => (previous = linkHash(previous, record)));
    if (records.length > 0)
      await manager.query(
        `INSERT INTO audit_chain (record_id, hash) SELECT * FROM unnest($1::bigint[], $2::text[])`,
        [records.map((r) => r.id), hashes],
      );
    return records.length;
  });
}

export interface ChainReport {
  links: number;
  /** Null when every link holds. */
  broken: { position: string; recordId: string; fault: string } | null;
  /** Records not linked yet (written in the last seconds, or never sealed). */
  unlinked: number;
}

/** Walks the chain from the first link and names the first one that no longer holds. */
export async function verifyAuditChain(db: DataSource): Promise<ChainReport> {
  let previous = GENESIS;
  let after = '0';
  let links = 0;
  for (;;) {
    const rows: Array<
      ChainedRecord & { position: string; recordId: string; hash: string; found: boolean }
    > = await db.query(
      `SELECT c.position::text AS position, c.record_id::text AS "recordId", c.hash,
           a.id IS NOT NULL AS found, ${RECORD_COLUMNS}
         FROM audit_chain c LEFT JOIN audit_record a ON a.id = c.record_id
         WHERE c.position > $1 ORDER BY c.position LIMIT ${BATCH}`,
      [after],
    );
    for (const row of rows) {
      const fault = !row.found
        ? 'the record is missing'
        : linkHash(previous, row) !== row.hash
          ? 'the record, or a record before it, was changed'
          : null;
      if (fault)
        return {
          links,
          broken: { position: row.position, recordId: row.recordId, fault },
          unlinked: 0,
        };
      previous = row.hash;
      after = row.position;
      links += 1;
    }
    if (rows.length < BATCH) break;
  }
  const [{ unlinked }] = await db.query(
    `SELECT count(*)::int AS unlinked FROM audit_record a
     WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.record_id = a.id)`,
  );
  return { links, broken: null, unlinked };
}
