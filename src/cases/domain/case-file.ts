/** The personal content of a victim file, as the domain sees it (stored sealed). */

/** Purposes the victim consents to; `tgd_allocation` is required by CPP art. 41-3-1 ("accord exprès"). */
export const CONSENT_PURPOSES = [
  'tgd_allocation',
  'geolocation',
  'information_sharing',
  'data_processing',
] as const;

/** Judicial measures that forbid the author to contact the victim (CPP art. 41-3-1, condition 1). */
export const JUDICIAL_MEASURE_TYPES = [
  'protection_order', // ordonnance de protection
  'contact_ban', // interdiction de contact
  'alternative_to_prosecution', // alternative aux poursuites
  'composition_penale',
  'judicial_supervision', // contrôle judiciaire
  'electronic_house_arrest', // assignation à résidence sous surveillance électronique
  'conviction', // condamnation
  'sentence_adjustment', // aménagement de peine
  'safety_measure', // mesure de sûreté
  'anti_approach_bracelet', // bracelet anti-rapprochement
] as const;

export const WEAPON_KINDS = ['firearm_declared', 'firearm_undeclared', 'knife', 'other'] as const;

export interface Address {
  line1: string;
  line2?: string;
  postalCode?: string;
  city: string;
  country: string;
}

/** How the victim expressed a consent or its withdrawal. */
export const CONSENT_MEANS = ['in_person', 'written', 'phone', 'other'] as const;

/**
 * One dated entry of the consent record: given or withdrawn (refused), for one purpose. Entries
 * are never changed nor removed; the latest of a purpose is in force.
 */
export interface Consent {
  purpose: (typeof CONSENT_PURPOSES)[number];
  given: boolean;
  /** When the victim expressed it. */
  recordedAt: string;
  how?: (typeof CONSENT_MEANS)[number];
  note?: string;
  /** Who entered it (token subject), set by the service. */
  recordedBy?: string;
  /**
   * The partner organisation it is given to (`cidff-82`), for `information_sharing` only: consent
   * to share is given to a named recipient (need-to-know, GDPR art. 9); absent, it is general.
   */
  recipient?: string;
}

export interface Victim {
  firstName?: string;
  lastName: string;
  dateOfBirth?: string;
  phone?: string;
  address?: Address;
  preferredLanguage?: string;
  consents?: Consent[];
}

export interface JudicialMeasure {
  type: (typeof JUDICIAL_MEASURE_TYPES)[number];
  issuedAt: string;
  expiresAt?: string;
  reference?: string;
}

export interface Author {
  firstName?: string;
  lastName?: string;
  description?: string;
  address?: Address;
  /** Cohabitation bars a TGD (CPP art. 41-3-1); unknown when absent. */
  livesWithVictim?: boolean;
  knownWeapons?: (typeof WEAPON_KINDS)[number][];
  judicialMeasures?: JudicialMeasure[];
  /** The authors' cell's first follow-up (free, STOPP VIF's "cellule auteurs"): offered, taken up. */
  authorsCell?: AuthorsCell;
  /** Stage de responsabilisation (C. pén. art. 131-5-1): ordered, completed. */
  responsibilityCourse?: ResponsibilityCourse;
}

export interface AuthorsCell {
  /** The authors' programme partner organisation (directory id). */
  partnerId?: string;
  offeredOn: string;
  takenUpOn?: string;
}

export interface ResponsibilityCourse {
  orderedOn: string;
  completedOn?: string;
  reference?: string;
}

/** Where a child can be reached through professionals: a school or a childcare (sealed with the case). */
export interface SchoolContact {
  name: string;
  phone?: string;
  note?: string;
}

export interface Child {
  /** Stable id (issue #17); children recorded before it get one when read (domain/children.ts). */
  id?: string;
  firstName?: string;
  /** The age as given on `ageGivenOn`; read, it is the age today (see ageOn). */
  age: number;
  /** The day the age was given (YYYY-MM-DD), set by the service; none for children recorded before. */
  ageGivenOn?: string;
  exposed: boolean;
  victim: boolean;
  schoolContact?: SchoolContact;
  /** Written only through the follow-up route, never by a PATCH of the case. */
  followUp?: ChildFollowUp[];
}

/** One entry of a child's follow-up; which fields it holds depends on its kind. */
export interface ChildFollowUp {
  id: string;
  kind: 'psychologist' | 'workshop' | 'childrens_judge';
  /** The partner organisation (psychologist, workshop organiser). */
  partnerId?: string;
  /** Psychologist: the first appointment, and whether the care goes on. */
  firstAppointmentOn?: string;
  ongoing?: boolean;
  /** Workshop: which one, and the day attended. */
  workshop?: 'la_cabane';
  attendedOn?: string;
  /** Children's judge (juge des enfants): when, by whom, the court's reference. */
  referredOn?: string;
  referredBy?: string;
  reference?: string;
  note?: string;
  recordedAt: string;
  recordedBy: string;
}
