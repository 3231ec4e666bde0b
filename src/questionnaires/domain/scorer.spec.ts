import { miniDefinition } from '../../../test/fixtures/mini-definition';
import { contentHash } from '../../common/rules-files';
import { answerErrors, missingMandatory } from './answers';
import { QuestionnaireDefinition } from './definition';
import { withItemWeightRules } from './load-questionnaires';
import { QuestionnaireScorer } from './scorer';

const raw = miniDefinition() as QuestionnaireDefinition;
const definition = withItemWeightRules(raw);
const scorer = new QuestionnaireScorer({ definition, hash: contentHash(raw), file: 'mini.json' });
const AT = new Date('2026-11-24T10:00:00Z');
const base = {
  threat: 'no',
  drinks: 'no',
  trend: 'down',
  forms: [],
  callouts: 0,
  last: '2026-01-01',
  note: 'x',
};

describe('QuestionnaireScorer, item by item type', () => {
  const run = (answers: Record<string, unknown>) =>
    scorer.evaluate({ ...base, ...answers } as never, AT);

  it('yes_no: a weighted "yes" adds its points, with its reason and item', async () => {
    const result = await run({ drinks: 'yes' });
    expect(result.score).toBe(1);
    expect(result.firedRules).toEqual([
      {
        rule: 'weight-drinks',
        kind: 'weight',
        points: 1,
        reason: 'Oui — Alcool ?',
        items: ['drinks'],
      },
    ]);
  });

  it('single_choice: a rule on one choice', async () => {
    expect((await run({ trend: 'up' })).score).toBe(2);
    expect((await run({ trend: 'down' })).score).toBe(0);
  });

  it('multiple_choice: contains', async () => {
    expect((await run({ forms: ['physical', 'economic'] })).firedRules.map((r) => r.rule)).toEqual([
      'economic',
    ]);
    expect((await run({ forms: ['physical'] })).score).toBe(0);
  });

  it('number: thresholds', async () => {
    expect((await run({ callouts: 3 })).score).toBe(1);
    expect((await run({ callouts: 2 })).score).toBe(0);
  });

  it('date: days since the answer, at the time of the evaluation', async () => {
    expect((await run({ last: '2026-11-17' })).score).toBe(1);
    expect((await run({ last: '2026-11-16' })).score).toBe(0);
    expect((await run({ last: 'unknown' })).score).toBe(0);
  });

  it('text: never scored, never counted as unknown', async () => {
    const result = await run({ note: 'unknown' });
    expect(result.score).toBe(0);
    expect(result.unknown.items.map((u) => u.itemId)).not.toContain('note');
  });

  it('red flag: raised, and the level forced to its minimum', async () => {
    const result = await run({ threat: 'yes' });
    expect(result.score).toBe(2);
    expect(result.scoreLevel).toBe('low');
    expect(result.level).toBe('high');
    expect(result.redFlags).toEqual([
      { flag: 'threat_to_kill', label: 'Menaces', rule: 'threat-flag' },
    ]);
    expect(result.decisiveRule).toBe('threat-flag');
  });

  it('decisive rule: the one forcing the level reached, none when the score reaches it', async () => {
    // The red flag forces "high", the two "yes" force "top": the latter decided.
    expect((await run({ threat: 'yes', drinks: 'yes' })).decisiveRule).toBe('two-yes');
    expect((await run({ drinks: 'yes', trend: 'up' })).decisiveRule).toBeNull();
    expect((await run({})).decisiveRule).toBeNull();
  });

  it('count facts: two "yes" reach the level only a rule gives', async () => {
    const result = await run({ threat: 'yes', drinks: 'yes' });
    expect(result.level).toBe('top');
    expect(result.levelRank).toBe(3);
    expect(result.levelCount).toBe(4);
  });

  it('score thresholds pick the highest level reached', async () => {
    expect((await run({ drinks: 'yes', trend: 'up' })).level).toBe('mid');
  });

  it('unknown: reported with its treatment; precautionary items scored as yes', async () => {
    const result = await run({ drinks: 'unknown', threat: 'unknown', trend: undefined });
    expect(result.score).toBe(1);
    expect(result.unknown.items).toEqual([
      { itemId: 'threat', treatment: 'not_scored', answer: 'unknown' },
      { itemId: 'drinks', treatment: 'scored_as_yes', answer: 'unknown' },
      { itemId: 'trend', treatment: 'not_scored', answer: 'unanswered' },
    ]);
    expect(result.unknown).toMatchObject({
      count: 3,
      ratio: 0.5,
      maxRatio: 0.5,
      incomplete: false,
    });
    const more = await run({
      drinks: 'unknown',
      threat: 'unknown',
      trend: undefined,
      callouts: 'unknown',
    });
    expect(more.unknown.incomplete).toBe(true);
  });

  it('speaks the assessment language, falling back to the reference language', async () => {
    const result = await scorer.evaluate({ ...base, threat: 'yes' } as never, AT, 'en');
    expect(result.language).toBe('en');
    expect(result.levelLabel).toBe('Élevé');
    expect(result.questionnaire).toEqual({
      id: 'mini',
      version: '1.0',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('gives the same result to concurrent evaluations on one engine', async () => {
    const answers = [{ threat: 'yes' }, { drinks: 'yes' }, { trend: 'up' }, {}];
    const once = await Promise.all(answers.map((a) => run(a)));
    const again = await Promise.all([...answers, ...answers, ...answers].map((a) => run(a)));
    expect(again.map((r) => r.score)).toEqual([...once, ...once, ...once].map((r) => r.score));
  });
});

describe('answer validation', () => {
  it.each([
    ['threat', 'maybe', /"yes", "no" or "unknown"/],
    ['trend', 'sideways', /one of down, up, unknown/],
    ['forms', ['physical', 'physical'], /distinct choices/],
    ['forms', 'physical', /list of distinct choices/],
    ['callouts', 51, /at most 50/],
    ['callouts', -1, /at least 0/],
    ['callouts', '3', /a number/],
    ['last', '2026-02-30', /a date/],
    ['last', 'yesterday', /a date/],
    ['note', 'x'.repeat(21), /at most 20 characters/],
    ['ghost', 'yes', /not an item of questionnaire mini/],
  ])('names answers.%s when given %j', (id, value, message) => {
    expect(answerErrors(definition, { [id]: value })).toEqual([
      {
        field: `answers.${id}`,
        pointer: `/answers/${id}`,
        message: expect.stringMatching(message),
      },
    ]);
  });

  it('accepts "unknown" for every item and valid answers of each type', () => {
    const all = Object.fromEntries(definition.items.map((i) => [i.id, 'unknown']));
    expect(answerErrors(definition, all)).toEqual([]);
    expect(answerErrors(definition, base)).toEqual([]);
  });

  it('lists mandatory items left blank', () => {
    const withMandatory = {
      ...definition,
      items: definition.items.map((i) => ({ ...i, mandatory: i.id === 'threat' })),
    };
    expect(missingMandatory(withMandatory, {})).toEqual(['threat']);
    expect(missingMandatory(withMandatory, { threat: 'unknown' })).toEqual([]);
  });
});
