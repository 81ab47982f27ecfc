/**
 * Your requests and your data (issue 11), two figures:
 * - The look-up of a resident's cases (casesForEmail, the resident's record and the staff subject
 *   access search) in the staff queue bench's tables of 10,000 and 100,000 cases (bench/staff-queue.ts
 *   seeds them, every case with its own address's contact key, and places these residents' cases
 *   among them): store requests, items read and latency for an address with 3 cases and one with
 *   30. Goal: what it reads grows with that address's cases, not the table (the same requests and
 *   items at both sizes; items read = the address's cases).
 * - The retention sweep's items per second (functions/core/retention/sweep.ts): expired report cases,
 *   each with a history entry and a kept photo in local photo storage, swept run after run with the
 *   schedule's limit until none is left, on a table of their own.
 * Run alone with `npx tsx bench/data-rights.ts [--quick]` (the sweep only; the look-up runs inside
 * bench/staff-queue.ts); run.ts includes both.
 */
import './env.ts';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredCase } from '../functions/core/cases/case-store.ts';
import { historyItem } from '../functions/core/cases/history-item.ts';
import { randomReference } from '../functions/core/cases/reference.ts';
import { casesForEmail } from '../functions/core/data-rights/resident-record.ts';
import { createLogger } from '../functions/core/logger.ts';
import { LocalPhotoStorage } from '../functions/core/photos/local-photo-storage.ts';
import { SWEEP_LIMIT, sweepExpired } from '../functions/core/retention/sweep.ts';
import type { SecretsPort } from '../functions/core/secrets/port.ts';
import { createStoreClient, documentClient, ensureTable, type CouncilStore } from '../functions/core/store/store.ts';
import { startStoreProcess } from './open311-list.ts';
import { goalRow, infoRow, ms, type Row } from './report.ts';
import { seedCases } from './seed.ts';
import { median, percentile, round } from './stats.ts';

/** The residents looked up: an address and how many cases it made (placed evenly through the table). */
export const LOOKUP_RESIDENTS = [
  { email: 'three.cases@example.com', cases: 3 },
  { email: 'thirty.cases@example.com', cases: 30 },
] as const;

/**
 * Which seeded case (0 … count-1) belongs to which looked-up resident: their cases spread over the
 * table (and so over the year it covers); every other case has an address of its own.
 *
 * @example
 * const emails = residentEmails(100_000); emails.get(0); // 'three.cases@example.com'
 */
export function residentEmails(count: number): Map<number, string> {
  const at = new Map<number, string>();
  LOOKUP_RESIDENTS.forEach((r, k) => {
    for (let j = 0; j < r.cases; j++) at.set(Math.floor((j * count) / r.cases) + k, r.email);
  });
  return at;
}

/** A table to look residents up in: its store counting requests and items read, and the secrets its contact keys were made with. */
export interface LookupTarget {
  count: number;
  store: CouncilStore;
  counted: { requests: number; items: number };
  secrets: SecretsPort;
}

export interface LookupFigures {
  tableCases: number;
  residentCases: number;
  returned: number;
  storeRequests: number;
  itemsRead: number;
  medianMs: number;
  p90Ms: number;
}

export interface ResidentLookupResult {
  figures: LookupFigures[];
  /** Per resident: median latency at the largest table / the smallest. */
  latencyRatios: { residentCases: number; ratio: number }[];
}

