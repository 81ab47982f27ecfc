/**
 * The local host: every council under /<councilId>/ in one process, on an embedded
 * DynamoDB-compatible store (dynalite) persisted under .data/, with the dev outbox at /_dev/outbox.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import dynalite from 'dynalite';
import { Hono, type Context } from 'hono';
import { mount } from 'hono/mount';
import { createCouncilApp } from '../app.ts';
import type { AppEnv } from '../core/http/env.ts';
import type { CouncilConfig } from '../config/council-schema.ts';
import { COUNCILS_DIR, loadCouncils } from '../config/load-councils.ts';
import { readinessWarnings } from '../config/readiness.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { tallyNewCases } from '../core/cases/queue.ts';
import { retryDueNotifications } from '../core/notifications/delivery.ts';
import { sweepExpired } from '../core/retention/sweep.ts';
import { OutboxNotifications } from '../core/notifications/outbox-adapter.ts';
import { createFieldCipher, ensureKeyFile } from '../core/crypto/encryption-sdk-cipher.ts';
import type { FieldCipher } from '../core/crypto/field-cipher.ts';
import { DirectExportDelivery } from '../core/exports/direct-export-delivery.ts';
import { LocalFileStorage, localFileUploadRoute } from '../core/files/local-file-storage.ts';
import { LocalPhotoStorage, localUploadRoute } from '../core/photos/local-photo-storage.ts';
import { LocalSecrets } from '../core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, tableNameFor, type CouncilStore } from '../core/store/store.ts';
import { EMAIL_TEMPLATES, enabledModules, platformNeeds } from '../modules/index.ts';
import { catalogueEntry, createPlatformApp } from '../platform/platform-app.tsx';
import { WEB_DIST } from '../../web/build.ts';
import { FolderInUseError, lockFolder } from './folder-lock.ts';
import { serveLocalHost } from './http-server.ts';
import { outboxPage } from './outbox-page.tsx';
import { mountWebhookReceiver, type ReceivedWebhook } from './webhook-receiver.tsx';
import { devStaffPage } from './dev-staff-page.tsx';
import { startOidcDevProvider, type SampleStaff } from './oidc-dev-provider.ts';

/** The local host's data: `.data/` at the repository's root, or LDF_DATA_DIR. */
export const DATA_DIR = path.resolve(process.env.LDF_DATA_DIR ?? path.join(import.meta.dirname, '../../.data'));
/** Written while `npm start` runs, so the `ldf` command can reach the embedded store. */
export const LOCAL_STORE_FILE = path.join(DATA_DIR, 'local-store.json');

export interface LocalStoreInfo {
  endpoint: string;
  pid: number;
}

export interface LocalHostOptions {
  councils: CouncilConfig[];
  /** The store's endpoint; the host starts none of its own when given. */
  storeEndpoint: string;
  outboxFile?: string;
  clock?: () => Date;
  logger?: Logger;
  /** Called for every store request (the bench counts them). */
  onStoreRequest?: (command: string) => void;
  postcodeLookupLimit?: { max: number; windowSeconds: number };
  caseCreationLimit?: { max: number; windowSeconds: number };
  /** Where each council's generated secrets are kept (a file per council); in memory when not given. */
  secretsDir?: string;
  /**
   * Where each council's special-category key is kept (`<councilId>.key`, AES-256, made on first
   * start, 0600); a new temporary folder when not given. `npm start` uses .data/keys.
   */
  keysDir?: string;
  /** Where residents' photos go, a folder per council; a new temporary folder when not given. */
  photosDir?: string;
  /** Where residents' files for forms go, a folder per council; a new temporary folder when not given. */
  filesDir?: string;
  /** Staff sign-in: where the host is reached and the embedded OpenID provider (see localStaffSignIn). */
  staffSignIn?: LocalStaffSignIn;
}

/** What the local host needs for staff sign-in. */
export interface LocalStaffSignIn {
  /** `http://localhost:3000`: each council's public base URL is this plus `/<id>`. */
  publicOrigin: string;
  /** The embedded provider's issuer. */
  issuer: string;
  /** Each council's client secret, as registered at the provider (or set in the environment). */
  clientSecrets: Map<string, string>;
  staff: SampleStaff[];
  close(): Promise<void>;
}

