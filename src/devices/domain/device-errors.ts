/** The devices' error codes (`code` of a problem body). */
export const DEVICE_ERRORS = [
  'device.duplicate',
  'device.assigned',
  'device.retired',
  'device.same-status',
  'device.other-stock',
  'device.unavailable',
  'device.already-handed-over',
  'device.none-held',
] as const;
export type DeviceError = (typeof DEVICE_ERRORS)[number];
