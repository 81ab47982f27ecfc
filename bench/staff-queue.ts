/**
 * The back office's queue and CSV export against tables of 10,000 and 100,000 cases: store
 * requests per queue page (the page's own: its query and the counts; the session read is the
 * sign-in's), median latency per page and the 100k/10k ratio, and export rows per second through
 * queueRows. Goals: ≤ 2 store requests per page, latency ratio ≤ 1.2×. Every case carries its
 * address's contact key (the email index, as cases made online have it), and the same tables serve
 * the look-up of a resident's cases (bench/data-rights.ts). Run alone with
 * `npx tsx bench/staff-queue.ts [--quick]`; run.ts includes it.
 */
import './env.ts';
import type { StoredCase } from '../functions/core/cases/case-store.ts';
import { seedCases } from './seed.ts';
import { CASE_CHANNELS, statusOf, type CaseState } from '../functions/core/cases/lifecycle.ts';
import { listQueue, queueCounts, queueRows, type QueueFilters } from '../functions/core/cases/queue.ts';
import { randomReference } from '../functions/core/cases/reference.ts';
import { contactKeysOf, type ContactKeys } from '../functions/core/cases/contact-keys.ts';
import { LocalSecrets } from '../functions/core/secrets/local-secrets.ts';
import type { SecretsPort } from '../functions/core/secrets/port.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../functions/core/store/store.ts';
import { measureResidentLookup, residentEmails, type ResidentLookupResult } from './data-rights.ts';
import { startStoreProcess } from './open311-list.ts';
import { goalRow, infoRow, ms, type Row } from './report.ts';
import { median, percentile, round } from './stats.ts';

export const STAFF_QUEUE_GOAL = { requestsPerPage: 2, latencyRatioMax: 1.2 };

export interface StaffQueueOptions {
  sizes: number[];
  /** Timed pages per scenario and size, after a few untimed. */
  calls: number;
  pageSize: number;
  /** Timed look-ups of a resident's cases per resident and size (bench/data-rights.ts). */
  lookupCalls?: number;
  progress?: (message: string) => void;
}

/** The queues an officer opens most: everything, a state, their own cases, one category. */
const SCENARIOS: { name: string; filters: QueueFilters; served: boolean }[] = [
  { name: 'every case', filters: {}, served: true },
  { name: 'state submitted', filters: { states: ['submitted'] }, served: true },
  { name: 'assigned to me', filters: { assigned: 'officer-4' }, served: true },
  { name: 'potholes', filters: { service: 'report', type: 'pothole' }, served: true },
  // No index serves a channel: the page reads every case's index until it has a page (a tenth match).
  { name: 'phone channel (filter only)', filters: { channels: ['phone'] }, served: false },
];
/** What the export streams: the bins cases (a fifth of the table). */
const EXPORT_FILTERS: QueueFilters = { service: 'bins' };

export interface ScenarioSize {
  scenario: string;
  /** Whether an index serves the scenario's filters (the goal is for those). */
  served: boolean;
  cases: number;
  returned: number;
  storeRequests: number;
  itemsRead: number;
  medianMs: number;
  p90Ms: number;
}

export interface StaffQueueResult {
  pageSize: number;
  scenarios: ScenarioSize[];
  latencyRatios: { scenario: string; ratio: number }[];
  exports: { cases: number; rows: number; seconds: number; rowsPerSecond: number }[];
  seedSeconds: { cases: number; seconds: number }[];
  residentLookup: ResidentLookupResult;
}

const NOW = new Date('2026-12-01T12:00:00Z');
const YEAR_MS = 365 * 86_400_000;
const TYPES = ['pothole', 'litter', 'graffiti', 'fly_tipping'];
/** More cases are closed than open, as in a year of a council's work. */
const STATE_MIX: CaseState[] = ['submitted', 'submitted', 'investigating', 'action-scheduled', 'in-progress', 'fixed', 'fixed', 'fixed', 'not-responsible', 'duplicate', 'no-further-action', 'internal-referral'];

