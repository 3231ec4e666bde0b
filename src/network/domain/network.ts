import { createHash } from 'node:crypto';

/**
 * Networks and their partner organisations (issue #17): the directory's vocabulary. Pure: no Nest,
 * no TypeORM. A network (réseau VIF, coordination départementale, plate-forme zonale) covers
 * jurisdictions; its members are partner organisations, each with a stable string id (`cidff-82`)
 * that tokens (`partner` role) and other features use.
 */
export const NETWORK_KINDS = [
  'reseau_vif',
  'coordination_departementale',
  'plateforme_zonale',
] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

export const PARTNER_KINDS = [
  'police',
  'gendarmerie',
  'prosecutor_office',
  'social_services',
  'cpas',
  'victim_support',
  'housing',
  'health',
  'psychologist',
  'children_service',
  'authors_programme',
  'legal_advice',
  'municipality',
  'education',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/**
 * What a partner offers a victim, her children or the author — the services a referral asks for:
 * - legal_advice: rights, complaint, family-court procedure (CIDFF, bar, legal-aid office)
 * - psychological_care: consultations for the victim (network psychologist, health centre)
 * - emergency_housing: a place tonight (emergency flat, hotel agreement, shelter)
 * - children_follow_up: follow-up of children exposed or victims (children's service, psychologist)
 * - children_workshop: group workshops for children ("La cabane", 5–10 years)
 * - authors_programme: the authors' cell, responsibility courses
 * - social_support: social worker, income, rights, CPAS help
 * - health_care: medical care, forensic certificate (unité médico-judiciaire)
 * - police_liaison: complaint taking, protection, call-outs (police, gendarmerie, ISCG)
 * - other: anything else, said in the partner's description
 */
export const PARTNER_SERVICES = [
  'legal_advice',
  'psychological_care',
  'emergency_housing',
  'children_follow_up',
  'children_workshop',
  'authors_programme',
  'social_support',
  'health_care',
  'police_liaison',
  'other',
] as const;
export type PartnerService = (typeof PARTNER_SERVICES)[number];

/** Stable ids of networks and partners: lower-case letters, digits and dashes. */
export const DIRECTORY_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A way to reach a partner (staff contact data, not victim data: kept minimal). */
export interface ContactPoint {
  label: string;
  phone?: string;
  email?: string;
  address?: string;
  hours?: string;
}

/** A named person to call at a partner, e.g. STOPP VIF's VIF referent of a municipality. */
export interface Referent {
  name: string;
  role: string;
  municipality?: string;
  phone?: string;
  email?: string;
}

export interface PartnerDefinition {
  id: string;
  name: string;
  kind: PartnerKind;
  description?: string;
  services: PartnerService[];
  municipalities: string[];
  postalCodes: string[];
  contacts: ContactPoint[];
  referents: Referent[];
  active?: boolean;
}

export interface NetworkDefinition {
  id: string;
  name: string;
  kind: NetworkKind;
  jurisdictions: string[];
  description?: string;
  partners: PartnerDefinition[];
}

/** What other features know of a partner (NetworkService.partner). */
export interface PartnerSummary {
  id: string;
  name: string;
  kind: PartnerKind;
  services: PartnerService[];
  networkId: string;
  /** The jurisdictions its network covers. */
  jurisdictions: string[];
  active: boolean;
}

/** What other features know of a network (NetworkService.networksCovering). */
export interface NetworkSummary {
  id: string;
  name: string;
  kind: NetworkKind;
  jurisdictions: string[];
}

/** Lower-case, accents removed, spaces squeezed: "Saint-Nicolas" and "saint nicolas " compare equal. */
export function placeKey(place: string): string {
  return place
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s'’-]+/g, ' ')
    .trim();
}

/**
 * The UUID audit records file a directory entry under (their entity id is a UUID): derived from its
 * kind and string id, so every record of one partner carries the same; the string id goes in the
 * record's detail.
 */
export function directoryAuditId(entityType: 'network' | 'partner', id: string): string {
  const hex = createHash('md5').update(`${entityType}:${id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
