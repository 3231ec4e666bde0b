import { readDeviceEvent } from './device-event-input';

const valid = {
  eventId: 'e-1',
  device: 'SN-1',
  type: 'distress',
  occurredAt: '2026-11-24T09:00:00Z',
};

describe('reading a gateway body', () => {
  it('reads a valid event as it came', () => {
    const read = readDeviceEvent(valid);
    expect(read.errors).toEqual([]);
    expect(read.input.eventId).toBe('e-1');
    expect(read.raw).toBe(valid);
  });

  it('keeps a malformed distress under its own id, or its content hash when the id is unusable', () => {
    const own = readDeviceEvent({ ...valid, occurredAt: 'yesterday' });
    expect(own).toMatchObject({ distress: true, input: { eventId: 'e-1', type: 'distress' } });
    expect(own.errors.map((e) => e.field)).toEqual(['occurredAt']);
    const nul = { ...valid, eventId: 'e\u0000' };
    const first = readDeviceEvent(nul);
    expect(first.distress).toBe(true);
    expect(first.input.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Posted again, the same body gets the same id, hence the same stored answer.
    expect(readDeviceEvent(nul).input.eventId).toBe(first.input.eventId);
  });

  it('does not keep a malformed body that is no distress, nor a scalar', () => {
    expect(readDeviceEvent({ ...valid, type: 'test', occurredAt: 'x' }).distress).toBe(false);
    expect(readDeviceEvent('distress-ish text').errors).not.toEqual([]);
  });
});
