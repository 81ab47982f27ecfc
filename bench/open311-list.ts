/**
 * Open311's list of requests for one day, against tables of 1,000, 10,000 and 100,000 cases: store
 * read units (dynalite's ConsumedCapacity), items read and latency per call. The day is two months
 * back, so the old query (every case changed since start_date) would have read most of the table; the
 * created index reads the day's cases and one more. Goal: the 100,000-case figure within 1.2x of the
 * 1,000-case one. Run alone with `npx tsx bench/open311-list.ts [--quick]`; run.ts includes it.
 */
import './env.ts';
import { spawn } from 'node:child_process';
import { Hono } from 'hono';
import { loadCouncils } from '../functions/config/load-councils.ts';
import { listCases, type StoredCase } from '../functions/core/cases/case-store.ts';
import { seedCases } from './seed.ts';
import { randomReference } from '../functions/core/cases/reference.ts';
import type { AppEnv, CouncilAppDeps } from '../functions/core/http/env.ts';
import { createLogger } from '../functions/core/logger.ts';
import type { NotificationsPort } from '../functions/core/notifications/port.ts';
import { LocalSecrets } from '../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../functions/core/store/store.ts';
import { open311Routes } from '../functions/modules/report/open311/routes.ts';
import { goalRow, infoRow, ms, type Row } from './report.ts';
import { median, percentile, round } from './stats.ts';

export const OPEN311_LIST_GOAL = { ratioMax: 1.2 };

export interface Open311ListOptions {
  sizes: number[];
  /** Cases made on the day listed (the rest are spread over the year before). */
  perDay: number;
  /** Timed calls per size, after a few untimed. */
  calls: number;
  progress?: (message: string) => void;
}

export interface Open311ListSize {
  cases: number;
  returned: number;
  storeRequests: number;
  itemsRead: number;
  readUnits: number;
  medianMs: number;
  p90Ms: number;
  /** What the query it replaced (every case changed since start_date, from the last-changed index) reads for the same list. */
  oldQueryItemsRead: number;
  seedSeconds: number;
}

export interface Open311ListResult {
  council: string;
  day: string;
  perDay: number;
  sizes: Open311ListSize[];
  readUnitsRatio: number;
  latencyRatio: number;
}

const COUNCIL = 'hackney';
const NOW = new Date('2026-12-01T12:00:00Z');
/** Two months before NOW: inside Open311's 90-day window, with most of the table changed since. */
const DAY = '2026-10-01';
const DAY_MS = 86_400_000;

function reportCase(createdAt: Date, i: number): StoredCase {
  const at = createdAt.toISOString();
  return {
    reference: randomReference(),
    service: 'report',
    type: 'pothole',
    submissionId: `bench-${i}`,
    details: { source: 'open311', name: 'Bench Resident', email: 'bench.resident@example.com' },
    public: {
      serviceCode: 'pothole',
      serviceName: 'Pothole',
      description: `A pothole about a hand wide near the kerb, seeded for the bench (${i}).`,
      lat: 51.55544,
      long: -0.05348,
      media: [],
      attributes: { depth: 'over_10cm' },
    },
    lang: 'en',
    retentionDays: 400,
    state: i % 3 === 0 ? 'fixed' : 'submitted',
    status: i % 3 === 0 ? 'closed' : 'open',
    channel: 'open311',
    version: 0,
    createdAt: at,
    updatedAt: at,
    updates: [],
    expiresAt: Math.floor(createdAt.getTime() / 1000) + 400 * 86_400,
    notificationAttempts: 0,
    dedupeKey: `report|bench-${i}`,
    dedupeWindowHours: 24,
  };
}

