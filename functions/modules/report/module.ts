import { lazyApi } from '../../core/http/lazy-routes.ts';
import type { ServiceModule } from '../../core/module.ts';
import { serviceConfig } from '../../core/service-config.ts';
import type { ReportConfig, ReportConfigInput } from './config.ts';
import { reportEmailTemplates } from './email-templates.ts';
import { reportCy } from './messages/cy.ts';
import { reportEn, type ReportMessageKey } from './messages/en.ts';
import { reportResidentAnswers } from './resident-answers.ts';
import { reportRoutes } from './routes.tsx';

const OPEN311_PATH = '/open311/v2';

export const reportModule: ServiceModule<'report', ReportConfig, ReportMessageKey, ReportConfigInput> = {
  id: 'report',
  config: () => import('./config.ts').then((m) => m.reportConfigSection),
  messages: { en: reportEn, cy: reportCy },
  emailTemplates: reportEmailTemplates,
  // Residents' photos of the problem.
  needs: ['photos'],
  retentionDays: (council) => serviceConfig(council, 'report').retentionDays,
  // The pages load at start (loading them on a report page's first request costs that page more
  // than it saves the bin page); what sending and looking up a report need loads when first used.
  routes: reportRoutes,
  describe: (t) => ({ name: t('report.serviceName'), description: t('report.serviceDescription') }),
  // A report's type is its category's code (the Open311 service code).
  residentAnswers: reportResidentAnswers,
  caseTypes: (council) => serviceConfig(council, 'report').groups.flatMap((g) => g.categories.map((c) => ({ id: c.code, name: c.name }))),
  privacy: (council, t) => [
    {
      collects: t('report.privacy.collects'),
      why: t('report.privacy.why'),
      retentionDays: serviceConfig(council, 'report').retentionDays,
    },
  ],
  // Integrators' API: no resident's page needs it, so it loads on its first request.
  apis: [{ path: OPEN311_PATH, routes: (council, deps) => lazyApi(OPEN311_PATH, () => import('./open311/routes.ts').then((m) => m.open311Routes(council, deps))) }],
};
