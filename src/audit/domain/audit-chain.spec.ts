import { ChainedRecord, GENESIS, linkHash } from './audit-chain';

const record: ChainedRecord = {
  id: '1',
  occurredAt: new Date('2026-11-25T10:00:00Z'),
  actorId: 'coord-82',
  actorRole: 'coordinator',
  action: 'case.read',
  entityType: 'case',
  entityId: null,
  caseId: null,
  jurisdiction: 'FR-82',
  requestId: 'r1',
  outcome: 'success',
  detail: { b: 1, a: [1, 2] },
};

describe('audit chain link', () => {
  it('is the same for the same record, whatever the key order of its detail', () => {
    expect(linkHash(GENESIS, record)).toBe(
      linkHash(GENESIS, { ...record, detail: { a: [1, 2], b: 1 } }),
    );
  });

  it('changes with any field and with the previous link', () => {
    const base = linkHash(GENESIS, record);
    expect(linkHash(GENESIS, { ...record, action: 'case.update' })).not.toBe(base);
    expect(linkHash(GENESIS, { ...record, detail: { b: 2, a: [1, 2] } })).not.toBe(base);
    expect(linkHash(base, record)).not.toBe(base);
  });
});
