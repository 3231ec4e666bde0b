/**
 * The legal conditions of a Grave Danger Phone (téléphone grave danger), Code de procédure pénale
 * art. 41-3-1 (law 2014-873, law 2019-1480), shared/domain/BRIEF.md §3:
 *  - a grave danger threatening the victim;
 *  - her express consent;
 *  - no cohabitation between victim and author;
 *  - and either a judicial ban on contacting the victim, or a danger proven and imminent while the
 *    author is at large or the ban not yet pronounced.
 * Every condition is listed with its status, so that a recommendation shows what is missing instead
 * of hiding it. The prosecutor decides; this only prepares the decision.
 */
export type ConditionStatus = 'met' | 'not_met' | 'unknown';

export interface TgdCondition {
  id: 'grave_danger' | 'consent' | 'no_cohabitation' | 'contact_ban_or_imminent_danger';
  status: ConditionStatus;
  detail: string;
}

export interface TgdSituation {
  /** 0 for the instrument's highest level, 1 for the one below… */
  levelFromTop: number;
  levelLabel: string;
  consent: 'given' | 'refused' | 'unknown';
  cohabitation: 'yes' | 'no' | 'unknown';
  bansInForce: string[];
}

export const TGD_LEGAL_BASIS = 'Code de procédure pénale, art. 41-3-1';

/** Levels at or above the second-highest of the instrument count as grave danger. */
const GRAVE_FROM_TOP = 1;

export function tgdConditions(situation: TgdSituation): TgdCondition[] {
  const grave = situation.levelFromTop <= GRAVE_FROM_TOP;
  const imminent = situation.levelFromTop === 0;
  return [
    {
      id: 'grave_danger',
      status: grave ? 'met' : 'not_met',
      detail: grave
        ? `Level "${situation.levelLabel}": grave danger.`
        : `Level "${situation.levelLabel}" is below the two highest levels of the instrument.`,
    },
    {
      id: 'consent',
      status:
        situation.consent === 'given'
          ? 'met'
          : situation.consent === 'refused'
            ? 'not_met'
            : 'unknown',
      detail:
        situation.consent === 'given'
          ? "The victim's express consent is recorded."
          : situation.consent === 'refused'
            ? 'The victim refused the device.'
            : "The victim's consent is not recorded.",
    },
    {
      id: 'no_cohabitation',
      status:
        situation.cohabitation === 'no'
          ? 'met'
          : situation.cohabitation === 'yes'
            ? 'not_met'
            : 'unknown',
      detail:
        situation.cohabitation === 'no'
          ? 'Victim and author do not live together.'
          : situation.cohabitation === 'yes'
            ? 'The author lives with the victim.'
            : 'Whether the author lives with the victim is not recorded.',
    },
    {
      id: 'contact_ban_or_imminent_danger',
      status: situation.bansInForce.length > 0 || imminent ? 'met' : 'not_met',
      detail:
        situation.bansInForce.length > 0
          ? `Judicial ban on contact in force: ${situation.bansInForce.join(', ')}.`
          : imminent
            ? 'No ban in force yet, but the danger is at the highest level: imminent danger to be confirmed by the prosecutor.'
            : 'No judicial ban on contact in force, and the danger is not at the highest level.',
    },
  ];
}

export const allMet = (conditions: TgdCondition[]) => conditions.every((c) => c.status === 'met');
