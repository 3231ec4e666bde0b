import { QuestionnaireDefinition } from '../../questionnaires/domain/definition';

export const DEFAULT_MIN_JUSTIFICATION = 30;

/**
 * Professional judgement on a computed level. Returns the fault, naming the field, or null when the
 * override may be recorded. The direction rule belongs to the instrument (VioGén: raise only).
 */
export function overrideFault(
  definition: QuestionnaireDefinition,
  computedLevel: string,
  level: string,
  justification: string,
): { field: 'level' | 'justification'; message: string } | null {
  const ranks = definition.levels.map((l) => l.id);
  const target = ranks.indexOf(level);
  if (target < 0) return { field: 'level', message: `must be one of ${ranks.join(', ')}` };
  if (level === computedLevel) return { field: 'level', message: 'is the computed level already' };
  const direction = definition.override?.direction ?? 'any';
  if (direction === 'raise_only' && target < ranks.indexOf(computedLevel)) {
    return {
      field: 'level',
      message: `may only raise the computed level (${computedLevel}): ${definition.id} allows no lowering`,
    };
  }
  const min = definition.override?.minJustificationLength ?? DEFAULT_MIN_JUSTIFICATION;
  if (justification.trim().length < min) {
    return {
      field: 'justification',
      message: `must explain the judgement in at least ${min} characters`,
    };
  }
  return null;
}
