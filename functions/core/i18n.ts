import type { FileUploadTexts } from '../../web/components.tsx';
import type { MessageKey } from '../modules/index.ts';
import type { IsoDate } from './calendar/dates.ts';
import { LOCALE, type Language } from './language.ts';

export type { MessageKey } from '../modules/index.ts';

export type Translate<K extends string = MessageKey> = (key: K, params?: Record<string, string | number>) => string;

/**
 * The message function over a catalogue: `t('common.postcode.hint', { example: 'CB23 6EA' })`.
 * Unknown placeholders are left visible, so a missing parameter shows rather than vanishes.
 */
export function translator<K extends string>(catalogue: Record<K, string>): Translate<K> {
  return (key, params) => {
    const text = catalogue[key];
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
  };
}
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Dates already written: a bin-day page writes the same few dates for every visitor. */
const formatted = new Map<string, string>();
const MAX_FORMATTED = 5_000;

/** A date as GOV.UK writes it, in the page's language: "Monday 7 December 2026", "Dydd Llun 7 Rhagfyr 2026". */
export function formatDate(date: IsoDate, lang: Language, options: { weekday?: boolean; year?: boolean } = {}): string {
  const { weekday = true, year = true } = options;
  const cacheKey = `${lang}:${weekday}:${year}`;
  const known = formatted.get(`${cacheKey}:${date}`);
  if (known !== undefined) return known;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE[lang], {
      weekday: weekday ? 'long' : undefined,
      day: 'numeric',
      month: 'long',
      year: year ? 'numeric' : undefined,
      timeZone: 'UTC',
    });
    formatters.set(cacheKey, formatter);
  }
  // Intl puts a comma after the weekday; GOV.UK style has none.
  const text = formatter
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .filter((p) => p.type !== 'literal')
    .map((p) => p.value)
    .join(' ');
  if (formatted.size >= MAX_FORMATTED) formatted.clear();
  formatted.set(`${cacheKey}:${date}`, text);
  return text;
}

/** The file upload component's words in the page's language. */
export function fileUploadTexts(t: Translate): FileUploadTexts {
  return {
    chooseFile: t('common.fileUpload.chooseFile'),
    noFileChosen: t('common.fileUpload.noFileChosen'),
    dropInstruction: t('common.fileUpload.dropInstruction'),
    enteredDropZone: t('common.fileUpload.enteredDropZone'),
    leftDropZone: t('common.fileUpload.leftDropZone'),
  };
}
