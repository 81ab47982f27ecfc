import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import { NotifyNotifications } from '../../functions/core/notifications/notify-adapter.ts';
import type { EmailMessage } from '../../functions/core/notifications/port.ts';
import { notificationsFromConfig } from '../../functions/core/notifications/select-adapter.ts';
import type { SecretName, SecretsPort } from '../../functions/core/secrets/port.ts';

// Notify's key format: a name, the service id and the secret, the last two as UUIDs.
const API_KEY = 'ldf_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const TEMPLATES = { 'missed-collection-confirmation': { en: '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13' } };
const MESSAGE: EmailMessage = { template: 'missed-collection-confirmation', lang: 'en', to: 'resident@example.com', personalisation: {}, reference: 'ABCD-EFGH' };

/** A secrets port that counts what it is asked for. */
class CountingSecrets implements SecretsPort {
  asked: SecretName[] = [];
  async get(name: SecretName): Promise<string> {
    this.asked.push(name);
    return API_KEY;
  }
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A stand-in for Notify's API on a loopback port. */
async function fakeNotify(onRequest: (req: IncomingMessage, respond: (status: number, body: unknown) => void) => void): Promise<string> {
  server = createServer((req, res) => onRequest(req, (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('the GOV.UK Notify adapter', () => {
  it('gives up on a Notify that accepts the connection and never answers', async () => {
    const baseUrl = await fakeNotify(() => {}); // never responds
    const notify = new NotifyNotifications({ apiKey: async () => API_KEY, templates: TEMPLATES, baseUrl, timeoutMs: 200 });

    const started = Date.now();
    await expect(notify.sendEmail(MESSAGE)).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(2_000);
  }, 5_000);

  it('asks the secrets port for the API key when it sends, not when it is made', async () => {
    const requests: { path?: string; authorization?: string }[] = [];
    const baseUrl = await fakeNotify((req, respond) => {
      requests.push({ path: req.url, authorization: req.headers.authorization });
      respond(201, { id: 'n1' });
    });
    const secrets = new CountingSecrets();
    const notify = new NotifyNotifications({ apiKey: () => secrets.get('notify-api-key'), templates: TEMPLATES, baseUrl });
    expect(secrets.asked).toEqual([]);

    await notify.sendEmail(MESSAGE);

    expect(secrets.asked).toEqual(['notify-api-key']);
    expect(requests).toHaveLength(1);
    expect(requests[0].path).toBe('/v2/notifications/email');
    expect(requests[0].authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });
});

describe('choosing the notifications adapter', () => {
  it('makes a Notify council’s adapter from its secrets, with no API key in the environment', async () => {
    const ceredigion = (await loadCouncils()).find((c) => c.id === 'ceredigion')!;
    expect(ceredigion.notifications.provider).toBe('govuk-notify');
    const secrets = new CountingSecrets();

    const adapter = notificationsFromConfig(ceredigion, {}, secrets);

    expect(adapter).toBeInstanceOf(NotifyNotifications);
    // Nothing is read at start-up: most requests send no email.
    expect(secrets.asked).toEqual([]);
  });
});
