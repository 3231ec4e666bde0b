import { isValidImei, manualStatusRefusal, statusAfterReturn } from './device';

describe('devices', () => {
  it('checks the IMEI Luhn digit', () => {
    expect(isValidImei('490154203237518')).toBe(true);
    expect(isValidImei('490154203237519')).toBe(false);
    expect(isValidImei('49015420323751')).toBe(false);
    expect(isValidImei('49015420323751a')).toBe(false);
  });

  it('takes a device back to the status its condition calls for', () => {
    expect(statusAfterReturn('ok')).toBe('available');
    expect(statusAfterReturn('faulty')).toBe('maintenance');
    expect(statusAfterReturn('lost')).toBe('lost');
  });

  it('leaves assignment to allocations, and retired devices retired', () => {
    expect(manualStatusRefusal('assigned', 'available')?.detail).toMatch(/return or swap/);
    expect(manualStatusRefusal('retired', 'available')?.detail).toMatch(/stays retired/);
    expect(manualStatusRefusal('maintenance', 'maintenance')?.detail).toMatch(/already/);
    expect(manualStatusRefusal('maintenance', 'available')).toBeNull();
  });
});
