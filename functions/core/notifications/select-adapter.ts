import type { CouncilConfig } from '../../config/council-schema.ts';
import type { SecretsPort } from '../secrets/port.ts';
import type { EmailTemplate, NotificationsPort } from './port.ts';
import { NotifyNotifications } from './notify-adapter.ts';
import { OutboxNotifications } from './outbox-adapter.ts';

/**
 * The council's notifications adapter in AWS, as its file chooses. The Notify API key comes from
 * the council's secrets (`ldf/<id>/notify-api-key`) when the first email is sent, not at start-up
 * and not from the environment.
 */
export function notificationsFromConfig(council: CouncilConfig, templates: Record<string, EmailTemplate>, secrets: SecretsPort): NotificationsPort {
  const config = council.notifications;
  switch (config.provider) {
    case 'govuk-notify':
      return new NotifyNotifications({ apiKey: () => secrets.get('notify-api-key'), templates: config.templates });
    case 'outbox':
      // Kept in memory only: synthesis allows the outbox in AWS only for a sample council (infra/ldf-app.ts).
      return new OutboxNotifications({ council: council.id, templates });
  }
}
