/**
 * Helpers for the forms' integration tests (the catalogue's forms through app.request()): pressing
 * Start, posting a page and following it, the address question, file uploads as a browser does
 * them, counting cases, and a council app whose form posts to a local webhook receiver.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { expect } from 'vitest';
import { createCouncilApp } from '../../functions/app.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import { LocalFileStorage } from '../../functions/core/files/local-file-storage.ts';
import type { FileUploadForm } from '../../functions/core/files/port.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalPhotoStorage } from '../../functions/core/photos/local-photo-storage.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { formsModule } from '../../functions/modules/forms/module.ts';
import { WEB_DIST } from '../../web/build.ts';
import { council, TEMPLATES, testCipher, textOf, uploadFile, type Session, type TestApp, type UploadFile } from './harness.ts';

/**
 * Presses Start now on a form and answers the draft's base path, checking the draft opens on its
 * first page.
 *
 * @example const base = await startForm(session, '/forms/dropped-kerb', 'address', '/cy'); // '/cy/forms/dropped-kerb/d/…'
 */
export async function startForm(session: Session, form: string, firstPage: string, prefix = ''): Promise<string> {
  const res = await session.post(`${prefix}${form}`, {});
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toMatch(new RegExp(`^${prefix}${form}/d/[A-Za-z0-9_-]{22}/${firstPage}$`));
  return location.slice(0, -`/${firstPage}`.length);
}

/**
 * Posts a page (a field given a list repeats, as checkboxes do) and answers where it sends the
 * resident; when it does not go on, it fails with the page's text.
 *
 * @example expect(await next(session, `${base}/containers`, { containers: ['black-bin', 'food-caddy'] })).toBe(`${base}/name`);
 */
export async function next(session: Session, url: string, fields: Record<string, string | string[]>): Promise<string> {
  const res = await session.post(url, fields);
  expect(res.status, res.status === 303 ? url : `${url}: ${textOf(await res.text()).slice(0, 600)}`).toBe(303);
  return res.headers.get('location')!;
}

/**
 * The address question at `url`: finds the postcode's addresses (typed as `typed`, by default the
 * postcode as given), then picks the property; answers where the page goes next. `key` is the
 * question's key, 'address' unless told.
 *
 * @example await answerAddress(session, `${base}/address`, { postcode: 'E8 2NS', uprn: '10008200011' }, { typed: 'e82ns' });
 */
export async function answerAddress(
  session: Session,
  url: string,
  property: { postcode: string; uprn: string },
  options: { key?: string; typed?: string } = {},
): Promise<string> {
  const key = options.key ?? 'address';
  const found = await session.post(url, { [`${key}-postcode`]: options.typed ?? property.postcode, [`${key}-action`]: 'find' });
  expect(found.status).toBe(200);
  return next(session, url, { [`${key}-mode`]: 'choose', [`${key}-postcode`]: property.postcode, [`${key}-uprn`]: property.uprn });
}

/** A page's text, checking it answers 200. */
export async function pageText(session: Session, url: string): Promise<string> {
  const res = await session.get(url);
  expect(res.status, url).toBe(200);
  return textOf(await res.text());
}

/** The error summary's text on a page ('' when there is none). */
export const errorSummary = (html: string): string => textOf(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '');

/** The upload form a file page shows, as a browser reads it. */
export function uploadFormOf(html: string): FileUploadForm {
  const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error('No upload form on the page');
  const unescape = (s: string) => s.replace(/&amp;/g, '&');
  const fields = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, n, v]) => [n, unescape(v)]));
  return { action: unescape(form[1]), fields, fileField: /name="([^"]+)" type="file"/.exec(form[2])![1], accept: /type="file" accept="([^"]*)"/.exec(form[2])![1] };
}

/**
 * Uploads a file on a file page as a browser does (to the local stand-in for S3) and follows
 * storage's redirect back to the page's `uploaded`; answers that response.
 *
 * @example const res = await upload(app, session, `${base}/evidence`, { bytes: PDF, name: 'bill.pdf', type: 'application/pdf' });
 */