function seededCase(i: number, count: number, email: string, keys: ContactKeys): StoredCase {
  // Changed at evenly spread times over the year before NOW; made up to a week before that.
  const changed = new Date(NOW.getTime() - YEAR_MS + Math.floor((i * YEAR_MS) / count));
  const created = new Date(changed.getTime() - (i % 7) * 86_400_000);
  const bins = i % 5 === 0;
  const state = STATE_MIX[i % STATE_MIX.length];
  return {
    reference: randomReference(),
    service: bins ? 'bins' : 'report',
    type: bins ? 'missed-collection' : TYPES[i % TYPES.length],
    submissionId: `bench-${i}`,
    details: { name: 'Bench Resident', email, address: '41 Linscott Road, London E5 0LH' },
    public: bins ? undefined : { serviceCode: TYPES[i % TYPES.length], serviceName: 'Problem', description: `Seeded for the bench (${i}).`, lat: 51.55544, long: -0.05348 },
    lang: 'en',
    retentionDays: 400,
    state,
    status: statusOf(state),
    channel: CASE_CHANNELS[i % 10 < 6 ? 0 : (i % 10) - 5],
    assignedTo: i % 4 === 0 ? { sub: `officer-${i % 10}`, name: 'Bench Officer' } : undefined,
    version: 0,
    createdAt: created.toISOString(),
    updatedAt: changed.toISOString(),
    updates: [],
    expiresAt: Math.floor(NOW.getTime() / 1000) + 400 * 86_400,
    notificationAttempts: 0,
    contactKeys: keys,
  };
}

/** Each case its own address, but for the looked-up residents' (residentEmails), with its contact key as createCase makes it. */
async function seed(store: CouncilStore, count: number, secrets: SecretsPort): Promise<void> {
  const residents = residentEmails(count);
  const emails = Array.from({ length: count }, (_, i) => residents.get(i) ?? `resident${i}@example.com`);
  const keys = await Promise.all(emails.map((email) => contactKeysOf({ email }, secrets)));
  await seedCases(store, count, (i) => seededCase(i, count, emails[i], keys[i]));
}

interface Target {
  count: number;
  store: CouncilStore;
  counted: { requests: number; items: number };
  secrets: SecretsPort;
}

async function target(endpoint: string, count: number, progress?: (m: string) => void): Promise<{ t: Target; seconds: number }> {
  const tableName = `bench-staff-queue-${count}`;
  await ensureTable(createStoreClient({ endpoint }), tableName);
  const counted = { requests: 0, items: 0 };
  const client = createStoreClient({ endpoint, onRequest: () => counted.requests++ });
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const o = out.output as { ScannedCount?: number; Item?: unknown };
      counted.items += o.ScannedCount ?? (o.Item ? 1 : 0);
      return out;
    },
    { step: 'initialize', name: 'benchItemsRead' },
  );
  const store: CouncilStore = { client, tableName };
  progress?.(`staff queue: seeding ${count.toLocaleString('en-GB')} cases`);
  const started = performance.now();
  const secrets = new LocalSecrets();
  await seed(store, count, secrets);
  return { t: { count, store, counted, secrets }, seconds: (performance.now() - started) / 1000 };
}

/** A queue page as the back office loads it: the page's query and the counts, side by side. */
async function queuePage(store: CouncilStore, filters: QueueFilters, pageSize: number): Promise<number> {
  const [page] = await Promise.all([listQueue(store, { filters, pageSize }, NOW), queueCounts(store)]);
  return page.cases.length;
}

export async function measureStaffQueue(options: StaffQueueOptions): Promise<StaffQueueResult> {
  const embedded = await startStoreProcess();
  const scenarios: ScenarioSize[] = [];
  const exports: StaffQueueResult['exports'] = [];
  const seedSeconds: StaffQueueResult['seedSeconds'] = [];
  let residentLookup: ResidentLookupResult;
  try {
    const targets: Target[] = [];
    for (const count of options.sizes) {
      const { t, seconds } = await target(embedded.endpoint, count, options.progress);
      targets.push(t);
      seedSeconds.push({ cases: count, seconds: round(seconds, 1) });
    }
    for (const { name, filters, served } of SCENARIOS) {
      options.progress?.(`staff queue: ${name}`);
      for (const t of targets) for (let i = 0; i < 5; i++) await queuePage(t.store, filters, options.pageSize);
      const times = new Map<number, number[]>(targets.map((t) => [t.count, []]));
      const last = new Map<number, { returned: number; requests: number; items: number }>();
      // Alternating rounds, so drifting load on the machine affects each size about equally.
      for (let round = 0; round < options.calls; round++) {
        for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
          Object.assign(t.counted, { requests: 0, items: 0 });
          const started = performance.now();
          const returned = await queuePage(t.store, filters, options.pageSize);
          times.get(t.count)!.push(performance.now() - started);
          last.set(t.count, { returned, requests: t.counted.requests, items: t.counted.items });
        }
      }
      for (const t of targets) {
        const l = last.get(t.count)!;
        const ts = times.get(t.count)!;
        scenarios.push({ scenario: name, served, cases: t.count, returned: l.returned, storeRequests: l.requests, itemsRead: l.items, medianMs: round(median(ts)), p90Ms: round(percentile(ts, 90)) });
      }
    }
    for (const t of targets) {
      options.progress?.(`staff queue: export of ${t.count.toLocaleString('en-GB')} cases`);
      const started = performance.now();
      let rows = 0;
      for await (const c of queueRows(t.store, EXPORT_FILTERS, NOW)) if (c.reference) rows++;
      const seconds = (performance.now() - started) / 1000;
      exports.push({ cases: t.count, rows, seconds: round(seconds, 2), rowsPerSecond: Math.round(rows / seconds) });
    }
    options.progress?.('resident look-up: casesForEmail for an address with 3 cases and one with 30');
    residentLookup = await measureResidentLookup(targets, NOW, options.lookupCalls ?? Math.min(options.calls, 20));
  } finally {
    await embedded.close();
  }
  const sizes = options.sizes;
  const latencyRatios = SCENARIOS.map(({ name }) => {
    const first = scenarios.find((s) => s.scenario === name && s.cases === sizes[0])!;
    const last = scenarios.find((s) => s.scenario === name && s.cases === sizes.at(-1))!;
    return { scenario: name, ratio: round(last.medianMs / first.medianMs, 3) };
  });
  return { pageSize: options.pageSize, scenarios, latencyRatios, exports, seedSeconds, residentLookup };
}

