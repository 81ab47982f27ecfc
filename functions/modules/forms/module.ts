import { lazyRoutes } from '../../core/http/lazy-routes.ts';
import type { ServiceModule } from '../../core/module.ts';
import type { FormsConfig, FormsConfigInput } from './config.ts';
import { formsEmailTemplates } from './email-templates.ts';
import { formsCy } from './messages/cy.ts';
import { formsEn, type FormsMessageKey } from './messages/en.ts';
import { formsCaseTypes, formsHomeEntries, formsPrivacy, formsRetentionDays } from './module-parts.ts';
import { formsExportColumns } from './outputs/export-columns.ts';

/**
 * Forms as data: every catalogue form a council adopts, at /forms/<form-id>. Each submission is a
 * case of service `forms` whose type is the form's id.
 */
export const formsModule: ServiceModule<'forms', FormsConfig, FormsMessageKey, FormsConfigInput> = {
  id: 'forms',
  config: () => import('./config.ts').then((m) => m.formsConfigSection),
  messages: { en: formsEn, cy: formsCy },
  emailTemplates: formsEmailTemplates,
  // Residents' uploads (evidence, a sketch of the driveway), kept as long as their form's submissions.
  needs: ['files'],
  retentionDays: formsRetentionDays,
  // The pages' code (steps, answer types, save and return) loads on a form's first request, so a
  // resident's cold start on any other page never pays for it.
  routes: (council, deps) => lazyRoutes('forms', council, () => import('./routes.tsx').then((m) => m.formsRoutes(council, deps))),
  describe: (t) => ({ name: t('forms.serviceName'), description: t('forms.serviceDescription') }),
  homeEntries: formsHomeEntries,
  caseTypes: formsCaseTypes,
  privacy: formsPrivacy,
  // Loaded when first used, not on a resident's cold start.
  staffCaseSection: (found, view) => import('./outputs/staff-case-section.tsx').then((m) => m.formsStaffCaseSection(found, view)),
  exportColumns: formsExportColumns,
  scheduled: (council, deps, now) => import('./outputs/scheduled.ts').then((m) => m.formsScheduled(council, deps, now)),
};
