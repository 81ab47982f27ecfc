import type { Language } from '../language.ts';

export interface EmailMessage {
  /** The message's template key, e.g. "missed-collection-confirmation". */
  template: string;
  lang: Language;
  to: string;
  personalisation: Record<string, string>;
  /** Our reference for the message (the case reference), echoed back by Notify. */
  reference: string;
}

/** Sends email to residents. Adapters: GOV.UK Notify in AWS, a readable outbox locally. */
export interface NotificationsPort {
  sendEmail(message: EmailMessage): Promise<void>;
}

/** A message's subject and body in Notify's format, with ((placeholders)). */
export interface EmailTemplate {
  subject: Record<Language, string>;
  body: Record<Language, string>;
}

/** Fills ((placeholders)) as GOV.UK Notify does. */
export function renderTemplate(text: string, personalisation: Record<string, string>): string {
  return text.replace(/\(\(([a-z0-9_ -]+)\)\)/gi, (whole, key: string) => personalisation[key.trim()] ?? whole);
}
