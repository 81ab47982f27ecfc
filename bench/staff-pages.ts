/**
 * The back office's queue page and CSV export against tables of 10,000 and 100,000 cases (both
 * modules, every state and channel, some assigned): store requests per queue page (the store
 * client's onRequest hook; goal <= 2), median latency of the queue page over HTTP, signed in, at each
 * size (goal: the larger within 1.2x of the smaller), and the export's rows per second (the whole
 * table, streamed). Run alone with `npx tsx bench/staff-pages.ts [--quick]`; run.ts includes it.
 */
import './env.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCouncilApp } from '../functions/app.ts';
import type { CouncilConfig } from '../functions/config/council-schema.ts';
import { loadCouncils } from '../functions/config/load-councils.ts';
import type { StoredCase } from '../functions/core/cases/case-store.ts';
import { seedCases } from './seed.ts';
import { CASE_CHANNELS, caseStates, statusOf } from '../functions/core/cases/lifecycle.ts';
import { recountStates } from '../functions/core/cases/queue.ts';
import { randomReference } from '../functions/core/cases/reference.ts';
import { createFieldCipher, localKeyFile } from '../functions/core/crypto/encryption-sdk-cipher.ts';
import { createLogger } from '../functions/core/logger.ts';
import type { NotificationsPort } from '../functions/core/notifications/port.ts';
import { LocalSecrets } from '../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../functions/core/store/store.ts';
import { STAFF_SESSION_DEFAULTS } from '../functions/staff/auth/session-limits.ts';
import { createStaffSession } from '../functions/staff/auth/sessions.ts';
import { startStoreProcess } from './open311-list.ts';
import { goalRow, infoRow, ms, type Row } from './report.ts';
import { listen } from './servers.ts';
import { median, percentile, round } from './stats.ts';

export const STAFF_PAGES_GOAL = { storeRequestsPerPageMax: 2, latencyRatioMax: 1.2 };

export interface StaffPagesOptions {
  sizes: number[];
  /** Timed queue page views per size and page, after a few untimed. */
  calls: number;
  progress?: (message: string) => void;
}

export interface QueuePageFigures {
  page: string;
  /** Store requests of one view, all of them (the session's read included), and by command. */
  storeRequests: number;
  byCommand: Record<string, number>;
  rows: number;
  medianMs: number;
  p90Ms: number;
}

export interface StaffPagesSize {
  cases: number;
  seedSeconds: number;
  pages: QueuePageFigures[];
  export: { rows: number; seconds: number; rowsPerSecond: number; bytes: number; storeRequests: number };
}

export interface StaffPagesResult {
  council: string;
  sizes: StaffPagesSize[];
  /** Median latency of the unfiltered queue page, largest table / smallest. */
  latencyRatio: number;
  /** The most store requests any queue page took. */
  maxStoreRequests: number;
}

const COUNCIL = 'hackney';
const DAY_MS = 86_400_000;
/** The queue pages timed: the whole queue, and one filtered by an index and a FilterExpression. */
const PAGES = [
  { name: 'queue, first page', path: '/staff/queue' },
  { name: 'queue, report cases submitted by phone', path: '/staff/queue?service=report&state=submitted&channel=phone' },
];

/** Listing sends nothing; a send would be a bug in the bench. */
const noNotifications: NotificationsPort = {
  sendEmail: async () => {
    throw new Error('The bench sends no email');
  },
};

function benchCase(council: CouncilConfig, i: number, createdAt: Date, states: string[]): StoredCase {
  const at = createdAt.toISOString();
  const bins = i % 5 === 0;
  const state = states[i % states.length] as StoredCase['state'];
  const category = council.services.report!.groups[0].categories[i % council.services.report!.groups[0].categories.length];
  return {
    reference: randomReference(),
    service: bins ? 'bins' : 'report',
    type: bins ? 'missed-collection' : category.code,
    submissionId: `bench-staff-${i}`,
    details: { name: 'Bench Resident', email: `resident${i % 997}@example.com`, phone: '020 7946 0000', ...(bins && { address: '41 Linscott Road, London E5 0LH' }) },
    public: bins
      ? undefined
      : { serviceCode: category.code, serviceName: category.name.en, description: `A problem seeded for the bench (${i}), about a hand wide.`, lat: 51.55544, long: -0.05348, address: 'Linscott Road, London' },
    lang: 'en',
    retentionDays: 400,
    state,
    status: statusOf(state),
    channel: CASE_CHANNELS[i % CASE_CHANNELS.length],
    ...(i % 7 === 0 && { assignedTo: { sub: 'hackney-officer', name: 'Sam Officer' } }),
    version: 0,
    createdAt: at,
    updatedAt: at,
    updates: [],
    expiresAt: Math.floor(createdAt.getTime() / 1000) + 400 * 86_400,
    notificationAttempts: 0,
  };
}

