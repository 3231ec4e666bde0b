import type { Schemas } from '../../api/client';

/** A case as the service answers it. */
export type CaseFile = Schemas['CaseDto'];

/** A panel of the case page: the case, whether the user may act on it, and the case once changed. */
export interface CasePanelProps {
  file: CaseFile;
  canAct: boolean;
  onChanged(next: CaseFile): void;
}
export type Consent = Schemas['ConsentDto'];
type CreateBody = Schemas['CreateCaseDto'];
type PatchBody = Schemas['UpdateCaseDto'];

export const STATUSES = ['open', 'enrolled', 'closed'] as const;
export const CONSENT_PURPOSES = [
  'tgd_allocation',
  'geolocation',
  'information_sharing',
  'data_processing',
] as const;
export const CONSENT_MEANS = ['in_person', 'written', 'phone', 'other'] as const;
export const MEASURE_TYPES = [
  'protection_order',
  'contact_ban',
  'alternative_to_prosecution',
  'composition_penale',
  'judicial_supervision',
  'electronic_house_arrest',
  'conviction',
  'sentence_adjustment',
  'safety_measure',
  'anti_approach_bracelet',
] as const;
export const WEAPONS = ['firearm_declared', 'firearm_undeclared', 'knife', 'other'] as const;
export const LANGUAGES = ['fr', 'en', 'ar', 'es', 'pt', 'tr', 'ro', 'de', 'it', 'nl'] as const;

