import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

import en from './en.json';
import fr from './fr.json';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tgd.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'fr';
}

type Messages = { [key: string]: string | Messages };

function merge(target: Messages, source: Messages): Messages {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    target[key] =
      typeof value === 'object' && typeof current === 'object' ? merge(current, value) : value;
  }
  return target;
}

// Each screen folder may keep its own texts in i18n/<language>.json, merged over the shared ones.
const screenMessages = import.meta.glob<Messages>('../screens/*/i18n/*.json', {
  eager: true,
  import: 'default',
});

function messages(language: Language, shared: Messages): Messages {
  return Object.entries(screenMessages)
    .filter(([path]) => path.endsWith(`/${language}.json`))
    .reduce((all, [, screen]) => merge(all, screen), structuredClone(shared));
}

void i18n.use(initReactI18next).init({
  resources: {
    fr: { translation: messages('fr', fr) },
    en: { translation: messages('en', en) },
  },
  lng: initialLanguage(),
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/** Switches the language, remembers it on this browser and tells assistive technologies. */
export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export default i18n;