/** Writes `count` cases: `perDay` on DAY, the rest spread over the year before NOW (DAY excluded). */
async function seed(store: CouncilStore, count: number, perDay: number): Promise<void> {
  const dayStart = new Date(`${DAY}T00:00:00Z`).getTime();
  const yearStart = NOW.getTime() - 365 * DAY_MS;
  const at = (i: number): Date => {
    if (i < perDay) return new Date(dayStart + Math.floor((i * DAY_MS) / perDay) + 17);
    // Spread the others evenly over the year, stepping over the day listed.
    let t = yearStart + Math.floor(((i - perDay) * (NOW.getTime() - yearStart - DAY_MS)) / Math.max(1, count - perDay));
    if (t >= dayStart) t += DAY_MS;
    return new Date(t);
  };
  await seedCases(store, count, (i) => reportCase(at(i), i));
}

/** Listing sends nothing; a send would be a bug in the bench. */
const noNotifications: NotificationsPort = {
  sendEmail: async () => {
    throw new Error('The bench sends no email');
  },
};

interface Target {
  count: number;
  store: CouncilStore;
  counted: { requests: number; items: number; units: number };
  call: () => Promise<number>;
  seedSeconds: number;
  times: number[];
}

/** A table of `count` cases, its store counting requests, items read and read units, and the list call. */
async function target(endpoint: string, council: Awaited<ReturnType<typeof loadCouncils>>[number], count: number, perDay: number): Promise<Target> {
  const tableName = `bench-open311-${count}`;
  await ensureTable(createStoreClient({ endpoint }), tableName);
  const counted = { requests: 0, items: 0, units: 0 };
  const client = createStoreClient({ endpoint, onRequest: () => counted.requests++ });
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const o = out.output as { ScannedCount?: number; Item?: unknown; ConsumedCapacity?: { CapacityUnits?: number } };
      counted.items += o.ScannedCount ?? (o.Item ? 1 : 0);
      counted.units += o.ConsumedCapacity?.CapacityUnits ?? 0;
      return out;
    },
    { step: 'initialize', name: 'benchReadUnits' },
  );
  const store: CouncilStore = { client, tableName };
  const seedStarted = performance.now();
  await seed(store, count, perDay);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const deps: CouncilAppDeps = {
    store,
    notifications: noNotifications,
    secrets: new LocalSecrets(),
    clock: () => NOW,
    basePath: '',
    assetsDir: '',
    logger: createLogger(),
    clientIp: () => '127.0.0.1',
  };
  const host = new Hono<AppEnv>();
  host.use(async (c, next) => {
    c.set('council', council);
    c.set('deps', deps);
    c.set('log', deps.logger);
    await next();
  });
  // The bench's own calls are not the traffic the per-client limit is for.
  host.route('/open311/v2', open311Routes(council, deps, { getLimit: { max: 1_000_000, windowSeconds: 60 } }));
  const path = `/open311/v2/requests.json?start_date=${DAY}T00:00:00Z&end_date=${DAY}T23:59:59Z`;
  const call = async () => {
    const res = await host.request(`http://localhost${path}`);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as unknown[]).length;
  };
  return { count, store, counted, call, seedSeconds, times: [] };
}

/**
 * dynalite in a child process, as DynamoDB is another machine: seeding then uses both cores, and
 * the timed calls do not share a heap (and its collections) with 100,000 stored items.
 */
