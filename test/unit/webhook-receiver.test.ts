import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { mountWebhookReceiver } from '../../functions/local/webhook-receiver.tsx';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { webhookSignature } from '../../functions/modules/forms/outputs/webhook.ts';

async function receiver() {
  const secrets = new LocalSecrets();
  const host = new Hono();
  const received = mountWebhookReceiver(host, new Map([['hackney', secrets]]));
  return { host, received, key: await secrets.get('webhook-signing-key') };
}

const post = (host: Hono, body: string, headers: Record<string, string>, council = 'hackney') =>
  host.request(`/_dev/webhook/${council}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('the local host’s webhook receiver', () => {
  it('takes a delivery signed with the council’s key and lists it', async () => {
    const { host, received, key } = await receiver();
    const body = JSON.stringify({ formId: 'dropped-kerb', reference: 'ABC234' });

    const res = await post(host, body, { 'X-LDF-Signature': webhookSignature(body, key), 'Idempotency-Key': 'hackney:ABC234' });

    expect(res.status).toBe(200);
    expect(received).toMatchObject([{ council: 'hackney', idempotencyKey: 'hackney:ABC234', signatureValid: true, repeat: false, body }]);
    const page = await (await host.request('/_dev/webhooks')).text();
    expect(page).toContain('hackney:ABC234');
    expect(page).toContain('&quot;formId&quot;: &quot;dropped-kerb&quot;');
  });

  it('refuses a body whose signature does not match, as a council’s system should', async () => {
    const { host, received, key } = await receiver();
    const signed = JSON.stringify({ reference: 'ABC234' });

    const res = await post(host, JSON.stringify({ reference: 'XYZ789' }), { 'X-LDF-Signature': webhookSignature(signed, key) });

    expect(res.status).toBe(401);
    expect(received[0].signatureValid).toBe(false);
  });

  it('marks a second delivery with the same idempotency key as a repeat', async () => {
    const { host, received, key } = await receiver();
    const body = '{"reference":"ABC234"}';
    const headers = { 'X-LDF-Signature': webhookSignature(body, key), 'Idempotency-Key': 'hackney:ABC234' };

    await post(host, body, headers);
    const again = await post(host, body, headers);

    expect(await again.json()).toEqual({ received: true, repeat: true });
    expect(received.map((r) => r.repeat)).toEqual([true, false]);
  });

  it('answers 404 for a council the host does not run', async () => {
    const { host } = await receiver();
    expect((await post(host, '{}', {}, 'nowhere')).status).toBe(404);
  });
});
