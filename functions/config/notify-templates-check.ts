import { enabledModules } from '../modules/index.ts';
import { DATA_RIGHTS_EMAIL_TEMPLATES } from '../core/data-rights/email-templates.ts';
import { FORM_RESUME_LINK_RESTRICTED_TEMPLATE, sendsRestrictedResumeLink } from '../modules/forms/save-return/email-templates.ts';
import type { CouncilConfig } from './council-schema.ts';
import type { ConfigProblem } from './placeholders.ts';

/**
 * A council that sends through GOV.UK Notify needs a Notify template id for every email its
 * services send (Notify holds a copy of each; the text is in the module's email-templates.ts), and
 * a Welsh one too where the council is bilingual. Without it the email fails on every try and is
 * given up on, so a council missing one is not ready to deploy.
 *
 * @example
 * notifyTemplateProblems(council); // [{ path: 'notifications.templates.form-confirmation', message: 'No GOV.UK Notify template id …' }]
 */
export function notifyTemplateProblems(council: CouncilConfig): ConfigProblem[] {
  if (council.notifications.provider !== 'govuk-notify') return [];
  const ids = council.notifications.templates;
  const problems: ConfigProblem[] = [];
  for (const m of enabledModules(council)) {
    for (const name of Object.keys(m.emailTemplates)) {
      // Sent only for a restricted form with save and return: not asked of a council adopting none.
      if (name === FORM_RESUME_LINK_RESTRICTED_TEMPLATE && !sendsRestrictedResumeLink(council)) continue;
      const path = `notifications.templates.${name}`;
      const where = `functions/modules/${m.id}/email-templates.ts`;
      if (!ids[name]) problems.push({ path, message: `No GOV.UK Notify template id for ${name}, which the ${m.id} service sends: create the template in Notify from its text in ${where} and give its id here` });
      else if (council.languages.includes('cy') && !ids[name].cy) problems.push({ path: `${path}.cy`, message: `No Welsh Notify template for ${name}: Welsh residents would get it in English` });
    }
  }
  // Every council's residents can prove their address and ask for their data to be deleted (functions/data-rights/).
  for (const name of Object.keys(DATA_RIGHTS_EMAIL_TEMPLATES)) {
    const path = `notifications.templates.${name}`;
    const where = 'functions/core/data-rights/email-templates.ts';
    if (!ids[name]) problems.push({ path, message: `No GOV.UK Notify template id for ${name}, which Your requests and your data sends: create the template in Notify from its text in ${where} and give its id here` });
    else if (council.languages.includes('cy') && !ids[name].cy) problems.push({ path: `${path}.cy`, message: `No Welsh Notify template for ${name}: Welsh residents would get it in English` });
  }
  return problems;
}
