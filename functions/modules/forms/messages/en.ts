import { formsAnswersEn } from './answers-en.ts';
import { formsJourneyEn } from './journey-en.ts';
import { formsOutputsEn } from './outputs-en.ts';
import { formsSaveEn } from './save-en.ts';

/**
 * The forms module's strings in English; `cy.ts` has the same keys (a test checks). Placeholders
 * are {name}. Each part of the module keeps its own file (answers, the journey, save and return,
 * outputs); the texts of a form itself are in its catalogue file, not here.
 */
export const formsEn = {
  'forms.serviceName': 'Forms',
  'forms.serviceDescription': 'Apply, request or tell us something online.',
  ...formsAnswersEn,
  ...formsJourneyEn,
  ...formsSaveEn,
  ...formsOutputsEn,
};

export type FormsMessageKey = keyof typeof formsEn;
