import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { createCouncilApp } from '../../functions/app.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import type { NotificationsPort } from '../../functions/core/notifications/port.ts';
import { createFieldCipher, ensureKeyFile } from '../../functions/core/crypto/encryption-sdk-cipher.ts';
import type { FieldCipher } from '../../functions/core/crypto/field-cipher.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import { LocalFileStorage, localFileUploadRoute } from '../../functions/core/files/local-file-storage.ts';
import type { FileUploadForm } from '../../functions/core/files/port.ts';
import { LocalPhotoStorage, localUploadRoute } from '../../functions/core/photos/local-photo-storage.ts';
import type { UploadForm } from '../../functions/core/photos/port.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { startEmbeddedStore } from '../../functions/local/server.ts';
import { EMAIL_TEMPLATES } from '../../functions/modules/index.ts';
import { WEB_DIST } from '../../web/build.ts';

export const TEMPLATES = EMAIL_TEMPLATES;

let councilsPromise: Promise<CouncilConfig[]> | undefined;
export async function council(id: string): Promise<CouncilConfig> {
  councilsPromise ??= loadCouncils();
  const found = (await councilsPromise).find((c) => c.id === id);
  if (!found) throw new Error(`No council ${id}`);
  return found;
}

/** A fresh in-memory dynalite for a test file. */
export async function embeddedStore() {
  return startEmbeddedStore();
}

let tableCounter = 0;

export interface TestApp {
  app: ReturnType<typeof createCouncilApp>;
  store: CouncilStore;
  outbox: OutboxNotifications;
  /** Residents' photos, in a temporary folder; uploads go through `uploadPhoto`. */
  photos: LocalPhotoStorage;
  /** Forms' uploads, in a temporary folder; uploads go through `uploadFile`. */
  files: LocalFileStorage;
  council: CouncilConfig;
  /**
   * Seals and opens special-category answers: the app's own (options.cipher), else a raw AES keyring
   * on a key made for this app alone, so two apps never share a key.
   */
  cipher: FieldCipher;
  /** Moves the fixed clock. */
  setNow(iso: string): void;
}

/** A council app on its own fresh table, with a fixed clock and the outbox adapter. */
export async function testApp(
  councilId: string,
  options: {
    endpoint: string;
    now: string;
    notifications?: NotificationsPort;
    basePath?: string;
    /** Where the app's own client connects, e.g. through a proxy that can fail; tables are made via `endpoint`. */
    storeEndpoint?: string;
    postcodeLookupLimit?: { max: number; windowSeconds: number };
    caseCreationLimit?: { max: number; windowSeconds: number };
    /** The client's address as the host tells it; by default the x-test-client header, else 127.0.0.1. */
    clientIp?: (c: Context) => string | undefined;
    /** The app's cipher, e.g. one shared by two apps of a council, or testCipher() on a key of the test's choosing. */
    cipher?: FieldCipher;
  },
): Promise<TestApp> {
  const config = await council(councilId);
  const setupClient = createStoreClient({ endpoint: options.endpoint });
  const tableName = `test-${councilId}-${process.pid}-${++tableCounter}`;
  await ensureTable(setupClient, tableName);
  const store = { client: createStoreClient({ endpoint: options.storeEndpoint ?? options.endpoint, maxAttempts: 1 }), tableName };
  let now = new Date(options.now);
  const outbox = new OutboxNotifications({ council: councilId, templates: TEMPLATES, clock: () => now });
  const photos = new LocalPhotoStorage({ dir: mkdtempSync(path.join(tmpdir(), 'ldf-test-photos-')), uploadUrl: `/_dev/uploads/${councilId}`, clock: () => now });
  const files = new LocalFileStorage({ dir: mkdtempSync(path.join(tmpdir(), 'ldf-test-files-')), uploadUrl: `/_dev/file-uploads/${councilId}`, clock: () => now });
  const cipher = options.cipher ?? (await testCipher());
  const app = createCouncilApp(config, {
    store,
    notifications: options.notifications ?? outbox,
    secrets: new LocalSecrets(),
    clock: () => now,
    basePath: options.basePath ?? '',
    assetsDir: WEB_DIST,
    logger: createLogger(),
    clientIp: options.clientIp ?? ((c) => c.req.header('x-test-client') ?? '127.0.0.1'),
    postcodeLookupLimit: options.postcodeLookupLimit,
    caseCreationLimit: options.caseCreationLimit,
    photos,
    files,
    exports: new DirectExportDelivery(),
    cipher,
  });
  return { app, store, outbox, photos, files, council: config, cipher, setNow: (iso) => (now = new Date(iso)) };
}