export async function upload(app: Pick<TestApp, 'files'>, session: Session, pageUrl: string, file: Required<UploadFile>): Promise<Response> {
  const stored = await uploadFile(app.files, uploadFormOf(await (await session.get(pageUrl)).text()), file);
  expect(stored.status).toBe(303);
  const back = new URL(stored.headers.get('location')!);
  expect(back.pathname).toBe(`${new URL(pageUrl, 'http://localhost').pathname}/uploaded`);
  return session.get(back.pathname + back.search);
}

/** How many cases the app's table holds. */
export async function countCases(app: { store: CouncilStore }): Promise<number> {
  const { Items = [] } = await app.store.client.send(new ScanCommand({ TableName: app.store.tableName }));
  return Items.filter((i) => i.pk.S!.startsWith('CASE#')).length;
}

/** The `x-ldf-signature` a webhook body signed with `secret` carries. */
export const hmacSignature = (body: string, secret: string): string => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/**
 * A receiver of the council's system on a free loopback port, keeping every request. It answers
 * `reply`: a status, 'close' (the socket is destroyed unanswered) or 'hang' (it never answers). A
 * redirect points at a closed port, so a client that followed it would fail differently.
 *
 * @example const receiver = await new Receiver().start(); receiver.reply = 500; … await receiver.close();
 */
export class Receiver {
  readonly requests: { headers: IncomingMessage['headers']; body: string }[] = [];
  reply: number | 'close' | 'hang' = 200;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        this.requests.push({ headers: req.headers, body });
        if (this.reply === 'hang') return;
        if (this.reply === 'close') return void req.socket.destroy();
        res.statusCode = this.reply;
        if (this.reply >= 300 && this.reply < 400) res.setHeader('location', 'http://127.0.0.1:1/elsewhere');
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let webhookTables = 0;

/**
 * A council's app with one adopted form's webhook pointed at `url` (as the council's file would
 * set it), on a fresh table of the store at `endpoint`, with its own secrets, a quiet logger and a
 * fixed clock at `now`. `schedule(at)` moves the clock to `at` and runs the forms module's
 * scheduled job then (the webhook's retries).
 *
 * @example const w = await webhookApp({ endpoint: store.endpoint, council: 'hackney', form: 'single-person-discount', url: receiver.url, now: NOW });
 *          await w.schedule('2026-05-12T09:01:00Z');
 */
export async function webhookApp(options: { endpoint: string; council: string; form: string; url: string; now: string }) {
  const base = await council(options.council);
  const forms = (base.services as { forms: { adopted: Record<string, object> } }).forms;
  const config = {
    ...base,
    services: { ...base.services, forms: { ...forms, adopted: { ...forms.adopted, [options.form]: { ...forms.adopted[options.form], webhook: { url: options.url } } } } },
  } as CouncilConfig;
  const tableName = `test-webhook-${config.id}-${process.pid}-${++webhookTables}`;
  await ensureTable(createStoreClient({ endpoint: options.endpoint }), tableName);
  const store: CouncilStore = { client: createStoreClient({ endpoint: options.endpoint, maxAttempts: 1 }), tableName };
  let now = new Date(options.now);
  const clock = () => now;
  const secrets = new LocalSecrets();
  const outbox = new OutboxNotifications({ council: config.id, templates: TEMPLATES, clock });
  const quiet = createLogger({}, { write: () => {} });
  // Special-category answers are sealed with it (a form with such questions is refused without one).
  const cipher = await testCipher();
  const app = createCouncilApp(config, {
    store,
    notifications: outbox,
    secrets,
    clock,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: quiet,
    clientIp: () => '127.0.0.1',
    photos: new LocalPhotoStorage({ dir: mkdtempSync(path.join(tmpdir(), 'ldf-test-photos-')), uploadUrl: `/_dev/uploads/${config.id}`, clock }),
    files: new LocalFileStorage({ dir: mkdtempSync(path.join(tmpdir(), 'ldf-test-files-')), uploadUrl: `/_dev/file-uploads/${config.id}`, clock }),
    exports: new DirectExportDelivery(),
    cipher,
  });
  const schedule = (at: string | Date) => formsModule.scheduled!(config, { store, notifications: outbox, secrets, logger: quiet }, (now = new Date(at)));
  return { app, store, secrets, outbox, schedule, cipher };
}
