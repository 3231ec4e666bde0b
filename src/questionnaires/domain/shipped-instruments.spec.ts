import { join } from 'node:path';

import fc from 'fast-check';

import { Answers } from './answers';
import { ConditionNode, LoadedQuestionnaire, QuestionnaireDefinition } from './definition';
import { loadQuestionnaires } from './load-questionnaires';
import { QuestionnaireScorer } from './scorer';

// The instruments shipped in rules/, held to the worked examples of shared/domain/BRIEF.md §2.
const shipped = loadQuestionnaires(join(__dirname, '..', '..', '..', 'rules'));
const AT = new Date('2026-11-24T10:00:00Z');

/** Every yes/no item "no", other items their most benign answer. */
function allNo(definition: QuestionnaireDefinition): Answers {
  const answers: Answers = {};
  for (const item of definition.items) {
    if (item.type === 'yes_no') answers[item.id] = 'no';
    else if (item.type === 'single_choice') answers[item.id] = benignChoice(definition, item.id);
    else if (item.type === 'multiple_choice') answers[item.id] = [];
    else if (item.type === 'number') answers[item.id] = item.min ?? 0;
    else if (item.type === 'date') answers[item.id] = '2000-01-01';
  }
  return answers;
}

/** A choice no rule tests for. */
function benignChoice(definition: QuestionnaireDefinition, itemId: string): string {
  const tested = new Set(
    allLeaves(definition)
      .filter((l) => l.fact === itemId)
      .map((l) => l.value),
  );
  return definition.items.find((i) => i.id === itemId)!.choices!.find((c) => !tested.has(c.id))!.id;
}

type Leaf = { fact: string; operator: string; value: unknown; params?: Record<string, unknown> };

function leaves(node: ConditionNode): Leaf[] {
  if ('all' in node) return node.all.flatMap(leaves);
  if ('any' in node) return node.any.flatMap(leaves);
  if ('not' in node) return leaves(node.not);
  return [node];
}

const allLeaves = (definition: QuestionnaireDefinition) =>
  definition.rules.flatMap((rule) => leaves(rule.conditions));

/** Answers that make every leaf of an `all` condition hold (the shape of the shipped red flags). */
function satisfying(
  definition: QuestionnaireDefinition,
  node: ConditionNode,
  answers: Answers,
): Answers {
  if ('all' in node) node.all.forEach((child) => satisfying(definition, child, answers));
  else if ('any' in node) satisfying(definition, node.any[0], answers);
  else if ('not' in node) throw new Error('not conditions are not generated');
  else if (node.fact === 'daysSince') {
    const days = Number(node.value);
    answers[node.params!.item as string] = new Date(AT.getTime() - days * 86_400_000)
      .toISOString()
      .slice(0, 10);
  } else if (node.operator === 'contains') {
    answers[node.fact] = [...((answers[node.fact] as string[]) ?? []), node.value as string];
  } else {
    answers[node.fact] = node.value as string | number;
  }
  return answers;
}

/** yes/no items whose "yes" only adds weight: not red, read by weight rules only, not counted. */
function plainWeights(q: LoadedQuestionnaire): Array<{ id: string; points: number }> {
  if (allLeaves(q.definition).some((l) => l.fact === 'yesCount')) return [];
  return q.definition.items
    .filter((item) => item.type === 'yes_no' && !item.red)
    .flatMap((item) => {
      const rules = q.definition.rules.filter((rule) =>
        leaves(rule.conditions).some((l) => l.fact === item.id),
      );
      const onlyWeights = rules.length > 0 && rules.every((rule) => rule.event.type === 'weight');
      return onlyWeights ? [{ id: item.id, points: sumPoints(rules) }] : [];
    });
}
const sumPoints = (rules: QuestionnaireDefinition['rules']) =>
  rules.reduce(
    (sum, rule) => sum + (rule.event.type === 'weight' ? rule.event.params.points : 0),
    0,
  );

/** A subset of plain-weight items whose points add up to exactly `target`, if there is one. */
function itemsSummingTo(
  weights: Array<{ id: string; points: number }>,
  target: number,
): string[] | null {
  const reach = new Map<number, string[]>([[0, []]]);
  for (const { id, points } of weights) {
    for (const [sum, ids] of [...reach]) {
      if (!reach.has(sum + points)) reach.set(sum + points, [...ids, id]);
    }
  }
  return reach.get(target) ?? null;
}

