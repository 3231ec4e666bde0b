import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { EntityManager, Logger } from 'typeorm';

import { AlarmsRepository } from '../src/alarms/alarms.repository';
import { AllocationsRepository } from '../src/allocations/allocations.repository';
import { AssessmentsRepository } from '../src/assessments/assessments.repository';
import { Actor } from '../src/auth/actor';
import { CasesRepository } from '../src/cases/cases.repository';
import { relation, SqlParams } from '../src/common/sql-params';
import { ConcertationRepository } from '../src/concertation/concertation.repository';
import { DevicesRepository } from '../src/devices/devices.repository';
import { HousingRepository } from '../src/housing/housing.repository';
import { NetworkRepository } from '../src/network/network.repository';
import { ObligationsRepository } from '../src/obligations/obligations.repository';
import { OperatorRoster } from '../src/push/operator-roster';
import { PushOutbox } from '../src/push/push-outbox';
import { ReferralsRepository } from '../src/referrals/referrals.repository';
import { FcmServer, startFcmServer } from './support/fcm';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The SQL each repository sends, committed beside it (`<repository>.sql`), so that a reviewer sees
 * the queries a change alters, as immich does. Each method runs against the real database, its
 * statements recorded by TypeORM's logger: raw SQL and what TypeORM builds alike. `npm run sql:snapshot` writes the files again; this test fails while they
 * are stale.
 */
const ID = '00000000-0000-4000-8000-000000000001';
const AT = new Date('2026-11-24T09:00:00Z');
const actor = new Actor('operator-82', ['operator'], ['FR-82']);

type Call = (manager: EntityManager) => Promise<unknown>;

