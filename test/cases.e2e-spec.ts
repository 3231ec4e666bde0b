import { newCase, startTestApp, TestApp } from './support/test-app';

describe('cases (victim file)', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.token('coordinator', ['FR-82']);
  });
  afterAll(() => t.close());

  const create = async (jurisdiction = 'FR-82', token = coordinator) =>
    t.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${token}`)
      .send(newCase(jurisdiction));

  it('creates a case with a pseudonymous reference and returns it with its id', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      jurisdiction: 'FR-82',
      status: 'open',
      coordinatorId: 'coordinator@FR-82',
      victim: { lastName: 'Martin', phone: '+33612345678' },
      children: [{ age: 4, exposed: true, victim: false }],
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.reference).toMatch(/^FR-82-\d{4}-[0-9A-Z]{6}$/);
    expect(res.body.reference).not.toContain('Martin');

    const read = await t.http
      .get(`/api/v1/cases/${res.body.id}`)
      .set('Authorization', `Bearer ${coordinator}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('stores personal fields encrypted: a database dump does not reveal them', async () => {
    const { body } = await create();
    const [row] = await t.db.query(`SELECT * FROM case_file WHERE id = $1`, [body.id]);
    const dump = JSON.stringify(row);
    for (const secret of [
      'Martin',
      'Camille',
      '+33612345678',
      'Montauban',
      'grey van',
      '1988-04-12',
    ]) {
      expect(dump).not.toContain(secret);
    }
    expect(row.jurisdiction).toBe('FR-82');
  });

  it('refuses a sealed value moved to another case (ciphertext bound to its row)', async () => {
    const a = (await create()).body;
    const b = (await create()).body;
    await t.db.query(
      `UPDATE case_file SET victim_sealed = (SELECT victim_sealed FROM case_file WHERE id = $1) WHERE id = $2`,
      [a.id, b.id],
    );
    const res = await t.http
      .get(`/api/v1/cases/${b.id}`)
      .set('Authorization', `Bearer ${coordinator}`);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('Martin');
    await t.db.query(`DELETE FROM case_file WHERE id = $1`, [b.id]);
  });

  it('hides a case of another jurisdiction behind a 404, for reads and writes alike', async () => {
    const other = await t.token('coordinator', ['FR-71']);
    const { body } = await create();
    const auth = { Authorization: `Bearer ${other}` };
    const read = await t.http.get(`/api/v1/cases/${body.id}`).set(auth);
    const missing = await t.http
      .get(`/api/v1/cases/00000000-0000-4000-8000-000000000000`)
      .set(auth);
    expect(read.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(read.body.detail).toBe(`Case ${body.id} was not found.`);
    expect(
      (await t.http.patch(`/api/v1/cases/${body.id}`).set(auth).send({ children: [] })).status,
    ).toBe(404);
    expect(
      (await t.http.post(`/api/v1/cases/${body.id}/close`).set(auth).send({ reason: 'nope' }))
        .status,
    ).toBe(404);

    const list = await t.http.get('/api/v1/cases?jurisdiction=FR-82').set(auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });

  it('refuses to open a case outside the caller jurisdictions', async () => {
    const res = await create('FR-71');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('lets a prosecutor of the jurisdiction read, not write', async () => {
    const prosecutor = await t.token('prosecutor', ['FR-82']);
    const { body } = await create();
    expect(
      (await t.http.get(`/api/v1/cases/${body.id}`).set('Authorization', `Bearer ${prosecutor}`))
        .status,
    ).toBe(200);
    expect((await create('FR-82', prosecutor)).status).toBe(403);
  });

  it('lists only in-scope cases, filtered and paged', async () => {
    const national = await t.token('coordinator', ['*'], 'national');
    await create('FR-71', national);
    await create('FR-71', national);
    await create();
    await create();
    const res = await t.http
      .get('/api/v1/cases?status=open&page=1&pageSize=2')
      .set('Authorization', `Bearer ${coordinator}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    expect(res.body.items.every((c: { jurisdiction: string }) => c.jurisdiction === 'FR-82')).toBe(
      true,
    );

    const all = await t.http
      .get('/api/v1/cases?pageSize=100')
      .set('Authorization', `Bearer ${national}`);
    expect(all.status).toBe(200);
    const jurisdictions = new Set(
      all.body.items.map((c: { jurisdiction: string }) => c.jurisdiction),
    );
    expect(jurisdictions).toEqual(new Set(['FR-71', 'FR-82']));
  });

  it('merges a patch into victim and author, replaces children, and bumps the version', async () => {
    const { body } = await create();
    const res = await t.http
      .patch(`/api/v1/cases/${body.id}`)
      .set('Authorization', `Bearer ${coordinator}`)
      .send({ victim: { phone: '+33700000000' }, author: { livesWithVictim: true }, children: [] });
    expect(res.status).toBe(200);
    expect(res.body.victim).toMatchObject({ lastName: 'Martin', phone: '+33700000000' });
    expect(res.body.author).toMatchObject({ description: 'Tall, grey van', livesWithVictim: true });
    expect(res.body.children).toEqual([]);
    expect(res.body.version).toBe(2);
  });

  it('refuses a patch made on a version someone else changed since (409, nothing written)', async () => {
    const { body } = await create();
    const patch = (phone: string, expectedVersion: number) =>
      t.http
        .patch(`/api/v1/cases/${body.id}`)
        .set('Authorization', `Bearer ${coordinator}`)
        .send({ victim: { phone }, expectedVersion });
    expect((await patch('+33700000001', 1)).body.version).toBe(2);
    // A second editor who read version 1 would undo the first one's change.
    const stale = await patch('+33700000002', 1);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'case.version-conflict' });
    const stored = await t.http
      .get(`/api/v1/cases/${body.id}`)
      .set('Authorization', `Bearer ${coordinator}`);
    expect(stored.body).toMatchObject({ version: 2, victim: { phone: '+33700000001' } });
  });

  it('clears an optional field with null, but never a required one (400, nothing written)', async () => {
    const { body } = await create();
    const auth = { Authorization: `Bearer ${coordinator}` };
    const cleared = await t.http
      .patch(`/api/v1/cases/${body.id}`)
      .set(auth)
      .send({ victim: { phone: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.victim.phone).toBeUndefined();
    const refused = await t.http
      .patch(`/api/v1/cases/${body.id}`)
      .set(auth)
      .send({ victim: { lastName: null, phone: '+33700000001' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.length).toBeGreaterThan(0);
    expect(new Set(refused.body.errors.map((e: { pointer: string }) => e.pointer))).toEqual(
      new Set(['/victim/lastName']),
    );
    const after = await t.http.get(`/api/v1/cases/${body.id}`).set(auth);
    expect(after.body.victim).toMatchObject({ lastName: 'Martin' });
    expect(after.body.victim.phone).toBeUndefined();
    expect(after.body.version).toBe(2);
  });

  it('closes a case with a reason and freezes it afterwards (409)', async () => {
    const { body } = await create();
    const auth = { Authorization: `Bearer ${coordinator}` };
    const closed = await t.http
      .post(`/api/v1/cases/${body.id}/close`)
      .set(auth)
      .send({ reason: 'Victim moved abroad' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'Victim moved abroad' });
    expect(closed.body.closedAt).toBeTruthy();

    const again = await t.http
      .post(`/api/v1/cases/${body.id}/close`)
      .set(auth)
      .send({ reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      status: 409,
      type: '/problems/case.closed',
      code: 'case.closed',
    });
    const patch = await t.http.patch(`/api/v1/cases/${body.id}`).set(auth).send({ children: [] });
    expect(patch.status).toBe(409);
  });

  it('names each invalid field, writes nothing', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM case_file`))[0].n;
    const res = await t.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${coordinator}`)
      .send({
        ...newCase(),
        jurisdiction: 'Tarn',
        extra: true,
        children: [{ age: -1, exposed: 'yes', victim: false }],
      });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['children.0.age', 'children.0.exposed', 'extra', 'jurisdiction']);
    expect(res.body.errors[0].pointer).toMatch(/^\//);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM case_file`))[0].n).toBe(before);
  });
});
