import { NotifyClient } from 'notifications-node-client';
import type { EmailMessage, NotificationsPort } from './port.ts';

export interface NotifyAdapterOptions {
  apiKey: string;
  /** Notify template ids per message and language, from the council's file. */
  templates: Record<string, { en: string; cy?: string }>;
}

/** Sends email through GOV.UK Notify. */
export class NotifyNotifications implements NotificationsPort {
  private readonly client: NotifyClient;
  constructor(private readonly options: NotifyAdapterOptions) {
    this.client = new NotifyClient(options.apiKey);
  }

  async sendEmail(message: EmailMessage): Promise<void> {
    const ids = this.options.templates[message.template];
    if (!ids) throw new Error(`No Notify template configured for ${message.template}`);
    const templateId = (message.lang === 'cy' ? ids.cy : undefined) ?? ids.en;
    await this.client.sendEmail(templateId, message.to, {
      personalisation: message.personalisation,
      reference: message.reference,
    });
  }
}
