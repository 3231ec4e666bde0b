import { allMet, tgdConditions, TgdSituation } from './tgd-eligibility';

const eligible: TgdSituation = {
  levelFromTop: 0,
  levelLabel: 'Danger grave',
  consent: 'given',
  cohabitation: 'no',
  bansInForce: ['contact_ban'],
};
const status = (situation: Partial<TgdSituation>) =>
  Object.fromEntries(tgdConditions({ ...eligible, ...situation }).map((c) => [c.id, c.status]));

describe('TGD legal conditions (CPP art. 41-3-1)', () => {
  it('are all met for a consenting victim in grave danger, not living with a banned author', () => {
    expect(allMet(tgdConditions(eligible))).toBe(true);
  });

  it('need a grave danger: one of the two highest levels', () => {
    expect(status({ levelFromTop: 1 }).grave_danger).toBe('met');
    expect(status({ levelFromTop: 2 }).grave_danger).toBe('not_met');
  });

  it('need express consent; refused and unrecorded are told apart', () => {
    expect(status({ consent: 'refused' }).consent).toBe('not_met');
    expect(status({ consent: 'unknown' }).consent).toBe('unknown');
  });

  it('need no cohabitation', () => {
    expect(status({ cohabitation: 'yes' }).no_cohabitation).toBe('not_met');
    expect(status({ cohabitation: 'unknown' }).no_cohabitation).toBe('unknown');
  });

  it('need a contact ban, or an imminent danger while none is pronounced', () => {
    expect(status({ bansInForce: [], levelFromTop: 0 }).contact_ban_or_imminent_danger).toBe('met');
    expect(status({ bansInForce: [], levelFromTop: 1 }).contact_ban_or_imminent_danger).toBe(
      'not_met',
    );
    expect(allMet(tgdConditions({ ...eligible, bansInForce: [], levelFromTop: 1 }))).toBe(false);
  });
});