/** The printed rows: each scenario and size, the goals, the export. */
export function staffQueueRows(r: StaffQueueResult): Row[] {
  const rows: Row[] = r.scenarios.map((s) =>
    infoRow(
      `Staff queue, ${s.scenario} (page of ${r.pageSize}): ${s.cases.toLocaleString('en-GB')} cases`,
      `${s.returned} returned, ${s.storeRequests} store requests, ${s.itemsRead} items read, median ${ms(s.medianMs)}, p90 ${ms(s.p90Ms)}`,
    ),
  );
  const worstRequests = Math.max(...r.scenarios.filter((s) => s.served).map((s) => s.storeRequests));
  rows.push(goalRow('Staff queue: store requests per page (query + counts), index-served filters', String(worstRequests), `<= ${STAFF_QUEUE_GOAL.requestsPerPage}`, worstRequests <= STAFF_QUEUE_GOAL.requestsPerPage));
  const sizes = [...new Set(r.scenarios.map((s) => s.cases))];
  const label = `${sizes.at(-1)!.toLocaleString('en-GB')} / ${sizes[0].toLocaleString('en-GB')} cases`;
  for (const { scenario, ratio } of r.latencyRatios) {
    rows.push(goalRow(`Staff queue, ${scenario}: median latency, ${label}`, `${ratio.toFixed(2)}x`, `<= ${STAFF_QUEUE_GOAL.latencyRatioMax}`, ratio <= STAFF_QUEUE_GOAL.latencyRatioMax));
  }
  for (const e of r.exports) {
    rows.push(infoRow(`Staff CSV export rows (bins cases of ${e.cases.toLocaleString('en-GB')})`, `${e.rows.toLocaleString('en-GB')} rows in ${e.seconds} s: ${e.rowsPerSecond.toLocaleString('en-GB')} rows/s`));
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const started = performance.now();
  const result = await measureStaffQueue({
    sizes: quick ? [1000, 10_000] : [10_000, 100_000],
    // Pages take milliseconds: enough of them that a busy moment on the machine does not decide the median.
    calls: quick ? 5 : 60,
    pageSize: 50,
    progress: (m) => process.stderr.write(`[staff-queue ${((performance.now() - started) / 1000).toFixed(1)}s] ${m}\n`),
  });
  const { table } = await import('./report.ts');
  const rows = [...staffQueueRows(result), ...(await import('./data-rights.ts')).residentLookupRows(result.residentLookup)];
  process.stdout.write(table(rows.map((x) => [x.metric, x.value, x.goal, x.status]), ['Metric', 'Value', 'Goal', 'Result']) + '\n');
  const { readFile, writeFile, mkdir } = await import('node:fs/promises');
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const file = new URL('latest.json', dir);
  const latest = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  latest.staffQueue = { goal: STAFF_QUEUE_GOAL, measuredAt: new Date().toISOString(), mode: quick ? 'quick' : 'full', ...result };
  await writeFile(file, JSON.stringify(latest, null, 2) + '\n');
}

