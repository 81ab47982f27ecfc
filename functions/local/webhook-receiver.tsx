import type { Context, Hono } from 'hono';
import type { SecretsPort } from '../core/secrets/port.ts';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../modules/forms/outputs/webhook.ts';
import { PlatformPage } from '../platform/platform-app.tsx';

/** One delivery the dev receiver took, as a council's own system would see it. */
export interface ReceivedWebhook {
  council: string;
  receivedAt: string;
  idempotencyKey?: string;
  /** Whether the signature header is the body's under the council's webhook key. */
  signatureValid: boolean;
  /** A delivery with an idempotency key already seen (a retry after a lost answer): a receiver ignores it. */
  repeat: boolean;
  body: string;
}

/** Deliveries kept for the page: the newest, enough to follow a few submissions. */
const KEPT = 50;

/**
 * A stand-in for a council's case system on the local host, so `npm start` shows forms' webhooks
 * working end to end: `POST /_dev/webhook/<council>` takes a delivery, checks its signature with
 * that council's key (as the README tells receivers to) and answers 200 (401 when the signature is
 * wrong); `GET /_dev/webhooks` lists what arrived, newest first. Sample councils point a form's
 * `webhook` here. Nothing in AWS uses it.
 */
export function mountWebhookReceiver(host: Hono, secretsByCouncil: Map<string, SecretsPort>): ReceivedWebhook[] {
  const received: ReceivedWebhook[] = [];
  host.post('/_dev/webhook/:council', async (c) => {
    const secrets = secretsByCouncil.get(c.req.param('council'));
    if (!secrets) return c.json({ error: 'No such council on this host' }, 404);
    const body = await c.req.text();
    const signatureValid = verifyWebhookSignature(body, c.req.header(SIGNATURE_HEADER), await secrets.get('webhook-signing-key'));
    const idempotencyKey = c.req.header('idempotency-key');
    const repeat = idempotencyKey !== undefined && received.some((r) => r.idempotencyKey === idempotencyKey && r.signatureValid);
    received.unshift({ council: c.req.param('council'), receivedAt: new Date().toISOString(), idempotencyKey, signatureValid, repeat, body });
    received.length = Math.min(received.length, KEPT);
    return signatureValid ? c.json({ received: true, repeat }) : c.json({ error: 'Signature does not match the body' }, 401);
  });
  host.get('/_dev/webhooks', (c) => webhooksPage(c, received));
  return received;
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function webhooksPage(c: Context, received: ReceivedWebhook[]) {
  const page = (
    <PlatformPage title="Webhooks received" nonce={c.get('secureHeadersNonce')}>
      <span class="govuk-caption-l">Local development only</span>
      <h1 class="govuk-heading-xl">Webhooks received</h1>
      <p class="govuk-body">Forms' submissions as a council's own system would receive them, newest first. Each signature is checked with the council's webhook key.</p>
      {received.length === 0 && <p class="govuk-body">No webhooks yet.</p>}
      {received.map((r) => (
        <section class="govuk-!-margin-bottom-8" aria-label={`${r.council} ${r.idempotencyKey ?? ''}`}>
          <dl class="govuk-summary-list">
            {(
              [
                ['Council', r.council],
                ['Received', r.receivedAt],
                ['Idempotency key', r.idempotencyKey ?? '(none)'],
                ['Signature', r.signatureValid ? 'valid' : 'INVALID'],
                ['Repeat', r.repeat ? 'yes (already received)' : 'no'],
              ] as const
            ).map(([k, v]) => (
              <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                <dt class="govuk-summary-list__key">{k}</dt>
                <dd class="govuk-summary-list__value">{v}</dd>
              </div>
            ))}
          </dl>
          <pre class="govuk-body app-email-body">{pretty(r.body)}</pre>
        </section>
      ))}
    </PlatformPage>
  );
  c.header('Cache-Control', 'no-store');
  return c.html(`<!DOCTYPE html>${page}`);
}
