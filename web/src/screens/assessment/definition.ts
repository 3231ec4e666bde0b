import type { Schemas } from '../../api/client';

/**
 * A questionnaire definition as GET /api/v1/questionnaires/{id} gives it (its `definition`), in the
 * shape of rules/questionnaire.schema.json: the console renders any such file, never one instrument.
 */
export type LocalizedText = Record<string, string>;

export type ItemType = 'yes_no' | 'single_choice' | 'multiple_choice' | 'number' | 'date' | 'text';

/** The answer every item accepts: not known, or not asked. */
export const UNKNOWN = 'unknown';

export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export interface Item {
  id: string;
  section: string;
  type: ItemType;
  text: LocalizedText;
  help?: LocalizedText;
  mandatory?: boolean;
  red?: boolean;
  choices?: { id: string; label: LocalizedText }[];
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface Level {
  id: string;
  label: LocalizedText;
  minScore?: number;
  description?: LocalizedText;
}

export interface Definition {
  id: string;
  version: string;
  title: LocalizedText;
  description?: LocalizedText;
  languages: string[];
  sections: { id: string; title: LocalizedText }[];
  items: Item[];
  levels: Level[];
  override?: { direction: 'raise_only' | 'any'; minJustificationLength: number };
}

/** The scoring result of a submitted assessment (src/questionnaires/domain/scorer.ts). */
export interface FiredRule {
  rule: string;
  kind: 'weight' | 'red-flag' | 'minimum-level';
  points: number;
  reason: string;
  flag?: string;
  minimumLevel?: string;
  items: string[];
}

export interface Result {
  score: number;
  scoreLevel: string;
  level: string;
  levelLabel: string;
  levelRank: number;
  levelCount: number;
  /** The rule that forced the level above the score's; null when the score reached it. */
  decisiveRule?: string | null;
  redFlags: { flag: string; label: string; rule: string }[];
  firedRules: FiredRule[];
  unknown: {
    count: number;
    ratio: number;
    maxRatio: number | null;
    incomplete: boolean;
    items: {
      itemId: string;
      treatment: 'not_scored' | 'scored_as_yes';
      answer: 'unknown' | 'unanswered';
    }[];
  };
  evaluatedAt: string;
}

export type Assessment = Schemas['AssessmentDto'];

export const definitionOf = (questionnaire: Schemas['QuestionnaireDto']) =>
  questionnaire.definition as unknown as Definition;

export const resultOf = (assessment: Assessment) =>
  (assessment.result as unknown as Result | null) ?? null;

/** A text in the assessment's language, else the definition's first (reference) language. */
export function localize(text: LocalizedText | undefined, language: string, reference: string) {
  if (!text) return '';
  return text[language] ?? text[reference] ?? Object.values(text)[0] ?? '';
}

/** A language's name in the console's language, as in a sentence ("néerlandais" for nl in French). */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The same name as a choice's label ("Néerlandais"). */
export function languageLabel(code: string, uiLanguage: string): string {
  const name = languageName(code, uiLanguage);
  return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
}

/** The DOM id of an item's field, which the missing-items list links to. */
export const fieldId = (itemId: string) => `item-${itemId}`;

/** The questionnaire version an assessment is pinned to (an untyped object in the API document). */
export const pinnedOf = (assessment: Assessment) =>
  assessment.questionnaire as unknown as { id: string; version: string; hash: string };
