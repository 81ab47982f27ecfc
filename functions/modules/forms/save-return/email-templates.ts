import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { EmailTemplate } from '../../../core/notifications/port.ts';
import { adoptedForms } from '../definition/resolve.ts';

/** The email with the link to carry on with a saved form (save-routes.tsx sends it). */
export const FORM_RESUME_LINK_TEMPLATE = 'form-resume-link';

/**
 * The same email for a restricted form (social care): it names no form and its link
 * (`/forms/resume/<token>`) names none either, so whoever sees the inbox does not learn what the
 * resident asked for (as the restricted confirmation email).
 */
export const FORM_RESUME_LINK_RESTRICTED_TEMPLATE = 'form-resume-link-restricted';

/**
 * Whether the council can send the restricted link email: it adopts a restricted form that offers
 * save and return. The Notify readiness check asks for the template's id only then.
 *
 * @example
 * sendsRestrictedResumeLink(ceredigion); // true: it adopts care-needs-assessment
 */
export function sendsRestrictedResumeLink(council: CouncilConfig): boolean {
  return adoptedForms(council).some((form) => form.restrictedTo !== undefined && form.saveAndReturn !== undefined);
}

/** The link email's body after its first line (which says what was saved), in each language. */
const AFTER_FIRST_LINE = {
  en: [
    '',
    'To carry on where you left off, use this link:',
    '((link))',
    '',
    'The link works once, until the end of ((expires)). After that, your answers will be deleted and you will need to start again.',
    '',
    'If you did not ask for this email, you can ignore it.',
    '',
    '((council))',
  ],
  cy: [
    '',
    'I barhau o’r man lle gwnaethoch adael, defnyddiwch y ddolen hon:',
    '((link))',
    '',
    'Mae’r ddolen yn gweithio unwaith, hyd at ddiwedd ((expires)). Ar ôl hynny, bydd eich atebion yn cael eu dileu a bydd angen i chi ddechrau eto.',
    '',
    'Os na wnaethoch ofyn am yr e-bost hwn, gallwch ei anwybyddu.',
    '',
    '((council))',
  ],
};

const linkEmail = (first: { en: string; cy: string }) => ({
  en: [first.en, ...AFTER_FIRST_LINE.en].join('\n'),
  cy: [first.cy, ...AFTER_FIRST_LINE.cy].join('\n'),
});

/** Save and return's emails, in Notify's format; the module merges them into its emailTemplates. */
export const saveReturnEmailTemplates: Record<string, EmailTemplate> = {
  [FORM_RESUME_LINK_TEMPLATE]: {
    subject: {
      en: 'Carry on with your form: ((form))',
      cy: 'Parhau â’ch ffurflen: ((form))',
    },
    // Welsh puts the title after a colon: after "i" it would take a soft mutation, which a placeholder cannot.
    body: linkEmail({ en: 'You saved your answers to ((form)).', cy: 'Rydych wedi cadw eich atebion i’r ffurflen: ((form)).' }),
  },
  // A restricted form's: personalisation link, expires and council only (no form).
  [FORM_RESUME_LINK_RESTRICTED_TEMPLATE]: {
    subject: {
      en: 'Carry on with your form',
      cy: 'Parhau â’ch ffurflen',
    },
    // "i ffurflen": ff does not mutate.
    body: linkEmail({ en: 'You saved your answers to a form.', cy: 'Rydych wedi cadw eich atebion i ffurflen.' }),
  },
};
