import { join } from 'node:path';

import {
  compileSchema,
  contentHash,
  readRulesFiles,
  RulesConfigError,
  RulesProblem,
} from '../../common/rules-files';
import {
  LoadedQuestionnaire,
  LocalizedText,
  QuestionnaireDefinition,
  ScoringRule,
} from './definition';
import { checkQuestionnaire } from './questionnaire-check';

/** The format's schema ships with the code, whatever rules directory is configured. */
export const QUESTIONNAIRE_SCHEMA = join(
  __dirname,
  '..',
  '..',
  '..',
  'rules',
  'questionnaire.schema.json',
);

/**
 * Every definition under `<rulesDir>/questionnaires/`, checked. Several versions of one instrument
 * may sit side by side; the same id and version twice is a fault. Throws RulesConfigError naming
 * each file, the path inside it and the fault.
 */
export function loadQuestionnaires(rulesDir: string): LoadedQuestionnaire[] {
  const files = readRulesFiles(
    join(rulesDir, 'questionnaires'),
    compileSchema(QUESTIONNAIRE_SCHEMA),
  );
  const problems: RulesProblem[] = [];
  const loaded: LoadedQuestionnaire[] = [];
  const seen = new Map<string, string>();
  for (const { file, data } of files) {
    const definition = data as QuestionnaireDefinition;
    const key = `${definition.id}@${definition.version}`;
    const first = seen.get(key);
    if (first) {
      problems.push({
        file,
        path: '/version',
        fault: `duplicate questionnaire ${key}, already defined in ${first}`,
      });
      continue;
    }
    seen.set(key, file);
    const faults = checkQuestionnaire(file, definition);
    problems.push(...faults);
    if (faults.length === 0) {
      loaded.push({
        definition: withItemWeightRules(definition),
        hash: contentHash(definition),
        file,
      });
    }
  }
  if (problems.length > 0) throw new RulesConfigError(problems);
  return loaded;
}

/** Orders declared versions numerically: 2019.10 comes after 2019.9. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

const YES: Record<string, string> = {
  fr: 'Oui',
  nl: 'Ja',
  en: 'Yes',
  de: 'Ja',
  es: 'Sí',
  it: 'Sì',
};

/**
 * Item weights (`weight: 2` on a yes/no item) become ordinary weight rules named `weight-<item>`,
 * placed before the written rules, so the engine and the explanation treat every point the same way.
 * Done after the checks, so that their paths point into the file as written.
 */
export function withItemWeightRules(definition: QuestionnaireDefinition): QuestionnaireDefinition {
  const generated: ScoringRule[] = definition.items
    .filter((item) => item.weight !== undefined && item.type === 'yes_no')
    .map((item) => ({
      name: `weight-${item.id}`,
      conditions: { all: [{ fact: item.id, operator: 'equal', value: 'yes' }] },
      event: {
        type: 'weight',
        params: { points: item.weight!, reason: item.reason ?? answeredYes(item.text) },
      },
    }));
  return generated.length === 0
    ? definition
    : { ...definition, rules: [...generated, ...definition.rules] };
}

function answeredYes(text: LocalizedText): LocalizedText {
  return Object.fromEntries(
    Object.entries(text).map(([lang, t]) => [lang, `${YES[lang] ?? 'Yes'} — ${t}`]),
  );
}