/** Times casesForEmail for each resident in each table, in alternating rounds after a few untimed calls. */
export async function measureResidentLookup(targets: LookupTarget[], now: Date, calls: number): Promise<ResidentLookupResult> {
  const figures: LookupFigures[] = [];
  for (const resident of LOOKUP_RESIDENTS) {
    for (const t of targets) for (let i = 0; i < 3; i++) await casesForEmail(t.store, t.secrets, resident.email, now);
    const times = new Map<number, number[]>(targets.map((t) => [t.count, []]));
    const last = new Map<number, { returned: number; requests: number; items: number }>();
    for (let round = 0; round < calls; round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
        Object.assign(t.counted, { requests: 0, items: 0 });
        const started = performance.now();
        const found = await casesForEmail(t.store, t.secrets, resident.email, now);
        times.get(t.count)!.push(performance.now() - started);
        last.set(t.count, { returned: found.length, requests: t.counted.requests, items: t.counted.items });
      }
    }
    for (const t of targets) {
      const l = last.get(t.count)!;
      const ts = times.get(t.count)!;
      figures.push({ tableCases: t.count, residentCases: resident.cases, returned: l.returned, storeRequests: l.requests, itemsRead: l.items, medianMs: round(median(ts)), p90Ms: round(percentile(ts, 90)) });
    }
  }
  const sizes = targets.map((t) => t.count);
  const latencyRatios = LOOKUP_RESIDENTS.map((r) => {
    const of = (n: number) => figures.find((f) => f.residentCases === r.cases && f.tableCases === n)!;
    return { residentCases: r.cases, ratio: round(of(sizes.at(-1)!).medianMs / of(sizes[0]).medianMs, 3) };
  });
  return { figures, latencyRatios };
}

export function residentLookupRows(r: ResidentLookupResult): Row[] {
  const rows: Row[] = r.figures.map((f) =>
    infoRow(
      `Resident look-up (casesForEmail), an address with ${f.residentCases} cases: ${f.tableCases.toLocaleString('en-GB')} cases in the table`,
      `${f.returned} returned, ${f.storeRequests} store request${f.storeRequests === 1 ? '' : 's'}, ${f.itemsRead} items read, median ${ms(f.medianMs)}, p90 ${ms(f.p90Ms)}`,
    ),
  );
  const sizes = [...new Set(r.figures.map((f) => f.tableCases))];
  const [small, large] = [sizes[0], sizes.at(-1)!];
  const label = `${large.toLocaleString('en-GB')} / ${small.toLocaleString('en-GB')} cases`;
  for (const resident of LOOKUP_RESIDENTS) {
    const of = (n: number) => r.figures.find((f) => f.residentCases === resident.cases && f.tableCases === n)!;
    const [a, b] = [of(small), of(large)];
    rows.push(
      goalRow(
        `Resident look-up, ${resident.cases} cases: store requests and items read, ${label}`,
        `${b.storeRequests} / ${a.storeRequests} requests, ${b.itemsRead} / ${a.itemsRead} items`,
        `same; items = ${resident.cases}`,
        a.storeRequests === b.storeRequests && a.itemsRead === resident.cases && b.itemsRead === resident.cases && a.returned === resident.cases && b.returned === resident.cases,
      ),
    );
  }
  for (const { residentCases, ratio } of r.latencyRatios) rows.push(infoRow(`Resident look-up, ${residentCases} cases: median latency, ${label}`, `${ratio.toFixed(2)}x`));
  return rows;
}

export interface SweepBenchOptions {
  /** Expired cases to sweep, each with a history entry and a photo. */
  cases: number;
  progress?: (message: string) => void;
}

export interface SweepBenchResult {
  cases: number;
  /** Store items the cases held (each case and its history entry). */
  storeItems: number;
  photos: number;
  runs: number;
  limit: number;
  seconds: number;
  casesPerSecond: number;
  storeItemsPerSecond: number;
  /** Store requests the sweep sent, per case swept. */
  requestsPerCase: number;
  /** Whether everything went: no case item and no photo left. */
  complete: boolean;
}

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY_MS = 86_400_000;
/** A JPEG's bytes are not read by the sweep: a small file stands in for each photo. */
const PHOTO_BYTES = new Uint8Array(2048);

function expiredCase(i: number, count: number): StoredCase {
  // Made a year and a bit ago with a year's retention: expired over the week before NOW.
  const made = new Date(NOW.getTime() - 372 * DAY_MS + Math.floor((i * 6 * DAY_MS) / count));
  const at = made.toISOString();
  return {
    reference: randomReference(),
    service: 'report',
    type: 'pothole',
    submissionId: `bench-sweep-${i}`,
    details: { name: 'Bench Resident', email: `resident${i}@example.com` },
    public: { serviceCode: 'pothole', serviceName: 'Pothole', description: `Seeded for the sweep bench (${i}).`, lat: 51.55544, long: -0.05348, media: [`${randomBytes(16).toString('base64url')}.jpg`] },
    lang: 'en',
    retentionDays: 365,
    state: 'fixed',
    status: 'closed',
    channel: 'online',
    version: 1,
    createdAt: at,
    updatedAt: at,
    updates: [],
    expiresAt: Math.floor(made.getTime() / 1000) + 365 * 86_400,
    notificationAttempts: 0,
  };
}

