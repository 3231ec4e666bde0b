/**
 * How a case came in (issue #17). `hotline_24_7`: the network's free 24/7 line; `police_call_out`:
 * a police call-out (main courante, 17); `partner_referral`: a partner organisation referred her
 * (its id, e.g. `cidff-82`, is then required).
 */
export const INTAKE_CHANNELS = [
  'hotline_24_7',
  'complaint',
  'police_call_out',
  'partner_referral',
  'victim_herself',
  'other',
] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** A partner organisation's id: lower-case words joined by dashes (`cidff-82`, `cpas-liege`). */
export const PARTNER_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** The intake of a case; cases opened before issue #17 have none (unknown). */
export interface Intake {
  channel: IntakeChannel;
  /** The referring partner organisation, with `partner_referral` only. */
  partnerId: string | null;
  /** When the situation reached the network. */
  receivedAt: string;
  /** The coordinator who took it (token subject) and their name when known. */
  takenById: string;
  takenByName: string | null;
}

/** What is wrong with an intake as given (pure): a field name and a message, or null. */
export function intakeFault(
  input: {
    channel: IntakeChannel;
    partnerId?: string | null;
    receivedAt?: string;
  },
  now: Date,
): { field: string; message: string } | null {
  if (input.channel === 'partner_referral' && !input.partnerId)
    return { field: 'partnerId', message: 'is required when the channel is partner_referral' };
  if (input.channel !== 'partner_referral' && input.partnerId)
    return { field: 'partnerId', message: 'is given only when the channel is partner_referral' };
  if (input.receivedAt && Date.parse(input.receivedAt) > now.getTime() + 60_000)
    return { field: 'receivedAt', message: 'must not be in the future' };
  return null;
}
