import type { Language } from './language.ts';

/**
 * The message catalogue's objects, per language: functions/modules/index.ts fills them with the
 * common strings and every module's, and code that loads on demand (the back office, a form's pages)
 * adds its own as it loads (`addMessages`). Translators look keys up when called, so they find
 * strings added after they were made; a resident's cold start never reads the strings it does not use.
 */
export const CATALOGUE: Record<Language, Record<string, string>> = { en: {}, cy: {} };

/**
 * Adds strings of code that loads on demand (a side effect of importing that code's register.ts).
 *
 * @example
 * addMessages({ en: staffEn, cy: staffCy });
 */
export function addMessages(parts: Record<Language, Record<string, string>>): void {
  Object.assign(CATALOGUE.en, parts.en);
  Object.assign(CATALOGUE.cy, parts.cy);
}
