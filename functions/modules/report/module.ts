import type { ServiceModule } from '../../core/module.ts';
import { serviceConfig } from '../../core/service-config.ts';
import type { ReportConfig, ReportConfigInput } from './config.ts';
import { reportEmailTemplates } from './email-templates.ts';
import { reportCy } from './messages/cy.ts';
import { reportEn, type ReportMessageKey } from './messages/en.ts';
import { reportResidentAnswers } from './resident-answers.ts';
import { open311Routes } from './open311/routes.ts';
import { reportRoutes } from './routes.tsx';

export const reportModule: ServiceModule<'report', ReportConfig, ReportMessageKey, ReportConfigInput> = {
  id: 'report',
  config: () => import('./config.ts').then((m) => m.reportConfigSection),
  messages: { en: reportEn, cy: reportCy },
  emailTemplates: reportEmailTemplates,
  // Residents' photos of the problem.
  needs: ['photos'],
  retentionDays: (council) => serviceConfig(council, 'report').retentionDays,
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
  apis: [{ path: '/open311/v2', routes: open311Routes }],
};