export async function startStoreProcess(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const script =
    "const d = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });" +
    "d.listen(0, '127.0.0.1', () => process.stdout.write(String(d.address().port) + '\\n'));";
  const child = spawn(process.execPath, ['-e', script], { cwd: new URL('..', import.meta.url), stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

export async function measureOpen311List(options: Open311ListOptions): Promise<Open311ListResult> {
  const council = (await loadCouncils()).find((c) => c.id === COUNCIL);
  if (!council) throw new Error(`No council ${COUNCIL}`);
  const embedded = await startStoreProcess();
  const sizes: Open311ListSize[] = [];
  try {
    const targets: Target[] = [];
    for (const count of options.sizes) {
      options.progress?.(`open311 list: seeding ${count.toLocaleString('en-GB')} cases`);
      targets.push(await target(embedded.endpoint, council, count, options.perDay));
    }
    // Warm the code path, then time the sizes in alternating rounds, so drifting load on the
    // machine affects each about equally.
    for (const t of targets) for (let i = 0; i < 5; i++) await t.call();
    const returned = new Map<number, number>();
    const perCall = new Map<number, { requests: number; items: number; units: number }>();
    for (let round = 0; round < options.calls; round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
        Object.assign(t.counted, { requests: 0, items: 0, units: 0 });
        const started = performance.now();
        returned.set(t.count, await t.call());
        t.times.push(performance.now() - started);
        perCall.set(t.count, { ...t.counted });
      }
    }
    for (const t of targets) {
      Object.assign(t.counted, { items: 0 });
      await listCases(t.store, { changedSince: new Date(`${DAY}T00:00:00Z`), service: 'report', limit: 50_000 }, NOW);
      const oldQueryItemsRead = t.counted.items;
      const c = perCall.get(t.count)!;
      sizes.push({
        cases: t.count,
        returned: returned.get(t.count)!,
        storeRequests: c.requests,
        itemsRead: c.items,
        readUnits: c.units,
        medianMs: round(median(t.times)),
        p90Ms: round(percentile(t.times, 90)),
        oldQueryItemsRead,
        seedSeconds: round(t.seedSeconds, 1),
      });
    }
  } finally {
    await embedded.close();
  }
  const first = sizes[0];
  const last = sizes.at(-1)!;
  return {
    council: COUNCIL,
    day: DAY,
    perDay: options.perDay,
    sizes,
    readUnitsRatio: round(last.readUnits / first.readUnits, 3),
    latencyRatio: round(last.medianMs / first.medianMs, 3),
  };
}

/** The printed rows: one per table size, and the goal. */
export function open311ListRows(r: Open311ListResult): Row[] {
  const rows: Row[] = r.sizes.map((s) =>
    infoRow(
      `Open311 list, one day (${r.perDay} cases): ${s.cases.toLocaleString('en-GB')} cases in the table`,
      `${s.returned} returned, ${s.readUnits} read units, ${s.itemsRead} items read, ${s.storeRequests} store request${s.storeRequests === 1 ? '' : 's'}, ` +
        `median ${ms(s.medianMs)}, p90 ${ms(s.p90Ms)} (the old query read ${s.oldQueryItemsRead.toLocaleString('en-GB')} items)`,
    ),
  );
  const [first, last] = [r.sizes[0], r.sizes.at(-1)!];
  const label = `${last.cases.toLocaleString('en-GB')} / ${first.cases.toLocaleString('en-GB')} cases`;
  rows.push(goalRow(`Open311 list: read units, ${label}`, `${r.readUnitsRatio.toFixed(2)}x`, `<= ${OPEN311_LIST_GOAL.ratioMax}`, r.readUnitsRatio <= OPEN311_LIST_GOAL.ratioMax));
  rows.push(goalRow(`Open311 list: median latency, ${label}`, `${r.latencyRatio.toFixed(2)}x`, `<= ${OPEN311_LIST_GOAL.ratioMax}`, r.latencyRatio <= OPEN311_LIST_GOAL.ratioMax));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const started = performance.now();
  const result = await measureOpen311List({
    sizes: quick ? [1000, 10_000] : [1000, 10_000, 100_000],
    perDay: 100,
    calls: quick ? 5 : 20,
    progress: (m) => process.stderr.write(`[open311-list ${((performance.now() - started) / 1000).toFixed(1)}s] ${m}\n`),
  });
  const { table } = await import('./report.ts');
  const rows = open311ListRows(result);
  process.stdout.write(table(rows.map((x) => [x.metric, x.value, x.goal, x.status]), ['Metric', 'Value', 'Goal', 'Result']) + '\n');
  // Run alone, it updates its own section of the last full report.
  const { readFile, writeFile, mkdir } = await import('node:fs/promises');
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const file = new URL('latest.json', dir);
  const latest = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  latest.open311List = { goal: OPEN311_LIST_GOAL, measuredAt: new Date().toISOString(), mode: quick ? 'quick' : 'full', ...result };
  await writeFile(file, JSON.stringify(latest, null, 2) + '\n');
  process.stderr.write('wrote the open311List section of bench/results/latest.json\n');
}
