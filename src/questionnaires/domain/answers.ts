import { FieldError } from '../../common/problems';
import { Item, QuestionnaireDefinition, UNKNOWN } from './definition';

/** An answer as the API carries it; `unknown` is accepted by every item. */
export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_TEXT_LENGTH = 2000;

/** Checks answers against the items' types and allowed values; fields are named `answers.<itemId>`. */
export function answerErrors(
  definition: QuestionnaireDefinition,
  answers: Record<string, unknown>,
): FieldError[] {
  const items = new Map(definition.items.map((item) => [item.id, item]));
  const errors: FieldError[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const item = items.get(id);
    const fault = item
      ? answerFault(item, value)
      : `is not an item of questionnaire ${definition.id}`;
    if (fault) errors.push({ field: `answers.${id}`, pointer: `/answers/${id}`, message: fault });
  }
  return errors;
}

function answerFault(item: Item, value: unknown): string | undefined {
  if (value === UNKNOWN) return undefined;
  switch (item.type) {
    case 'yes_no':
      return value === 'yes' || value === 'no' ? undefined : 'must be "yes", "no" or "unknown"';
    case 'single_choice': {
      const ids = item.choices!.map((c) => c.id);
      return typeof value === 'string' && ids.includes(value)
        ? undefined
        : `must be one of ${[...ids, UNKNOWN].join(', ')}`;
    }
    case 'multiple_choice': {
      const ids = item.choices!.map((c) => c.id);
      const valid =
        Array.isArray(value) &&
        value.every((v) => typeof v === 'string' && ids.includes(v)) &&
        new Set(value).size === value.length;
      return valid
        ? undefined
        : `must be a list of distinct choices among ${ids.join(', ')}, or "unknown"`;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return 'must be a number or "unknown"';
      if (item.min !== undefined && value < item.min) return `must be at least ${item.min}`;
      if (item.max !== undefined && value > item.max) return `must be at most ${item.max}`;
      return undefined;
    }
    case 'date':
      return typeof value === 'string' && DATE.test(value) && isRealDate(value)
        ? undefined
        : 'must be a date (YYYY-MM-DD) or "unknown"';
    case 'text': {
      const max = item.maxLength ?? DEFAULT_TEXT_LENGTH;
      if (typeof value !== 'string') return 'must be a text or "unknown"';
      return value.length <= max ? undefined : `must be at most ${max} characters`;
    }
  }
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Mandatory items with no answer at all ("unknown" is an answer: not asked, or not known). */
export function missingMandatory(definition: QuestionnaireDefinition, answers: Answers): string[] {
  return definition.items
    .filter((item) => item.mandatory && answers[item.id] === undefined)
    .map((item) => item.id);
}
