import { reactionTo } from './technical-alert';

describe('what a device report opens and closes', () => {
  const react = (facts: Parameters<typeof reactionTo>[0]) => reactionTo(facts, 50);

  it('closes the silence on any report', () => {
    for (const report of ['test', 'low_battery', 'power_off', 'power_on', 'heartbeat'] as const)
      expect(react({ report }).close).toContain('silent');
  });

  it('opens low battery and power off, closes them on a charged battery and power on', () => {
    expect(react({ report: 'low_battery', battery: 8 })).toEqual({
      open: ['low_battery'],
      close: ['silent'],
    });
    expect(react({ report: 'heartbeat', battery: 80 }).close).toContain('low_battery');
    expect(react({ report: 'heartbeat', battery: 30 }).close).not.toContain('low_battery');
    expect(react({ report: 'power_off' }).open).toEqual(['power_off']);
    expect(react({ report: 'power_on' }).close).toContain('power_off');
  });

  it('never closes what the same report opens', () => {
    expect(react({ report: 'low_battery', battery: 90 })).toEqual({
      open: ['low_battery'],
      close: ['silent'],
    });
  });

  it('opens a failed test, and a passed test closes both test alerts', () => {
    expect(react({ report: 'test', failed: true }).open).toEqual(['test_failed']);
    expect(react({ report: 'test' }).close).toEqual(['silent', 'test_failed', 'test_missed']);
  });
});
