import { miniDefinition } from '../../../test/fixtures/mini-definition';
import { QuestionnaireDefinition } from '../../questionnaires/domain/definition';
import { DEFAULT_MIN_JUSTIFICATION, overrideFault } from './override';

const raiseOnly = miniDefinition() as QuestionnaireDefinition;
const anyDirection = {
  ...raiseOnly,
  override: { direction: 'any' as const, minJustificationLength: 10 },
};
const reason = 'Auteur en fuite, menaces répétées hier soir';

describe('overrideFault', () => {
  it('accepts a raise with a justification long enough', () => {
    expect(overrideFault(raiseOnly, 'low', 'high', reason)).toBeNull();
  });

  it('refuses lowering when the instrument raises only, and allows it otherwise', () => {
    expect(overrideFault(raiseOnly, 'high', 'low', reason)).toMatchObject({
      field: 'level',
      message: /only raise/,
    });
    expect(overrideFault(anyDirection, 'high', 'low', reason)).toBeNull();
  });

  it('refuses an unknown level, the computed level itself, and a short justification', () => {
    expect(overrideFault(raiseOnly, 'low', 'nope', reason)?.field).toBe('level');
    expect(overrideFault(raiseOnly, 'low', 'low', reason)?.message).toMatch(
      /computed level already/,
    );
    expect(overrideFault(raiseOnly, 'low', 'high', '   court     ')?.field).toBe('justification');
  });

  it('defaults to any direction and a 30-character justification', () => {
    const bare = { ...raiseOnly, override: undefined };
    expect(overrideFault(bare, 'high', 'low', 'x'.repeat(DEFAULT_MIN_JUSTIFICATION))).toBeNull();
    expect(
      overrideFault(bare, 'high', 'low', 'x'.repeat(DEFAULT_MIN_JUSTIFICATION - 1))?.field,
    ).toBe('justification');
  });
});
