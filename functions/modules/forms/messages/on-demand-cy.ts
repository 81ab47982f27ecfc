import { formsAnswersCy } from './answers-cy.ts';
import { formsOutputsCy } from './outputs-cy.ts';
import type { FormsOnDemandMessageKey } from './on-demand-en.ts';
import { formsSaveCy } from './save-cy.ts';

/** The strings of on-demand-en.ts in Welsh. */
export const formsOnDemandCy: Record<FormsOnDemandMessageKey, string> = {
  ...formsAnswersCy,
  ...formsSaveCy,
  ...formsOutputsCy,
};
