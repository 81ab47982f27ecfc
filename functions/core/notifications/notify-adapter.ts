import type { EmailMessage, NotificationsPort } from './port.ts';
import { packageExports } from '../load-package.ts';

/** How long a send to GOV.UK Notify may take before it counts as failed (and is retried later). */
export const NOTIFY_TIMEOUT_MS = 5_000;

export interface NotifyAdapterOptions {
  /** The API key, asked for at each send (the secrets port caches it); never held in the environment. */
  apiKey: () => Promise<string>;
  /** Notify template ids per message and language, from the council's file. */
  templates: Record<string, { en: string; cy?: string }>;
  /** NOTIFY_TIMEOUT_MS unless given. */
  timeoutMs?: number;
  /** Notify's API; tests point it at a local server. */
  baseUrl?: string;
}

type NotifyClient = import('notifications-node-client').NotifyClient;

/**
 * Sends email through GOV.UK Notify. The client (and its HTTP stack) is loaded on the first send,
 * not at cold start: most requests to a council's function send no email. A rotated key gets a new
 * client once the secrets port's cache lets the new value through.
 */
export class NotifyNotifications implements NotificationsPort {
  private client?: { apiKey: string; client: Promise<NotifyClient> };
  constructor(private readonly options: NotifyAdapterOptions) {}

  private async getClient(): Promise<NotifyClient> {
    const apiKey = await this.options.apiKey();
    if (this.client?.apiKey !== apiKey) this.client = { apiKey, client: this.createClient(apiKey) };
    return this.client.client;
  }

  private async createClient(apiKey: string): Promise<NotifyClient> {
    const [{ NotifyClient }, { default: axios }] = await Promise.all([import('notifications-node-client').then(packageExports), import('axios')]);
    const client = this.options.baseUrl ? new NotifyClient(this.options.baseUrl, apiKey) : new NotifyClient(apiKey);
    // The client's default axios has no timeout: a Notify that accepts the connection and never
    // answers would hold the request (and the claimed notification) until the function is killed.
    const http = axios.create({ timeout: this.options.timeoutMs ?? NOTIFY_TIMEOUT_MS });
    // The same axios at run time; its ESM and CommonJS type declarations are merely distinct to TypeScript.
    client.setClient(http as unknown as Parameters<NotifyClient['setClient']>[0]);
    return client;
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
