import { newCase, startTestApp, TestApp } from './support/test-app';

describe('operability', () => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp({ env: { HTTP_BODY_LIMIT: '64kb' } });
    auth = { Authorization: `Bearer ${await t.token('coordinator')}` };
  });
  afterAll(() => t.close());

  it('GET /health checks the database, without a token', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('GET /metrics serves Prometheus text with request metrics', async () => {
    await t.http.get('/api/v1/cases').set(auth);
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(
      /http_request_duration_seconds_bucket\{.*route="\/api\/v1\/cases".*\}/,
    );
    expect(res.text).toContain('process_cpu_seconds_total');
  });

  it('documents the validation rules in the OpenAPI schema', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const schemas = res.body.components.schemas;
    expect(schemas.CreateCaseDto.required).toEqual(
      expect.arrayContaining(['jurisdiction', 'victim']),
    );
    expect(schemas.CreateCaseDto.properties.jurisdiction).toMatchObject({
      pattern: expect.any(String),
      maxLength: 32,
    });
    expect(schemas.VictimDto.properties.lastName).toMatchObject({ type: 'string', maxLength: 100 });
    expect(schemas.VictimDto.properties.dateOfBirth).toMatchObject({ format: 'date' });
    expect(schemas.ConsentDto.properties.purpose.enum).toContain('tgd_allocation');
    expect(schemas.ChildDto.properties.age).toMatchObject({ type: 'integer', minimum: 0 });
    expect(res.body.components.securitySchemes).toBeDefined();
    expect((await t.http.get('/docs')).status).toBe(200);
  });

  it('answers problem details for an unknown route, bad JSON, an oversize body and a bad id', async () => {
    const cases = [
      await t.http.get('/api/v1/nowhere').set(auth),
      await t.http
        .post('/api/v1/cases')
        .set(auth)
        .set('Content-Type', 'application/json')
        .send('{"jurisdiction":'),
      await t.http
        .post('/api/v1/cases')
        .set(auth)
        .send(newCase('FR-82', { victim: { lastName: 'x'.repeat(70_000) } })),
      await t.http.get('/api/v1/cases/not-a-uuid').set(auth),
      await t.http
        .post('/api/v1/cases')
        .set(auth)
        .send({ ...newCase(), surprise: true }),
    ];
    expect(cases.map((res) => res.status)).toEqual([404, 400, 413, 400, 400]);
    for (const res of cases) {
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        type: expect.any(String),
        title: expect.any(String),
        status: res.status,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:|node_modules|SELECT|Martin/);
    }
    expect(cases[3].body.errors[0]).toMatchObject({ field: 'id' });
    expect(cases[4].body.errors[0]).toMatchObject({ field: 'surprise', pointer: '/surprise' });
  });

  it('names nested fields with their path and pointer', async () => {
    const res = await t.http
      .post('/api/v1/cases')
      .set(auth)
      .send(
        newCase('FR-82', { children: [{ age: 4, exposed: true, victim: false }, { age: 'four' }] }),
      );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'children.1.age', pointer: '/children/1/age' }),
      ]),
    );
  });
});

describe('health when the database is gone', () => {
  it('answers 503 with the probe’s own body naming the failed check, as documented', async () => {
    const t = await startTestApp();
    try {
      await t.db.destroy();
      const res = await t.http.get('/health');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    } finally {
      // close() also checks the 503 against the document's schema for /health.
      await t.close();
    }
  });
});
