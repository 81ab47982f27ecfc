import type { EmailTemplate } from '../notifications/port.ts';

/**
 * The email a resident gets when an officer adds a public update to their case, in the language
 * they used. Each module registers it under its own name (caseUpdateTemplate), beside its other
 * emails, so a council's Notify templates are listed per module like the rest.
 */
export const caseUpdateEmail: EmailTemplate = {
  subject: {
    en: 'Update on your request ((reference))',
    cy: 'Diweddariad ar eich cais ((reference))',
  },
  body: {
    en: ['There is an update on your request.', '', '# Your reference number', '((reference))', '', '* Status: ((state))', '', '((update))', '', '((council))'].join('\n'),
    cy: ['Mae diweddariad ar eich cais.', '', '# Eich cyfeirnod', '((reference))', '', '* Statws: ((state))', '', '((update))', '', '((council))'].join('\n'),
  },
};

/**
 * The name of a module's case-update email.
 *
 * @example
 * export const reportEmailTemplates = { …, [caseUpdateTemplate('report')]: caseUpdateEmail };
 */
export function caseUpdateTemplate(service: string): string {
  return `${service}-case-update`;
}
