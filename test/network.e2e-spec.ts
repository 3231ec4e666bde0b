import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { signDevToken } from '../src/auth/token-verifier';
import { NetworkService } from '../src/network/network.service';
import { IsolatedDatabase, isolatedDatabase } from './support/database';
import { startTestApp, TestApp } from './support/test-app';
import { asPartner } from './support/tgd-journey';

type Partner = { id: string; name: string; kind: string; version: number; edited: boolean };

/**
 * The directory (issue #17): seeded from rules/networks at start-up, scoped by the networks'
 * jurisdictions, searched by kind, service, place and words, edited by the networks' admins, read by
 * partner users for their own network only; seeding across restarts keeps what admins did.
 */
describe('networks and partners', () => {
  const rulesDir = mkdtempSync(join(tmpdir(), 'tgd-networks-'));
  let database: IsolatedDatabase;
  let t: TestApp;
  const auth = async (role: Parameters<TestApp['token']>[0], jurisdictions = ['FR-82']) => ({
    Authorization: `Bearer ${await t.token(role, jurisdictions)}`,
  });
  const partnerAuth = (organisation: string, jurisdictions = ['FR-82']) =>
    asPartner(t, organisation, jurisdictions);
  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((p) => p.id);

  beforeAll(async () => {
    cpSync(join(__dirname, '..', 'rules'), rulesDir, { recursive: true });
    database = await isolatedDatabase();
    t = await startTestApp({ env: { RULES_DIR: rulesDir }, database });
  });
  afterAll(async () => {
    await t?.close();
    await database.drop();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it('lists the networks covering the caller’s jurisdictions only', async () => {
    const fr = await t.http.get('/api/v1/networks').set(await auth('coordinator'));
    expect(fr.status).toBe(200);
    expect(ids(fr.body)).toEqual(['fr-82-coordination-vif']);
    expect(fr.body.items[0]).toMatchObject({
      kind: 'coordination_departementale',
      partnerCount: 9,
    });
    const be = await t.http.get('/api/v1/networks').set(await auth('operator', ['BE-ZP-5339']));
    expect(ids(be.body)).toEqual(['stopp-vif']);
    const all = await t.http.get('/api/v1/networks').set(await auth('admin', ['*']));
    expect(all.body.total).toBe(2);
    const none = await t.http.get('/api/v1/networks').set(await auth('prosecutor', ['FR-71']));
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it('reads one network with its members, and hides the others’ (404)', async () => {
    const stopp = await t.http
      .get('/api/v1/networks/stopp-vif')
      .set(await auth('coordinator', ['BE-ZP-5339']));
    expect(stopp.status).toBe(200);
    expect(stopp.body.partners.filter((p: Partner) => p.kind === 'municipality')).toHaveLength(5);
    expect(stopp.body.partners.filter((p: Partner) => p.kind === 'cpas')).toHaveLength(5);
    const hidden = await t.http.get('/api/v1/networks/stopp-vif').set(await auth('coordinator'));
    expect(hidden.status).toBe(404);
    expect(
      (await t.http.get('/api/v1/partners/la-cabane').set(await auth('coordinator'))).status,
    ).toBe(404);
    const bad = await t.http.get('/api/v1/partners/Not_An_Id').set(await auth('coordinator'));
    expect(bad.status).toBe(400);
  });

  it('searches by kind, service, place (accents ignored, referents included) and words', async () => {
    const coordinator = await auth('coordinator');
    const psy = await t.http
      .get('/api/v1/partners')
      .query({ kind: 'psychologist' })
      .set(coordinator);
    expect(ids(psy.body)).toEqual(['psychologue-coordination-82']);
    const housing = await t.http
      .get('/api/v1/partners')
      .query({ service: 'emergency_housing' })
      .set(coordinator);
    expect(ids(housing.body)).toEqual(['tarn-et-garonne-habitat']);
    const moissac = await t.http.get('/api/v1/partners').query({ place: '82200' }).set(coordinator);
    expect(ids(moissac.body)).toEqual(
      expect.arrayContaining(['coordination-vif-82-gendarmerie', 'france-victimes-82']),
    );
    expect(ids(moissac.body)).not.toContain('cidff-82');

    const be = await auth('coordinator', ['BE-ZP-5339']);
    const flemalle = await t.http
      .get('/api/v1/partners')
      .query({ place: 'flemalle', kind: 'municipality' })
      .set(be);
    expect(ids(flemalle.body)).toEqual(['commune-flemalle']);
    expect(flemalle.body.items[0].referents[0]).toMatchObject({
      role: expect.stringMatching(/Référent/),
      municipality: 'Flémalle',
    });
    const byReferent = await t.http.get('/api/v1/partners').query({ q: 'Thomas Lambert' }).set(be);
    expect(ids(byReferent.body)).toEqual(['cpas-saint-georges-sur-meuse']);
    const cabane = await t.http.get('/api/v1/partners').query({ q: 'CABANE' }).set(be);
    expect(ids(cabane.body)).toEqual(['la-cabane']);
    // A wildcard typed is a letter, not "anything".
    const percent = await t.http.get('/api/v1/partners').query({ q: '%' }).set(be);
    expect(percent.body.total).toBe(0);
    // FR-82's coordinator finds nothing of STOPP VIF, whatever the filter.
    const elsewhere = await t.http.get('/api/v1/partners').query({ q: 'cabane' }).set(coordinator);
    expect(elsewhere.body.total).toBe(0);
    // Paged.
    const page = await t.http.get('/api/v1/partners').query({ pageSize: 4, page: 2 }).set(be);
    expect(page.body).toMatchObject({ total: 14, page: 2, pageSize: 4 });
    expect(page.body.items).toHaveLength(4);
    const invalid = await t.http.get('/api/v1/partners').query({ kind: 'bakery' }).set(be);
    expect(invalid.status).toBe(400);
  });

  it('lets a network’s admin add, update and deactivate partners, audited; nobody else', async () => {
    const admin = await auth('admin');
    const added = await t.http
      .post('/api/v1/partners')
      .set(admin)
      .send({
        id: 'planning-familial-82',
        networkId: 'fr-82-coordination-vif',
        name: 'Planning familial 82',
        kind: 'health',
        services: ['health_care', 'psychological_care'],
        municipalities: ['Montauban'],
        contacts: [{ label: 'Accueil', phone: '+33 5 63 11 11 11', hours: 'mardi 14 h–18 h' }],
        referents: [{ name: 'Dr Martin', role: 'Médecin référente', municipality: 'Montauban' }],
      });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ source: 'api', edited: true, version: 1, active: true });
    const found = await t.http
      .get('/api/v1/partners')
      .query({ service: 'psychological_care', place: 'montauban' })
      .set(await auth('coordinator'));
    expect(ids(found.body)).toContain('planning-familial-82');

    const again = await t.http
      .post('/api/v1/partners')
      .set(admin)
      .send({ ...added.body, networkId: 'fr-82-coordination-vif', id: 'cidff-82' });
    expect(again.status).toBe(400); // fields a creation does not take
    const duplicate = await t.http.post('/api/v1/partners').set(admin).send({
      id: 'cidff-82',
      networkId: 'fr-82-coordination-vif',
      name: 'Doublon',
      kind: 'legal_advice',
      services: [],
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('partner.exists');

    // An admin of another jurisdiction, or a coordinator, cannot.
    const foreign = await t.http
      .patch('/api/v1/partners/cidff-82')
      .set(await auth('admin', ['BE-ZP-5339']))
      .send({ expectedVersion: 1, name: 'X' });
    expect(foreign.status).toBe(404);
    const intoForeign = await t.http
      .post('/api/v1/partners')
      .set(admin)
      .send({ id: 'x-1', networkId: 'stopp-vif', name: 'X', kind: 'other', services: [] });
    expect(intoForeign.status).toBe(404);
    const coordinator = await t.http
      .patch('/api/v1/partners/cidff-82')
      .set(await auth('coordinator'))
      .send({ expectedVersion: 1, name: 'X' });
    expect(coordinator.status).toBe(403);

    const updated = await t.http
      .patch('/api/v1/partners/parquet-montauban')
      .set(admin)
      .send({
        expectedVersion: 1,
        referents: [{ name: 'Mme Procureure adjointe', role: 'Référente VIF du parquet' }],
      });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ edited: true, version: 2 });
    const stale = await t.http
      .patch('/api/v1/partners/parquet-montauban')
      .set(admin)
      .send({ expectedVersion: 1, name: 'X' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('partner.version-conflict');

    const deactivated = await t.http
      .patch('/api/v1/partners/ase-82')
      .set(admin)
      .send({ expectedVersion: 1, active: false });
    expect(deactivated.body).toMatchObject({ active: false, version: 2 });
    const search = await t.http
      .get('/api/v1/partners')
      .query({ service: 'children_follow_up' })
      .set(await auth('coordinator'));
    expect(ids(search.body)).not.toContain('ase-82');
    const withInactive = await t.http
      .get('/api/v1/partners')
      .query({ service: 'children_follow_up', includeInactive: true })
      .set(await auth('coordinator'));
    expect(ids(withInactive.body)).toContain('ase-82');
    const offering = await t.app
      .get(NetworkService)
      .partnersOffering('children_follow_up', 'FR-82');
    expect(offering.map((p) => p.id)).not.toContain('ase-82');

    const rows: Array<{ action: string; entity_id: string; outcome: string }> = await t.db.query(
      `SELECT action, detail->>'partnerId' AS entity_id, outcome FROM audit_record
       WHERE entity_type = 'partner' AND action NOT LIKE 'partner.seed%'`,
    );
    expect(rows.map((r) => `${r.action} ${r.entity_id} ${r.outcome}`)).toEqual(
      expect.arrayContaining([
        'partner.read la-cabane denied',
        'partner.update cidff-82 denied',
        'partner.create planning-familial-82 success',
        'partner.update parquet-montauban success',
        'partner.deactivate ase-82 success',
      ]),
    );
    const seeded: Array<{ count: number }> = await t.db.query(
      `SELECT count(*)::int AS count FROM audit_record WHERE action = 'partner.seed-insert'`,
    );
    expect(seeded[0].count).toBe(23);
  });

  it('gives other features the directory contract', async () => {
    const network = t.app.get(NetworkService);
    expect(await network.partner('cidff-82')).toEqual({
      id: 'cidff-82',
      name: 'CIDFF de Tarn-et-Garonne',
      kind: 'legal_advice',
      services: ['legal_advice', 'social_support'],
      networkId: 'fr-82-coordination-vif',
      jurisdictions: ['FR-82'],
      active: true,
    });
    expect(await network.partner('nobody')).toBeNull();
    const housing = await network.partnersOffering('emergency_housing', 'BE-ZP-5339');
    expect(housing.map((p) => p.id)).toContain('stopp-vif-hebergement');
    expect(housing.every((p) => p.jurisdictions.includes('BE-ZP-5339'))).toBe(true);
    expect(await network.networksCovering('FR-82')).toEqual([
      {
        id: 'fr-82-coordination-vif',
        name: 'Coordination départementale VIF de Tarn-et-Garonne',
        kind: 'coordination_departementale',
        jurisdictions: ['FR-82'],
      },
    ]);
    expect(await network.networksCovering('FR-71')).toEqual([]);
  });

  it('lets a partner user read its own network’s directory and nothing else', async () => {
    const noClaim = await t.http.get('/api/v1/session').set(await auth('partner'));
    expect(noClaim.status).toBe(401);
    expect(noClaim.body.detail).toMatch(/partner_org/);

    const partner = await partnerAuth('cidff-82');
    const session = await t.http.get('/api/v1/session').set(partner);
    expect(session.body).toMatchObject({ roles: ['partner'], partnerOrganisationId: 'cidff-82' });
    expect(ids((await t.http.get('/api/v1/networks').set(partner)).body)).toEqual([
      'fr-82-coordination-vif',
    ]);
    expect(
      (await t.http.get('/api/v1/partners/psychologue-coordination-82').set(partner)).status,
    ).toBe(200);
    // Another network's, even with the jurisdiction in the token: its own network only.
    const wide = await partnerAuth('cidff-82', ['FR-82', 'BE-ZP-5339']);
    expect((await t.http.get('/api/v1/networks/stopp-vif').set(wide)).status).toBe(404);
    expect((await t.http.get('/api/v1/partners').query({ q: 'cabane' }).set(wide)).body.total).toBe(
      0,
    );
    // An organisation unknown to the directory sees nothing.
    const unknown = await partnerAuth('nowhere-82');
    expect((await t.http.get('/api/v1/networks').set(unknown)).body.total).toBe(0);
    // Staff routes and writes are refused.
    expect((await t.http.get('/api/v1/cases').set(partner)).status).toBe(403);
    expect((await t.http.get('/api/v1/alarms').set(partner)).status).toBe(403);
    expect(
      (
        await t.http
          .patch('/api/v1/partners/cidff-82')
          .set(partner)
          .send({ expectedVersion: 1, name: 'X' })
      ).status,
    ).toBe(403);

    const mixed = await signDevToken(t.config, {
      roles: ['partner', 'coordinator'],
      jurisdictions: ['FR-82'],
      partnerOrganisationId: 'cidff-82',
    });
    expect(
      (await t.http.get('/api/v1/cases').set({ Authorization: `Bearer ${mixed}` })).status,
    ).toBe(401);
  });

  it('mints partner development tokens only with an organisation', async () => {
    const ok = await t.http.post('/api/v1/session/dev-token').send({
      subject: 'juriste.cidff',
      roles: ['partner'],
      jurisdictions: ['FR-82'],
      partnerOrganisationId: 'cidff-82',
    });
    expect(ok.status).toBe(200);
    const session = await t.http
      .get('/api/v1/session')
      .set({ Authorization: `Bearer ${ok.body.accessToken}` });
    expect(session.body.partnerOrganisationId).toBe('cidff-82');
    const without = await t.http
      .post('/api/v1/session/dev-token')
      .send({ subject: 'x', roles: ['partner'], jurisdictions: ['FR-82'] });
    expect(without.status).toBe(400);
    const staffWithOrg = await t.http.post('/api/v1/session/dev-token').send({
      subject: 'x',
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
      partnerOrganisationId: 'cidff-82',
    });
    expect(staffWithOrg.status).toBe(400);
    const staff = await t.http.get('/api/v1/session').set(await auth('coordinator'));
    expect(staff.body.partnerOrganisationId).toBeNull();
  });

  it('seeds idempotently, even twice at once, and keeps admins’ work across a restart', async () => {
    const network = t.app.get(NetworkService);
    const [a, b] = await Promise.all([network.seed(), network.seed()]);
    expect([a, b]).toEqual([
      { networks: 0, inserted: 0, updated: 0 },
      { networks: 0, inserted: 0, updated: 0 },
    ]);

    // The file renames a partner nobody edited, and one an admin edited.
    const file = join(rulesDir, 'networks', 'fr-82-coordination-vif.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('name: CIDFF de Tarn-et-Garonne', 'name: CIDFF 82 (renamed in the file)')
        .replace(
          'name: Tribunal judiciaire de Montauban — parquet',
          'name: Parquet (renamed in the file)',
        ),
    );
    await t.close();
    t = await startTestApp({ env: { RULES_DIR: rulesDir }, database });
    const admin = await auth('admin');
    const cidff = (await t.http.get('/api/v1/partners/cidff-82').set(admin)).body;
    expect(cidff).toMatchObject({
      name: 'CIDFF 82 (renamed in the file)',
      edited: false,
      version: 2,
    });
    const parquet = (await t.http.get('/api/v1/partners/parquet-montauban').set(admin)).body;
    expect(parquet).toMatchObject({
      name: 'Tribunal judiciaire de Montauban — parquet',
      edited: true,
      referents: [{ name: 'Mme Procureure adjointe', role: 'Référente VIF du parquet' }],
    });
    expect((await t.http.get('/api/v1/partners/planning-familial-82').set(admin)).status).toBe(200);
    expect((await t.http.get('/api/v1/partners/ase-82').set(admin)).body.active).toBe(false);
  });

  it('refuses to start on a broken network file, naming it', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'tgd-networks-broken-'));
    const other = await isolatedDatabase();
    try {
      cpSync(rulesDir, broken, { recursive: true });
      writeFileSync(
        join(broken, 'networks', 'zz-broken.json'),
        JSON.stringify({
          id: 'broken',
          name: 'B',
          kind: 'club',
          jurisdictions: ['FR-82'],
          partners: [],
        }),
      );
      await expect(startTestApp({ env: { RULES_DIR: broken }, database: other })).rejects.toThrow(
        /zz-broken\.json: \/kind: must be one of/,
      );
    } finally {
      await other.drop();
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
