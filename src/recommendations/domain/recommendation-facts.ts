import {
  childrenSummary,
  cohabitation,
  consentFor,
  contactBansInForce,
} from '../../cases/domain/case-facts';
import { Author, Child, Victim } from '../../cases/domain/case-file';
import { RecommendationFacts } from './recommendation-rules';

export interface AssessedSituation {
  level: string;
  levelRank: number;
  levelCount: number;
  score: number;
  redFlags: string[];
  incomplete: boolean;
  overridden: boolean;
  trend: 'up' | 'same' | 'down' | null;
}

/** The facts recommendation rules read: the assessment in force and the victim file, on `today`. */
export function recommendationFacts(
  assessed: AssessedSituation,
  file: { victim: Victim; author: Author | null; children: Child[] },
  today: string,
): RecommendationFacts {
  const children = childrenSummary(file.children);
  const weapons = file.author?.knownWeapons ?? [];
  return {
    level: assessed.level,
    levelFromTop: assessed.levelCount - 1 - assessed.levelRank,
    levelRank: assessed.levelRank,
    score: assessed.score,
    redFlags: assessed.redFlags,
    incomplete: assessed.incomplete,
    overridden: assessed.overridden,
    trend: assessed.trend ?? 'none',
    childrenCount: children.count,
    childrenExposed: children.exposed,
    childrenVictims: children.victims,
    childrenUnderThree: children.underThree,
    cohabitation: cohabitation(file.author),
    tgdConsent: consentFor(file.victim, 'tgd_allocation'),
    contactBanInForce: contactBansInForce(file.author, today).length > 0,
    measuresInForce: contactBansInForce(file.author, today),
    authorHasFirearm:
      weapons.some((w) => w.startsWith('firearm')) || assessed.redFlags.includes('firearm'),
    authorHasWeapon: weapons.length > 0 || assessed.redFlags.includes('firearm'),
  };
}
