import { join } from 'node:path';

import { Engine } from 'json-rules-engine';

import {
  compileSchema,
  ConditionLeaf,
  ConditionNode,
  contentHash,
  forEachLeaf,
  readRulesFiles,
  RulesConfigError,
  RulesProblem,
} from '../../common/rules-files';
import { localize, LocalizedText } from '../../questionnaires/domain/definition';

/** What recommendation rules can read, by type: the assessment in force and the victim file. */
export const RECOMMENDATION_FACTS = {
  level: 'string',
  /** 0 for the instrument's highest level, 1 for the one below… comparable across instruments. */
  levelFromTop: 'number',
  levelRank: 'number',
  score: 'number',
  redFlags: 'list',
  incomplete: 'boolean',
  overridden: 'boolean',
  trend: ['up', 'same', 'down', 'none'],
  childrenCount: 'number',
  childrenExposed: 'number',
  childrenVictims: 'number',
  childrenUnderThree: 'number',
  cohabitation: ['yes', 'no', 'unknown'],
  tgdConsent: ['given', 'refused', 'unknown'],
  contactBanInForce: 'boolean',
  /** Types of the author's judicial measures in force (`anti_approach_bracelet`…). */
  measuresInForce: 'list',
  authorHasFirearm: 'boolean',
  authorHasWeapon: 'boolean',
} as const satisfies Record<string, 'string' | 'number' | 'boolean' | 'list' | readonly string[]>;

export type RecommendationFacts = {
  level: string;
  levelFromTop: number;
  levelRank: number;
  score: number;
  redFlags: string[];
  incomplete: boolean;
  overridden: boolean;
  trend: 'up' | 'same' | 'down' | 'none';
  childrenCount: number;
  childrenExposed: number;
  childrenVictims: number;
  childrenUnderThree: number;
  cohabitation: 'yes' | 'no' | 'unknown';
  tgdConsent: 'given' | 'refused' | 'unknown';
  contactBanInForce: boolean;
  measuresInForce: string[];
  authorHasFirearm: boolean;
  authorHasWeapon: boolean;
};

export interface Measure {
  id: string;
  label: LocalizedText;
  legalBasis: LocalizedText;
  tgdConditions?: boolean;
}

export interface MeasureRule {
  name: string;
  priority?: number;
  conditions: ConditionNode;
  event: { type: 'measure'; params: { measure: string; reason: LocalizedText } };
}

export interface RecommendationRuleSet {
  id: string;
  version: string;
  languages: string[];
  source?: string;
  measures: Measure[];
  rules: MeasureRule[];
}

export interface LoadedRuleSet {
  ruleSet: RecommendationRuleSet;
  hash: string;
  file: string;
}

export interface RecommendedMeasure {
  measure: string;
  label: string;
  legalBasis: string;
  reasons: Array<{ rule: string; reason: string }>;
  /** Set when the measure carries the TGD's legal conditions. */
  checksTgdConditions: boolean;
}

export const RECOMMENDATION_SCHEMA = join(
  __dirname,
  '..',
  '..',
  '..',
  'rules',
  'recommendations.schema.json',
);
const NUMERIC = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'equal',
  'notEqual',
]);

/**
 * Every rule set under `<rulesDir>/recommendations/`, checked; measures of all files together.
 * Without that directory the service recommends nothing (and says so) but still assesses.
 */
export function loadRecommendationRules(rulesDir: string): LoadedRuleSet[] {
  const files = readRulesFiles(
    join(rulesDir, 'recommendations'),
    compileSchema(RECOMMENDATION_SCHEMA),
    true,
  );
  const problems: RulesProblem[] = [];
  const measureFiles = new Map<string, string>();
  const loaded: LoadedRuleSet[] = [];
  for (const { file, data } of files) {
    const ruleSet = data as RecommendationRuleSet;
    const faults = checkRuleSet(file, ruleSet, measureFiles);
    problems.push(...faults);
    if (faults.length === 0) loaded.push({ ruleSet, hash: contentHash(ruleSet), file });
  }
  if (problems.length > 0) throw new RulesConfigError(problems);
  return loaded;
}

function checkRuleSet(
  file: string,
  ruleSet: RecommendationRuleSet,
  measureFiles: Map<string, string>,
): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const report = (path: string, fault: string) => problems.push({ file, path, fault });
  const reference = ruleSet.languages[0];
  const text = (value: LocalizedText, path: string) => {
    if (!value[reference]) report(path, `has no text in the reference language "${reference}"`);
  };
  const measures = new Set<string>();
  ruleSet.measures.forEach((measure, i) => {
    const elsewhere = measureFiles.get(measure.id);
    if (measures.has(measure.id) || elsewhere) {
      report(
        `/measures/${i}/id`,
        `duplicate measure id "${measure.id}"${elsewhere ? ` (also in ${elsewhere})` : ''}`,
      );
    }
    measures.add(measure.id);
    measureFiles.set(measure.id, file);
    text(measure.label, `/measures/${i}/label`);
    text(measure.legalBasis, `/measures/${i}/legalBasis`);
  });
  const names = new Set<string>();
  ruleSet.rules.forEach((rule, i) => {
    if (names.has(rule.name)) report(`/rules/${i}/name`, `duplicate rule id "${rule.name}"`);
    names.add(rule.name);
    if (!measures.has(rule.event.params.measure)) {
      report(`/rules/${i}/event/params/measure`, `unknown measure "${rule.event.params.measure}"`);
    }
    text(rule.event.params.reason, `/rules/${i}/event/params/reason`);
    forEachLeaf(rule.conditions, `/rules/${i}/conditions`, (leaf, path) =>
      checkFact(leaf, path, report),
    );
  });
  return problems;
}

