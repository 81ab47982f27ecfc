import type { ServiceModule } from '../../core/module.ts';
import type { ReportConfig } from './config.ts';
import { reportEmailTemplates } from './email-templates.ts';
import { open311Routes } from './open311/routes.ts';
import { reportRoutes } from './routes.tsx';

export type { ReportConfig } from './config.ts';

export const reportModule: ServiceModule = {
  id: 'report',
  routes: reportRoutes,
  describe: (t) => ({ name: t('report.serviceName'), description: t('report.serviceDescription') }),
  privacy: (council, t) => [
    {
      collects: t('report.privacy.collects'),
      why: t('report.privacy.why'),
      retentionDays: (council.services.report as ReportConfig).retentionDays,
    },
  ],
  emailTemplates: reportEmailTemplates,
  apis: [{ path: '/open311/v2', routes: open311Routes }],
};
