import { startTestApp, TestApp } from './support/test-app';
import { activeAllocation } from './support/tgd-journey';

describe("a case's whole audit trail, for an admin and a data-protection officer", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gathers the records of the case, its assessments, TGD request and allocation, oldest first, and as CSV', async () => {
    const { kase } = await activeAllocation(t);
    const admin = { Authorization: `Bearer ${await t.token('admin', ['FR-82'], 'dpo-82')}` };
    const res = await t.http.get(`/api/v1/audit?caseId=${kase.id}&pageSize=100`).set(admin);
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{
      entityType: string;
      occurredAt: string;
      caseId: string;
    }>;
    expect(new Set(items.map((i) => i.entityType))).toEqual(
      new Set(['case', 'assessment', 'tgd_request', 'tgd_allocation']),
    );
    expect(items.every((i) => i.caseId === kase.id)).toBe(true);
    const times = items.map((i) => Date.parse(i.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const csv = await t.http
      .get(`/api/v1/audit?caseId=${kase.id}&pageSize=100&format=csv`)
      .set(admin);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'occurredAt,actorId,actorRole,action,entityType,entityId,caseId,jurisdiction,outcome,requestId,detail',
    );
    expect(lines).toHaveLength(items.length + 1);

    const elsewhere = { Authorization: `Bearer ${await t.token('admin', ['FR-71'], 'dpo-71')}` };
    expect((await t.http.get(`/api/v1/audit?caseId=${kase.id}`).set(elsewhere)).body.items).toEqual(
      [],
    );
  });
});
