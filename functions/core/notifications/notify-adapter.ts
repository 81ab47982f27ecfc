import type { EmailMessage, NotificationsPort } from './port.ts';

export interface NotifyAdapterOptions {
  apiKey: string;
  /** Notify template ids per message and language, from the council's file. */
  templates: Record<string, { en: string; cy?: string }>;
}

type NotifyClient = import('notifications-node-client').NotifyClient;

/**
 * Sends email through GOV.UK Notify. The client (and its HTTP stack) is loaded on the first send,
 * not at cold start: most requests to a council's function send no email.
 */
export class NotifyNotifications implements NotificationsPort {
  private client?: Promise<NotifyClient>;
  constructor(private readonly options: NotifyAdapterOptions) {}

  private getClient(): Promise<NotifyClient> {
    this.client ??= import('notifications-node-client').then(({ NotifyClient }) => new NotifyClient(this.options.apiKey));
    return this.client;
  }

  async sendEmail(message: EmailMessage): Promise<void> {
    const ids = this.options.templates[message.template];
    if (!ids) throw new Error(`No Notify template configured for ${message.template}`);
    const templateId = (message.lang === 'cy' ? ids.cy : undefined) ?? ids.en;
    const client = await this.getClient();
    await client.sendEmail(templateId, message.to, {
      personalisation: message.personalisation,
      reference: message.reference,
    });
  }
}
