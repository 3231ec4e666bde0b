import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

import { eventually, FcmServer, startFcmServer } from './support/fcm';
import { startTestApp, TestApp } from './support/test-app';
import { enrolledDevice } from './support/tgd-journey';

/**
 * A dump of a database that has seen a victim, her TGD decision and a distress shows nothing
 * personal in clear: no name, address, phone, author description, free text or position. Needs
 * the PostgreSQL server and its pg_dump (TEST_DATABASE_URL); PGlite has no pg_dump to run.
 */
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('personal data sealed at rest (pg_dump)', () => {
  let t: TestApp;
  let fcm: FcmServer;

  beforeAll(async () => {
    fcm = await startFcmServer();
    t = await startTestApp({ env: { ...fcm.env, PUSH_POLL_MS: '50' } });
  });
  afterAll(async () => {
    await t.close();
    await fcm.stop();
  });

  it('holds no marker in clear after a whole journey and a distress', async () => {
    const operator = {
      Authorization: `Bearer ${await t.token('operator', ['FR-82'], 'operator-82')}`,
    };
    await t.http
      .post('/api/v1/me/push-tokens')
      .set(operator)
      .send({ token: `op-${'a'.repeat(40)}`, platform: 'android' });
    await t.http.put('/api/v1/operators/me/duty').set(operator).send({ onDuty: true });
    const { device } = await enrolledDevice(t);
    const gateway = { Authorization: `Bearer ${await t.token('gateway', ['*'], 'gw')}` };
    const { body } = await t.http
      .post('/api/v1/device-events')
      .set(gateway)
      .send({
        eventId: randomUUID(),
        device: device.serialNumber,
        type: 'distress',
        occurredAt: new Date().toISOString(),
        location: { lat: 43.98765, lon: 1.23456, accuracy: 9 },
      });
    await eventually(async () => expect((await fcm.messages()).length).toBeGreaterThan(0));
    await t.http
      .post(`/api/v1/alarms/${body.alarmId}/police`)
      .set(operator)
      .send({ note: 'ZZPOLICE-NOTE patrouille' });
    await t.http
      .post(`/api/v1/alarms/${body.alarmId}/resolve`)
      .set(operator)
      .send({ outcome: 'intervention', note: 'ZZRESOLUTION-NOTE auteur interpellé' });

    const dump = execFileSync('pg_dump', ['--data-only', t.database.url], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(dump).toMatch(/COPY public\.alarm /);
    // The partner directory is organisations' public contact data, in clear by design (it names
    // Montauban's services): only the tables that hold victims' data are searched.
    const directory = /^COPY public\.(partner|network) /;
    const victimData = dump
      .split(/\n(?=COPY )/)
      .filter((section) => !directory.test(section))
      .join('\n');
    expect(victimData).toMatch(/COPY public\.case_file /);
    const found = [
      'Camille',
      'Martin',
      'rue des Lilas',
      'Montauban',
      '612345678',
      'Tall, grey van',
      // The prosecutor's reasons, as the journey writes them.
      'Danger grave et imminent, auteur non interpellé.',
      'ZZPOLICE-NOTE',
      'ZZRESOLUTION-NOTE',
      '43.98765',
      '1.23456',
    ].filter((marker) => victimData.includes(marker));
    if (found.length > 0)
      console.log(
        dump
          .split('\n')
          .filter((line) => found.some((m) => line.includes(m)) || line.startsWith('COPY'))
          .join('\n'),
      );
    expect(found).toEqual([]);
  });
});