describe('SQL of the repositories', () => {
  let fcm: FcmServer;
  let t: TestApp;
  const ownQueries = new AsyncLocalStorage<string[]>();

  beforeAll(async () => {
    fcm = await startFcmServer();
    t = await startTestApp({ env: fcm.env });
    const logger: Logger = {
      logQuery: (query) => void ownQueries.getStore()?.push(query),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    Object.assign(t.db, { logger });
  });
  afterAll(async () => {
    await t.close();
    await fcm.stop();
  });

  /**
   * The statements one call sends, and only its own (the service's jobs query meanwhile). A call
   * that takes a manager runs in a transaction (locking reads need one); one that does not runs
   * alone, since the embedded database's one session would be held by a wrapping transaction.
   */
  async function sqlOf(call: Call): Promise<string[]> {
    const recorded: string[] = [];
    const run = () =>
      call.length > 0 ? t.db.transaction((manager) => call(manager)) : call(t.db.manager);
    await ownQueries.run(recorded, () => run().catch(() => undefined));
    return recorded.filter((q) => !/^(START TRANSACTION|COMMIT|ROLLBACK)/.test(q));
  }

  const repositories: Array<{ file: string; calls: Record<string, Call> }> = [
    {
      file: 'src/alarms/alarms.repository.sql',
      calls: (() => {
        const r = () => t.app.get(AlarmsRepository);
        return {
          placeEvent: () =>
            r().placeEvent({
              alarmId: ID,
              eventRowId: ID,
              gatewayId: 'gw',
              eventId: 'e',
              type: 'distress',
              deviceId: ID,
              allocationId: ID,
              caseId: ID,
              jurisdiction: 'FR-82',
              caseReference: 'REF',
              dangerLevel: null,
              occurredAt: AT,
              receivedAt: AT,
              pushing: true,
              payload: {},
              deadlines: { first: AT, fallenThrough: AT },
              positionSealed: null,
              rawSealed: 'x',
              answer: { status: 201, body: {} },
            }),
          page: (m) => r().page(m, ['FR-82'], { status: 'open', page: 1, pageSize: 20 }),
          track: (m) => r().track(m, ID),
          claimEscalations: (m) => r().claimEscalations(m, AT, 100),
          escalateAt: () => r().escalateAt(AT, { ids: [ID] }),
          escalateUnpushedAt: () => r().escalateAt(AT, { unpushedIn: ['FR-82'] }),
          markFirstPushed: () => r().markFirstPushed([ID], AT),
          unpushed: () => r().unpushed(AT, AT),
          answerOf: () => r().answerOf('gw', 'e'),
        };
      })(),
    },
    {
      file: 'src/allocations/allocations.repository.sql',
      calls: (() => {
        const r = () => t.app.get(AllocationsRepository);
        return {
          placementOf: () => r().placementOf('SN-1'),
          activeJurisdictions: () => r().activeJurisdictions(),
          claimExpired: (m) => r().claimExpired(m, AT, 100),
          pendingOrActive: (m) => r().pendingOrActive(m, ID),
          requestQueue: (m) =>
            r().requestQueue(m, new Actor('prosecutor-82', ['prosecutor'], ['FR-82']), {
              status: 'pending',
              page: 1,
              pageSize: 20,
            }),
          countRequests: (m) =>
            r().countRequests(m, new Actor('prosecutor-82', ['prosecutor'], ['FR-82']), {
              status: 'pending',
            }),
          requestQueueOfCases: (m) =>
            r().requestQueue(m, new Actor('coordinator-82', ['coordinator'], ['FR-82']), {
              status: 'pending',
              caseIds: [ID],
              page: 1,
              pageSize: 20,
            }),
        };
      })(),
    },
    {
      file: 'src/cases/cases.repository.sql',
      calls: (() => {
        const r = () => t.app.get(CasesRepository);
        return {
          page: () => r().page(['FR-82'], { status: 'open', page: 1, pageSize: 20 }),
          contacts: (m) => r().contacts(m, [ID]),
          idsOfCoordinator: (m) => r().idsOfCoordinator(m, 'coordinator-82', ['FR-82']),
          setStatus: (m) => r().setStatus(m, ID, 'enrolled', AT),
          byId: (m) => r().byId(m, ID),
          lockedById: (m) => r().lockedById(m, ID),
          incomingTransfers: (m) => r().incomingTransfers(m, ['FR-71']),
          knownCases: (m) => r().knownCases(m, ID, ['0'.repeat(64)], AT, AT),
          staleIdentityKeys: (m) => r().staleIdentityKeys(m, '0'.repeat(16), 200),
          known: (m) => r().known(m, [ID]),
          history: (m) => r().history(m, ID),
        };
      })(),
    },
    {
      file: 'src/assessments/assessments.repository.sql',
      calls: (() => {
        const r = () => t.app.get(AssessmentsRepository);
        return {
          inForce: (m) => r().inForce(m, ID, true),
          supersede: (m) => r().supersede(m, ID, ID),
          submittedBefore: (m) => r().submittedBefore(m, ID, AT),
          ofCase: (m) => r().ofCase(m, ID),
        };
      })(),
    },
    {
      file: 'src/devices/devices.repository.sql',
      calls: (() => {
        const r = () => t.app.get(DevicesRepository);
        return {
          clash: (m) => r().clash(m, 'SN-1', '490154203237518'),
          page: () => r().page(['FR-82'], { status: 'available', page: 1, pageSize: 20 }),
          stock: () => r().stock(['FR-82']),
          locked: (m) => r().locked(m, ID),
          setStatus: (m) => r().setStatus(m, ID, 'assigned', AT),
          heldBy: (m) => r().heldBy(m, ID),
          assignmentsOf: (m) => r().assignmentsOf(m, { allocationId: ID }),
        };
      })(),
    },
    {
      file: 'src/obligations/obligations.repository.sql',
      calls: (() => {
        const r = () => t.app.get(ObligationsRepository);
        return {
          advanceBatch: (m) => r().advanceBatch(m, AT),
          fulfil: (m) => r().fulfil(m, ID, ['device_test'], AT, 'system:device.tested', true),
          cancel: (m) => r().cancel(m, ID, { except: ['device_return'] }, AT, 'system:x'),
          closeOfSource: (m) =>
            r().closeOfSource(m, ID, ID, ['referral_answer'], 'completed', AT, 'system:x'),
          worklist: () => r().worklist(['FR-82'], { page: 1, pageSize: 20 }),
          moveCase: (m) => r().moveCase(m, ID, 'FR-71'),
          cancelOfCase: (m) => r().cancelOfCase(m, ID, AT, 'system:case.closed'),
        };
      })(),
    },
    {
      file: 'src/referrals/referrals.repository.sql',
      calls: (() => {
        const r = () => t.app.get(ReferralsRepository);
        return {
          ofCase: (m) => r().ofCase(m, ID),
          byId: (m) => r().byId(m, ID, true),
          inbox: () => r().inbox('psy-82', { page: 1, pageSize: 20 }),
          openTo: (m) => r().openTo(m, ID, 'psy-82'),
          unansweredOf: (m) => r().unansweredOf(m, ID),
          moveCase: (m) => r().moveCase(m, ID, 'FR-71'),
        };
      })(),
    },
    {
      file: 'src/concertation/concertation.repository.sql',
      calls: (() => {
        const r = () => t.app.get(ConcertationRepository);
        return {
          meetings: (m) => r().meetings(m, ['FR-82']),
          meetingById: (m) => r().meetingById(m, ID),
          actionsOf: (m) => r().actionsOf(m, ID),
          actionsOfPartner: (m) => r().actionsOfPartner(m, 'psy-82'),
          actionById: (m) => r().actionById(m, ID, true),
          openActionsOfCase: (m) => r().openActionsOfCase(m, ID),
          moveCase: (m) => r().moveCase(m, ID, 'FR-71'),
        };
      })(),
    },
    {
      file: 'src/network/network.repository.sql',
      calls: (() => {
        const r = () => t.app.get(NetworkRepository);
        return {
          partnerSummary: () => r().partnerSummary('cidff-82'),
          partnersOffering: () => r().partnersOffering('emergency_housing', 'FR-82'),
          networkSummary: () => r().networkSummary('fr-82-coordination-vif'),
          networksCovering: () => r().networksCovering('FR-82'),
          listNetworks: () => r().listNetworks({ jurisdictions: ['FR-82'], page: 1, pageSize: 20 }),
          findPartner: (m) => r().findPartner('cidff-82', m, true),
          searchPartners: () =>
            r().searchPartners({
              jurisdictions: ['FR-82'],
              kind: 'psychologist',
              service: 'psychological_care',
              place: 'montauban',
              text: 'psy',
              includeInactive: false,
              page: 1,
              pageSize: 20,
            }),
        };
      })(),
    },
    {
      file: 'src/push/push-outbox.sql',
      calls: (() => {
        const r = () => t.app.get(PushOutbox);
        return {
          recipientsAndQueue: async (m) => {
            const p = new SqlParams();
            const sql = `WITH steps AS (SELECT $1::uuid AS id, 'FR-82'::text AS jurisdiction, 'first'::text AS audience, NULL::text AS acknowledger),
              recipients AS (${r().recipients(p, relation('steps'))}),
              pushes AS (${r().queue(p, relation('(SELECT id AS alarm_id, 0 AS level, operator_id, token, $1::jsonb AS payload FROM recipients)'), true)})
              SELECT count(*) FROM pushes`;
            return m.query(sql, [ID, ...p.values.slice(1)]);
          },
          enqueue: (m) =>
            r().enqueue(m, { id: ID, jurisdiction: 'FR-82', level: 1, audience: 'escalation' }, {}),
          queueNotices: (m) =>
            r().queueNotices(m, [
              {
                notificationId: ID,
                responsible: 'coordinator',
                jurisdiction: 'FR-82',
                coordinatorId: 'c',
                payload: {},
              },
            ]),
          cancel: (m) => r().cancel(m, ID),
          backlog: () => r().backlog(),
          claim: () => r().claim(AT, AT, [randomUUID()], 200),
          renewLeases: () => r().renewLeases([ID], AT),
          probeOne: () => r().probeOne(AT),
          releaseWaiting: () => r().releaseWaiting(AT),
          record: () =>
            r().record([{ id: ID, token: 't', outcome: 'sent', retryAt: null }], AT, 10, AT),
          unreachable: () => r().unreachable([ID]),
        };
      })(),
    },
    {
      file: 'src/housing/housing.repository.sql',
      calls: (() => {
        const r = () => t.app.get(HousingRepository);
        return {
          lockPlace: (m) => r().lockPlace(m, ID),
          findPlace: (m) => r().findPlace(m, ID),
          placesByIds: (m) => r().placesByIds(m, [ID]),
          placesPage: (m) =>
            r().placesPage(m, {
              jurisdictions: ['FR-82'],
              partnerId: 'logis-82',
              kind: 'shelter',
              page: 1,
              pageSize: 20,
            }),
          staysOverlapping: (m) => r().staysOverlapping(m, [ID], '2026-11-01', '2026-12-01'),
          findRequest: (m) => r().findRequest(m, ID, true),
          waitingOfCase: (m) => r().waitingOfCase(m, ID),
          moveCase: (m) => r().moveCase(m, ID, 'FR-71'),
          waitingList: (m) =>
            r().requestsPage(m, {
              jurisdictions: ['FR-82'],
              partnerId: 'logis-82',
              status: 'waiting',
              page: 1,
              pageSize: 20,
            }),
          caseRequests: (m) =>
            r().requestsPage(m, { jurisdictions: ['FR-82'], caseId: ID, page: 1, pageSize: 20 }),
          countWaiting: (m) => r().countWaiting(m, ['FR-82']),
          placesIn: (m) => r().placesIn(m, ['FR-82'], 'logis-82'),
        };
      })(),
    },
    {
      file: 'src/push/operator-roster.sql',
      calls: (() => {
        const r = () => t.app.get(OperatorRoster);
        return {
          registerToken: () => r().registerToken(actor, { token: 't', platform: 'android' }),
          operator: () => r().operator(actor),
          setDuty: () => r().setDuty(actor, { onDuty: true }),
          reachableJurisdictions: () => r().reachableJurisdictions('x'),
        };
      })(),
    },
  ];

  it.each(repositories.map((r) => [r.file, r]))('%s is up to date', async (file, { calls }) => {
    let text = `-- Generated by test/sql-snapshot.e2e-spec.ts (npm run sql:snapshot): the SQL this repository sends.\n`;
    for (const [method, call] of Object.entries(calls)) {
      text += `\n-- ${method}\n`;
      for (const query of await sqlOf(call)) text += `${tidy(query)};\n`;
    }
    const path = join(__dirname, '..', file);
    if (process.env.UPDATE_SQL_SNAPSHOTS === '1') writeFileSync(path, text);
    expect(existsSync(path) ? readFileSync(path, 'utf8') : '').toBe(text);
  });
});

/** A statement with its blank lines dropped and its indentation made relative to its least. */
function tidy(query: string): string {
  const [first, ...rest] = query.split('\n').filter((line) => line.trim() !== '');
  const indent = Math.min(...rest.map((line) => line.match(/^ */)![0].length));
  return [first.trim(), ...rest.map((line) => '  ' + line.slice(indent).trimEnd())].join('\n');
}
