import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderTemplate, type EmailMessage, type EmailTemplate, type NotificationsPort } from './port.ts';

export interface OutboxEntry {
  council: string;
  sentAt: string;
  to: string;
  lang: string;
  template: string;
  reference: string;
  subject: string;
  body: string;
}

/**
 * The local stand-in for GOV.UK Notify: renders each email from our copy of the template and keeps it
 * where a developer can read it (the /_dev/outbox page of the local host). With a file, it survives restarts.
 */
export class OutboxNotifications implements NotificationsPort {
  private readonly memory: OutboxEntry[] = [];

  constructor(
    private readonly options: {
      council: string;
      templates: Record<string, EmailTemplate>;
      file?: string;
      clock?: () => Date;
    },
  ) {}

  async sendEmail(message: EmailMessage): Promise<void> {
    const template = this.options.templates[message.template];
    if (!template) throw new Error(`No email template ${message.template}`);
    const entry: OutboxEntry = {
      council: this.options.council,
      sentAt: (this.options.clock?.() ?? new Date()).toISOString(),
      to: message.to,
      lang: message.lang,
      template: message.template,
      reference: message.reference,
      subject: renderTemplate(template.subject[message.lang], message.personalisation),
      body: renderTemplate(template.body[message.lang], message.personalisation),
    };
    this.memory.push(entry);
    if (this.options.file) {
      await mkdir(path.dirname(this.options.file), { recursive: true });
      await appendFile(this.options.file, `${JSON.stringify(entry)}\n`);
    }
  }

  /** What this adapter has sent since it started. */
  sent(): readonly OutboxEntry[] {
    return this.memory;
  }
}

/** Every message in an outbox file, newest first. */
export async function readOutboxFile(file: string): Promise<OutboxEntry[]> {
  try {
    const text = await readFile(file, 'utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OutboxEntry)
      .reverse();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
