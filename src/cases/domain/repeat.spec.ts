import { repeatView, repeatWindowStart } from './repeat';

const at = new Date('2026-11-25T10:00:00Z');
const known = [
  {
    id: 'a',
    reference: 'FR-82-2026-AAAAAA',
    jurisdiction: 'FR-82',
    lastKnownAt: new Date('2026-03-01T00:00:00Z'),
  },
  {
    id: 'b',
    reference: 'FR-82-2026-BBBBBB',
    jurisdiction: 'FR-82',
    lastKnownAt: new Date('2026-09-01T00:00:00Z'),
  },
  {
    id: 'c',
    reference: 'FR-71-2026-CCCCCC',
    jurisdiction: 'FR-71',
    lastKnownAt: new Date('2026-10-01T00:00:00Z'),
  },
];

describe("MARAC's repeat rule", () => {
  it('looks twelve calendar months back', () => {
    expect(repeatWindowStart(at).toISOString()).toBe('2025-11-25T10:00:00.000Z');
  });

  it('names the cases the reader may see, newest first, and only says "elsewhere" of the others', () => {
    const view = repeatView(known, (j) => j === 'FR-82', at)!;
    expect(view.previousCases.map((c) => c.id)).toEqual(['b', 'a']);
    expect(view.lastKnownAt).toBe('2026-09-01T00:00:00.000Z');
    expect(view.knownElsewhere).toBe(true);
    expect(JSON.stringify(view)).not.toContain('FR-71');
  });

  it('is not a repeat without another case, and not "elsewhere" when all are visible', () => {
    expect(repeatView([], () => true, at)).toBeNull();
    expect(repeatView(known, () => true, at)!.knownElsewhere).toBe(false);
    const hidden = repeatView(known, () => false, at)!;
    expect(hidden).toMatchObject({ previousCases: [], lastKnownAt: null, knownElsewhere: true });
  });
});