/**
 * Starts the embedded OpenID provider for the local host, with a client per council whose file says
 * `provider: 'embedded'`, each with a secret made at start. A council whose file names its own IdP
 * (`provider: 'oidc'`) can be tried locally with its secret in LDF_OIDC_CLIENT_SECRET_<ID>
 * (upper case, dashes as underscores).
 */
export async function localStaffSignIn(councils: CouncilConfig[], publicOrigin: string, env: NodeJS.ProcessEnv = process.env): Promise<LocalStaffSignIn> {
  const clientSecrets = new Map<string, string>();
  const clients = [];
  for (const council of councils) {
    const signIn = council.staff?.signIn;
    if (!signIn) continue;
    const fromEnv = env[`LDF_OIDC_CLIENT_SECRET_${council.id.toUpperCase().replace(/-/g, '_')}`];
    if (signIn.provider === 'embedded') {
      const secret = fromEnv ?? randomBytes(24).toString('base64url');
      clientSecrets.set(council.id, secret);
      clients.push({ councilId: council.id, clientId: signIn.clientId, clientSecret: secret, redirectUri: `${publicOrigin}/${council.id}/staff/callback` });
    } else if (fromEnv) {
      clientSecrets.set(council.id, fromEnv);
    }
  }
  const provider = await startOidcDevProvider({ councils, clients, port: env.LDF_OIDC_PORT ? Number(env.LDF_OIDC_PORT) : 0 });
  return { publicOrigin, issuer: provider.issuer, clientSecrets, staff: provider.staff, close: provider.close };
}

export interface LocalHost {
  app: Hono;
  stores: Map<string, CouncilStore>;
  outboxes: Map<string, OutboxNotifications>;
  /** The photo storage of each council whose modules need photos. */
  photos: Map<string, LocalPhotoStorage>;
  /** The file storage of each council whose modules need files (forms' file questions). */
  files: Map<string, LocalFileStorage>;
  /** Each council's special-category cipher (raw AES keyring on its key file under keysDir). */
  ciphers: Map<string, FieldCipher>;
  /** Each council's own app, as its Lambda would serve it (the bench loads one directly). */
  apps: Map<string, Hono<AppEnv>>;
  /** What the dev webhook receiver (/_dev/webhook/<council>) took, newest first. */
  webhooks: ReceivedWebhook[];
  retryNotifications(): Promise<void>;
}

