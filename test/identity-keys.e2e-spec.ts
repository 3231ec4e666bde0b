import { IdentityKeysJob } from '../src/cases/identity-keys.job';
import { newCase, startTestApp, TestApp } from './support/test-app';

/**
 * The blind index follows its key (issue #17): cases whose identity keys are missing (opened before
 * the repeat rule) or were made with another key are keyed again, so the repeat rule recognises
 * their victim; each re-keying audited.
 */
describe('re-keying the victims’ blind index', () => {
  let t: TestApp;
  let coordinator: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    coordinator = { Authorization: `Bearer ${await t.token('coordinator', ['FR-82'])}` };
  });
  afterAll(() => t.close());

  const victim = {
    lastName: 'Lefèvre',
    firstName: 'Anne',
    dateOfBirth: '1985-06-01',
    phone: '+33622334455',
  };
  const open = async () => {
    const res = await t.http
      .post('/api/v1/cases')
      .set(coordinator)
      .send({ ...newCase(), victim });
    expect(res.status).toBe(201);
    return res.body as { id: string; repeat: { previousCases: { id: string }[] } | null };
  };
  const digests = async (caseId: string) =>
    (
      (await t.db.query(`SELECT digest FROM victim_identity_key WHERE case_id = $1 ORDER BY kind`, [
        caseId,
      ])) as { digest: string }[]
    ).map((r) => r.digest);

  it('keys again a case opened before the blind index, and its victim is then recognised', async () => {
    const old = await open();
    const keys = await digests(old.id);
    expect(keys).toHaveLength(2);
    // As a case of before the upgrade: no keys, no marker.
    await t.db.query(`DELETE FROM victim_identity_key WHERE case_id = $1`, [old.id]);
    await t.db.query(`UPDATE case_file SET identity_keyed_with = NULL WHERE id = $1`, [old.id]);
    expect((await open()).repeat).toBeNull(); // unrecognisable: the fault being fixed

    expect(await t.app.get(IdentityKeysJob).runOnce()).toBe(1);
    expect(await digests(old.id)).toEqual(keys);
    const next = await open();
    expect(next.repeat?.previousCases.map((c) => c.id)).toContain(old.id);
    const audited = await t.db.query(
      `SELECT actor_id FROM audit_record WHERE entity_id = $1 AND action = 'case.identity-keys'`,
      [old.id],
    );
    expect(audited).toEqual([{ actor_id: 'system:identity-keys' }]);
  });

  it('keys again a case keyed with another key, and leaves the others alone', async () => {
    const kase = await open();
    const keys = await digests(kase.id);
    await t.db.query(`UPDATE victim_identity_key SET digest = md5(digest) WHERE case_id = $1`, [
      kase.id,
    ]);
    await t.db.query(
      `UPDATE case_file SET identity_keyed_with = 'a-former-key-000' WHERE id = $1`,
      [kase.id],
    );
    expect(await t.app.get(IdentityKeysJob).runOnce()).toBe(1);
    expect(await digests(kase.id)).toEqual(keys);
    expect(await t.app.get(IdentityKeysJob).runOnce()).toBe(0);
  });
});
