import { useTranslation } from 'react-i18next';

/**
 * The words of a question's own controls, in the questionnaire's language rather than the console's:
 * a coordinator interviewing in Dutch reads "Ja / Nee / Onbekend" beside a Dutch question. The
 * console's chrome (buttons, messages) stays in the user's language.
 */
export interface ItemWords {
  yes: string;
  no: string;
  unknown: string;
  mandatory: string;
  red: string;
  atLeast(min: number): string;
  atMost(max: number): string;
  datePlaceholder: string;
  clearDate(question: string): string;
  /** The legend of the items no section holds. */
  otherItems: string;
}

const WORDS: Record<string, ItemWords> = {
  fr: {
    yes: 'Oui',
    no: 'Non',
    unknown: 'Inconnu / non demandé',
    mandatory: 'obligatoire',
    red: 'Question rouge',
    atLeast: (min) => `Au moins ${min}`,
    atMost: (max) => `Au plus ${max}`,
    datePlaceholder: 'JJ/MM/AAAA',
    clearDate: (question) => `Effacer la date : ${question}`,
    otherItems: 'Autres questions',
  },
  en: {
    yes: 'Yes',
    no: 'No',
    unknown: 'Unknown / not asked',
    mandatory: 'mandatory',
    red: 'Red question',
    atLeast: (min) => `At least ${min}`,
    atMost: (max) => `At most ${max}`,
    datePlaceholder: 'DD/MM/YYYY',
    clearDate: (question) => `Clear the date: ${question}`,
    otherItems: 'Other questions',
  },
  nl: {
    yes: 'Ja',
    no: 'Nee',
    unknown: 'Onbekend / niet gevraagd',
    mandatory: 'verplicht',
    red: 'Rode vraag',
    atLeast: (min) => `Minstens ${min}`,
    atMost: (max) => `Hoogstens ${max}`,
    datePlaceholder: 'DD/MM/JJJJ',
    clearDate: (question) => `Datum wissen: ${question}`,
    otherItems: 'Andere vragen',
  },
};

/** The controls' words in `language`; in the console's language when there are none for it. */
export function useItemWords(language: string): ItemWords {
  const { i18n } = useTranslation();
  return WORDS[language] ?? WORDS[i18n.language] ?? WORDS.fr;
}