const rank = (q: LoadedQuestionnaire, level: string) =>
  q.definition.levels.findIndex((l) => l.id === level);
const top = (q: LoadedQuestionnaire) => q.definition.levels.length - 1;
/** The item behind the red flag `flag`. */
function itemFlaggedAs(q: LoadedQuestionnaire, flag: string): string {
  const rule = q.definition.rules.find(
    (r) => r.event.type === 'red-flag' && r.event.params.flag === flag,
  )!;
  return leaves(rule.conditions)[0].fact;
}

describe.each(shipped.map((q) => [q.definition.id, q] as const))(
  'shipped instrument %s',
  (_, q) => {
    const scorer = new QuestionnaireScorer(q);
    const score = (answers: Answers) => scorer.evaluate(answers, AT);
    const yes = (ids: string[]) => ({
      ...allNo(q.definition),
      ...Object.fromEntries(ids.map((id) => [id, 'yes'])),
    });

    it('has at least four ordered levels and is written in French first', () => {
      expect(q.definition.levels.length).toBeGreaterThanOrEqual(4);
      expect(q.definition.languages[0]).toBe('fr');
    });

    it('example 1: every item "no" gives the lowest level and no red flag', async () => {
      const result = await score(allNo(q.definition));
      expect(result.levelRank).toBe(0);
      expect(result.redFlags).toEqual([]);
      expect(result.score).toBe(0);
      expect(result.unknown.incomplete).toBe(false);
    });

    it('example 2: threat to kill, firearm and separation give the highest level', async () => {
      const ids = ['threat_to_kill', 'firearm', 'separation'].map((flag) => itemFlaggedAs(q, flag));
      const result = await score(yes(ids));
      expect(result.levelRank).toBe(top(q));
      expect(result.redFlags.map((f) => f.flag)).toEqual(
        expect.arrayContaining(['threat_to_kill', 'firearm', 'separation']),
      );
    });

    it('example 3: strangulation alone gives at least the second-highest level', async () => {
      const result = await score(yes([itemFlaggedAs(q, 'strangulation')]));
      expect(result.levelRank).toBeGreaterThanOrEqual(top(q) - 1);
      expect(result.redFlags.map((f) => f.flag)).toContain('strangulation');
    });

    it('example 4: only "author drinks" and "victim feels isolated" stay below the two highest levels', async () => {
      const drinks = q.definition.items.find((i) =>
        /alcohol|alcool/i.test(i.text.fr + (i.text.en ?? '')),
      )!;
      const isolated = q.definition.items.find(
        (i) => /isolée|isolated/i.test(i.text.fr + (i.text.en ?? '')) && i.type === 'yes_no',
      )!;
      const result = await score(yes([drinks.id, isolated.id]));
      expect(result.levelRank).toBeLessThan(top(q) - 1);
    });

    it('example 5: half the items unknown is incomplete, and no lower than leaving them out', async () => {
      const base = allNo(q.definition);
      const ids = Object.keys(base);
      const withUnknowns: Answers = { ...base };
      const leftOut: Answers = { ...base };
      ids.slice(0, Math.ceil(ids.length / 2)).forEach((id) => {
        withUnknowns[id] = 'unknown';
        delete leftOut[id];
      });
      const unknown = await score(withUnknowns);
      const omitted = await score(leftOut);
      expect(unknown.unknown.incomplete).toBe(true);
      expect(unknown.unknown.count).toBeGreaterThanOrEqual(Math.ceil(ids.length / 2));
      expect(unknown.levelRank).toBeGreaterThanOrEqual(omitted.levelRank);
    });

    it('example 6: turning any "no" or "unknown" into "yes" never lowers the level (property)', async () => {
      const yesNo = q.definition.items.filter((i) => i.type === 'yes_no').map((i) => i.id);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom('yes', 'no', 'unknown'), {
            minLength: yesNo.length,
            maxLength: yesNo.length,
          }),
          fc.nat({ max: yesNo.length - 1 }),
          async (values, flip) => {
            const answers: Answers = {
              ...allNo(q.definition),
              ...Object.fromEntries(yesNo.map((id, i) => [id, values[i]])),
            };
            const before = await score(answers);
            const after = await score({ ...answers, [yesNo[flip]]: 'yes' });
            expect(after.levelRank).toBeGreaterThanOrEqual(before.levelRank);
            expect(after.score).toBeGreaterThanOrEqual(before.score);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('raises every red flag it defines, at or above its minimum level', async () => {
      for (const rule of q.definition.rules.filter((r) => r.event.type === 'red-flag')) {
        const result = await score(satisfying(q.definition, rule.conditions, allNo(q.definition)));
        const event = rule.event as Extract<typeof rule.event, { type: 'red-flag' }>;
        expect({ rule: rule.name, flags: result.redFlags.map((f) => f.flag) }).toEqual({
          rule: rule.name,
          flags: expect.arrayContaining([event.params.flag]),
        });
        if (event.params.minimumLevel)
          expect(result.levelRank).toBeGreaterThanOrEqual(rank(q, event.params.minimumLevel));
        expect(result.firedRules.find((f) => f.rule === rule.name)?.reason).toBeTruthy();
      }
    });

    it('fires every minimum-level rule it defines', async () => {
      for (const rule of q.definition.rules.filter((r) => r.event.type === 'minimum-level')) {
        if (leaves(rule.conditions).some((l) => l.fact.endsWith('Count'))) continue;
        const result = await score(satisfying(q.definition, rule.conditions, allNo(q.definition)));
        const event = rule.event as Extract<typeof rule.event, { type: 'minimum-level' }>;
        expect(result.levelRank).toBeGreaterThanOrEqual(rank(q, event.params.level));
      }
    });

    it('crosses each score boundary exactly at its minScore', async () => {
      const weights = plainWeights(q);
      for (const [index, level] of q.definition.levels.entries()) {
        if (index === 0 || level.minScore === undefined) continue;
        const at = itemsSummingTo(weights, level.minScore);
        const below = itemsSummingTo(weights, level.minScore - 1);
        expect({ level: level.id, reachableWithPlainItems: at !== null && below !== null }).toEqual(
          {
            level: level.id,
            reachableWithPlainItems: true,
          },
        );
        expect((await score(yes(at!))).scoreLevel).toBe(level.id);
        expect((await score(yes(below!))).scoreLevel).toBe(q.definition.levels[index - 1].id);
      }
    });

    it('explains each weight with a sentence and the items behind it', async () => {
      const result = await score(yes([itemFlaggedAs(q, 'strangulation')]));
      for (const fired of result.firedRules) {
        expect(fired.reason.length).toBeGreaterThan(10);
        expect(fired.items.length).toBeGreaterThan(0);
      }
    });
  },
);

describe('the French grid (example 7)', () => {
  const q = shipped.find((s) => s.definition.id === 'fr-grille-evaluation-danger')!;
  const scorer = new QuestionnaireScorer(q);
  const yesNo = q.definition.items.filter((i) => i.type === 'yes_no');
  const red = yesNo.filter((i) => i.red).map((i) => i.id);
  const plain = yesNo.filter((i) => !i.red).map((i) => i.id);
  const characterised = rank(q, 'caracterise');
  const answers = (yes: string[]): Answers =>
    Object.fromEntries(yesNo.map((i) => [i.id, yes.includes(i.id) ? 'yes' : 'no']));

  it('has 23 yes/no questions, five of them red, firearms among them', () => {
    expect(yesNo).toHaveLength(23);
    expect(red).toHaveLength(5);
    expect(red).toContain('armes_a_feu');
  });

  it('any 12 "yes" answers give "danger caractérisé" or higher', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(
          yesNo.map((i) => i.id),
          { minLength: 12, maxLength: 12 },
        ),
        async (ids) => {
          expect((await scorer.evaluate(answers(ids), AT)).levelRank).toBeGreaterThanOrEqual(
            characterised,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('any 2 red "yes" answers give "danger caractérisé" or higher', async () => {
    for (let i = 0; i < red.length; i++) {
      for (let j = i + 1; j < red.length; j++) {
        expect(
          (await scorer.evaluate(answers([red[i], red[j]]), AT)).levelRank,
        ).toBeGreaterThanOrEqual(characterised);
      }
    }
  });

  it('11 non-red "yes" answers and nothing else do not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(plain, { minLength: 11, maxLength: 11 }),
        async (ids) => {
          expect((await scorer.evaluate(answers(ids), AT)).levelRank).toBeLessThan(characterised);
        },
      ),
      { numRuns: 200 },
    );
  });
});
