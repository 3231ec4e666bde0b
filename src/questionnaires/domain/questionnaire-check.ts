import { forEachLeaf, RulesProblem } from '../../common/rules-files';
import {
  BUILT_IN_FACTS,
  ConditionLeaf,
  Item,
  LocalizedText,
  QuestionnaireDefinition,
  UNKNOWN,
} from './definition';

const NUMERIC_OPERATORS = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);
const EQUALITY_OPERATORS = new Set(['equal', 'notEqual']);
const MEMBERSHIP_OPERATORS = new Set(['in', 'notIn']);
const ARRAY_OPERATORS = new Set(['contains', 'doesNotContain']);

/**
 * What the JSON Schema cannot say: identifiers unique and resolvable, rules that refer to real items
 * with answers those items allow, levels in order and each reachable, texts in the reference language.
 * Returns every problem found, each with its JSON pointer inside the file.
 */
export function checkQuestionnaire(
  file: string,
  definition: QuestionnaireDefinition,
): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const report = (path: string, fault: string) => problems.push({ file, path, fault });
  const reference = definition.languages[0];

  const unique = (ids: string[], path: (index: number) => string, what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) report(path(index), `duplicate ${what} id "${id}"`);
      seen.add(id);
    });
  };
  const text = (value: LocalizedText | undefined, path: string) => {
    if (value && !value[reference])
      report(path, `has no text in the reference language "${reference}"`);
  };

  text(definition.title, '/title');
  text(definition.description, '/description');
  unique(
    definition.sections.map((s) => s.id),
    (i) => `/sections/${i}/id`,
    'section',
  );
  definition.sections.forEach((section, i) => text(section.title, `/sections/${i}/title`));

  const sections = new Set(definition.sections.map((s) => s.id));
  const items = new Map(definition.items.map((item) => [item.id, item]));
  unique(
    definition.items.map((item) => item.id),
    (i) => `/items/${i}/id`,
    'item',
  );
  definition.items.forEach((item, i) => {
    const at = `/items/${i}`;
    if (!sections.has(item.section)) report(`${at}/section`, `unknown section "${item.section}"`);
    if ((BUILT_IN_FACTS as readonly string[]).includes(item.id)) {
      report(`${at}/id`, `"${item.id}" is reserved for a built-in fact`);
    }
    text(item.text, `${at}/text`);
    text(item.help, `${at}/help`);
    unique(
      (item.choices ?? []).map((c) => c.id),
      (c) => `${at}/choices/${c}/id`,
      'choice',
    );
    (item.choices ?? []).forEach((choice, c) => {
      if (choice.id === UNKNOWN)
        report(`${at}/choices/${c}/id`, `"${UNKNOWN}" is the built-in answer`);
      text(choice.label, `${at}/choices/${c}/label`);
    });
    if (item.min !== undefined && item.max !== undefined && item.min > item.max) {
      report(`${at}/min`, `min ${item.min} is above max ${item.max}`);
    }
    if ((item.min !== undefined || item.max !== undefined) && item.type !== 'number') {
      report(`${at}`, 'min and max apply to number items only');
    }
    if (item.weight !== undefined && item.type !== 'yes_no')
      report(`${at}/weight`, 'applies to yes_no items only');
    text(item.reason, `${at}/reason`);
    if (item.unknownScoredAs !== undefined && item.type !== 'yes_no') {
      report(`${at}/unknownScoredAs`, 'applies to yes_no items only');
    }
  });

  const levels = new Set(definition.levels.map((l) => l.id));
  unique(
    definition.levels.map((l) => l.id),
    (i) => `/levels/${i}/id`,
    'level',
  );
  let lastMinScore = -Infinity;
  definition.levels.forEach((level, i) => {
    text(level.label, `/levels/${i}/label`);
    if (level.minScore === undefined) return;
    if (i === 0 && level.minScore !== 0)
      report(`/levels/0/minScore`, 'the base level starts at score 0');
    if (level.minScore <= lastMinScore) {
      report(
        `/levels/${i}/minScore`,
        `must be above the minScore of the levels before it (${lastMinScore})`,
      );
    }
    lastMinScore = level.minScore;
  });

  unique(
    definition.rules.map((r) => r.name),
    (i) => `/rules/${i}/name`,
    'rule',
  );
  const weighted = new Set(
    definition.items.filter((i) => i.weight !== undefined).map((i) => `weight-${i.id}`),
  );
  const referencedLevels = new Set<string>();
  let maxScore = definition.items.reduce((sum, item) => sum + (item.weight ?? 0), 0);
  definition.rules.forEach((rule, i) => {
    const at = `/rules/${i}`;
    if (weighted.has(rule.name))
      report(`${at}/name`, `"${rule.name}" is the name of an item's weight rule`);
    forEachLeaf(rule.conditions, `${at}/conditions`, (leaf, path) =>
      checkLeaf(leaf, path, items, report),
    );
    const { event } = rule;
    text(event.params.reason, `${at}/event/params/reason`);
    if (event.type === 'red-flag') text(event.params.label, `${at}/event/params/label`);
    const level =
      event.type === 'minimum-level'
        ? event.params.level
        : event.type === 'red-flag'
          ? event.params.minimumLevel
          : undefined;
    if (level !== undefined) {
      const key = event.type === 'minimum-level' ? 'level' : 'minimumLevel';
      if (!levels.has(level)) report(`${at}/event/params/${key}`, `unknown level "${level}"`);
      referencedLevels.add(level);
    }
    if (event.type === 'weight') maxScore += event.params.points;
    if (event.type === 'red-flag') maxScore += event.params.points ?? 0;
  });

  definition.levels.forEach((level, i) => {
    if (i === 0 || referencedLevels.has(level.id)) return;
    if (level.minScore === undefined) {
      report(
        `/levels/${i}`,
        `level "${level.id}" is unreachable: no minScore and no rule raises it`,
      );
    } else if (level.minScore > maxScore) {
      report(
        `/levels/${i}/minScore`,
        `level "${level.id}" is unreachable: minScore ${level.minScore} is above the highest possible score ${maxScore}`,
      );
    }
  });
  return problems;
}