function checkFact(
  leaf: ConditionLeaf,
  path: string,
  report: (path: string, fault: string) => void,
): void {
  const type = (RECOMMENDATION_FACTS as Record<string, unknown>)[leaf.fact];
  if (type === undefined) {
    return report(
      `${path}/fact`,
      `unknown fact "${leaf.fact}" (${Object.keys(RECOMMENDATION_FACTS).join(', ')})`,
    );
  }
  const { operator, value } = leaf;
  if (type === 'number') {
    if (!NUMERIC.has(operator))
      report(`${path}/operator`, `"${operator}" does not apply to the number "${leaf.fact}"`);
    else if (typeof value !== 'number')
      report(`${path}/value`, `must be a number to compare with "${leaf.fact}"`);
  } else if (type === 'boolean') {
    if (operator !== 'equal' && operator !== 'notEqual')
      report(`${path}/operator`, `use equal or notEqual with "${leaf.fact}"`);
    else if (typeof value !== 'boolean')
      report(`${path}/value`, `must be true or false for "${leaf.fact}"`);
  } else if (type === 'list') {
    if (operator !== 'contains' && operator !== 'doesNotContain')
      report(`${path}/operator`, `use contains or doesNotContain with "${leaf.fact}"`);
    else if (typeof value !== 'string') report(`${path}/value`, `must be a red flag id`);
  } else if (type === 'string') {
    if (!['equal', 'notEqual', 'in', 'notIn'].includes(operator))
      report(`${path}/operator`, `"${operator}" does not apply to "${leaf.fact}"`);
  } else {
    const allowed = type as readonly string[];
    const values =
      operator === 'in' || operator === 'notIn' ? (Array.isArray(value) ? value : [null]) : [value];
    if (!['equal', 'notEqual', 'in', 'notIn'].includes(operator))
      report(`${path}/operator`, `"${operator}" does not apply to "${leaf.fact}"`);
    else {
      for (const v of values) {
        if (!allowed.includes(v as string))
          report(
            `${path}/value`,
            `"${String(v)}" is not a value of "${leaf.fact}" (${allowed.join(', ')})`,
          );
      }
    }
  }
}

/**
 * Recommends measures from facts. One json-rules-engine engine per rule set, built once; the
 * measures come in the order the files list them, each with every reason that fired for it.
 */
export class MeasureRecommender {
  private readonly engines: Array<{ loaded: LoadedRuleSet; engine: Engine }>;
  private readonly measures: Measure[];

  constructor(private readonly ruleSets: LoadedRuleSet[]) {
    this.engines = ruleSets.map((loaded) => ({
      loaded,
      engine: new Engine(
        loaded.ruleSet.rules.map((rule) => ({
          name: rule.name,
          priority: rule.priority ?? 1,
          conditions: rule.conditions as never,
          event: rule.event,
        })),
      ),
    }));
    this.measures = ruleSets.flatMap((loaded) => loaded.ruleSet.measures);
  }

  get versions(): Array<{ id: string; version: string; hash: string }> {
    return this.ruleSets.map(({ ruleSet, hash }) => ({
      id: ruleSet.id,
      version: ruleSet.version,
      hash,
    }));
  }

  async recommend(facts: RecommendationFacts, language: string): Promise<RecommendedMeasure[]> {
    const reasons = new Map<string, Array<{ rule: string; reason: string }>>();
    for (const { loaded, engine } of this.engines) {
      const reference = loaded.ruleSet.languages[0];
      const { results } = await engine.run({ ...facts });
      const order = new Map(loaded.ruleSet.rules.map((rule, i) => [rule.name, i]));
      for (const result of [...results].sort((a, b) => order.get(a.name)! - order.get(b.name)!)) {
        const rule = loaded.ruleSet.rules[order.get(result.name)!];
        const list = reasons.get(rule.event.params.measure) ?? [];
        list.push({
          rule: rule.name,
          reason: localize(rule.event.params.reason, language, reference),
        });
        reasons.set(rule.event.params.measure, list);
      }
    }
    return this.measures
      .filter((measure) => reasons.has(measure.id))
      .map((measure) => {
        const reference = Object.keys(measure.label)[0];
        return {
          measure: measure.id,
          label: localize(measure.label, language, reference),
          legalBasis: localize(measure.legalBasis, language, reference),
          reasons: reasons.get(measure.id)!,
          checksTgdConditions: measure.tgdConditions === true,
        };
      });
  }
}
