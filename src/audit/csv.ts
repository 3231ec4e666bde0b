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

/**
 * Audit records as CSV (RFC 4180). A cell a spreadsheet would run as a formula (=, +, -, @) is
 * prefixed with a quote mark, so opening the file executes nothing.
 */
export function auditCsv(records: AuditRecord[]): string {
  const cell = (value: unknown): string => {
    let text =
      value === null || value === undefined
        ? ''
        : value instanceof Date
          ? value.toISOString()
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [COLUMNS.join(','), ...records.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))]
    .join('\r\n')
    .concat('\r\n');
}
