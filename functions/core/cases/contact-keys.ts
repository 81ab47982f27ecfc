import { createHmac } from 'node:crypto';
import type { SecretsPort } from '../secrets/port.ts';

/**
 * How the back office finds a resident's cases by email or phone without the address itself in a
 * key or an index: an HMAC of the normalised value under the council's contact key. Someone who
 * reads the table (or a backup) learns nothing from the index without the key, and the same address
 * always gives the same key, so a search is one query.
 */
export interface ContactKeys {
  email?: string;
  phone?: string;
}

/** The same email however it was typed: trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The same UK phone number however it was typed: digits only, +44 / 0044 written as 0. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return digits.replace(/^\+44/, '0').replace(/^0044/, '0').replace(/^\+/, '');
}

const UK_POSTCODE = /\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b/i;

/** A UK postcode in a piece of text, upper case with one space ("cb236ea" → "CB23 6EA"); undefined when there is none. */
export function normalisePostcode(text: string): string | undefined {
  const m = UK_POSTCODE.exec(text);
  return m ? `${m[1].toUpperCase()} ${m[2].toUpperCase()}` : undefined;
}

/** The postcode a case is searched by: of the resident's address, else of its published location. */
export function postcodeOf(c: { details: Record<string, string>; public?: { address?: string } }): string | undefined {
  for (const text of [c.details.postcode, c.details.address, c.public?.address]) {
    const found = text ? normalisePostcode(text) : undefined;
    if (found) return found;
  }
  return undefined;
}

function hmac(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

/** The search keys of an email and a phone number (either may be absent). */
export async function contactKeysOf(values: { email?: string; phone?: string }, secrets: SecretsPort): Promise<ContactKeys> {
  const email = values.email?.trim() ? normaliseEmail(values.email) : undefined;
  const phone = values.phone?.trim() ? normalisePhone(values.phone) : undefined;
  if (!email && !phone) return {};
  // Adapters cache the secret: no store request, and at most one Secrets Manager call per cache period.
  const key = await secrets.get('contact-key');
  return { ...(email && { email: hmac(key, `email:${email}`) }), ...(phone && { phone: hmac(key, `phone:${phone}`) }) };
}

/**
 * The search keys of a case's contact details (`details.email`, `details.phone`); undefined when it has neither.
 *
 * @example
 * const keys = await contactKeys({ email: 'Sam@Example.com' }, deps.secrets); // { email: 'k3…' }
 */
export async function contactKeys(details: Record<string, string>, secrets: SecretsPort): Promise<ContactKeys | undefined> {
  const keys = await contactKeysOf(details, secrets);
  return keys.email || keys.phone ? keys : undefined;
}
