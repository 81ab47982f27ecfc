import { formsAnswersEn } from './answers-en.ts';
import { formsOutputsEn } from './outputs-en.ts';
import { formsSaveEn } from './save-en.ts';

/**
 * The forms module's strings that join the catalogue when the code using them loads (register.ts):
 * the answer types', save and return's and outputs'. A file of its own, so that nothing on a
 * resident's cold start imports them.
 */
export const formsOnDemandEn = {
  ...formsAnswersEn,
  ...formsSaveEn,
  ...formsOutputsEn,
};

export type FormsOnDemandMessageKey = keyof typeof formsOnDemandEn;