export interface AddressValues {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface ConsentValues {
  purpose: string;
  given: 'yes' | 'no';
  /** `YYYY-MM-DDTHH:mm`, local time, as a datetime-local input gives it. */
  recordedAt: string;
  how: string;
  note: string;
  /** The partner organisation, for information sharing only. */
  recipient: string;
}

export interface MeasureValues {
  type: string;
  issuedAt: string;
  expiresAt: string;
  reference: string;
}

export interface ChildValues {
  /** The child's id once recorded: sent back so that its follow-up stays with it. */
  id?: string;
  /** As read: its note is kept (the form edits the name and phone). */
  schoolContact?: Schemas['SchoolContactDto'];
  /** A school or childcare contact, where given. */
  schoolName: string;
  schoolPhone: string;
  firstName: string;
  age: number | string;
  exposed: boolean;
  victim: boolean;
}

/** The form's values: every text a string ('' when empty), as inputs hold them. */
export interface CaseValues {
  jurisdiction: string;
  /** How the case came in (new cases only). */
  intake: { channel: string; partnerId: string; receivedAt: string };
  victim: {
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    phone: string;
    preferredLanguage: string;
    address: AddressValues;
  };
  /** Consents entered now: appended to the record, which is never changed. */
  newConsents: ConsentValues[];
  author: {
    firstName: string;
    lastName: string;
    description: string;
    address: AddressValues;
    livesWithVictim: 'yes' | 'no' | 'unknown';
    knownWeapons: string[];
    judicialMeasures: MeasureValues[];
  };
  children: ChildValues[];
}

const emptyAddress = (): AddressValues => ({
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  country: 'FR',
});

/** Now, as a datetime-local input holds it (local time, to the minute). */
export function localNow(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export const newConsent = (): ConsentValues => ({
  purpose: '',
  given: 'yes',
  recordedAt: localNow(),
  how: 'in_person',
  note: '',
  recipient: '',
});
export const newMeasure = (): MeasureValues => ({
  type: '',
  issuedAt: '',
  expiresAt: '',
  reference: '',
});
export const newChild = (): ChildValues => ({
  schoolName: '',
  schoolPhone: '',
  firstName: '',
  age: '',
  exposed: true,
  victim: false,
});

export function emptyCase(jurisdiction = ''): CaseValues {
  return {
    jurisdiction,
    intake: { channel: '', partnerId: '', receivedAt: localNow() },
    victim: {
      firstName: '',
      lastName: '',
      dateOfBirth: '',
      phone: '',
      preferredLanguage: 'fr',
      address: emptyAddress(),
    },
    newConsents: [],
    author: {
      firstName: '',
      lastName: '',
      description: '',
      address: emptyAddress(),
      livesWithVictim: 'unknown',
      knownWeapons: [],
      judicialMeasures: [],
    },
    children: [],
  };
}

function addressValues(address?: Schemas['AddressDto'] | null): AddressValues {
  return {
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    postalCode: address?.postalCode ?? '',
    city: address?.city ?? '',
    country: address?.country ?? 'FR',
  };
}

/** The form's values for a stored case (its consents stay in the record, shown apart). */
export function caseValues(file: CaseFile): CaseValues {
  const { victim, author } = file;
  return {
    jurisdiction: file.jurisdiction,
    // The intake is given once, at opening; an edit does not send it.
    intake: { channel: '', partnerId: '', receivedAt: '' },
    victim: {
      firstName: victim.firstName ?? '',
      lastName: victim.lastName,
      dateOfBirth: victim.dateOfBirth ?? '',
      phone: victim.phone ?? '',
      preferredLanguage: victim.preferredLanguage ?? '',
      address: addressValues(victim.address),
    },
    newConsents: [],
    author: {
      firstName: author?.firstName ?? '',
      lastName: author?.lastName ?? '',
      description: author?.description ?? '',
      address: addressValues(author?.address),
      livesWithVictim:
        author?.livesWithVictim === true
          ? 'yes'
          : author?.livesWithVictim === false
            ? 'no'
            : 'unknown',
      knownWeapons: [...(author?.knownWeapons ?? [])],
      judicialMeasures: (author?.judicialMeasures ?? []).map((m) => ({
        type: m.type,
        issuedAt: m.issuedAt,
        expiresAt: m.expiresAt ?? '',
        reference: m.reference ?? '',
      })),
    },
    children: file.children.map((c) => ({
      id: c.id,
      schoolContact: c.schoolContact ?? undefined,
      schoolName: c.schoolContact?.name ?? '',
      schoolPhone: c.schoolContact?.phone ?? '',
      firstName: c.firstName ?? '',
      age: c.age,
      exposed: c.exposed,
      victim: c.victim,
    })),
  };
}

const text = (value: string) => value.trim() || undefined;
/** A phone as typed, without the spaces, dots and dashes people write between digits. */
export const compactPhone = (value: string) => value.replace(/[\s.-]/g, '');

/** An address, or nothing when none of its own fields is filled (the country alone is a default). */
function address(values: AddressValues): Schemas['AddressDto'] | undefined {
  if (![values.line1, values.line2, values.postalCode, values.city].some((v) => v.trim()))
    return undefined;
  return {
    line1: values.line1.trim(),
    line2: text(values.line2),
    postalCode: text(values.postalCode.toUpperCase()),
    city: values.city.trim(),
    country: values.country.trim().toUpperCase(),
  };
}

function consent(values: ConsentValues): Consent {
  return {
    purpose: values.purpose as Consent['purpose'],
    given: values.given === 'yes',
    recordedAt: new Date(values.recordedAt).toISOString(),
    how: (values.how || undefined) as Consent['how'],
    note: text(values.note),
    recipient:
      values.purpose === 'information_sharing' ? text(values.recipient.toLowerCase()) : undefined,
  };
}

function victimBody(values: CaseValues): Schemas['VictimDto'] {
  const v = values.victim;
  return {
    firstName: text(v.firstName),
    lastName: v.lastName.trim(),
    dateOfBirth: v.dateOfBirth || undefined,
    phone: text(compactPhone(v.phone)),
    preferredLanguage: v.preferredLanguage || undefined,
    address: address(v.address),
  };
}

function authorBody(values: CaseValues): Schemas['AuthorDto'] {
  const a = values.author;
  return {
    firstName: text(a.firstName),
    lastName: text(a.lastName),
    description: text(a.description),
    address: address(a.address),
    livesWithVictim: a.livesWithVictim === 'unknown' ? undefined : a.livesWithVictim === 'yes',
    knownWeapons: a.knownWeapons.length
      ? (a.knownWeapons as NonNullable<Schemas['AuthorDto']['knownWeapons']>)
      : undefined,
    judicialMeasures: a.judicialMeasures.length
      ? a.judicialMeasures.map((m) => ({
          type: m.type as Schemas['JudicialMeasureDto']['type'],
          issuedAt: m.issuedAt,
          expiresAt: m.expiresAt || undefined,
          reference: text(m.reference),
        }))
      : undefined,
  };
}

function childrenBody(values: CaseValues): Schemas['ChildDto'][] {
  return values.children.map((c) => ({
    id: c.id,
    firstName: text(c.firstName),
    age: Number(c.age),
    exposed: c.exposed,
    victim: c.victim,
    schoolContact: c.schoolName.trim()
      ? {
          name: c.schoolName.trim(),
          phone: text(compactPhone(c.schoolPhone)),
          note: c.schoolContact?.note ?? undefined,
        }
      : undefined,
  }));
}

/** A child as the form sends it, in one key order, to tell whether the list changed. */
const childShape = (c: Schemas['ChildDto']) =>
  [c.id ?? null, c.firstName ?? null, c.age, c.exposed, c.victim, c.schoolContact ?? null] as const;

const isEmpty = (value: object) => Object.values(value).every((v) => v === undefined);

/** What POST /cases wants. */
export function createBody(values: CaseValues): CreateBody {
  const author = authorBody(values);
  return {
    jurisdiction: values.jurisdiction.trim(),
    intake: values.intake.channel
      ? {
          channel: values.intake.channel as NonNullable<CreateBody['intake']>['channel'],
          partnerId:
            values.intake.channel === 'partner_referral'
              ? text(values.intake.partnerId.toLowerCase())
              : undefined,
          receivedAt: values.intake.receivedAt
            ? new Date(values.intake.receivedAt).toISOString()
            : undefined,
        }
      : undefined,
    victim: {
      ...victimBody(values),
      consents: values.newConsents.length ? values.newConsents.map(consent) : undefined,
    },
    author: isEmpty(author) ? undefined : author,
    children: values.children.length ? childrenBody(values) : undefined,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What PATCH /cases/{id} wants: only the keys that changed inside victim and author (`null` clears
 * an optional one), the children when they changed, and the new consents. Undefined: nothing to send.
 */
export function patchBody(file: CaseFile, values: CaseValues): PatchBody | undefined {
  const patch: PatchBody = {};
  const victim: Record<string, unknown> = {};
  const nextVictim = victimBody(values) as Record<string, unknown>;
  const storedVictim = file.victim as Record<string, unknown>;
  for (const [key, value] of Object.entries(nextVictim))
    if (!same(value, storedVictim[key])) victim[key] = value ?? null;
  if (values.newConsents.length) victim.consents = values.newConsents.map(consent);
  if (Object.keys(victim).length) patch.victim = victim as PatchBody['victim'];

  const author: Record<string, unknown> = {};
  const storedAuthor = (file.author ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(authorBody(values) as Record<string, unknown>))
    if (!same(value, storedAuthor[key])) author[key] = value ?? null;
  if (Object.keys(author).length) patch.author = author as PatchBody['author'];

  const children = childrenBody(values);
  if (!same(children.map(childShape), file.children.map(childShape))) patch.children = children;
  return Object.keys(patch).length ? patch : undefined;
}

/** The latest entry of each purpose: the consent in force. */
export function consentsInForce(consents?: readonly Consent[] | null): Consent[] {
  // Sharing is consented to per recipient: each named partner has its own entry in force.
  const latest = new Map<string, Consent>();
  for (const entry of consents ?? []) {
    const key = `${entry.purpose}:${entry.recipient ?? ''}`;
    const known = latest.get(key);
    if (!known || Date.parse(entry.recordedAt) >= Date.parse(known.recordedAt))
      latest.set(key, entry);
  }
  return CONSENT_PURPOSES.flatMap((purpose) =>
    [...latest.values()].filter((entry) => entry.purpose === purpose),
  );
}

/**
 * Where the service's `errors[].field` lands in the form: the same dotted path, except the
 * consents, which the form holds apart as new entries (sent in the same order).
 */
export function formPath(field: string): string {
  return field.replace(/^victim\.consents(?=\.|$)/, 'newConsents');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PHONE = /^\+\d{7,15}$/;
/** A partner organisation's id in the directory, e.g. `cidff-82`. */
const PARTNER = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Checks that cost nothing before asking the service, as its DTOs say; keys are message keys. */
export function clientErrors(values: CaseValues, creating: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (creating && !/^[A-Z]{2}(-[A-Z0-9]{1,8}){1,3}$/.test(values.jurisdiction.trim()))
    errors.jurisdiction = 'jurisdiction';
  if (creating) {
    const partner = values.intake.partnerId.trim().toLowerCase();
    if (values.intake.channel === 'partner_referral' && !PARTNER.test(partner))
      errors['intake.partnerId'] = partner ? 'partnerId' : 'required';
    if (values.intake.receivedAt && values.intake.receivedAt > localNow())
      errors['intake.receivedAt'] = 'pastDateTime';
  }
  const v = values.victim;
  if (!v.lastName.trim()) errors['victim.lastName'] = 'required';
  if (v.dateOfBirth && (!DATE.test(v.dateOfBirth) || v.dateOfBirth > localNow().slice(0, 10)))
    errors['victim.dateOfBirth'] = 'pastDate';
  if (v.phone.trim() && !PHONE.test(compactPhone(v.phone))) errors['victim.phone'] = 'phone';
  addressErrors(v.address, 'victim.address', errors);
  addressErrors(values.author.address, 'author.address', errors);
  values.newConsents.forEach((c, i) => {
    if (!c.purpose) errors[`newConsents.${i}.purpose`] = 'required';
    if (!c.recordedAt || Number.isNaN(Date.parse(c.recordedAt)))
      errors[`newConsents.${i}.recordedAt`] = 'dateTime';
    const recipient = c.recipient.trim().toLowerCase();
    if (c.purpose === 'information_sharing' && recipient && !PARTNER.test(recipient))
      errors[`newConsents.${i}.recipient`] = 'partnerId';
  });
  values.author.judicialMeasures.forEach((m, i) => {
    if (!m.type) errors[`author.judicialMeasures.${i}.type`] = 'required';
    if (!DATE.test(m.issuedAt)) errors[`author.judicialMeasures.${i}.issuedAt`] = 'date';
    if (m.expiresAt && !DATE.test(m.expiresAt))
      errors[`author.judicialMeasures.${i}.expiresAt`] = 'date';
    else if (m.expiresAt && DATE.test(m.issuedAt) && m.expiresAt < m.issuedAt)
      errors[`author.judicialMeasures.${i}.expiresAt`] = 'expiresBeforeIssued';
  });
  values.children.forEach((c, i) => {
    const age = Number(c.age);
    if (c.age === '' || !Number.isInteger(age) || age < 0 || age > 25)
      errors[`children.${i}.age`] = 'age';
    if (c.schoolPhone.trim() && !PHONE.test(compactPhone(c.schoolPhone)))
      errors[`children.${i}.schoolPhone`] = 'phone';
    if (c.schoolPhone.trim() && !c.schoolName.trim())
      errors[`children.${i}.schoolName`] = 'required';
  });
  return errors;
}

function addressErrors(values: AddressValues, path: string, errors: Record<string, string>) {
  if (!address(values)) return;
  if (!values.line1.trim()) errors[`${path}.line1`] = 'required';
  if (!values.city.trim()) errors[`${path}.city`] = 'required';
  if (!/^[A-Za-z]{2}$/.test(values.country.trim())) errors[`${path}.country`] = 'country';
  if (
    values.postalCode.trim() &&
    !/^[A-Z0-9 -]{3,10}$/.test(values.postalCode.trim().toUpperCase())
  )
    errors[`${path}.postalCode`] = 'postalCode';
}
