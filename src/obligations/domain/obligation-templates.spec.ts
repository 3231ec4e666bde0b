import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DOMAIN_EVENT_TYPES } from '../../common/domain-events';
import { RulesConfigError } from '../../common/rules-files';
import {
  dueState,
  LoadedTemplate,
  loadObligationTemplates,
  plan,
  templatesFor,
} from './obligation-templates';

const RULES = join(__dirname, '..', '..', '..', 'rules');

function faultsOf(templates: unknown[], extra: Record<string, unknown> = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'obligations-'));
  mkdirSync(join(dir, 'obligations'));
  writeFileSync(
    join(dir, 'obligations', 'broken.json'),
    JSON.stringify({ id: 'broken', version: '1', languages: ['fr'], templates, ...extra }),
  );
  try {
    loadObligationTemplates(dir);
    return [];
  } catch (error) {
    if (!(error instanceof RulesConfigError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.fault}`);
  }
}

const valid = {
  id: 'call',
  title: { fr: 'Appel' },
  trigger: 'allocation.approved',
  responsible: 'coordinator',
  due: { after: { days: 2 } },
  completedBy: 'note',
};

describe('obligation templates', () => {
  const shipped = loadObligationTemplates(RULES);
  const byId = (id: string) => shipped.find((t) => t.template.id === id) as LoadedTemplate;

  it('ships the follow-up of an enrolled victim', () => {
    expect(shipped.map((t) => t.template.id)).toEqual(
      expect.arrayContaining([
        'first_contact',
        'device_handover_test',
        'monthly_device_test',
        'reassessment_highest_level',
        'renewal_review',
        'contact_after_alarm',
        'device_return',
      ]),
    );
  });

  it("ships the follow-up of a referral the partner has not answered: 5 working days, a case's own", () => {
    const loaded = byId('referral_follow_up');
    expect(loaded.template).toMatchObject({
      trigger: 'referral.sent',
      responsible: 'coordinator',
      completedBy: 'referral_answer',
    });
    // Sent on Thursday 26 November 2026 at 10:00 in Paris: due from Monday, overdue Thursday.
    const planned = plan(loaded, {
      type: 'referral.sent',
      at: new Date('2026-11-26T09:00:00Z'),
      sourceId: 'r',
      allocationEndsAt: new Date(0),
    });
    expect(planned.dueAt.toISOString()).toBe('2026-12-03T09:00:00.000Z');
    expect(planned.dueFrom.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it("ships the action of a concertation meeting: due at its own deadline, a case's own", () => {
    const loaded = byId('concertation_action');
    expect(loaded.template).toMatchObject({
      trigger: 'concertation.action-assigned',
      completedBy: 'concertation_action',
      due: { at: 'event' },
    });
    // Due Thursday 10 December 2026 at 18:00 in Paris: to do from Tuesday 8 at the same time.
    const planned = plan(loaded, {
      type: 'concertation.action-assigned',
      at: new Date('2026-11-26T09:00:00Z'),
      sourceId: 'a',
      allocationEndsAt: new Date(0),
      dueAt: new Date('2026-12-10T17:00:00Z'),
    });
    expect(planned.dueAt.toISOString()).toBe('2026-12-10T17:00:00.000Z');
    expect(planned.dueFrom.toISOString()).toBe('2026-12-08T17:00:00.000Z');
  });

  it('refuses a deadline "at" the event for a trigger that carries none, or with another', () => {
    expect(faultsOf([{ ...valid, due: { at: 'event' } }])).toContainEqual(
      expect.stringMatching(/^\/templates\/0\/due\/at: needs triggers that carry a deadline/),
    );
    expect(
      faultsOf([
        {
          ...valid,
          trigger: 'concertation.action-assigned',
          due: { at: 'event', after: { days: 1 } },
        },
      ]),
    ).toContainEqual(expect.stringMatching(/^\/templates\/0\/due: needs exactly one of/));
  });

  it("refuses a case's trigger mixed with an allocation's, or repeated, or before an end", () => {
    expect(
      faultsOf([{ ...valid, trigger: ['referral.sent', 'allocation.approved'] }]),
    ).toContainEqual(expect.stringMatching(/^\/templates\/0\/trigger: cannot mix/));
    expect(
      faultsOf([
        {
          ...valid,
          trigger: 'referral.sent',
          completedBy: 'referral_answer',
          due: { after: { days: 1 }, repeat: { days: 1 } },
        },
      ]),
    ).toContainEqual(expect.stringMatching(/^\/templates\/0\/due: a case's obligation/));
  });

  it('chooses the re-assessment interval by danger level, shorter for higher levels', () => {
    const at = new Date('2026-11-24T09:00:00Z');
    const event = (levelFromTop: number) => ({
      type: 'assessment.submitted' as const,
      at,
      sourceId: 'a',
      allocationEndsAt: new Date('2027-05-24T09:00:00Z'),
      levelFromTop,
    });
    const days = (levelFromTop: number) => {
      const [loaded] = templatesFor(shipped, event(levelFromTop));
      return (plan(loaded, event(levelFromTop)).dueAt.getTime() - at.getTime()) / 86_400_000;
    };
    expect([0, 1, 2, 3].map(days)).toEqual([3, 7, 30, 60]);
    expect(templatesFor(shipped, { ...event(0), levelFromTop: undefined })).toEqual([]);
  });

  it('follows a housing request by its urgency: 4 hours for tonight, a day, 3 working days', () => {
    const at = new Date('2026-11-24T09:00:00Z'); // a Tuesday
    const event = (urgency: 'immediate' | 'within_days' | 'planned') => ({
      type: 'housing.requested' as const,
      at,
      sourceId: 'r',
      allocationEndsAt: at,
      urgency,
    });
    const due = (urgency: 'immediate' | 'within_days' | 'planned') => {
      const started = templatesFor(shipped, event(urgency));
      expect(started).toHaveLength(1);
      return plan(started[0], event(urgency)).dueAt.toISOString();
    };
    expect(due('immediate')).toBe('2026-11-24T13:00:00.000Z');
    expect(due('within_days')).toBe('2026-11-25T09:00:00.000Z');
    expect(due('planned')).toBe('2026-11-27T09:00:00.000Z');
  });

  it('places a review before the allocation ends, in local calendar days', () => {
    const review = plan(byId('renewal_review'), {
      type: 'allocation.approved',
      at: new Date('2026-11-24T09:00:00Z'),
      sourceId: 'x',
      allocationEndsAt: new Date('2027-05-24T08:00:00Z'), // 10:00 in Paris, summer time
      levelFromTop: 0,
    });
    expect(review.dueAt.toISOString()).toBe('2027-05-09T08:00:00.000Z');
    expect(review.dueFrom.toISOString()).toBe('2027-04-24T08:00:00.000Z');
  });

  it('moves from upcoming to due to overdue', () => {
    const o = {
      dueFrom: new Date('2026-12-01T00:00:00Z'),
      dueAt: new Date('2026-12-08T00:00:00Z'),
    };
    expect(dueState(o, new Date('2026-11-30T00:00:00Z'))).toBe('upcoming');
    expect(dueState(o, new Date('2026-12-01T00:00:00Z'))).toBe('due');
    expect(dueState(o, new Date('2026-12-08T00:00:00Z'))).toBe('overdue');
  });

  it.each([
    [
      [{ ...valid, due: {} }],
      '/templates/0/due: needs exactly one of "after" (the trigger) or "beforeEnd"',
    ],
    [[{ ...valid, due: { after: { days: 0 } } }], '/templates/0/due/after: must move time forward'],
    [[valid, valid], '/templates/1/id: duplicate template id "call"'],
    [
      [{ ...valid, title: { en: 'Call' } }],
      '/templates/0/title: has no text in the reference language "fr"',
    ],
    [
      [{ ...valid, trigger: 'alarm.resolved', when: { levelFromTop: [0] } }],
      '/templates/0/when/levelFromTop: needs triggers that carry a danger level',
    ],
    [
      [{ ...valid, trigger: 'allocation.ended', due: { beforeEnd: { days: 3 } } }],
      '/templates/0/due/beforeEnd: needs a trigger with a running allocation',
    ],
    [
      [{ ...valid, due: { after: { days: 1 }, repeat: { days: 7 } } }],
      '/templates/0/due/repeat: a repeating obligation must be completed by an event',
    ],
    [
      [{ ...valid, trigger: 'referral.sent', when: { urgency: ['immediate'] } }],
      '/templates/0/when/urgency: needs the trigger housing.requested',
    ],
    [[{ ...valid, trigger: 'case.opened' }], '/templates/0/trigger'],
    [[{ ...valid, completedBy: 'magic' }], '/templates/0/completedBy'],
  ])('refuses a broken template (%#)', (templates, fault) => {
    expect(faultsOf(templates).join('\n')).toContain(fault);
  });

  it('refuses an unknown time zone', () => {
    expect(faultsOf([valid], { timeZone: 'Europe/Atlantis' })).toEqual([
      '/timeZone: unknown time zone "Europe/Atlantis"',
    ]);
  });
});

describe('obligation triggers', () => {
  it('are exactly the domain events, in the rules schema too', () => {
    const schema = JSON.parse(readFileSync(join(RULES, 'obligations.schema.json'), 'utf8'));
    expect([...schema.$defs.trigger.enum].sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });
});
