import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

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

// Each screen folder keeps its own texts in i18n/<language>.json, merged over the shared ones.
// French, the reference and fallback, comes with the console; another language is fetched when
// chosen, so that the first download carries one language only.
const frenchScreens = import.meta.glob<Messages>('../screens/*/i18n/fr.json', {
  eager: true,
  import: 'default',
});
const otherScreens = import.meta.glob<Messages>(
  ['../screens/*/i18n/*.json', '!../screens/*/i18n/fr.json'],
  { import: 'default' },
);
const otherShared = import.meta.glob<Messages>(['./*.json', '!./fr.json'], { import: 'default' });

function combined(shared: Messages, screens: Messages[]): Messages {
  return screens.reduce((all, screen) => merge(all, screen), structuredClone(shared));
}

async function load(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const ending = `/${language}.json`;
  const shared = await otherShared[`.${ending}`]();
  const screens = await Promise.all(
    Object.entries(otherScreens)
      .filter(([path]) => path.endsWith(ending))
      .map(([, read]) => read()),
  );
  i18n.addResourceBundle(language, 'translation', combined(shared, screens));
}

/** Switches the language, remembers it on this browser and tells assistive technologies. */
export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  await load(language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: combined(fr, Object.values(frenchScreens)) } },
  lng: 'fr',
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = 'fr';

/** Settles once the language this browser chose is loaded (at once for French). */
export const languageReady: Promise<void> =
  initialLanguage() === 'fr' ? Promise.resolve() : setLanguage(initialLanguage()).catch(() => {});

export default i18n;
