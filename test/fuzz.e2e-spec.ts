import fc from 'fast-check';

import { newCase, startTestApp, TestApp } from './support/test-app';

/** A valid case body with one value somewhere replaced by anything, or an unknown key added. */
function mutatedCase(): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.jsonValue({ maxDepth: 2 }), fc.nat(), fc.boolean(), fc.string({ maxLength: 12 }))
    .map(([value, pick, addKey, key]) => {
      const body = newCase() as Record<string, unknown>;
      const holders: Array<Record<string, unknown>> = [];
      const walk = (node: unknown) => {
        if (node && typeof node === 'object') {
          holders.push(node as Record<string, unknown>);
          Object.values(node).forEach(walk);
        }
      };
      walk(body);
      const holder = holders[pick % holders.length];
      const keys = Object.keys(holder);
      const target = addKey || keys.length === 0 ? key : keys[pick % keys.length];
      // An array takes an index (a key such as "length" or 4294967295 would throw, and other keys
      // do not survive JSON): one of its items replaced, or one added at its end.
      if (Array.isArray(holder)) holder[pick % (holder.length + 1)] = value;
      else holder[target] = value;
      return body;
    });
}

const anyBody = fc.oneof(fc.jsonValue({ maxDepth: 3 }), mutatedCase(), mutatedCase());

describe('fuzzed write routes: 4xx or success, never 500, never a partial write', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let json: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    auth = { Authorization: `Bearer ${await t.token('coordinator', ['FR-82'])}` };
    json = { ...auth, 'Content-Type': 'application/json' };
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const snapshot = async (id: string) =>
    JSON.stringify(await t.db.query(`SELECT * FROM case_file WHERE id = $1`, [id]));

  const expectProblem = (res: {
    status: number;
    headers: Record<string, string>;
    body: Record<string, unknown>;
  }) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      status: res.status,
      title: expect.any(String),
      detail: expect.any(String),
    });
  };

  it('POST /api/v1/cases', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const before = await count('case_file');
        const res = await t.http.post('/api/v1/cases').set(json).send(JSON.stringify(body));
        if (res.status === 201) {
          expect(await count('case_file')).toBe(before + 1);
          const read = await t.http.get(`/api/v1/cases/${res.body.id}`).set(auth);
          expect(read.body).toEqual(res.body);
        } else {
          expectProblem(res);
          expect(await count('case_file')).toBe(before);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('PATCH /api/v1/cases/:id', async () => {
    const { body: created } = await t.http.post('/api/v1/cases').set(auth).send(newCase());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyBody,
          mutatedCase().map((b) => ({ victim: (b as { victim: unknown }).victim })),
        ),
        async (body) => {
          const before = await snapshot(created.id);
          const res = await t.http
            .patch(`/api/v1/cases/${created.id}`)
            .set(json)
            .send(JSON.stringify(body));
          if (res.status === 200) {
            const read = await t.http.get(`/api/v1/cases/${created.id}`).set(auth);
            expect(read.body).toEqual(res.body);
          } else {
            expectProblem(res);
            expect(await snapshot(created.id)).toBe(before);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('POST /api/v1/cases/:id/close', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.record({ reason: fc.jsonValue({ maxDepth: 1 }) }),
        ),
        async (body) => {
          const { body: created } = await t.http.post('/api/v1/cases').set(auth).send(newCase());
          const before = await snapshot(created.id);
          const res = await t.http
            .post(`/api/v1/cases/${created.id}/close`)
            .set(json)
            .send(JSON.stringify(body));
          if (res.status === 200 || res.status === 201) {
            expect(res.body.status).toBe('closed');
          } else {
            expectProblem(res);
            expect(await snapshot(created.id)).toBe(before);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('assessment routes: create, answers, submit, override', async () => {
    const { body: kase } = await t.http.post('/api/v1/cases').set(auth).send(newCase());
    const answerValue = fc.oneof(
      fc.constantFrom(
        'yes',
        'no',
        'unknown',
        'increasing',
        'stable',
        'isolation',
        '2026-11-01',
        '2026-13-45',
      ),
      fc.jsonValue({ maxDepth: 1 }),
    );
    const itemId = fc.constantFrom(
      'threat',
      'drinks',
      'trend',
      'forms',
      'callouts',
      'last',
      'note',
      'nope',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.record({ questionnaireId: fc.jsonValue({ maxDepth: 1 }) }),
        ),
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.record({ answers: fc.dictionary(itemId, answerValue) }),
        ),
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.record({ level: fc.string(), justification: fc.string() }),
        ),
        async (create, update, override) => {
          const before = await count('assessment');
          const created = await t.http
            .post(`/api/v1/cases/${kase.id}/assessments`)
            .set(json)
            .send(JSON.stringify(create));
          if (created.status !== 201) {
            expectProblem(created);
            expect(await count('assessment')).toBe(before);
          }
          const { body: draft } = await t.http
            .post(`/api/v1/cases/${kase.id}/assessments`)
            .set(auth)
            .send({ questionnaireId: 'evivico-style' });
          const snapshotOf = async () =>
            JSON.stringify(await t.db.query(`SELECT * FROM assessment WHERE id = $1`, [draft.id]));
          const untouched = await snapshotOf();
          const patched = await t.http
            .patch(`/api/v1/assessments/${draft.id}`)
            .set(json)
            .send(JSON.stringify(update));
          if (patched.status !== 200) {
            expectProblem(patched);
            expect(await snapshotOf()).toBe(untouched);
          }
          const submitted = await t.http.post(`/api/v1/assessments/${draft.id}/submit`).set(auth);
          if (submitted.status !== 200) expectProblem(submitted);
          const overridden = await t.http
            .post(`/api/v1/assessments/${draft.id}/override`)
            .set(json)
            .send(JSON.stringify(override));
          if (overridden.status !== 200) expectProblem(overridden);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('malformed JSON, wrong content types and malformed ids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (text) => {
        const before = await count('case_file');
        const res = await t.http
          .post('/api/v1/cases')
          .set(auth)
          .set('Content-Type', 'application/json')
          .send(text);
        if (res.status !== 201) expectProblem(res);
        expect(await count('case_file')).toBe(before + (res.status === 201 ? 1 : 0));
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), async (id) => {
        const res = await t.http.get(`/api/v1/cases/${encodeURIComponent(id)}`).set(auth);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});
