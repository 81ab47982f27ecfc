import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CaseAnswer, StoredCase } from '../../../core/cases/case-store.ts';
import type { CouncilConfig } from '../../../config/council-schema.ts';

/** How long one webhook try may take before it counts as failed (and is retried later). */
export const WEBHOOK_TIMEOUT_MS = 5_000;

/** The signature header: `sha256=<hex HMAC-SHA256 of the exact body under the council's webhook key>`. */
export const SIGNATURE_HEADER = 'X-LDF-Signature';
export const TIMESTAMP_HEADER = 'X-LDF-Timestamp';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** One answer in the webhook's body. */
export type WebhookAnswer = GivenWebhookAnswer | WithheldWebhookAnswer;

export interface GivenWebhookAnswer {
  /** The question's key in the form: stable across versions and languages. */
  key: string;
  /** The question as the resident was asked it (in `language`). */
  question: string;
  /** The answer as text, as the resident's check-answers page showed it; a repeated question's items joined by "; ". */
  answer: string;
  /** The answer as data (see AnswerValue in definition/types.ts); a list for a repeated question. */
  value: unknown;
}

/**
 * A UK GDPR special-category answer (health, care): it never leaves the platform, so the body says
 * only that the question was asked and its answer is on the case, for care staff in the back office.
 */
export interface WithheldWebhookAnswer {
  key: string;
  question: string;
  specialCategory: true;
  withheld: true;
}

/** The webhook's body (README: "Forms: webhook payload"). */
export interface WebhookPayload {
  formId: string;
  formVersion: number;
  language: 'en' | 'cy';
  reference: string;
  submittedAt: string;
  answers: WebhookAnswer[];
  /** The same on every try of this submission: `<council>:<reference>`. */
  idempotencyKey: string;
}

/** A repeated question's items as one text (webhook, mailbox email, export). */
export const answerText = (a: CaseAnswer): string => a.text.join('; ');

/**
 * The webhook's body for a stored form case, as the exact text to sign and send (kept, so every
 * try sends the same bytes).
 *
 * @example
 * const body = webhookBody(council, stored); // '{"formId":"dropped-kerb",…}'
 */
export function webhookBody(council: CouncilConfig, stored: StoredCase): string {
  const form = stored.form;
  if (!form) throw new Error(`Case ${stored.reference} is not a form submission`);
  const payload: WebhookPayload = {
    formId: form.id,
    formVersion: form.version,
    language: stored.lang,
    reference: stored.reference,
    submittedAt: stored.createdAt,
    answers: form.answers.map((a): WebhookAnswer => {
      const question = (stored.lang === 'cy' ? a.question.cy : undefined) ?? a.question.en;
      // Neither its text nor its value, sealed or not: special-category data stays on the platform.
      if (a.specialCategory || a.sealed !== undefined) return { key: a.key, question, specialCategory: true, withheld: true };
      return { key: a.key, question, answer: answerText(a), value: a.value };
    }),
    idempotencyKey: idempotencyKey(council, stored.reference),
  };
  return JSON.stringify(payload);
}

export const idempotencyKey = (council: CouncilConfig, reference: string) => `${council.id}:${reference}`;

/**
 * The signature header's value for a body.
 *
 * @example
 * webhookSignature('{"a":1}', key); // 'sha256=6b7…'
 */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Whether a signature header is the body's, compared in constant time (what a receiver does; the tests use it). */
export function verifyWebhookSignature(body: string, header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(webhookSignature(body, secret));
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** How one try went: `ok` on a 2xx; otherwise what staff are shown (`HTTP 503`, `timeout`, `network error`). */
export interface WebhookTry {
  ok: boolean;
  result: string;
}

/**
 * POSTs the body once, signed. 2xx is delivered; any other answer (a redirect is not followed), a
 * network failure or no answer within WEBHOOK_TIMEOUT_MS is a failure to retry. Never throws.
 */
export async function postWebhook(url: string, body: string, headers: { secret: string; idempotencyKey: string; now: Date; timeoutMs?: number }): Promise<WebhookTry> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(headers.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
      headers: {
        'Content-Type': 'application/json',
        [SIGNATURE_HEADER]: webhookSignature(body, headers.secret),
        [TIMESTAMP_HEADER]: String(Math.floor(headers.now.getTime() / 1000)),
        [IDEMPOTENCY_HEADER]: headers.idempotencyKey,
        'User-Agent': 'LocalDigitalFactory-Webhook/1',
      },
    });
    // The answer's body is not read: nothing in it changes the outcome.
    await res.body?.cancel().catch(() => undefined);
    return { ok: res.status >= 200 && res.status < 300, result: `HTTP ${res.status}` };
  } catch (error) {
    const name = (error as Error)?.name;
    return { ok: false, result: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network error' };
  }
}
