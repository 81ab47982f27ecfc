import { createCouncilApp } from '../../functions/app.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import type { CreateCaseResult } from '../../functions/core/cases/case-store.ts';
import type { Language } from '../../functions/core/language.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import type { ExportDelivery } from '../../functions/core/exports/port.ts';
import type { FieldCipher } from '../../functions/core/crypto/field-cipher.ts';
import type { FileStorage } from '../../functions/core/files/port.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { deliverNewCaseNotification } from '../../functions/core/notifications/delivery.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { serviceConfig } from '../../functions/core/service-config.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import type { DevClient } from '../../functions/local/oidc-dev-provider.ts';
import { createProblemReport } from '../../functions/modules/report/reports.ts';
import { WEB_DIST } from '../../web/build.ts';
import { council, TEMPLATES } from '../support/harness.ts';
import { TEST_BASE_URL, type TestClock } from './support.ts';

export interface CaseTestCouncil {
  council: CouncilConfig;
  app: ReturnType<typeof createCouncilApp>;
  store: CouncilStore;
  secrets: LocalSecrets;
  outbox: OutboxNotifications;
  /** Every store request the app's client has sent, by command name (tests reset it with length = 0). */
  storeRequests: string[];
}

let tables = 0;

/** As staffTestCouncil (support.ts), keeping the outbox and the secrets so a test can read what was emailed and make cases. */
export async function caseTestCouncil(
  id: string,
  options: {
    endpoint: string;
    issuer: string;
    client: DevClient;
    clock: TestClock;
    councilOverride?: (c: CouncilConfig) => CouncilConfig;
    exports?: ExportDelivery;
    /** Seals and opens special-category answers (testCipher()); none by default. */
    cipher?: FieldCipher;
    files?: FileStorage;
  },
): Promise<CaseTestCouncil> {
  const base = await council(id);
  const config = options.councilOverride ? options.councilOverride(base) : base;
  const tableName = `test-cases-${id}-${process.pid}-${++tables}`;
  await ensureTable(createStoreClient({ endpoint: options.endpoint }), tableName);
  const storeRequests: string[] = [];
  const store = { client: createStoreClient({ endpoint: options.endpoint, maxAttempts: 1, onRequest: (command) => storeRequests.push(command) }), tableName };
  const outbox = new OutboxNotifications({ council: id, templates: TEMPLATES, clock: options.clock.read });
  const secrets = new LocalSecrets({ values: { 'oidc-client-secret': options.client.clientSecret } });
  const app = createCouncilApp(config, {
    store,
    notifications: outbox,
    secrets,
    clock: options.clock.read,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: createLogger(),
    clientIp: () => '127.0.0.1',
    publicBaseUrl: TEST_BASE_URL,
    embeddedOidcIssuer: options.issuer,
    exports: options.exports ?? new DirectExportDelivery(),
    cipher: options.cipher,
    files: options.files,
  });
  return { council: config, app, store, secrets, outbox, storeRequests };
}

let submissions = 0;

/** A problem report made straight in the store, as the resident's journey makes it: the council's first category, on its first street. */
export async function reportCase(
  target: CaseTestCouncil,
  now: Date,
  options: { lang?: Language; description?: string; contact?: { name?: string; email?: string; phone?: string }; /** false: leave the confirmation email pending. */ deliver?: boolean } = {},
): Promise<CreateCaseResult> {
  const report = serviceConfig(target.council, 'report');
  const category = report.groups[0].categories[0];
  const street = report.streets[0];
  const result = await createProblemReport(
    target.store,
    target.council,
    {
      category,
      description: options.description ?? 'A deep hole by the bus stop',
      attributes: {},
      location: { lat: street.point[1], long: street.point[0], address: `${street.name}, ${street.locality}` },
      contact: options.contact ?? { name: 'Ann Resident', email: 'ann@example.com', phone: '020 7946 0000' },
      photos: [],
      lang: options.lang ?? 'en',
      submissionId: `test-submission-${process.pid}-${++submissions}`,
      source: 'web',
    },
    now,
    target.secrets,
  );
  // As the journey does: the confirmation goes at once, so the case holds no pending email.
  if (result.outcome === 'created' && options.deliver !== false) await deliverNewCaseNotification(target.store, target.outbox, result, now, createLogger());
  return result;
}

/** The hidden fields of one action form on a case page: its action id and the case version it showed. */
export function actionForm(html: string, action: string): { actionId: string; version: string } {
  const start = html.search(new RegExp(`<form method="post" action="[^"]*/cases/[A-Z0-9-]+/${action}"`));
  if (start < 0) throw new Error(`No ${action} form on the page`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const actionId = /name="actionId" value="([^"]+)"/.exec(form)?.[1];
  const version = /name="version" value="([^"]+)"/.exec(form)?.[1];
  if (!actionId || !version) throw new Error(`The ${action} form has no action id or version`);
  return { actionId, version };
}
