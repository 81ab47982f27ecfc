import { caseUpdateEmail, caseUpdateTemplate } from '../../core/cases/email-template.ts';
import type { EmailTemplate } from '../../core/notifications/port.ts';
import { formsOutputsEmailTemplates } from './outputs/mailbox.ts';
import { saveReturnEmailTemplates } from './save-return/email-templates.ts';

/**
 * The forms module's emails, in Notify's format (see the report templates). Helper parts of the
 * module (save and return, outputs) add theirs beside `form-confirmation`.
 */
/** Sent to the form's `contact: 'email'` answer when the form is sent (submission.ts). Here, not there, so that the templates load without the pages' code. */
export const FORM_CONFIRMATION_TEMPLATE = 'form-confirmation';
/**
 * A restricted form's confirmation (a social care request): the reference, the response time and
 * the number to call, and nothing else, not even the form's title: an inbox may be shared or read
 * by the person the request is about, and the request alone says something about their health.
 */
export const FORM_CONFIRMATION_RESTRICTED_TEMPLATE = 'form-confirmation-restricted';

export const formsEmailTemplates: Record<string, EmailTemplate> = {
  // The council mailbox's copy of a submission (outputs/mailbox.ts).
  ...formsOutputsEmailTemplates,
  // The link to carry on with a saved form (save-return/).
  ...saveReturnEmailTemplates,
  // An officer's public update on a submission's case (the back office).
  [caseUpdateTemplate('forms')]: caseUpdateEmail,
  // Sent to the form's `contact: 'email'` answer when the form is sent (submission.ts).
  [FORM_CONFIRMATION_TEMPLATE]: {
    subject: {
      en: '((form_title)): form sent, reference ((reference))',
      cy: '((form_title)): ffurflen wedi’i hanfon, cyfeirnod ((reference))',
    },
    body: {
      en: [
        'We have received your form: ((form_title)).',
        '',
        '# Your reference number',
        '((reference))',
        '',
        '# What happens next',
        '((what_happens_next))',
        '',
        '((response_time))',
        '',
        '((council))',
      ].join('\n'),
      cy: [
        'Rydym wedi cael eich ffurflen: ((form_title)).',
        '',
        '# Eich cyfeirnod',
        '((reference))',
        '',
        '# Beth sy’n digwydd nesaf',
        '((what_happens_next))',
        '',
        '((response_time))',
        '',
        '((council))',
      ].join('\n'),
    },
  },
  // A restricted form's: personalisation reference, response_time, contact_phone and council only.
  [FORM_CONFIRMATION_RESTRICTED_TEMPLATE]: {
    subject: {
      en: 'Your request to ((council)): reference ((reference))',
      // Not "i ((council))": a council's name after "i" takes a soft mutation (i Gyngor), which a placeholder cannot.
      cy: '((council)): eich cais, cyfeirnod ((reference))',
    },
    body: {
      en: [
        'We have received your request.',
        '',
        '# Your reference number',
        '((reference))',
        '',
        '((response_time))',
        '',
        'If you need to talk to us about it, call ((contact_phone)) and give your reference number.',
        '',
        '((council))',
      ].join('\n'),
      cy: [
        'Rydym wedi cael eich cais.',
        '',
        '# Eich cyfeirnod',
        '((reference))',
        '',
        '((response_time))',
        '',
        'Os oes angen i chi siarad â ni amdano, ffoniwch ((contact_phone)) a rhowch eich cyfeirnod.',
        '',
        '((council))',
      ].join('\n'),
    },
  },
};