/** Writes `count` cases spread over the year before `now`. */
async function seed(store: CouncilStore, council: CouncilConfig, count: number, now: Date): Promise<void> {
  const states = caseStates(council).map((s) => s.id);
  const start = now.getTime() - 365 * DAY_MS;
  await seedCases(store, count, (i) => benchCase(council, i, new Date(start + Math.floor((i * 365 * DAY_MS) / count)), states));
}

interface Target {
  count: number;
  seedSeconds: number;
  origin: string;
  officerCookie: string;
  supervisorCookie: string;
  counted: { total: number; byCommand: Record<string, number> };
  close(): Promise<void>;
}

async function target(endpoint: string, council: CouncilConfig, count: number, now: Date): Promise<Target> {
  const tableName = `bench-staff-${count}`;
  await ensureTable(createStoreClient({ endpoint }), tableName);
  const counted = { total: 0, byCommand: {} as Record<string, number> };
  const client = createStoreClient({
    endpoint,
    onRequest: (command) => {
      counted.total++;
      counted.byCommand[command] = (counted.byCommand[command] ?? 0) + 1;
    },
  });
  const store: CouncilStore = { client, tableName };
  const seedStarted = performance.now();
  await seed(store, council, count, now);
  await recountStates(store, now);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const limits = council.staff?.session ?? STAFF_SESSION_DEFAULTS;
  const session = async (sub: string, role: 'officer' | 'supervisor') =>
    (await createStaffSession(store, council.id, { sub, email: `${role}@hackney.gov.uk`, name: `Bench ${role}`, roles: [role] }, now, limits)).id;
  const officerCookie = `ldf_staff=${await session('hackney-officer', 'officer')}`;
  const supervisorCookie = `ldf_staff=${await session('hackney-supervisor', 'supervisor')}`;
  const app = createCouncilApp(council, {
    store,
    notifications: noNotifications,
    secrets: new LocalSecrets({ values: { 'oidc-client-secret': 'bench-client-secret' } }),
    // Fixed: the sessions stay live and are not touched mid-run, so every view costs the same.
    clock: () => now,
    basePath: '',
    assetsDir: '',
    logger: createLogger(),
    clientIp: () => '127.0.0.1',
    // As every host gives one; the bench's queue and export hold no special-category answers to open.
    cipher: createFieldCipher({ keyring: 'raw-aes', keyFile: await localKeyFile(mkdtempSync(path.join(tmpdir(), 'ldf-bench-keys-')), council.id) }),
    publicBaseUrl: 'http://127.0.0.1',
    embeddedOidcIssuer: 'http://127.0.0.1:9/oidc',
  });
  const served = await listen((req, env) => app.fetch(req, env));
  return {
    count,
    seedSeconds,
    origin: served.origin,
    officerCookie,
    supervisorCookie,
    counted,
    close: () => new Promise<void>((resolve) => served.server.close(() => resolve())),
  };
}

const rowsOf = (html: string) => html.match(/<tr class="govuk-table__row" data-reference=/g)?.length ?? 0;

async function view(t: Target, path: string): Promise<{ ms: number; rows: number; requests: number; byCommand: Record<string, number> }> {
  t.counted.total = 0;
  t.counted.byCommand = {};
  const started = performance.now();
  const res = await fetch(`${t.origin}${path}`, { headers: { cookie: t.officerCookie } });
  const html = await res.text();
  const elapsed = performance.now() - started;
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${html.slice(0, 300)}`);
  return { ms: elapsed, rows: rowsOf(html), requests: t.counted.total, byCommand: { ...t.counted.byCommand } };
}

/** The whole table as CSV, read as it streams: rows (CRLF-ended records after the header) per second. */
async function exportAll(t: Target): Promise<StaffPagesSize['export']> {
  t.counted.total = 0;
  const started = performance.now();
  // The export starts from the queue's form: a POST carrying the CSRF token of the session's cookie.
  const queue = await fetch(`${t.origin}/staff/queue`, { headers: { cookie: t.supervisorCookie } });
  const csrf = queue.headers.getSetCookie().map((line) => line.split(';')[0]).find((pair) => pair.startsWith('ldf_csrf='));
  if (!csrf) throw new Error('The queue page set no CSRF cookie');
  const res = await fetch(`${t.origin}/staff/export.csv`, {
    method: 'POST',
    headers: { cookie: `${t.supervisorCookie}; ${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: csrf.slice('ldf_csrf='.length) }).toString(),
  });
  if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
  let bytes = 0;
  let records = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    // Every description is one line, so each LF ends one record.
    for (let i = 0; i < value.length; i++) if (value[i] === 10) records++;
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = records - 1;
  if (rows !== t.count) throw new Error(`The export of ${t.count} cases gave ${rows} rows`);
  return { rows, seconds: round(seconds, 2), rowsPerSecond: Math.round(rows / seconds), bytes, storeRequests: t.counted.total };
}

