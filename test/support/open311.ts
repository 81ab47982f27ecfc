import { Hono } from 'hono';
import { createCouncilApp } from '../../functions/app.ts';
import { councilSchema, type CouncilConfig } from '../../functions/config/council-schema.ts';
import { createApiKey } from '../../functions/core/api-keys.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import type { AppEnv, CouncilAppDeps } from '../../functions/core/http/env.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import type { ReportConfig } from '../../functions/modules/report/config.ts';
import { open311Routes, type Open311Options } from '../../functions/modules/report/open311/routes.ts';
import { WEB_DIST } from '../../web/build.ts';
import { council, TEMPLATES, type TestApp } from './harness.ts';

export const OPEN311 = '/open311/v2';

/**
 * Hackney with one more category whose questions have the datatypes Hackney's own do not use
 * (number, text), cloned as a council file would be validated.
 */
export async function open311TestCouncil(): Promise<CouncilConfig> {
  const base = await council('hackney');
  const report = base.services.report as ReportConfig;
  return councilSchema.parse({
    ...base,
    id: 'open311-test',
    services: {
      ...base.services,
      report: {
        ...report,
        groups: [
          ...report.groups,
          {
            id: 'furniture',
            name: { en: 'Street furniture' },
            categories: [
              {
                code: 'bench',
                name: { en: 'Broken bench' },
                description: { en: 'A bench on a street that is broken.' },
                responseTime: { en: 'We aim to repair benches within 10 working days.' },
                questions: [
                  { code: 'seats', question: { en: 'How many seats are broken?' }, type: 'number', required: true },
                  { code: 'notes', question: { en: 'Anything else?' }, type: 'text' },
                ],
              },
            ],
          },
        ],
      },
    },
  });
}

let tableCounter = 0;

/** What these tests need of an app: the harness's TestApp has all of it. */
export type AppUnderTest = Pick<TestApp, 'app' | 'store' | 'outbox' | 'council' | 'setNow'>;

/** Like the harness's testApp, for a council built in the test rather than read from councils/. */
export async function councilTestApp(
  config: CouncilConfig,
  options: { endpoint: string; now: string; basePath?: string; storeEndpoint?: string },
): Promise<AppUnderTest> {
  const tableName = `open311-${config.id}-${process.pid}-${++tableCounter}`;
  await ensureTable(createStoreClient({ endpoint: options.endpoint }), tableName);
  const store: CouncilStore = { client: createStoreClient({ endpoint: options.storeEndpoint ?? options.endpoint, maxAttempts: 1 }), tableName };
  let now = new Date(options.now);
  const outbox = new OutboxNotifications({ council: config.id, templates: TEMPLATES, clock: () => now });
  const app = createCouncilApp(config, {
    store,
    notifications: outbox,
    secrets: new LocalSecrets(),
    clock: () => now,
    basePath: options.basePath ?? '',
    assetsDir: WEB_DIST,
    logger: createLogger(),
    clientIp: () => '127.0.0.1',
    exports: new DirectExportDelivery(),
  });
  return { app, store, outbox, council: config, setNow: (iso) => (now = new Date(iso)) };
}

/** A live key for the app's council, as `ldf api-key create` makes one. */
export async function apiKey(app: AppUnderTest, name = 'Works system'): Promise<string> {
  return (await createApiKey(app.store, name, new Date('2026-01-01T00:00:00Z'))).key;
}

export type Fields = Record<string, string | string[]>;

export function form(fields: Fields): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return body;
}

/** POSTs a raw body with the content type given (or none), to send what a form parser cannot read. */
export function postRaw(app: AppUnderTest, path: string, body: BodyInit, contentType?: string): Promise<Response> {
  return Promise.resolve(
    app.app.request(`http://localhost${OPEN311}${path}`, { method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {} }),
  );
}