function checkLeaf(
  leaf: ConditionLeaf,
  path: string,
  items: Map<string, Item>,
  report: (path: string, fault: string) => void,
): void {
  const { fact, operator, value } = leaf;
  const item = items.get(fact);
  const numeric = () => {
    if (!NUMERIC_OPERATORS.has(operator) && !EQUALITY_OPERATORS.has(operator)) {
      report(
        `${path}/operator`,
        `operator "${operator}" does not apply to the number fact "${fact}"`,
      );
    } else if (typeof value !== 'number') {
      report(`${path}/value`, `must be a number to compare with "${fact}"`);
    }
  };
  const itemList = (param: unknown, paramPath: string, type?: Item['type']) => {
    if (param === undefined) return;
    if (!Array.isArray(param) || param.length === 0)
      return report(paramPath, 'must be a non-empty list of item ids');
    param.forEach((id, i) => {
      const target = items.get(String(id));
      if (!target) report(`${paramPath}/${i}`, `unknown item "${String(id)}"`);
      else if (type && target.type !== type)
        report(`${paramPath}/${i}`, `item "${target.id}" is not a ${type} item`);
    });
  };

  if (!item) {
    switch (fact) {
      case 'yesCount':
      case 'redYesCount':
        itemList(leaf.params?.items, `${path}/params/items`, 'yes_no');
        return numeric();
      case 'unknownCount':
        itemList(leaf.params?.items, `${path}/params/items`);
        return numeric();
      case 'daysSince': {
        const target = items.get(String(leaf.params?.item));
        if (!target || target.type !== 'date') {
          report(`${path}/params/item`, 'daysSince needs params.item, the id of a date item');
        }
        return numeric();
      }
      default:
        return report(`${path}/fact`, `unknown item or fact "${fact}"`);
    }
  }

  if (leaf.params !== undefined) report(`${path}/params`, `item facts take no params`);
  switch (item.type) {
    case 'yes_no':
    case 'single_choice': {
      const allowed =
        item.type === 'yes_no'
          ? ['yes', 'no', UNKNOWN]
          : [...item.choices!.map((c) => c.id), UNKNOWN];
      const values = EQUALITY_OPERATORS.has(operator)
        ? [value]
        : MEMBERSHIP_OPERATORS.has(operator) && Array.isArray(value)
          ? value
          : null;
      if (!values)
        return report(
          `${path}/operator`,
          `operator "${operator}" does not apply to ${item.type} item "${item.id}"`,
        );
      values.forEach((v) => {
        if (!allowed.includes(v as string)) {
          report(
            `${path}/value`,
            `"${String(v)}" is not an answer of item "${item.id}" (${allowed.join(', ')})`,
          );
        }
      });
      return;
    }
    case 'multiple_choice': {
      if (!ARRAY_OPERATORS.has(operator)) {
        return report(
          `${path}/operator`,
          `use contains or doesNotContain with multiple_choice item "${item.id}"`,
        );
      }
      const allowed = item.choices!.map((c) => c.id);
      if (!allowed.includes(value as string)) {
        report(
          `${path}/value`,
          `"${String(value)}" is not a choice of item "${item.id}" (${allowed.join(', ')})`,
        );
      }
      return;
    }
    case 'number':
      return numeric();
    case 'date':
      return report(`${path}/fact`, `compare date item "${item.id}" through the daysSince fact`);
    case 'text':
      return report(`${path}/fact`, `free-text item "${item.id}" cannot be scored`);
  }
}
