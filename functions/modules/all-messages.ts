import { dataRecordCy } from '../core/data-rights/messages/cy.ts';
import { dataRecordEn } from '../core/data-rights/messages/en.ts';
import type { Language } from '../core/language.ts';
import { yourDataCy } from '../data-rights/messages/cy.ts';
import { yourDataEn } from '../data-rights/messages/en.ts';
import { staffCy } from '../staff/messages/cy.ts';
import { staffEn } from '../staff/messages/en.ts';
import { formsOnDemandCy } from './forms/messages/on-demand-cy.ts';
import { formsOnDemandEn } from './forms/messages/on-demand-en.ts';
import { MESSAGES, type MessageKey } from './index.ts';

/**
 * Every string of the platform per language, loaded at once: for tests, the platform's own pages and
 * the CLI, which do not care about a resident's cold start (the council app reads MESSAGES, which
 * gains the back office's and the residents' data pages' strings when they load).
 */
export const ALL_MESSAGES: Record<Language, Record<MessageKey, string>> = {
  en: { ...MESSAGES.en, ...formsOnDemandEn, ...staffEn, ...dataRecordEn, ...yourDataEn },
  cy: { ...MESSAGES.cy, ...formsOnDemandCy, ...staffCy, ...dataRecordCy, ...yourDataCy },
};
