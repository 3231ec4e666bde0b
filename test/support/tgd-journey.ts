import { randomUUID } from 'node:crypto';

import { signDevToken } from '../../src/auth/token-verifier';
import { newCase, TestApp } from './test-app';

/** Headers for a role of FR-82 (or the given jurisdictions). */
export async function as(
  t: TestApp,
  role: Parameters<TestApp['token']>[0],
  jurisdictions = ['FR-82'],
) {
  return { Authorization: `Bearer ${await t.token(role, jurisdictions)}` };
}

/** Headers for the staff of a partner organisation (role `partner`, its id in the token). */
export async function asPartner(t: TestApp, organisation: string, jurisdictions = ['FR-82']) {
  const token = await signDevToken(t.config, {
    roles: ['partner'],
    jurisdictions,
    subject: `staff@${organisation}`,
    partnerOrganisationId: organisation,
  });
  return { Authorization: `Bearer ${token}` };
}

let serial = 0;

/** A valid IMEI: 14 digits and their Luhn check digit. */
export function imei(seed: number): string {
  const body = String(35_000_000_000_000 + seed)
    .slice(0, 14)
    .padStart(14, '0');
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(body[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

export async function registerDevice(t: TestApp, jurisdiction = 'FR-82') {
  serial += 1;
  const seed = Math.floor(Math.random() * 1e9) * 1000 + serial;
  const res = await t.http
    .post('/api/v1/devices')
    .set(await as(t, 'admin', [jurisdiction]))
    .send({
      serialNumber: `TGD-${jurisdiction}-${seed}`,
      imei: imei(seed),
      phoneNumber: '+33600000000',
      model: 'Alcatel 2053',
      jurisdiction,
    });
  if (res.status !== 201) throw new Error(`device: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; serialNumber: string };
}

/** A case of FR-82 with the victim's consent, and a submitted assessment showing grave danger. */
export async function assessedCase(
  t: TestApp,
  yes = ['strangulation', 'menaces_de_mort'],
  caseOverrides = {},
) {
  const coordinator = await as(t, 'coordinator');
  const kase = (
    await t.http.post('/api/v1/cases').set(coordinator).send(newCase('FR-82', caseOverrides))
  ).body;
  const grid = (
    await t.http.get('/api/v1/questionnaires/fr-grille-evaluation-danger').set(coordinator)
  ).body.definition;
  const draft = (
    await t.http
      .post(`/api/v1/cases/${kase.id}/assessments`)
      .set(coordinator)
      .send({ questionnaireId: grid.id })
  ).body;
  const answers = Object.fromEntries(
    grid.items
      .filter((i: { type: string }) => i.type === 'yes_no')
      .map((i: { id: string }) => [i.id, yes.includes(i.id) ? 'yes' : 'no']),
  );
  await t.http.patch(`/api/v1/assessments/${draft.id}`).set(coordinator).send({ answers });
  const assessment = (await t.http.post(`/api/v1/assessments/${draft.id}/submit`).set(coordinator))
    .body;
  return { kase, assessment };
}

/** An approved request and its active allocation. */
export async function activeAllocation(t: TestApp) {
  const { kase, assessment } = await assessedCase(t);
  const request = (
    await t.http
      .post(`/api/v1/cases/${kase.id}/tgd-requests`)
      .set(await as(t, 'coordinator'))
      .send({ assessmentId: assessment.id })
  ).body;
  const decided = await t.http
    .post(`/api/v1/tgd-requests/${request.id}/decision`)
    .set(await as(t, 'prosecutor'))
    .send({ decision: 'approve', reasons: 'Danger grave et imminent, auteur non interpellé.' });
  if (decided.status !== 200)
    throw new Error(`decision: ${decided.status} ${JSON.stringify(decided.body)}`);
  const allocation = (
    await t.http
      .get(`/api/v1/allocations/${decided.body.allocationId}`)
      .set(await as(t, 'prosecutor'))
  ).body;
  return { kase, assessment, request: decided.body, allocation };
}

/** An active allocation with a device of its court handed over: what a gateway's events reach. */
export async function enrolledDevice(t: TestApp) {
  const { kase, allocation } = await activeAllocation(t);
  const device = await registerDevice(t);
  const handed = await t.http
    .post(`/api/v1/allocations/${allocation.id}/device`)
    .set(await as(t, 'coordinator'))
    .send({ deviceId: device.id });
  if (handed.status !== 200)
    throw new Error(`device hand-over: ${handed.status} ${JSON.stringify(handed.body)}`);
  return {
    kase,
    allocation,
    allocationId: allocation.id as string,
    device,
    serial: device.serialNumber as string,
  };
}

/** A gateway's event for a device, posted as a gateway does (`at`: the device's time, now by default). */
export async function postDeviceEvent(
  t: TestApp,
  serial: string,
  type: string,
  extra: Record<string, unknown> = {},
  at = new Date(),
) {
  return t.http
    .post('/api/v1/device-events')
    .set(await as(t, 'gateway'))
    .send({ eventId: randomUUID(), device: serial, type, occurredAt: at.toISOString(), ...extra });
}

/** An emergency place added through the API by `who` (the housing partner or an admin). */
export function addHousingPlace(
  t: TestApp,
  who: Record<string, string>,
  body: Record<string, unknown> = {},
) {
  return t.http
    .post('/api/v1/housing/places')
    .set(who)
    .send({
      jurisdiction: 'FR-82',
      kind: 'emergency_flat',
      name: "Appartement d'urgence",
      municipality: 'Montauban',
      capacity: 1,
      capacityUnit: 'rooms',
      ...body,
    });
}

/** The victim's consent to share with each of `partners`, recorded by the case's coordinator. */
export async function consentToShare(t: TestApp, caseId: string, partners: string[]) {
  const res = await t.http
    .patch(`/api/v1/cases/${caseId}`)
    .set(await as(t, 'coordinator'))
    .send({
      victim: {
        consents: partners.map((recipient) => ({
          purpose: 'information_sharing',
          recipient,
          given: true,
          recordedAt: new Date().toISOString(),
        })),
      },
    });
  expect(res.status).toBe(200);
}

/** A referral of the case to `partnerId` for `service`, sent by its coordinator (consent given). */
export async function referTo(
  t: TestApp,
  caseId: string,
  partnerId: string,
  service = 'psychological_care',
) {
  const res = await t.http
    .post(`/api/v1/cases/${caseId}/referrals`)
    .set(await as(t, 'coordinator'))
    .send({
      partnerId,
      service,
      share: { victimFirstName: true, contactPhone: false },
      coordinatorContact: '05 63 00 10 10 — coordination VIF 82',
    });
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string };
}
