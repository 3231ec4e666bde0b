import { compareCursors, formatCursor, parseCursor } from './feed-cursor';

describe('feed cursor', () => {
  it('round-trips through its text form', () => {
    const cursor = { tx: 9_007_199_254_740_993n, id: 42n };
    expect(parseCursor(formatCursor(cursor))).toEqual(cursor);
  });

  it('refuses what it did not write', () => {
    for (const text of ['', '12', '1-2-3', 'a-b', '-1-2', `${'9'.repeat(20)}-1`, undefined, null])
      expect(parseCursor(text)).toBeNull();
  });

  it('orders by transaction, then by row', () => {
    const at = (tx: bigint, id: bigint) => ({ tx, id });
    expect(compareCursors(at(1n, 9n), at(2n, 1n))).toBeLessThan(0);
    expect(compareCursors(at(2n, 1n), at(2n, 3n))).toBeLessThan(0);
    expect(compareCursors(at(2n, 3n), at(2n, 3n))).toBe(0);
    expect(compareCursors(at(3n, 1n), at(2n, 30n))).toBeGreaterThan(0);
  });
});
