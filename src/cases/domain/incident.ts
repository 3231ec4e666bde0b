import { INTAKE_CHANNELS, IntakeChannel } from './intake';

/** What happened again (MARAC: any new incident within 12 months counts the victim as a repeat). */
export const INCIDENT_KINDS = ['violence', 'threat', 'breach_of_ban', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** How the network learned of the incident: the same channels a case comes in by. */
export const INCIDENT_SOURCES = INTAKE_CHANNELS;
export type IncidentSource = IntakeChannel;