/** The client's address from Node's socket; undefined for a request that came without one (app.request in scripts). */
function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** Builds the local host's app: the platform landing page, each council under /<id>/, the dev outbox. */
export async function createLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const logger = options.logger ?? createLogger({ host: 'local' });
  const clock = options.clock ?? (() => new Date());
  const client = createStoreClient({ endpoint: options.storeEndpoint, maxAttempts: 2, onRequest: options.onStoreRequest });
  const host = new Hono();
  const stores = new Map<string, CouncilStore>();
  const outboxes = new Map<string, OutboxNotifications>();
  const apps = new Map<string, Hono<AppEnv>>();
  const ciphers = new Map<string, FieldCipher>();
  const secretsByCouncil = new Map<string, LocalSecrets>();

  host.get('/_dev/outbox', (c) => outboxPage(c, options.outboxFile, outboxes));
  host.get('/_dev/staff', (c) => devStaffPage(c, options.councils, options.staffSignIn?.staff ?? [], options.staffSignIn?.issuer));
  // Uploads go here as they go straight to S3 in AWS: a form post, outside the council's app.
  const photosDir = options.photosDir ?? mkdtempSync(path.join(tmpdir(), 'ldf-photos-'));
  const photos = new Map<string, LocalPhotoStorage>();
  host.post('/_dev/uploads/:council', localUploadRoute(photos));
  const filesDir = options.filesDir ?? mkdtempSync(path.join(tmpdir(), 'ldf-files-'));
  const keysDir = options.keysDir ?? mkdtempSync(path.join(tmpdir(), 'ldf-keys-'));
  const files = new Map<string, LocalFileStorage>();
  host.post('/_dev/file-uploads/:council', localFileUploadRoute(files));
  // Forms' webhooks from sample councils land here, checked as a council's system would (/_dev/webhooks).
  const webhooks = mountWebhookReceiver(host, secretsByCouncil);

  for (const council of options.councils) {
    const store = { client, tableName: tableNameFor(council.id) };
    await ensureTable(client, store.tableName);
    const outbox = new OutboxNotifications({ council: council.id, templates: EMAIL_TEMPLATES, file: options.outboxFile, clock });
    stores.set(council.id, store);
    outboxes.set(council.id, outbox);
    if (platformNeeds(council).has('photos')) {
      const storage = new LocalPhotoStorage({ dir: path.join(photosDir, council.id), uploadUrl: `/_dev/uploads/${council.id}`, clock });
      // Photos never sent go after a day, as the bucket's lifecycle deletes them in AWS.
      await storage.sweepPending();
      photos.set(council.id, storage);
    }
    if (platformNeeds(council).has('files')) {
      const storage = new LocalFileStorage({ dir: path.join(filesDir, council.id), uploadUrl: `/_dev/file-uploads/${council.id}`, clock });
      // What the bucket's lifecycle deletes in AWS: files never sent, after a day; kept ones, after their retention.
      await storage.sweepExpired();
      files.set(council.id, storage);
    }
    const secrets = new LocalSecrets({
      file: options.secretsDir ? path.join(options.secretsDir, `${council.id}.json`) : undefined,
      values: options.staffSignIn?.clientSecrets.has(council.id) ? { 'oidc-client-secret': options.staffSignIn.clientSecrets.get(council.id) } : undefined,
    });
    secretsByCouncil.set(council.id, secrets);
    // The same Encryption SDK code as in AWS, with a raw AES keyring in place of the council's KMS key.
    const cipher = createFieldCipher({ keyring: 'raw-aes', keyFile: await ensureKeyFile(path.join(keysDir, `${council.id}.key`)) });
    ciphers.set(council.id, cipher);
    const app = createCouncilApp(council, {
      store,
      notifications: outbox,
      secrets,
      clock,
      basePath: `/${council.id}`,
      assetsDir: WEB_DIST,
      logger,
      clientIp: socketAddress,
      postcodeLookupLimit: options.postcodeLookupLimit,
      caseCreationLimit: options.caseCreationLimit,
      photos: photos.get(council.id),
      files: files.get(council.id),
      cipher,
      // Nothing between the local host and the browser limits a response's size: the export streams back.
      exports: new DirectExportDelivery(),
      publicBaseUrl: options.staffSignIn ? `${options.staffSignIn.publicOrigin}/${council.id}` : undefined,
      embeddedOidcIssuer: options.staffSignIn?.issuer,
    });
    apps.set(council.id, app);
    host.get(`/${council.id}`, (c) => c.redirect(`/${council.id}/`, 301));
    // The env (Node's incoming request) carries the client address; reading executionCtx, as
    // mount does by default, throws and is caught on every request here (there is none in Node).
    host.all(`/${council.id}/*`, mount(app.fetch, { optionHandler: (c) => [c.env] }));
  }

  // The platform's pages take whatever no council claimed; fetched whole so its headers stay its own.
  const platform = createPlatformApp({ councils: options.councils.map((c) => catalogueEntry(c, `/${c.id}/`)), assetsDir: WEB_DIST });
  host.all('*', (c) => platform.fetch(c.req.raw, c.env));

  return {
    app: host,
    stores,
    outboxes,
    photos,
    files,
    ciphers,
    apps,
    webhooks,
    async retryNotifications() {
      for (const council of options.councils) {
        await retryDueNotifications(stores.get(council.id)!, outboxes.get(council.id)!, clock(), logger.with({ council: council.id }));
        // As the schedule does in AWS: new cases join the back office's counts per state.
        await tallyNewCases(stores.get(council.id)!, Object.keys(council.services), clock());
        // And each module's own scheduled work (a form's webhook retries).
        for (const m of enabledModules(council)) {
          const deps = { store: stores.get(council.id)!, notifications: outboxes.get(council.id)!, secrets: secretsByCouncil.get(council.id)!, photos: photos.get(council.id) };
          await m.scheduled?.(council, { ...deps, logger: logger.with({ council: council.id, module: m.id }) }, clock()).catch((error: Error) => logger.error('scheduled work failed', { council: council.id, module: m.id, error: error.name }));
        }
        // And retention that deletes, with the council's local photos and files (see sweep.ts).
        const log = logger.with({ council: council.id, module: 'retention' });
        await sweepExpired({ store: stores.get(council.id)!, photos: photos.get(council.id), files: files.get(council.id), logger: log }, clock()).then(
          (r) => r.cases + r.drafts + r.other > 0 && log.info('scheduled tasks', { sweptCases: r.cases, sweptDrafts: r.drafts, sweptOther: r.other, sweptPhotos: r.photos, sweptFiles: r.files }),
          (error: Error) => logger.error('scheduled work failed', { council: council.id, module: 'retention', error: error.name }),
        );
      }
    },
  };
}

