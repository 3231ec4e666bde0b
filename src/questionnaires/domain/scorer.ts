import { Almanac, Engine, RuleResult } from 'json-rules-engine';

import { Answers } from './answers';
import {
  ConditionNode,
  LoadedQuestionnaire,
  localize,
  QuestionnaireDefinition,
  UNKNOWN,
} from './definition';

export interface FiredRule {
  rule: string;
  kind: 'weight' | 'red-flag' | 'minimum-level';
  points: number;
  /** The sentence a prosecutor reads, in the assessment's language. */
  reason: string;
  flag?: string;
  minimumLevel?: string;
  /** Items whose answers made the rule fire. */
  items: string[];
}

export interface RedFlag {
  flag: string;
  label: string;
  rule: string;
}

export interface UnknownItem {
  itemId: string;
  /** How the scoring treated it: `not_scored` (added nothing) or `scored_as_yes` (precautionary). */
  treatment: 'not_scored' | 'scored_as_yes';
  /** `unknown` when so answered, `unanswered` when left blank. */
  answer: 'unknown' | 'unanswered';
}

export interface AssessmentResult {
  questionnaire: { id: string; version: string; hash: string };
  language: string;
  score: number;
  /** The level the score alone reaches. */
  scoreLevel: string;
  /** The computed level: the score's, raised by red flags and minimum-level rules. */
  level: string;
  /**
   * The rule that forced the level above the score's (a red flag with a minimum level, or a
   * minimum-level rule): the first in the definition's order among those forcing that very level.
   * Null when the score alone reached the level.
   */
  decisiveRule: string | null;
  levelLabel: string;
  /** 0 for the lowest level of the instrument. */
  levelRank: number;
  levelCount: number;
  redFlags: RedFlag[];
  firedRules: FiredRule[];
  unknown: {
    count: number;
    ratio: number;
    maxRatio: number | null;
    incomplete: boolean;
    items: UnknownItem[];
  };
  evaluatedAt: string;
}

// Names outside the item-id pattern, so no item can shadow them.
const ANSWERS_FACT = '$answers';
const AT_FACT = '$at';
const DAY_MS = 86_400_000;

/**
 * One questionnaire version, ready to score. Its json-rules-engine engine is built once and reused:
 * each run gets its own almanac, so concurrent evaluations do not share state. Totals are computed
 * from the fired events outside the engine (runtime facts race between same-priority rules).
 */
export class QuestionnaireScorer {
  private readonly engine: Engine;
  private readonly definition: QuestionnaireDefinition;
  private readonly redItems: Set<string>;
  private readonly ruleOrder: Map<string, number>;
  private readonly itemIds: Set<string>;

  constructor(private readonly loaded: LoadedQuestionnaire) {
    this.definition = loaded.definition;
    this.redItems = new Set(this.definition.items.filter((i) => i.red).map((i) => i.id));
    this.itemIds = new Set(this.definition.items.map((i) => i.id));
    this.ruleOrder = new Map(this.definition.rules.map((rule, i) => [rule.name, i]));
    this.engine = new Engine(
      this.definition.rules.map((rule) => ({
        name: rule.name,
        priority: rule.priority ?? 1,
        conditions: rule.conditions as never,
        event: rule.event,
      })),
      { allowUndefinedFacts: true },
    );
    this.engine.addFact('yesCount', (params, almanac) =>
      this.count(almanac, params, (v) => v === 'yes'),
    );
    this.engine.addFact('redYesCount', (params, almanac) =>
      this.count(almanac, params, (v, id) => v === 'yes' && this.redItems.has(id)),
    );
    this.engine.addFact('unknownCount', async (params, almanac) => {
      const answers = await almanac.factValue<Answers>(ANSWERS_FACT);
      const ids: string[] = params.items ?? this.scorableItems();
      return ids.filter((id) => answers[id] === undefined || answers[id] === UNKNOWN).length;
    });
    this.engine.addFact('daysSince', async (params, almanac) => {
      const answers = await almanac.factValue<Answers>(ANSWERS_FACT);
      const at = await almanac.factValue<number>(AT_FACT);
      const value = answers[params.item as string];
      if (typeof value !== 'string' || value === UNKNOWN) return null;
      return Math.floor((at - Date.parse(`${value}T00:00:00Z`)) / DAY_MS);
    });
  }

