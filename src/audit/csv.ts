import { csv } from '../common/csv';
import { AuditRecord } from './audit-record.entity';

const COLUMNS: Array<keyof AuditRecord> = [
  'occurredAt',
  'actorId',
  'actorRole',
  'action',
  'entityType',
  'entityId',
  'caseId',
  'jurisdiction',
  'outcome',
  'requestId',
  'detail',
];

/** Audit records as CSV (see `csv`: nothing in it runs as a spreadsheet formula). */
export function auditCsv(records: AuditRecord[]): string {
  return csv([COLUMNS, ...records.map((r) => COLUMNS.map((c) => r[c]))]);
}
