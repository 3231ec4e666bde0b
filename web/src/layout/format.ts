import { useTranslation } from 'react-i18next';

/** Dates and times as the reader's language writes them, for every screen of the console. */

/** "25 novembre 2026". */
export function longDate(at: string, language: string): string {
  return new Date(at).toLocaleDateString(language, { dateStyle: 'long' });
}

/** "25/11/2026" for an instant. */
export function shortDate(at: string, language: string): string {
  return new Date(at).toLocaleDateString(language);
}

/** A calendar day (`YYYY-MM-DD`, or the day part of an instant) read at noon, so no zone shifts it. */
export function calendarDay(value: string, language: string): string {
  return new Date(`${value.slice(0, 10)}T12:00:00`).toLocaleDateString(language);
}

/** "25/11/2026 14:05". */
export function dateTime(at: string, language: string): string {
  return new Date(at).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' });
}

/** "14:05:09". */
export function clockTime(at: string, language: string): string {
  return new Date(at).toLocaleTimeString(language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/**
 * The formats above in the user's language. `day` and `moment` answer undefined for no value (a
 * definition list says "not entered"); `longDay` answers "—" (a table cell or a sentence).
 */
export function useDates() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    longDay: (at?: string | null) => (at ? longDate(at, language) : '—'),
    shortDay: (at?: string | null) => (at ? shortDate(at, language) : undefined),
    day: (value?: string | null) => (value ? calendarDay(value, language) : undefined),
    moment: (at?: string | null) => (at ? dateTime(at, language) : undefined),
  };
}