  async evaluate(
    answers: Answers,
    at: Date,
    language = this.definition.languages[0],
  ): Promise<AssessmentResult> {
    const reference = this.definition.languages[0];
    const text = (value: Record<string, string>) => localize(value, language, reference);
    const { facts, scored, unknownItems } = this.facts(answers);
    const run = await this.engine.run({
      ...facts,
      [ANSWERS_FACT]: scored,
      [AT_FACT]: at.getTime(),
    });

    const fired = [...run.results].sort(
      (a, b) => this.ruleOrder.get(a.name)! - this.ruleOrder.get(b.name)!,
    );
    const levelIndex = new Map(this.definition.levels.map((level, i) => [level.id, i]));
    const firedRules: FiredRule[] = [];
    const redFlags: RedFlag[] = [];
    let score = 0;
    let forced = 0;
    for (const result of fired) {
      const rule = this.definition.rules[this.ruleOrder.get(result.name)!];
      const event = rule.event;
      const items = matchedItems(result, this.itemIds);
      if (event.type === 'weight') {
        score += event.params.points;
        firedRules.push({
          rule: rule.name,
          kind: 'weight',
          points: event.params.points,
          reason: text(event.params.reason),
          items,
        });
      } else if (event.type === 'red-flag') {
        const points = event.params.points ?? 0;
        score += points;
        if (event.params.minimumLevel)
          forced = Math.max(forced, levelIndex.get(event.params.minimumLevel)!);
        if (!redFlags.some((f) => f.flag === event.params.flag)) {
          redFlags.push({
            flag: event.params.flag,
            label: text(event.params.label),
            rule: rule.name,
          });
        }
        firedRules.push({
          rule: rule.name,
          kind: 'red-flag',
          points,
          reason: text(event.params.reason),
          flag: event.params.flag,
          minimumLevel: event.params.minimumLevel,
          items,
        });
      } else {
        forced = Math.max(forced, levelIndex.get(event.params.level)!);
        firedRules.push({
          rule: rule.name,
          kind: 'minimum-level',
          points: 0,
          reason: text(event.params.reason),
          minimumLevel: event.params.level,
          items,
        });
      }
    }

    const scoreIndex = this.definition.levels.reduce(
      (best, level, i) => (level.minScore !== undefined && score >= level.minScore ? i : best),
      0,
    );
    const index = Math.max(scoreIndex, forced);
    const level = this.definition.levels[index];
    const decisive =
      forced > scoreIndex
        ? firedRules.find(
            (rule) => rule.minimumLevel && levelIndex.get(rule.minimumLevel) === index,
          )
        : undefined;
    const scorable = this.scorableItems().length;
    const maxRatio = this.definition.completeness?.maxUnknownRatio ?? null;
    const ratio = scorable === 0 ? 0 : unknownItems.length / scorable;
    return {
      questionnaire: {
        id: this.definition.id,
        version: this.definition.version,
        hash: this.loaded.hash,
      },
      language,
      score,
      scoreLevel: this.definition.levels[scoreIndex].id,
      level: level.id,
      decisiveRule: decisive?.rule ?? null,
      levelLabel: text(level.label),
      levelRank: index,
      levelCount: this.definition.levels.length,
      redFlags,
      firedRules,
      unknown: {
        count: unknownItems.length,
        ratio: Math.round(ratio * 1000) / 1000,
        maxRatio,
        incomplete: maxRatio !== null && ratio > maxRatio,
        items: unknownItems,
      },
      evaluatedAt: at.toISOString(),
    };
  }

  /** Items that can carry a score: every item but free text. */
  private scorableItems(): string[] {
    return this.definition.items.filter((item) => item.type !== 'text').map((item) => item.id);
  }

  /** One fact per item, with "unknown" scored as the item says (never as something that lowers). */
  private facts(answers: Answers) {
    const facts: Record<string, unknown> = {};
    const scored: Answers = {};
    const unknownItems: UnknownItem[] = [];
    for (const item of this.definition.items) {
      const given = answers[item.id];
      const unknown = given === undefined || given === UNKNOWN;
      if (unknown && item.type !== 'text') {
        const asYes = item.type === 'yes_no' && item.unknownScoredAs === 'yes';
        unknownItems.push({
          itemId: item.id,
          treatment: asYes ? 'scored_as_yes' : 'not_scored',
          answer: given === undefined ? 'unanswered' : 'unknown',
        });
        if (asYes) scored[item.id] = 'yes';
      } else if (given !== undefined) {
        scored[item.id] = given;
      }
      const value = scored[item.id];
      facts[item.id] =
        item.type === 'multiple_choice' ? (Array.isArray(value) ? value : []) : (value ?? null);
    }
    return { facts, scored, unknownItems };
  }

  private async count(
    almanac: Almanac,
    params: Record<string, unknown>,
    match: (value: unknown, id: string) => boolean,
  ): Promise<number> {
    const answers = await almanac.factValue<Answers>(ANSWERS_FACT);
    const ids =
      (params.items as string[] | undefined) ?? this.definition.items.map((item) => item.id);
    return ids.filter((id) => match(answers[id], id)).length;
  }
}

/** Item facts of the leaves that held, walking the evaluated condition tree. */
function matchedItems(result: RuleResult, itemIds: Set<string>): string[] {
  const found = new Set<string>();
  const walk = (node: ConditionNode & { result?: boolean }) => {
    if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else if ('not' in node) return;
    else if (node.result && itemIds.has(node.fact)) found.add(node.fact);
  };
  walk(result.conditions as unknown as ConditionNode);
  return [...found];
}
