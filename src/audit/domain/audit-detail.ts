/** How a read or write of protected data ended. */
export type AuditOutcome = 'success' | 'denied' | 'not_found' | 'rejected';
/** What an audit record says beside its action: ids, counts and field names, never content. */
export type AuditDetail = Record<string, string | number | boolean | null | string[]>;
