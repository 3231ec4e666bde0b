import { randomUUID } from 'node:crypto';

import { filter, firstValueFrom } from 'rxjs';

import { Actor } from '../../src/auth/actor';
import { OperatorRoster } from '../../src/push/operator-roster';
import { PushDispatcher } from '../../src/push/push-dispatcher';
import { PushOutbox, TIER } from '../../src/push/push-outbox';
import { eventually, FcmServer, startFcmServer } from '../support/fcm';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Push at service level, against the real database and the real firebase-admin SDK talking to the
 * local FCM-compatible server: the roster, the outbox and the dispatcher, with no alarm involved.
 */
describe('push outbox and dispatcher (service level)', () => {
  let fcm: FcmServer;
  let t: TestApp;
  let roster: OperatorRoster;
  let outbox: PushOutbox;
  let dispatcher: PushDispatcher;
  const jurisdiction = 'FR-31';

  beforeAll(async () => {
    fcm = await startFcmServer();
    t = await startTestApp({ env: fcm.env });
    roster = t.app.get(OperatorRoster);
    outbox = t.app.get(PushOutbox);
    dispatcher = t.app.get(PushDispatcher);
  });
  afterAll(async () => {
    await t.close();
    await fcm.stop();
  });

  const operator = (name: string) => new Actor(name, ['operator'], [jurisdiction]);
  const step = (id = randomUUID()) => ({ id, jurisdiction, level: 0, audience: 'first' as const });
  const deliveries = (alarmId: string) =>
    t.db.query(`SELECT status, token, payload FROM push_delivery WHERE alarm_id = $1`, [alarmId]);

  it('pages nobody, and says so, when no phone is on duty in the jurisdiction', async () => {
    const queued = await t.db.transaction((m) => outbox.enqueue(m, step(), { type: 'alarm' }));
    expect(queued).toEqual({ queued: 0, tier: null });
  });

  it('queues in the caller transaction, sends through firebase-admin, and tells the alarms', async () => {
    const on = operator('op-push-1');
    await roster.registerToken(on, { token: 'tok-push-1', platform: 'android' });
    await roster.setDuty(on, { onDuty: true });
    const alarmId = randomUUID();
    const told = firstValueFrom(dispatcher.outcomes.pipe(filter((o) => o.sent.includes(alarmId))));
    const queued = await t.db.transaction((m) =>
      outbox.enqueue(m, step(alarmId), { type: 'alarm', alarmId }),
    );
    expect(queued).toEqual({ queued: 1, tier: TIER.onDuty });
    dispatcher.kick();
    await told;
    const sent = (await fcm.messages()).filter((m) => m.data.alarmId === alarmId);
    expect(sent.map((m) => m.token)).toEqual(['tok-push-1']);
    const [row] = await deliveries(alarmId);
    // Sent: the payload is not kept.
    expect(row).toMatchObject({ status: 'sent', payload: {} });
  });

  it('queues nothing when the caller rolls back, and sends nothing once cancelled', async () => {
    const rolledBack = randomUUID();
    await expect(
      t.db.transaction(async (m) => {
        await outbox.enqueue(m, step(rolledBack), { type: 'alarm' });
        throw new Error('the alarm write failed');
      }),
    ).rejects.toThrow('the alarm write failed');
    expect(await deliveries(rolledBack)).toEqual([]);

    const cancelled = randomUUID();
    await t.db.transaction(async (m) => {
      await outbox.enqueue(m, step(cancelled), { type: 'alarm' });
      await outbox.cancel(m, cancelled);
    });
    dispatcher.kick();
    const [row] = await deliveries(cancelled);
    expect(row).toMatchObject({ status: 'cancelled', payload: {} });
  });

  it('drops a phone FCM reports unregistered, and reports the alarm unreachable', async () => {
    const gone = operator('op-push-gone');
    await roster.setDuty(operator('op-push-1'), { onDuty: false, confirmUncovered: true });
    await roster.registerToken(gone, { token: 'unregistered-push-2', platform: 'android' });
    await roster.setDuty(gone, { onDuty: true });
    const alarmId = randomUUID();
    const told = firstValueFrom(
      dispatcher.outcomes.pipe(filter((o) => o.unreachable.includes(alarmId))),
    );
    await t.db.transaction((m) => outbox.enqueue(m, step(alarmId), { type: 'alarm' }));
    dispatcher.kick();
    await told;
    await eventually(async () => expect(await roster.tokensOf(gone)).toEqual([]));
    const [row] = await deliveries(alarmId);
    expect(row.status).toBe('dropped');
  });
});
