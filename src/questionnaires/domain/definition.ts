import type { ConditionNode } from '../../common/rules-files';

export type { ConditionLeaf, ConditionNode } from '../../common/rules-files';

/**
 * The shape of a questionnaire definition file under `rules/questionnaires/` (JSON or YAML), as
 * described for authors by `rules/questionnaire.schema.json`. Pure types: no Nest, no TypeORM.
 */

/** A text in the definition's languages, e.g. `{ "fr": "…", "nl": "…", "en": "…" }`. */
export type LocalizedText = Record<string, string>;

export const ITEM_TYPES = [
  'yes_no',
  'single_choice',
  'multiple_choice',
  'number',
  'date',
  'text',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The answer every item accepts: unknown, or not asked. */
export const UNKNOWN = 'unknown';

export interface Choice {
  id: string;
  label: LocalizedText;
}

export interface Item {
  id: string;
  section: string;
  type: ItemType;
  text: LocalizedText;
  help?: LocalizedText;
  mandatory?: boolean;
  /** A "red" question of the instrument (e.g. the five red items of the French 2019 grid). */
  red?: boolean;
  /** single_choice and multiple_choice. */
  choices?: Choice[];
  /** number. */
  min?: number;
  max?: number;
  /** text. */
  maxLength?: number;
  /**
   * How an "unknown" yes/no answer is scored: `no` (default, it adds nothing and is reported) or
   * `yes` (precautionary: scored as if answered yes). Either way it never lowers the level.
   */
  unknownScoredAs?: 'no' | 'yes';
  /** yes_no: points when answered yes, shorthand for a weight rule named `weight-<id>`. */
  weight?: number;
  /** With weight: the sentence shown when it weighs; the item text otherwise. */
  reason?: LocalizedText;
}

export interface Section {
  id: string;
  title: LocalizedText;
}

export interface Level {
  id: string;
  label: LocalizedText;
  /** The score from which this level applies. The first level is the base and needs none. */
  minScore?: number;
  description?: LocalizedText;
}

/** Events a scoring rule may raise. Totals are computed outside the engine, from these events. */
export type ScoringEvent =
  | { type: 'weight'; params: { points: number; reason: LocalizedText } }
  | {
      type: 'red-flag';
      params: {
        flag: string;
        label: LocalizedText;
        reason: LocalizedText;
        points?: number;
        minimumLevel?: string;
      };
    }
  | { type: 'minimum-level'; params: { level: string; reason: LocalizedText } };

export interface ScoringRule {
  name: string;
  priority?: number;
  conditions: { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode };
  event: ScoringEvent;
}

export interface QuestionnaireDefinition {
  id: string;
  version: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Languages the texts are written in; the first is the reference every text must have. */
  languages: string[];
  /** Where the instrument comes from, and what in it is our own choice. */
  source?: string;
  jurisdictions?: string[];
  sections: Section[];
  items: Item[];
  /** Ordered from the lowest danger to the highest. */
  levels: Level[];
  rules: ScoringRule[];
  completeness?: {
    /** Share of items answered unknown or left blank above which the assessment is incomplete. */
    maxUnknownRatio: number;
  };
  override?: {
    /** `raise_only` after VioGén: professional judgement may only raise the level. */
    direction: 'raise_only' | 'any';
    minJustificationLength: number;
  };
}

/** A definition as loaded: its file, and the hash of its content that assessments pin. */
export interface LoadedQuestionnaire {
  definition: QuestionnaireDefinition;
  hash: string;
  file: string;
}

/** Facts the engine offers besides one fact per item id. */
export const BUILT_IN_FACTS = ['yesCount', 'redYesCount', 'unknownCount', 'daysSince'] as const;

export function localize(text: LocalizedText, language: string, fallback: string): string {
  return text[language] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}
