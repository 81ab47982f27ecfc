import type { CouncilConfig } from '../../config/council-schema.ts';
import type { EmailTemplate, NotificationsPort } from './port.ts';
import { NotifyNotifications } from './notify-adapter.ts';
import { OutboxNotifications } from './outbox-adapter.ts';

/** The council's notifications adapter in AWS, as its file chooses. */
export function notificationsFromConfig(
  council: CouncilConfig,
  templates: Record<string, EmailTemplate>,
  env: NodeJS.ProcessEnv = process.env,
): NotificationsPort {
  const config = council.notifications;
  switch (config.provider) {
    case 'govuk-notify': {
      const apiKey = env[config.apiKeyEnv];
      if (!apiKey) throw new Error(`${config.apiKeyEnv} is not set: the GOV.UK Notify API key for ${council.id}`);
      return new NotifyNotifications({ apiKey, templates: config.templates });
    }
    case 'outbox':
      // Kept in memory only: a council on "outbox" in AWS is a trial council that sends no real email.
      return new OutboxNotifications({ council: council.id, templates });
  }
}
