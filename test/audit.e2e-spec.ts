import { newCase, startTestApp, TestApp } from './support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let coordinator: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.token('coordinator', ['FR-82'], 'coord-82');
    admin = await t.token('admin', ['*'], 'admin-1');
  });
  afterAll(() => t.close());

  const auditOf = async (entityId: string) => {
    const res = await t.http
      .get(`/api/v1/audit?entityId=${entityId}`)
      .set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, unknown>>;
  };

  it('records every read and write of a case, with who, role, request id and outcome', async () => {
    const as = (token: string) => ({
      Authorization: `Bearer ${token}`,
      'X-Request-Id': 'req-audit-1',
    });
    const created = await t.http.post('/api/v1/cases').set(as(coordinator)).send(newCase());
    const id = created.body.id as string;
    await t.http.get(`/api/v1/cases/${id}`).set(as(coordinator));
    await t.http.get('/api/v1/cases?pageSize=100').set(as(coordinator));
    await t.http.patch(`/api/v1/cases/${id}`).set(as(coordinator)).send({ children: [] });
    await t.http
      .post(`/api/v1/cases/${id}/close`)
      .set(as(coordinator))
      .send({ reason: 'Victim moved abroad' });
    const outsider = await t.token('coordinator', ['FR-71'], 'coord-71');
    expect((await t.http.get(`/api/v1/cases/${id}`).set(as(outsider))).status).toBe(404);

    const records = await auditOf(id);
    const summary = records
      .map((r) => `${r.action} ${r.actorId} ${r.outcome}`)
      .sort()
      .join('\n');
    expect(summary).toBe(
      [
        'case.close coord-82 success',
        'case.create coord-82 success',
        'case.read coord-71 denied',
        'case.read coord-82 success',
        'case.read coord-82 success',
        'case.update coord-82 success',
      ].join('\n'),
    );
    for (const record of records) {
      expect(record).toMatchObject({
        entityId: id,
        entityType: 'case',
        actorRole: 'coordinator',
        requestId: 'req-audit-1',
      });
      expect(JSON.stringify(record)).not.toMatch(/Martin|Camille|abroad/);
    }
  });

  it('records a read of a case that does not exist as not_found', async () => {
    const missing = '00000000-0000-4000-8000-00000000abcd';
    await t.http.get(`/api/v1/cases/${missing}`).set('Authorization', `Bearer ${coordinator}`);
    expect((await auditOf(missing)).map((r) => r.outcome)).toEqual(['not_found']);
  });

  it('keeps no audit record of a write that failed, and no write without its record', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM audit_record`);
    const res = await t.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(newCase('FR-82', { children: [{ age: -1 }] }));
    expect(res.status).toBe(400);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM audit_record`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const created = await t.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(newCase());
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM audit_record`);
    expect(count).toBeGreaterThan(0);
    await expect(t.db.query(`UPDATE audit_record SET actor_id = 'someone-else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      t.db.query(`DELETE FROM audit_record WHERE entity_id = $1`, [created.body.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_record`)).rejects.toThrow(/append-only/);
    const [{ after }] = await t.db.query(`SELECT count(*)::int AS after FROM audit_record`);
    expect(after).toBeGreaterThanOrEqual(count);
    expect(await auditOf(created.body.id)).toHaveLength(1);
  });

  it('is readable by admins only', async () => {
    for (const role of ['coordinator', 'prosecutor', 'operator', 'gateway'] as const) {
      const res = await t.http
        .get('/api/v1/audit')
        .set('Authorization', `Bearer ${await t.token(role)}`);
      expect(res.status).toBe(403);
    }
  });

  it('shows an admin the records of their jurisdictions only', async () => {
    const created = await t.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(newCase());
    const read = async (jurisdictions: string[]) =>
      (
        await t.http
          .get(`/api/v1/audit?entityId=${created.body.id}`)
          .set('Authorization', `Bearer ${await t.token('admin', jurisdictions, 'admin-x')}`)
      ).body.items as Array<{ jurisdiction: string }>;
    expect(await read(['FR-71'])).toEqual([]);
    const own = await read(['FR-82']);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.jurisdiction === 'FR-82')).toBe(true);
  });
});
