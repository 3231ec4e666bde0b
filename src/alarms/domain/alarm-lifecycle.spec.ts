import {
  acknowledgeRefusal,
  nextEscalation,
  policeCallRefusal,
  resolveRefusal,
  retryDelayMs,
} from './alarm-lifecycle';

describe('alarm lifecycle', () => {
  const at = new Date('2026-11-24T20:00:00Z');
  const seconds = (d: Date) => (d.getTime() - at.getTime()) / 1000;

  it('escalates after each step of the chain, the last step repeating', () => {
    const steps = [30, 60, 120];
    expect(seconds(nextEscalation(at, 0, steps))).toBe(30);
    expect(seconds(nextEscalation(at, 1, steps))).toBe(60);
    expect(seconds(nextEscalation(at, 2, steps))).toBe(120);
    expect(seconds(nextEscalation(at, 7, steps))).toBe(120);
    expect(seconds(nextEscalation(at, 3, [45]))).toBe(45);
  });

  it('backs off exponentially from one second, capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 60))).toEqual([
      1000, 2000, 4000, 8000, 16000,
    ]);
    expect(retryDelayMs(12, 60)).toBe(60_000);
    expect(retryDelayMs(0, 60)).toBe(1000);
  });

  it('guards every transition', () => {
    expect(acknowledgeRefusal('open')).toBeNull();
    expect(acknowledgeRefusal('acknowledged')?.detail).toMatch(/already acknowledged/);
    expect(acknowledgeRefusal('resolved')?.detail).toMatch(/resolved/);
    expect(policeCallRefusal('open')).toBeNull();
    expect(policeCallRefusal('acknowledged')).toBeNull();
    expect(policeCallRefusal('resolved')?.detail).toMatch(/resolved/);
    expect(resolveRefusal('open')).toBeNull();
    expect(resolveRefusal('acknowledged')).toBeNull();
    expect(resolveRefusal('resolved')?.detail).toMatch(/already resolved/);
  });
});
