import { formsJourneyEn } from './journey-en.ts';

export type { FormsOnDemandMessageKey } from './on-demand-en.ts';

/**
 * The forms module's strings in English; `cy.ts` has the same keys (a test checks). Placeholders
 * are {name}. Each part of the module keeps its own file (answers, the journey, save and return,
 * outputs); the texts of a form itself are in its catalogue file, not here.
 *
 * These are what every page may need (the home page's entries, the privacy notice, the journey's
 * frame); the answer types', save and return's and outputs' strings (on-demand-en.ts) join the
 * catalogue when the code that uses them loads (register.ts).
 */
export const formsEn = {
  'forms.serviceName': 'Forms',
  'forms.serviceDescription': 'Apply, request or tell us something online.',
  ...formsJourneyEn,
};

export type FormsMessageKey = keyof typeof formsEn;