/**
 * Starts dynalite on a free loopback port; with a folder, data survives restarts. The folder is
 * this process's while the store runs (see lockFolder): LevelDB takes one process per folder.
 *
 * @throws FolderInUseError when another running store has the folder.
 */
export async function startEmbeddedStore(folder?: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  let release = () => {};
  if (folder) {
    await mkdir(folder, { recursive: true });
    release = lockFolder(folder);
  }
  const server = dynalite({ path: folder, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).finally(release),
  };
}

async function main(): Promise<void> {
  // Lambda runs Node 22+; on a Node 20 dev machine the SDK's reminder about that is noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let councils: CouncilConfig[];
  try {
    councils = await loadCouncils(process.env.LDF_COUNCILS_DIR ?? COUNCILS_DIR);
  } catch (error) {
    process.stderr.write(`Cannot start: a council file is invalid.\n${(error as Error).message}\n`);
    process.exit(1);
  }
  // Served anyway, so a council being onboarded can be tried; but said plainly, on every start.
  for (const warning of readinessWarnings(councils, new Date())) process.stderr.write(`${warning}\n`);
  let store: Awaited<ReturnType<typeof startEmbeddedStore>>;
  try {
    store = await startEmbeddedStore(path.join(DATA_DIR, 'dynalite'));
  } catch (error) {
    if (!(error instanceof FolderInUseError)) throw error;
    process.stderr.write(`Cannot start: another \`npm start\` is already running on ${DATA_DIR} (process ${error.pid}).\nStop it first (Ctrl+C in its terminal), or keep using it. If it is not running, delete ${error.lockFile}.\n`);
    process.exit(1);
  }
  await writeFile(LOCAL_STORE_FILE, JSON.stringify({ endpoint: store.endpoint, pid: process.pid } satisfies LocalStoreInfo));
  const port = Number(process.env.PORT ?? 3000);
  // Staff reach the local host at localhost (the redirect URIs registered at the embedded provider say so).
  const staffSignIn = await localStaffSignIn(councils, `http://localhost:${port}`);
  const host = await createLocalHost({
    councils,
    storeEndpoint: store.endpoint,
    outboxFile: path.join(DATA_DIR, 'outbox.jsonl'),
    photosDir: path.join(DATA_DIR, 'photos'),
    filesDir: path.join(DATA_DIR, 'files'),
    secretsDir: path.join(DATA_DIR, 'secrets'),
    keysDir: path.join(DATA_DIR, 'keys'),
    staffSignIn,
  });
  const server: ServerType = serveLocalHost(host.app.fetch, { port, hostname: process.env.HOST ?? '127.0.0.1' }, () => {
    process.stdout.write(
      [
        `Local Digital Factory on http://localhost:${port}`,
        ...councils.map((c) => `  ${c.name.en}: http://localhost:${port}/${c.id}/`),
        `  Outbox (emails sent): http://localhost:${port}/_dev/outbox`,
        `  Webhooks received (forms): http://localhost:${port}/_dev/webhooks`,
        `  Sample staff (sign in as an officer): http://localhost:${port}/_dev/staff`,
        `  Data: ${DATA_DIR} (delete it to reset)`,
        '',
      ].join('\n'),
    );
  });
  // Notifications that failed are retried, and what has expired is swept, as the schedule does in AWS.
  const timer = setInterval(() => void host.retryNotifications().catch(() => undefined), 60_000);
  const stop = () => {
    clearInterval(timer);
    rmSync(LOCAL_STORE_FILE, { force: true });
    server.close();
    void Promise.all([store.close(), staffSignIn.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
