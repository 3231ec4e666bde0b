import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DomainEventPublisher } from '../../src/common/domain-event-publisher';
import { DomainEvent } from '../../src/common/domain-events';
import { ObligationPlanner } from '../../src/obligations/obligation-planner';
import { ManualClock } from '../support/manual-clock';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The obligations at service level, against the real database: they hear domain events published
 * the way any producer publishes them, with no producer involved, so a template may trigger on any
 * event without a producer knowing.
 */
describe('obligation planner (service level)', () => {
  const clock = new ManualClock(new Date('2026-11-24T09:00:00Z'));
  const rules = mkdtempSync(join(tmpdir(), 'rules-'));
  let t: TestApp;
  let events: DomainEventPublisher;
  let planner: ObligationPlanner;

  beforeAll(async () => {
    cpSync(join(__dirname, '..', '..', 'rules'), rules, { recursive: true });
    // A template on a trigger no shipped template uses: no producer changes for it.
    writeFileSync(
      join(rules, 'obligations', 'returned-device-check.json'),
      JSON.stringify({
        id: 'returned-device-check',
        version: '1',
        languages: ['fr'],
        templates: [
          {
            id: 'returned_device_check',
            title: { fr: 'Vérifier le téléphone rendu' },
            trigger: 'device.returned',
            responsible: 'coordinator',
            due: { after: { days: 2 } },
            completedBy: 'note',
          },
        ],
      }),
    );
    t = await startTestApp({ clock, env: { RULES_DIR: rules, OBLIGATIONS_SCAN_SECONDS: '86400' } });
    events = t.app.get(DomainEventPublisher);
    planner = t.app.get(ObligationPlanner);
  });
  afterAll(async () => {
    await t.close();
    rmSync(rules, { recursive: true, force: true });
  });

  const publish = (...list: DomainEvent[]) =>
    t.db.transaction(async (manager) => {
      for (const event of list) await events.publish(manager, event);
    });
  const obligationsOf = async (allocationId: string): Promise<string[]> =>
    (
      await t.db.query(
        `SELECT template_id, status, state, source_id, closed_by FROM follow_up_obligation
         WHERE allocation_id = $1 ORDER BY template_id, sequence`,
        [allocationId],
      )
    ).map((r: Record<string, string>) => `${r.template_id}:${r.status}:${r.state}`);

  const approved = (allocationId: string, caseId: string): DomainEvent => ({
    type: 'allocation.approved',
    allocationId,
    caseId,
    jurisdiction: 'FR-82',
    endsAt: new Date('2027-05-24T09:00:00Z'),
    levelFromTop: 0,
  });

  it('plans what an approval triggers, once however often the event is heard', async () => {
    const allocationId = randomUUID();
    await publish(approved(allocationId, randomUUID()));
    const first = await obligationsOf(allocationId);
    expect(first.length).toBeGreaterThan(0);
    await publish(approved(allocationId, randomUUID()));
    expect(await obligationsOf(allocationId)).toEqual(first);
  });

  it('plans a template on a trigger no producer knows of (device.returned)', async () => {
    const allocationId = randomUUID();
    await publish(approved(allocationId, randomUUID()));
    const deviceId = randomUUID();
    await publish({
      type: 'device.assigned',
      allocationId,
      deviceId,
      caseId: randomUUID(),
      jurisdiction: 'FR-82',
    });
    expect(await obligationsOf(allocationId)).not.toContain('returned_device_check:open:upcoming');
    await publish({ type: 'device.returned', allocationId, deviceId });
    const after = await obligationsOf(allocationId);
    expect(after).toContain('returned_device_check:open:upcoming');
    // The return also completes or cancels what it makes moot: no device test stays open.
    expect(after.filter((o) => o.startsWith('device_test') && o.includes(':open:'))).toEqual([]);
  });

  it('rolls back with the producer: nothing is planned for an event whose transaction fails', async () => {
    const allocationId = randomUUID();
    await expect(
      t.db.transaction(async (manager) => {
        await events.publish(manager, approved(allocationId, randomUUID()));
        throw new Error('the producer fails after announcing');
      }),
    ).rejects.toThrow('the producer fails');
    expect(await obligationsOf(allocationId)).toEqual([]);
  });

  it('ignores events about allocations it does not follow', async () => {
    const allocationId = randomUUID();
    await publish(
      { type: 'device.tested', allocationId, deviceId: randomUUID(), eventId: randomUUID() },
      { type: 'alarm.resolved', allocationId, alarmId: randomUUID() },
    );
    expect(await obligationsOf(allocationId)).toEqual([]);
  });

  it('flags due and overdue once each, however many passes run', async () => {
    const allocationId = randomUUID();
    await publish(approved(allocationId, randomUUID()));
    clock.advanceDays(400);
    const changed = await planner.advance();
    expect(changed).toBeGreaterThan(0);
    expect(await planner.advance()).toBe(0);
    // One notification per obligation and state it reached, never two.
    const [counts] = await t.db.query(
      `SELECT count(*)::int AS notices, count(DISTINCT (n.obligation_id, n.state))::int AS distinct_notices,
         (SELECT count(*)::int FROM follow_up_obligation
          WHERE allocation_id = $1 AND state = 'overdue') AS overdue
       FROM obligation_notification n JOIN follow_up_obligation o ON o.id = n.obligation_id
       WHERE o.allocation_id = $1`,
      [allocationId],
    );
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.notices).toBe(counts.distinct_notices);
    expect(counts.notices).toBeGreaterThanOrEqual(counts.overdue);
  });
});