/** Seeds `count` expired cases with a history entry each and their photos on disk, then sweeps them as the schedule would, run after run. */
export async function measureSweep(options: SweepBenchOptions): Promise<SweepBenchResult> {
  const embedded = await startStoreProcess();
  const dir = mkdtempSync(path.join(tmpdir(), 'ldf-bench-sweep-'));
  try {
    const tableName = 'bench-retention-sweep';
    await ensureTable(createStoreClient({ endpoint: embedded.endpoint }), tableName);
    let requests = 0;
    const store: CouncilStore = { client: createStoreClient({ endpoint: embedded.endpoint, onRequest: () => requests++ }), tableName };
    const photos = new LocalPhotoStorage({ dir, uploadUrl: '/_dev/uploads/bench', clock: () => NOW });
    options.progress?.(`retention sweep: seeding ${options.cases.toLocaleString('en-GB')} expired cases, each with a history entry and a photo`);
    const cases = Array.from({ length: options.cases }, (_, i) => expiredCase(i, options.cases));
    await seedCases(store, cases.length, (i) => cases[i]);
    const doc = documentClient(store);
    for (let i = 0; i < cases.length; i += 25) {
      let items = cases.slice(i, i + 25).map((c) => ({
        PutRequest: { Item: historyItem(c, { id: `note-${c.reference}`, kind: 'note', at: c.createdAt, by: { kind: 'system' }, text: 'Checked on site', public: false }) },
      }));
      while (items.length > 0) items = ((await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: items } }))).UnprocessedItems?.[tableName] ?? []) as typeof items;
    }
    await mkdir(path.join(dir, 'photos'), { recursive: true });
    await Promise.all(cases.map((c) => writeFile(path.join(dir, 'photos', c.public!.media![0]), PHOTO_BYTES)));

    options.progress?.(`retention sweep: sweeping, ${SWEEP_LIMIT} entries a run`);
    const logger = createLogger();
    requests = 0;
    let swept = 0;
    let photosGone = 0;
    let runs = 0;
    const started = performance.now();
    for (;;) {
      const r = await sweepExpired({ store, photos, logger }, NOW);
      runs++;
      swept += r.cases;
      photosGone += r.photos;
      if (r.cases === 0 || runs > cases.length) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const left = readdirSync(path.join(dir, 'photos')).length;
    return {
      cases: swept,
      storeItems: swept * 2,
      photos: photosGone,
      runs,
      limit: SWEEP_LIMIT,
      seconds: round(seconds, 2),
      casesPerSecond: Math.round(swept / seconds),
      storeItemsPerSecond: Math.round((swept * 2) / seconds),
      requestsPerCase: round(requests / Math.max(1, swept), 2),
      complete: swept === cases.length && left === 0,
    };
  } finally {
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function sweepRows(r: SweepBenchResult): Row[] {
  return [
    infoRow(
      `Retention sweep: expired report cases with a history entry and a photo each (${r.runs} runs of up to ${r.limit})`,
      `${r.cases.toLocaleString('en-GB')} cases, ${r.storeItems.toLocaleString('en-GB')} store items and ${r.photos.toLocaleString('en-GB')} photos in ${r.seconds} s` +
        `${r.complete ? '' : ' (some left!)'}`,
    ),
    infoRow('Retention sweep: items per second', `${r.casesPerSecond.toLocaleString('en-GB')} cases/s (${r.storeItemsPerSecond.toLocaleString('en-GB')} store items/s), ${r.requestsPerCase} store requests per case`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const started = performance.now();
  const result = await measureSweep({ cases: quick ? 100 : 500, progress: (m) => process.stderr.write(`[data-rights ${((performance.now() - started) / 1000).toFixed(1)}s] ${m}\n`) });
  const { table } = await import('./report.ts');
  const rows = sweepRows(result);
  process.stdout.write(table(rows.map((x) => [x.metric, x.value, x.goal, x.status]), ['Metric', 'Value', 'Goal', 'Result']) + '\n');
}
