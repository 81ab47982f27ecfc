/**
 * Submission throughput of report a problem: drafts are answered up to the check page first (not
 * timed), then their final POST …/check is fired with bounded concurrency from a worker thread and
 * timed, against a baseline fired the same way in the same run (POST /submit on the baseline server:
 * one raw conditional PutItem). Alternating rounds, as for the warm load, so drift on the machine
 * affects both about equally.
 */
import { Worker } from 'node:worker_threads';
import { prepareDrafts } from './report-journey.ts';
import type { Servers } from './servers.ts';
import { median, percentile, round } from './stats.ts';

export interface SubmissionOptions {
  /** Submissions (and baseline posts) per round. */
  perRound: number;
  rounds: number;
  /** Untimed submissions of each kind first (JIT, connections). */
  warmup: number;
  /** Requests in flight at once. */
  concurrency: number;
}

interface PostRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface FireResult {
  elapsedMs: number;
  latenciesMs: number[];
  statuses: number[];
  locations: string[];
  errors: string[];
}

export interface SubmissionBatch {
  requests: number;
  elapsedMs: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests that failed or did not answer the expected 303. */
  failures: number;
}

export interface SubmissionResult {
  name: string;
  rounds: SubmissionBatch[];
  requests: number;
  /** All requests over the time of all rounds. */
  perSec: number;
  /** Over every request of every round. */
  p50Ms: number;
  p99Ms: number;
  failures: number;
  /** A few of the failures, to say what went wrong. */
  failureSamples: string[];
}

export interface SubmissionComparison {
  council: SubmissionResult & { storeRequestsPerSubmission: number };
  baseline: SubmissionResult;
  concurrency: number;
  /** council ÷ baseline per round, the two batches of a round back to back. */
  pairRatios: number[];
  /** Median of pairRatios. */
  throughputRatio: number;
  aggregateRatio: number;
  p99Ratio: number;
}

function startSubmitWorker() {
  const worker = new Worker(new URL('./submit-worker.mjs', import.meta.url));
  let pending: { resolve: (r: FireResult) => void; reject: (e: Error) => void } | undefined;
  worker.on('message', (m: { ok: boolean; result?: FireResult; error?: string }) => {
    const p = pending;
    pending = undefined;
    if (m.ok) p?.resolve(m.result!);
    else p?.reject(new Error(`the submit worker failed: ${m.error}`));
  });
  worker.on('error', (e) => pending?.reject(e));
  return {
    fire(requests: PostRequest[], concurrency: number): Promise<FireResult> {
      if (pending) throw new Error('one batch at a time');
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage({ requests, concurrency });
      });
    },
    stop: () => worker.terminate(),
  };
}

const formHeaders = (cookie: string) => ({ accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie });

/** N drafts at their check page, as the POSTs that send them. */
async function councilBatch(servers: Servers, councilId: string, uprn: string, n: number): Promise<PostRequest[]> {
  const drafts = await prepareDrafts(servers.councilOrigin, councilId, uprn, n);
  return drafts.map((d) => ({ url: servers.councilOrigin + d.checkPath, headers: formHeaders(d.cookie), body: new URLSearchParams({ csrf: d.csrfToken }).toString() }));
}

/** The same shape of request to the baseline (which ignores the cookie and the field). */
function baselineBatch(servers: Servers, n: number): PostRequest[] {
  const token = 'b'.repeat(32);
  return Array.from({ length: n }, () => ({ url: `${servers.baselineOrigin}/submit`, headers: formHeaders(`ldf_csrf=${token}`), body: `csrf=${token}` }));
}

function checkBatch(name: string, r: FireResult, expectLocation: RegExp): { batch: SubmissionBatch; failures: string[]; latencies: number[] } {
  const failures: string[] = [...r.errors];
  r.statuses.forEach((status, i) => {
    if (status === 0) return; // counted in errors
    if (status !== 303 || !expectLocation.test(r.locations[i])) failures.push(`${name}: ${status}${r.locations[i] ? ` to ${r.locations[i]}` : ''}`);
  });
  const n = r.statuses.length;
  return {
    batch: {
      requests: n,
      elapsedMs: round(r.elapsedMs, 1),
      perSec: round(n / (r.elapsedMs / 1000), 1),
      p50Ms: round(percentile(r.latenciesMs, 50)),
      p99Ms: round(percentile(r.latenciesMs, 99)),
      failures: failures.length,
    },
    failures,
    latencies: r.latenciesMs,
  };
}

function summarise(name: string, batches: ReturnType<typeof checkBatch>[]): SubmissionResult {
  const latencies = batches.flatMap((b) => b.latencies);
  const requests = batches.reduce((n, b) => n + b.batch.requests, 0);
  const seconds = batches.reduce((n, b) => n + b.batch.elapsedMs / 1000, 0);
  const failures = batches.flatMap((b) => b.failures);
  return {
    name,
    rounds: batches.map((b) => b.batch),
    requests,
    perSec: requests / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failures: failures.length,
    failureSamples: failures.slice(0, 5),
  };
}

export async function measureSubmissions(
  servers: Servers,
  councilId: string,
  uprn: string,
  options: SubmissionOptions & { progress?: (message: string) => void },
): Promise<SubmissionComparison> {
  const councilDone = new RegExp(`^/${councilId}/report/done/[A-Z0-9-]+$`);
  const baselineDone = /^\/done\/[A-Za-z0-9_-]+$/;
  const worker = startSubmitWorker();
  try {
    const fire = async (requests: PostRequest[]) => {
      await servers.settle();
      return worker.fire(requests, options.concurrency);
    };
    if (options.warmup > 0) {
      const w = checkBatch('warm-up', await fire(await councilBatch(servers, councilId, uprn, options.warmup)), councilDone);
      if (w.failures.length > 0) throw new Error(`Warm-up submissions failed: ${w.failures.slice(0, 3).join('; ')}`);
      await fire(baselineBatch(servers, options.warmup));
    }
    const council: ReturnType<typeof checkBatch>[] = [];
    const baseline: ReturnType<typeof checkBatch>[] = [];
    let councilStoreRequests = 0;
    for (let i = 0; i < options.rounds; i++) {
      options.progress?.(`submissions round ${i + 1}/${options.rounds}: preparing ${options.perRound} drafts up to the check page`);
      const drafts = await councilBatch(servers, councilId, uprn, options.perRound);
      const runCouncil = async () => {
        await servers.settle();
        servers.counter.reset();
        const r = await fire(drafts);
        await servers.settle();
        councilStoreRequests += servers.counter.total;
        council.push(checkBatch('council', r, councilDone));
      };
      const runBaseline = async () => baseline.push(checkBatch('baseline', await fire(baselineBatch(servers, options.perRound)), baselineDone));
      // Swap who goes first each round, so neither always follows the other.
      if (i % 2 === 0) {
        await runCouncil();
        await runBaseline();
      } else {
        await runBaseline();
        await runCouncil();
      }
    }
    const c = summarise('council POST …/check', council);
    const b = summarise('baseline conditional PutItem', baseline);
    const pairRatios = council.map((r, i) => r.batch.perSec / baseline[i].batch.perSec);
    return {
      council: { ...c, storeRequestsPerSubmission: councilStoreRequests / c.requests },
      baseline: b,
      concurrency: options.concurrency,
      pairRatios: pairRatios.map((x) => round(x, 3)),
      throughputRatio: median(pairRatios),
      aggregateRatio: c.perSec / b.perSec,
      p99Ratio: c.p99Ms / b.p99Ms,
    };
  } finally {
    await worker.stop();
  }
}