export async function measureStaffPages(options: StaffPagesOptions): Promise<StaffPagesResult> {
  const council = (await loadCouncils()).find((c) => c.id === COUNCIL);
  if (!council) throw new Error(`No council ${COUNCIL}`);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const embedded = await startStoreProcess();
  const targets: Target[] = [];
  const sizes: StaffPagesSize[] = [];
  try {
    for (const count of options.sizes) {
      options.progress?.(`staff pages: seeding ${count.toLocaleString('en-GB')} cases`);
      targets.push(await target(embedded.endpoint, council, count, now));
    }
    for (const t of targets) for (const p of PAGES) for (let i = 0; i < 5; i++) await view(t, p.path);
    const times = new Map<string, number[]>();
    const last = new Map<string, Awaited<ReturnType<typeof view>>>();
    options.progress?.(`staff pages: ${options.calls} alternating rounds of each queue page`);
    for (let r = 0; r < options.calls; r++) {
      for (const t of r % 2 === 0 ? targets : [...targets].reverse()) {
        for (const p of PAGES) {
          const key = `${t.count}|${p.path}`;
          const v = await view(t, p.path);
          times.set(key, [...(times.get(key) ?? []), v.ms]);
          last.set(key, v);
        }
      }
    }
    for (const t of targets) {
      options.progress?.(`staff pages: exporting ${t.count.toLocaleString('en-GB')} cases`);
      const exported = await exportAll(t);
      sizes.push({
        cases: t.count,
        seedSeconds: round(t.seedSeconds, 1),
        pages: PAGES.map((p) => {
          const key = `${t.count}|${p.path}`;
          const v = last.get(key)!;
          const ts = times.get(key)!;
          return { page: p.name, storeRequests: v.requests, byCommand: v.byCommand, rows: v.rows, medianMs: round(median(ts)), p90Ms: round(percentile(ts, 90)) };
        }),
        export: exported,
      });
    }
  } finally {
    for (const t of targets) await t.close();
    await embedded.close();
  }
  const first = sizes[0].pages[0];
  const lastSize = sizes.at(-1)!.pages[0];
  return {
    council: COUNCIL,
    sizes,
    latencyRatio: round(lastSize.medianMs / first.medianMs, 3),
    maxStoreRequests: Math.max(...sizes.flatMap((s) => s.pages.map((p) => p.storeRequests))),
  };
}

const commands = (byCommand: Record<string, number>) =>
  Object.entries(byCommand)
    .map(([k, n]) => `${k.replace(/Command$/, '')} x${n}`)
    .join(', ');

/** The printed rows: each page and the export at each size, and the goals. */
export function staffPagesRows(r: StaffPagesResult): Row[] {
  const rows: Row[] = [];
  for (const s of r.sizes) {
    const n = s.cases.toLocaleString('en-GB');
    for (const p of s.pages) {
      rows.push(
        goalRow(
          `Staff ${p.page}: store requests, ${n} cases`,
          `${p.storeRequests} (${commands(p.byCommand)}; the session's GetItem included), ${p.rows} rows, median ${ms(p.medianMs)}, p90 ${ms(p.p90Ms)}`,
          `<= ${STAFF_PAGES_GOAL.storeRequestsPerPageMax}`,
          p.storeRequests <= STAFF_PAGES_GOAL.storeRequestsPerPageMax,
        ),
      );
    }
    const e = s.export;
    rows.push(infoRow(`Staff CSV export, all ${n} cases`, `${e.rowsPerSecond.toLocaleString('en-GB')} rows/s (${e.rows.toLocaleString('en-GB')} rows, ${(e.bytes / 1e6).toFixed(1)} MB in ${e.seconds}s, ${e.storeRequests} store requests)`));
  }
  const [first, last] = [r.sizes[0], r.sizes.at(-1)!];
  rows.push(
    goalRow(
      `Staff queue page: median latency, ${last.cases.toLocaleString('en-GB')} / ${first.cases.toLocaleString('en-GB')} cases`,
      `${r.latencyRatio.toFixed(2)}x`,
      `<= ${STAFF_PAGES_GOAL.latencyRatioMax}`,
      r.latencyRatio <= STAFF_PAGES_GOAL.latencyRatioMax,
    ),
  );
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const started = performance.now();
  const result = await measureStaffPages({
    sizes: quick ? [1000, 10_000] : [10_000, 100_000],
    calls: quick ? 5 : 20,
    progress: (m) => process.stderr.write(`[staff-pages ${((performance.now() - started) / 1000).toFixed(1)}s] ${m}\n`),
  });
  const { table } = await import('./report.ts');
  process.stdout.write(table(staffPagesRows(result).map((x) => [x.metric, x.value, x.goal, x.status]), ['Metric', 'Value', 'Goal', 'Result']) + '\n');
  const { readFile, writeFile, mkdir } = await import('node:fs/promises');
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const file = new URL('latest.json', dir);
  const latest = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  latest.staffPages = { goal: STAFF_PAGES_GOAL, measuredAt: new Date().toISOString(), mode: quick ? 'quick' : 'full', ...result };
  await writeFile(file, JSON.stringify(latest, null, 2) + '\n');
  process.stderr.write('wrote the staffPages section of bench/results/latest.json\n');
}