/** POSTs form fields url-encoded, as the spec sends them. */
export function post(app: AppUnderTest, path: string, fields: Fields, base = 'http://localhost'): Promise<Response> {
  return Promise.resolve(
    app.app.request(`${base}${OPEN311}${path}`, {
      method: 'POST',
      body: form(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    }),
  );
}

export function get(app: AppUnderTest, path: string, base = 'http://localhost'): Promise<Response> {
  return Promise.resolve(app.app.request(`${base}${OPEN311}${path}`));
}

/** A location inside Hackney (Linscott Road, Clapton). */
export const IN_HACKNEY = { lat: '51.55544', long: '-0.05348' };

/** A valid pothole report in Hackney, with contact details that must never be published. */
export function potholeFields(key: string, extra: Fields = {}): Fields {
  return {
    api_key: key,
    service_code: 'pothole',
    ...IN_HACKNEY,
    'attribute[depth]': 'over_10cm',
    description: 'A deep pothole outside number 41',
    email: 'resident.private@example.com',
    first_name: 'Prudence',
    last_name: 'Privatesurname',
    phone: '07700 900123',
    ...extra,
  };
}

/** The personal details potholeFields sends, to search response bodies for. */
export const PERSONAL = ['resident.private@example.com', 'Prudence', 'Privatesurname', '07700 900123', '07700900123'];

// ---------------------------------------------------------------------------------------------
// A minimal XML reader, enough to check the exact element structure of Open311's schemaless XML.

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** The element's text, entities decoded (for elements that hold text). */
  text: string;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITY[e],
  );
}

/**
 * Parses a document with the declaration Open311 requires; throws on anything malformed
 * (unclosed or mismatched elements, stray text, a missing declaration).
 */
export function parseXml(doc: string): XmlElement {
  const declaration = /^<\?xml version="1\.0" encoding="utf-8"\?>\n/;
  if (!declaration.test(doc)) throw new Error('No XML declaration with encoding="utf-8"');
  let pos = doc.match(declaration)![0].length;
  const token = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)/y;
  const stack: XmlElement[] = [{ name: '#document', children: [], text: '' }];
  while (pos < doc.length) {
    token.lastIndex = pos;
    const m = token.exec(doc);
    if (!m) throw new Error(`Malformed XML at ${pos}: ${doc.slice(pos, pos + 40)}`);
    pos = token.lastIndex;
    const top = stack.at(-1)!;
    if (m[4] !== undefined) {
      if (stack.length === 1) {
        if (m[4].trim()) throw new Error('Text outside the root element');
        continue;
      }
      if (m[4].includes('&') && !/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/i.test(m[4])) throw new Error('Unescaped &');
      top.text += decode(m[4]);
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const el: XmlElement = { name: m[2], children: [], text: '' };
      top.children.push(el);
      if (!m[3]) stack.push(el);
    }
  }
  if (stack.length !== 1 || stack[0].children.length !== 1) throw new Error('Not exactly one root element, or an element left open');
  return stack[0].children[0];
}

/** An element's child elements' names, in order. */
export function childNames(el: XmlElement): string[] {
  return el.children.map((c) => c.name);
}

/** The text of the first child of that name; undefined when there is none. */
export function childText(el: XmlElement, name: string): string | undefined {
  return el.children.find((c) => c.name === name)?.text;
}

/** What open311Only may change of the host's deps: the logger (to read its lines), the client's address. */
export type Open311OnlyDeps = Partial<Pick<CouncilAppDeps, 'logger' | 'clientIp'>>;

/**
 * The Open311 sub-app alone, mounted as the council app mounts it, with options the council app
 * does not pass (a lower cap on lists), on the same table as `under`.
 */
export function open311Only(under: AppUnderTest, options: Open311Options, now: () => Date, overrides: Open311OnlyDeps = {}): AppUnderTest {
  const deps: CouncilAppDeps = {
    store: under.store,
    notifications: under.outbox,
    secrets: new LocalSecrets(),
    clock: now,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: createLogger(),
    clientIp: () => '127.0.0.1',
    ...overrides,
  };
  const host = new Hono<AppEnv>();
  host.use(async (c, next) => {
    c.set('council', under.council);
    c.set('deps', deps);
    c.set('log', deps.logger);
    await next();
  });
  host.route(OPEN311, open311Routes(under.council, deps, options));
  return { ...under, app: host as unknown as AppUnderTest['app'] };
}
