import { answerRefusal, followUpRefusal, sharedInformation, withStep } from './referral';

describe('referral steps', () => {
  it('answers only a sent referral', () => {
    expect(answerRefusal('sent')).toBeNull();
    expect(answerRefusal('accepted')?.code).toBe('referral.already-answered');
    expect(answerRefusal('declined')?.code).toBe('referral.already-answered');
    expect(answerRefusal('closed')?.code).toBe('referral.ended');
    expect(answerRefusal('consent_withdrawn')?.code).toBe('referral.ended');
    expect(answerRefusal('case_closed')).toEqual({
      code: 'referral.ended',
      detail: expect.stringMatching(/case was closed/),
    });
  });

  it('records appointments and the outcome only once accepted, never after the end', () => {
    expect(followUpRefusal('accepted')).toBeNull();
    expect(followUpRefusal('sent')?.code).toBe('referral.not-accepted');
    for (const status of ['declined', 'closed', 'consent_withdrawn', 'case_closed'] as const)
      expect(followUpRefusal(status)?.code).toBe('referral.ended');
    expect(followUpRefusal('consent_withdrawn')?.detail).toMatch(/consent/);
  });

  it('appends a step without touching the history it was given', () => {
    const content = {
      shared: sharedInformation(
        {},
        { victimFirstName: false, contactPhone: false },
        { name: null, contact: 'x' },
        null,
      ),
      declineReason: null,
      appointments: [],
      outcome: null,
      history: [{ kind: 'sent' as const, at: '2026-11-24T09:00:00.000Z', by: 'c' }],
    };
    const next = withStep(content, { kind: 'accepted', at: '2026-11-25T09:00:00.000Z', by: 'p' });
    expect(next.history.map((s) => s.kind)).toEqual(['sent', 'accepted']);
    expect(content.history).toHaveLength(1);
  });
});

describe('shared information (need-to-know)', () => {
  const victim = { firstName: 'Camille', phone: '+33612345678', lastName: 'Martin' };
  const coordinator = { name: 'Claire Dupont', contact: '05 63 00 00 00' };

  it('gives the first name and phone only when ticked', () => {
    expect(
      sharedInformation(victim, { victimFirstName: false, contactPhone: false }, coordinator, null),
    ).toEqual({
      victimFirstName: null,
      contactPhone: null,
      coordinatorName: 'Claire Dupont',
      coordinatorContact: '05 63 00 00 00',
      note: null,
    });
    const both = sharedInformation(
      victim,
      { victimFirstName: true, contactPhone: true },
      coordinator,
      'RDV souhaité en matinée',
    );
    expect(both).toMatchObject({ victimFirstName: 'Camille', contactPhone: '+33612345678' });
    expect(JSON.stringify(both)).not.toContain('Martin');
  });
});
