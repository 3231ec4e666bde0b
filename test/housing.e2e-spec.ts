import { signDevToken } from '../src/auth/token-verifier';
import { ManualClock } from './support/manual-clock';
import { newCase, startTestApp, TestApp } from './support/test-app';
import { addHousingPlace } from './support/tgd-journey';

/** Emergency housing (issue #17): places, requests, the waiting list, allocation and release. */
describe('emergency housing', () => {
  const clock = new ManualClock(new Date('2026-11-24T09:00:00Z'));
  let t: TestApp;
  let coordinator: { Authorization: string };
  let admin: { Authorization: string };
  let housing: { Authorization: string };
  let otherPartner: { Authorization: string };
  let belgianAdmin: { Authorization: string };

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const partnerToken = async (organisation: string, subject: string) =>
    bearer(
      await signDevToken(t.config, {
        roles: ['partner'],
        jurisdictions: ['FR-82'],
        subject,
        partnerOrganisationId: organisation,
      }),
    );

  beforeAll(async () => {
    t = await startTestApp({ clock });
    coordinator = bearer(await t.token('coordinator', ['FR-82']));
    admin = bearer(await t.token('admin', ['FR-82']));
    belgianAdmin = bearer(await t.token('admin', ['BE-ZP-5339']));
    housing = await partnerToken('tarn-et-garonne-habitat', 'hebergement@tgh');
    otherPartner = await partnerToken('cidff-82', 'juriste@cidff');
  });
  afterAll(() => t.close());

  const addPlace = (who: { Authorization: string }, body: Record<string, unknown>) =>
    addHousingPlace(t, who, body);

  const openCase = async () =>
    (await t.http.post('/api/v1/cases').set(coordinator).send(newCase())).body as {
      id: string;
      reference: string;
    };

  const request = async (caseId: string, body: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/v1/cases/${caseId}/housing-requests`)
      .set(coordinator)
      .send({
        children: 2,
        from: '2026-11-24',
        nights: 7,
        urgency: 'immediate',
        coordinatorPhone: '+33563000000',
        ...body,
      });

  const allocate = (id: string, placeId: string, body: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/v1/housing-requests/${id}/allocation`)
      .set(housing)
      .send({ placeId, ...body });

  it('lets an admin and the housing partner add places, the address sealed and shown to them only', async () => {
    const flat = await addPlace(admin, {
      partnerId: 'tarn-et-garonne-habitat',
      address: '12 rue de la République, 82000 Montauban',
    });
    expect(flat.status).toBe(201);
    expect(flat.body).toMatchObject({
      partnerId: 'tarn-et-garonne-habitat',
      networkId: 'fr-82-coordination-vif',
      address: '12 rue de la République, 82000 Montauban',
      occupiedNow: 0,
      active: true,
    });
    const shelter = await addPlace(housing, {
      kind: 'shelter',
      name: 'Foyer',
      capacity: 6,
      capacityUnit: 'beds',
      address: '4 chemin secret, 82000 Montauban',
    });
    expect(shelter.status).toBe(201);
    expect(shelter.body.partnerId).toBe('tarn-et-garonne-habitat');

    const [row] = await t.db.query(`SELECT * FROM housing_place WHERE id = $1`, [shelter.body.id]);
    expect(JSON.stringify(row)).not.toContain('chemin secret');

    // Another partner of the network, a coordinator: the places, never their address.
    for (const who of [otherPartner, coordinator]) {
      const list = await t.http.get('/api/v1/housing/places?kind=shelter').set(who);
      expect(list.status).toBe(200);
      expect(list.body.items.find((p: { id: string }) => p.id === shelter.body.id)).toMatchObject({
        name: 'Foyer',
        address: null,
      });
    }
    // The managing partner sees it; another jurisdiction's admin does not see the place at all.
    expect(
      (await t.http.get(`/api/v1/housing/places/${shelter.body.id}`).set(housing)).body.address,
    ).toBe('4 chemin secret, 82000 Montauban');
    expect(
      (await t.http.get(`/api/v1/housing/places/${shelter.body.id}`).set(belgianAdmin)).status,
    ).toBe(404);
  });

  it('refuses a place for a partner offering no housing, out of its network, or for another partner', async () => {
    const noHousing = await addPlace(admin, { partnerId: 'cidff-82' });
    expect(noHousing.status).toBe(400);
    expect(noHousing.body.errors[0].field).toBe('partnerId');
    const elsewhere = await addPlace(admin, {
      partnerId: 'tarn-et-garonne-habitat',
      jurisdiction: 'BE-ZP-5339',
    });
    expect(elsewhere.status).toBe(400);
    expect((await addPlace(otherPartner, {})).status).toBe(400);
    expect((await addPlace(housing, { partnerId: 'cidff-82' })).status).toBe(403);
    const flat = (await addPlace(housing, {})).body;
    expect(
      (
        await t.http
          .patch(`/api/v1/housing/places/${flat.id}`)
          .set(otherPartner)
          .send({ capacity: 3 })
      ).status,
    ).toBe(404);
  });

  it('puts a request on the waiting list; the partner sees her first name, the children, the dates and the contact, nothing else', async () => {
    const kase = await openCase();
    const res = await request(kase.id, { note: 'Un lit bébé.' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseId: kase.id,
      caseReference: kase.reference,
      status: 'waiting',
      firstName: 'Camille',
      children: 2,
      note: 'Un lit bébé.',
    });
    const [row] = await t.db.query(`SELECT * FROM housing_request WHERE id = $1`, [res.body.id]);
    expect(JSON.stringify(row)).not.toContain('Camille');
    expect(JSON.stringify(row)).not.toContain('lit bébé');

    const list = await t.http
      .get('/api/v1/housing-requests?status=waiting&networkId=fr-82-coordination-vif')
      .set(housing);
    expect(list.status).toBe(200);
    const seen = list.body.items.find((r: { id: string }) => r.id === res.body.id);
    expect(seen).toMatchObject({
      firstName: 'Camille',
      children: 2,
      wantedFrom: '2026-11-24',
      nights: 7,
      coordinatorPhone: '+33563000000',
      caseId: null,
      caseReference: null,
    });
    expect(JSON.stringify(seen)).not.toContain('Martin');
    const audit = await t.db.query(
      `SELECT actor_role, case_id FROM audit_record WHERE entity_id = $1 AND action = 'housing-request.read'`,
      [res.body.id],
    );
    expect(audit).toContainEqual({ actor_role: 'partner', case_id: kase.id });
    // Another network's admin is not on this list; a closed case cannot ask.
    expect(
      (await t.http.get('/api/v1/housing-requests?status=waiting').set(belgianAdmin)).status,
    ).toBe(403);
  });

  it('orders the waiting list by urgency, then age', async () => {
    const kase = await openCase();
    const planned = (await request(kase.id, { urgency: 'planned' })).body.id;
    clock.advanceDays(0.01);
    const days = (await request(kase.id, { urgency: 'within_days' })).body.id;
    clock.advanceDays(0.01);
    const immediate = (await request(kase.id, { urgency: 'immediate' })).body.id;
    const list = await t.http
      .get(`/api/v1/cases/${kase.id}/housing-requests?status=waiting`)
      .set(coordinator);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([immediate, days, planned]);
  });

  it('allocates the flat, refuses a second household while it is full, releases it with the nights used', async () => {
    const flat = (await addPlace(housing, { address: '1 place Nationale, Montauban' })).body;
    const first = (await request((await openCase()).id)).body;
    const second = (await request((await openCase()).id, { nights: 3 })).body;

    const housed = await allocate(first.id, flat.id);
    expect(housed.status).toBe(200);
    expect(housed.body).toMatchObject({
      status: 'allocated',
      stayFrom: '2026-11-24',
      stayUntil: '2026-12-01',
      place: { id: flat.id, address: '1 place Nationale, Montauban' },
    });
    const full = await allocate(second.id, flat.id);
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('housing-place.full');
    // From the morning the first stay ends, the flat is free.
    expect((await allocate(second.id, flat.id, { from: '2026-12-01' })).status).toBe(200);

    const seen = await t.http.get(`/api/v1/housing-requests/${first.id}`).set(coordinator);
    expect(seen.body).toMatchObject({
      status: 'allocated',
      place: { name: "Appartement d'urgence", address: '1 place Nationale, Montauban' },
    });
    expect(
      (await t.http.get(`/api/v1/housing/places/${flat.id}`).set(housing)).body.occupiedNow,
    ).toBe(1);

    clock.advanceDays(3);
    const released = await t.http
      .post(`/api/v1/housing-requests/${first.id}/release`)
      .set(housing)
      .send({});
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      status: 'released',
      nightsUsed: 3,
      stayUntil: '2026-11-27',
    });
    const again = await t.http
      .post(`/api/v1/housing-requests/${first.id}/release`)
      .set(housing)
      .send({});
    expect(again.body.code).toBe('housing-request.not-allocated');
    // Released: no longer on another partner's screen.
    expect(
      (await t.http.get(`/api/v1/housing-requests/${first.id}`).set(otherPartner)).status,
    ).toBe(404);

    const stats = await t.http
      .get('/api/v1/housing/statistics?from=2026-11&to=2026-12')
      .set(housing);
    expect(stats.status).toBe(200);
    expect(stats.body.places.find((p: { placeId: string }) => p.placeId === flat.id)).toMatchObject(
      {
        months: [
          { month: '2026-11', nights: 3 },
          { month: '2026-12', nights: 0 },
        ],
        total: 3,
      },
    );
    clock.advanceDays(-3);
  });

  it('never over-allocates when two allocations race for the last room', async () => {
    const flat = (await addPlace(housing, {})).body;
    const a = (await request((await openCase()).id)).body;
    const b = (await request((await openCase()).id)).body;
    const answers = await Promise.all([allocate(a.id, flat.id), allocate(b.id, flat.id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('housing-place.full');
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM housing_request WHERE place_id = $1`,
      [flat.id],
    );
    expect(count).toBe(1);
  });

  it('counts beds in a shelter and nights in a hotel agreement', async () => {
    const shelter = (
      await addPlace(housing, { kind: 'shelter', capacity: 4, capacityUnit: 'beds' })
    ).body;
    const three = (await request((await openCase()).id, { children: 2 })).body;
    const two = (await request((await openCase()).id, { children: 1 })).body;
    expect((await allocate(three.id, shelter.id)).status).toBe(200);
    expect((await allocate(two.id, shelter.id)).body.code).toBe('housing-place.full');

    const hotel = (
      await addPlace(housing, {
        kind: 'hotel_agreement',
        capacity: 5,
        nightsPerYear: 10,
        name: 'Hôtel du Midi',
      })
    ).body;
    const long = (await request((await openCase()).id, { nights: 8 })).body;
    const more = (await request((await openCase()).id, { nights: 3 })).body;
    expect((await allocate(long.id, hotel.id)).status).toBe(200);
    expect((await allocate(more.id, hotel.id)).body.code).toBe('housing-place.nights-exhausted');
    await t.http.patch(`/api/v1/housing/places/${hotel.id}`).set(housing).send({ active: false });
    expect((await allocate(more.id, hotel.id, { nights: 1 })).body.code).toBe(
      'housing-place.inactive',
    );
  });

  it('lets only the managing partner allocate on its places, and the coordinator cancel while waiting', async () => {
    const flat = (await addPlace(housing, {})).body;
    const waiting = (await request((await openCase()).id)).body;
    const foreign = await t.http
      .post(`/api/v1/housing-requests/${waiting.id}/allocation`)
      .set(otherPartner)
      .send({ placeId: flat.id });
    expect(foreign.status).toBe(404);
    expect(
      (
        await t.http
          .post(`/api/v1/housing-requests/${waiting.id}/allocation`)
          .set(coordinator)
          .send({ placeId: flat.id })
      ).status,
    ).toBe(403);

    const cancelled = await t.http
      .post(`/api/v1/housing-requests/${waiting.id}/cancel`)
      .set(coordinator)
      .send({ reason: 'Hébergée chez sa sœur.' });
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Hébergée chez sa sœur.',
    });
    // Cancelled: off the partner's screen altogether.
    expect((await allocate(waiting.id, flat.id)).status).toBe(404);
    expect(
      (await t.http.post(`/api/v1/housing-requests/${waiting.id}/cancel`).set(coordinator).send({}))
        .body.code,
    ).toBe('housing-request.not-waiting');
  });

  it('follows a request still without a place as an obligation, by its urgency: completed by the place, cancelled with the request', async () => {
    const flat = (await addPlace(housing, {})).body;
    const followUps = async (caseId: string) =>
      (
        (await t.http.get(`/api/v1/cases/${caseId}/obligations`).set(coordinator)).body as {
          templateId: string;
          status: string;
          dueAt: string;
        }[]
      ).filter((o) => o.templateId.startsWith('housing_follow_up'));
    const hoursAfter = (at: string, hours: number) =>
      new Date(Date.parse(at) + hours * 3_600_000).toISOString();
    // Tonight: followed up four hours later.
    const housedCase = (await openCase()).id;
    const housed = (await request(housedCase)).body;
    expect(await followUps(housedCase)).toEqual([
      expect.objectContaining({
        templateId: 'housing_follow_up_immediate',
        status: 'open',
        dueAt: hoursAfter(housed.requestedAt, 4),
      }),
    ]);
    expect((await allocate(housed.id, flat.id)).status).toBe(200);
    expect(await followUps(housedCase)).toEqual([expect.objectContaining({ status: 'completed' })]);
    // Within days: a day later; cancelled with the request.
    const withdrawnCase = (await openCase()).id;
    const withdrawn = (await request(withdrawnCase, { urgency: 'within_days' })).body;
    expect(await followUps(withdrawnCase)).toEqual([
      expect.objectContaining({
        templateId: 'housing_follow_up_within_days',
        dueAt: hoursAfter(withdrawn.requestedAt, 24),
      }),
    ]);
    await t.http.post(`/api/v1/housing-requests/${withdrawn.id}/cancel`).set(coordinator).send({});
    expect(await followUps(withdrawnCase)).toEqual([
      expect.objectContaining({ status: 'cancelled' }),
    ]);
    // Planned: its own template only.
    const plannedCase = (await openCase()).id;
    await request(plannedCase, { urgency: 'planned' });
    expect((await followUps(plannedCase)).map((o) => o.templateId)).toEqual([
      'housing_follow_up_planned',
    ]);
  });

  it("refuses a request on another jurisdiction's case, and on a closed case", async () => {
    const kase = await openCase();
    const elsewhere = bearer(await t.token('coordinator', ['BE-ZP-5339']));
    expect(
      (
        await t.http
          .post(`/api/v1/cases/${kase.id}/housing-requests`)
          .set(elsewhere)
          .send({ children: 0, from: '2026-11-24', nights: 1, urgency: 'immediate' })
      ).status,
    ).toBe(404);
    const close = await t.http
      .post(`/api/v1/cases/${kase.id}/close`)
      .set(coordinator)
      .send({ reason: 'La victime a quitté le département.' });
    expect(close.status).toBe(200);
    const closed = await request(kase.id);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('case.closed');
  });
});
