import type { FormsMessageKey } from './en.ts';
import { formsJourneyCy } from './journey-cy.ts';

/** The forms module's strings in Welsh. */
export const formsCy: Record<FormsMessageKey, string> = {
  'forms.serviceName': 'Ffurflenni',
  'forms.serviceDescription': 'Gwneud cais, gofyn am rywbeth neu ddweud rhywbeth wrthym ar-lein.',
  ...formsJourneyCy,
};
