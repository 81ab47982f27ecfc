import type { Language } from './language.ts';

/** Text a council writes in its file: English always, Welsh where the council is bilingual. */
export interface LocalisedText {
  en: string;
  cy?: string;
}

/** Picks the text for a language, falling back to English (the schema guarantees Welsh where it is offered). */
export function localise(text: LocalisedText, lang: Language): string {
  return (lang === 'cy' ? text.cy : undefined) ?? text.en;
}