/**
 * A cipher as the local host makes one (the Encryption SDK, raw AES keyring) on a key file of its own,
 * made in a new temporary folder unless `keyFile` names one (made there on first use, then reused).
 */
export async function testCipher(keyFile?: string): Promise<FieldCipher> {
  const file = await ensureKeyFile(keyFile ?? path.join(mkdtempSync(path.join(tmpdir(), 'ldf-test-keys-')), 'council.key'));
  return createFieldCipher({ keyring: 'raw-aes', keyFile: file });
}

export interface UploadFile {
  bytes: Uint8Array;
  /** The file's name as the browser sends it; "" when no file was chosen. */
  name?: string;
  type?: string;
}

/**
 * Posts an upload form as a browser would (the hidden fields in order, then the file, as
 * multipart/form-data) to the local host's upload route, which stands in for S3.
 */
export async function postUpload(photos: LocalPhotoStorage, form: UploadForm, file: UploadFile): Promise<Response> {
  const council = /\/_dev\/uploads\/([^/?#]+)/.exec(form.action)?.[1];
  if (!council) throw new Error(`Not a local upload URL: ${form.action}`);
  const host = new Hono();
  host.post('/_dev/uploads/:council', localUploadRoute(new Map([[council, photos]])));
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append(form.fileField, new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'application/octet-stream' }), file.name ?? 'photo.jpg');
  return host.request(new URL(form.action, 'http://localhost').pathname, { method: 'POST', body });
}

/** Uploads a file with the form and returns where storage sends the browser next (the form's redirect, with `key`). */
export async function uploadPhoto(photos: LocalPhotoStorage, form: UploadForm, file: UploadFile): Promise<string> {
  const res = await postUpload(photos, form, file);
  const location = res.headers.get('location');
  if (res.status !== 303 || !location) throw new Error(`The upload was refused (${res.status}): ${await res.text()}`);
  return location;
}

/**
 * Uploads a form's file as a browser would, to the local host's file upload route (which stands in
 * for S3), and returns where storage sends the browser next (the page's `uploaded?key=…`), or the
 * refusal's response when it refuses.
 */
export async function uploadFile(files: LocalFileStorage, form: FileUploadForm, file: UploadFile): Promise<Response> {
  const council = /\/_dev\/file-uploads\/([^/?#]+)/.exec(form.action)?.[1];
  if (!council) throw new Error(`Not a local file upload URL: ${form.action}`);
  const host = new Hono();
  host.post('/_dev/file-uploads/:council', localFileUploadRoute(new Map([[council, files]])));
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append(form.fileField, new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'application/octet-stream' }), file.name ?? 'evidence.pdf');
  return host.request(new URL(form.action, 'http://localhost').pathname, { method: 'POST', body });
}

/** A browser-like session against app.request(): keeps cookies, fills in the CSRF field. */
export class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly app: TestApp['app']) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [k, v] = pair.split('=');
      this.cookies.set(k, v);
    }
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await this.app.request(path, { headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /**
   * Posts a form as a browser would; a field given a list is sent once a value (as checkboxes
   * are). The CSRF token comes from the cookie unless `csrf` is given.
   */
  async post(path: string, fields: Record<string, string | string[]>, options: { csrf?: string | null; headers?: Record<string, string> } = {}): Promise<Response> {
    if (!this.cookies.has('ldf_csrf')) await this.get('/');
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    if (options.csrf !== null) body.set('csrf', options.csrf ?? this.cookies.get('ldf_csrf') ?? '');
    return this.keep(
      await this.app.request(path, {
        method: 'POST',
        body: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...options.headers },
      }),
    );
  }
}

/** The text of a page with tags removed and white space folded, for asserting what a person reads. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
