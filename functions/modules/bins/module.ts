import type { ServiceModule } from '../../core/module.ts';
import { serviceConfig } from '../../core/service-config.ts';
import type { BinsConfig, BinsConfigInput } from './config.ts';
import { binsEmailTemplates } from './email-templates.ts';
import { binContainerOptions } from './form-options.ts';
import { binsCy } from './messages/cy.ts';
import { binsEn, type BinsMessageKey } from './messages/en.ts';
import { binsResidentAnswers } from './resident-answers.ts';
import { binsRoutes } from './routes.tsx';

export const binsModule: ServiceModule<'bins', BinsConfig, BinsMessageKey, BinsConfigInput> = {
  id: 'bins',
  config: () => import('./config.ts').then((m) => m.binsConfigSection),
  messages: { en: binsEn, cy: binsCy },
  emailTemplates: binsEmailTemplates,
  needs: [],
  retentionDays: (council) => serviceConfig(council, 'bins').missedCollections.retentionDays,
  routes: binsRoutes,
  describe: (t) => ({ name: t('bins.serviceName'), description: t('bins.serviceDescription') }),
  // A bin's one kind of case (the missed-report step stores it as the case's type).
  caseTypes: () => [{ id: 'missed-collection', name: { en: binsEn['bins.caseType.missedCollection'], cy: binsCy['bins.caseType.missedCollection'] } }],
  // A form asking which bins (e.g. a replacement bin request) lists the property's own.
  formOptionSources: { 'bin-containers': binContainerOptions },
  residentAnswers: binsResidentAnswers,
  privacy: (council, t) => [
    { collects: t('bins.privacy.lookupCollects'), why: t('bins.privacy.lookupWhy') },
    {
      collects: t('bins.privacy.reportCollects'),
      why: t('bins.privacy.reportWhy'),
      retentionDays: serviceConfig(council, 'bins').missedCollections.retentionDays,
    },
  ],
};
