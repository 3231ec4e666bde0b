/* eslint-disable @typescript-eslint/no-explicit-any */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  loadRecommendationRules,
  MeasureRecommender,
  RecommendationFacts,
} from './recommendation-rules';

const facts: RecommendationFacts = {
  level: 'high',
  levelFromTop: 1,
  levelRank: 2,
  score: 9,
  redFlags: ['strangulation'],
  incomplete: false,
  overridden: false,
  trend: 'none',
  childrenCount: 1,
  childrenExposed: 1,
  childrenVictims: 0,
  childrenUnderThree: 0,
  cohabitation: 'no',
  tgdConsent: 'given',
  contactBanInForce: false,
  measuresInForce: [],
  authorHasFirearm: false,
  authorHasWeapon: false,
};

function ruleSet(): Record<string, any> {
  return {
    id: 'mini',
    version: '1.0',
    languages: ['fr', 'en'],
    measures: [
      {
        id: 'tgd',
        label: { fr: 'TGD', en: 'Phone' },
        legalBasis: { fr: 'CPP 41-3-1' },
        tgdConditions: true,
      },
      { id: 'care', label: { fr: 'Soins' }, legalBasis: { fr: 'Bonne pratique' } },
    ],
    rules: [
      {
        name: 'grave',
        conditions: { all: [{ fact: 'levelFromTop', operator: 'lessThanInclusive', value: 1 }] },
        event: {
          type: 'measure',
          params: { measure: 'tgd', reason: { fr: 'Danger grave.', en: 'Grave danger.' } },
        },
      },
      {
        name: 'strangled',
        conditions: { all: [{ fact: 'redFlags', operator: 'contains', value: 'strangulation' }] },
        event: { type: 'measure', params: { measure: 'tgd', reason: { fr: 'Strangulation.' } } },
      },
      {
        name: 'children',
        conditions: { any: [{ fact: 'childrenExposed', operator: 'greaterThan', value: 0 }] },
        event: { type: 'measure', params: { measure: 'care', reason: { fr: 'Enfants exposés.' } } },
      },
    ],
  };
}

describe('recommendation rules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgd-reco-'));
    mkdirSync(join(dir, 'recommendations'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (content: object, name = 'r.json') =>
    writeFileSync(join(dir, 'recommendations', name), JSON.stringify(content));

  it('recommends measures in file order, each with every reason, in the language asked', async () => {
    write(ruleSet());
    const recommender = new MeasureRecommender(loadRecommendationRules(dir));
    expect(await recommender.recommend(facts, 'en')).toEqual([
      {
        measure: 'tgd',
        label: 'Phone',
        legalBasis: 'CPP 41-3-1',
        checksTgdConditions: true,
        reasons: [
          { rule: 'grave', reason: 'Grave danger.' },
          { rule: 'strangled', reason: 'Strangulation.' },
        ],
      },
      {
        measure: 'care',
        label: 'Soins',
        legalBasis: 'Bonne pratique',
        checksTgdConditions: false,
        reasons: [{ rule: 'children', reason: 'Enfants exposés.' }],
      },
    ]);
    expect(
      await recommender.recommend(
        { ...facts, levelFromTop: 3, redFlags: [], childrenExposed: 0 },
        'fr',
      ),
    ).toEqual([]);
  });

  it('recommends nothing without a recommendations directory', () => {
    rmSync(join(dir, 'recommendations'), { recursive: true });
    expect(loadRecommendationRules(dir)).toEqual([]);
  });

  it.each<[string, (r: Record<string, any>) => void, RegExp]>([
    [
      'an unknown fact',
      (r) => (r.rules[0].conditions.all[0].fact = 'mood'),
      /\/rules\/0\/conditions\/all\/0\/fact: unknown fact "mood"/,
    ],
    [
      'an unknown measure',
      (r) => (r.rules[0].event.params.measure = 'jail'),
      /\/rules\/0\/event\/params\/measure: unknown measure "jail"/,
    ],
    [
      'a number compared with text',
      (r) => (r.rules[0].conditions.all[0].value = 'one'),
      /\/rules\/0\/conditions\/all\/0\/value: must be a number/,
    ],
    [
      'a value a fact never takes',
      (r) =>
        (r.rules[0].conditions.all[0] = {
          fact: 'cohabitation',
          operator: 'equal',
          value: 'maybe',
        }),
      /"maybe" is not a value of "cohabitation"/,
    ],
    [
      'a list read without contains',
      (r) => (r.rules[1].conditions.all[0].operator = 'equal'),
      /use contains or doesNotContain with "redFlags"/,
    ],
    [
      'a duplicate measure',
      (r) => (r.measures[1].id = 'tgd'),
      /\/measures\/1\/id: duplicate measure id "tgd"/,
    ],
    [
      'a wrong event type',
      (r) => (r.rules[0].event.type = 'weight'),
      /\/rules\/0\/event\/type: must be "measure"/,
    ],
  ])('refuses %s, naming the file and the path', (_, mutate, expected) => {
    const broken = ruleSet();
    mutate(broken);
    write(broken);
    expect(() => loadRecommendationRules(dir)).toThrow(expected);
  });
});
