import type { ServiceModule } from '../../core/module.ts';
import type { BinsConfig } from './config.ts';
import { binsEmailTemplates } from './email-templates.ts';
import { binsRoutes } from './routes.tsx';

export type { BinsConfig } from './config.ts';

export const binsModule: ServiceModule = {
  id: 'bins',
  routes: binsRoutes,
  describe: (t) => ({ name: t('bins.serviceName'), description: t('bins.serviceDescription') }),
  privacy: (council, t) => [
    { collects: t('bins.privacy.lookupCollects'), why: t('bins.privacy.lookupWhy') },
    {
      collects: t('bins.privacy.reportCollects'),
      why: t('bins.privacy.reportWhy'),
      retentionDays: (council.services.bins as BinsConfig).missedCollections.retentionDays,
    },
  ],
  emailTemplates: binsEmailTemplates,
};
