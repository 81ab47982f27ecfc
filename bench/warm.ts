/**
 * Warm throughput and latency under load: autocannon (in its own worker thread) against the council
 * page and the baseline, in many short alternating rounds so that other work on the machine, which
 * drifts over seconds, affects both about equally.
 */
import { Worker } from 'node:worker_threads';
import { median } from './stats.ts';

export interface WarmTarget {
  name: string;
  url: string;
}

export interface WarmRound {
  requests: number;
  durationS: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface WarmResult {
  name: string;
  url: string;
  rounds: WarmRound[];
  /** Completed requests over the measured time of all rounds. */
  reqPerSec: number;
  /** Median over rounds of each round's p99. */
  p99Ms: number;
  p50Ms: number;
  errors: number;
  non2xx: number;
}

export interface WarmComparison {
  council: WarmResult;
  baseline: WarmResult;
  /** council ÷ baseline req/s for each round, the two runs of a round being back to back. */
  pairRatios: number[];
  /** Median of pairRatios: the goal figure. */
  throughputRatio: number;
  /** Total council req/s ÷ total baseline req/s. */
  aggregateRatio: number;
  p99Ratio: number;
}

export interface WarmOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  /** Run before each load, e.g. to let requests left over from the previous one finish. */
  beforeEach?: () => Promise<void>;
}

interface LoadResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p99: number };
  requests: { total: number };
}

/** One worker thread for the whole measurement; `fire` runs autocannon there. */
function startLoadWorker() {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url));
  let pending: { resolve: (r: LoadResult) => void; reject: (e: Error) => void } | undefined;
  worker.on('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => {
    const p = pending;
    pending = undefined;
    if (m.ok) p?.resolve(m.result!);
    else p?.reject(new Error(`autocannon failed: ${m.error}`));
  });
  worker.on('error', (e) => pending?.reject(e));
  return {
    fire(url: string, connections: number, duration: number): Promise<LoadResult> {
      if (pending) throw new Error('one load at a time');
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage({ url, connections, duration, timeout: 10 });
      });
    },
    stop: () => worker.terminate(),
  };
}

function toRound(r: LoadResult): WarmRound {
  return {
    requests: r.requests.total,
    durationS: r.duration,
    reqPerSec: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

/** Checks each target answers 200 before loading it: a broken page would make the figures meaningless. */
async function preflight(target: WarmTarget): Promise<void> {
  const res = await fetch(target.url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${target.name} (${target.url}) answered ${res.status}, not 200`);
}

function summarise(t: WarmTarget, rs: WarmRound[]): WarmResult {
  const requests = rs.reduce((n, r) => n + r.requests, 0);
  const seconds = rs.reduce((n, r) => n + r.durationS, 0);
  return {
    name: t.name,
    url: t.url,
    rounds: rs,
    reqPerSec: requests / seconds,
    p99Ms: median(rs.map((r) => r.p99Ms)),
    p50Ms: median(rs.map((r) => r.p50Ms)),
    errors: rs.reduce((n, r) => n + r.errors + r.timeouts, 0),
    non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
  };
}

export async function measureWarm(council: WarmTarget, baseline: WarmTarget, options: WarmOptions): Promise<WarmComparison> {
  const targets = [council, baseline];
  for (const t of targets) await preflight(t);
  const load = startLoadWorker();
  try {
    const fire = async (t: WarmTarget, seconds: number) => {
      await options.beforeEach?.();
      return toRound(await load.fire(t.url, options.connections, seconds));
    };
    for (const t of targets) await fire(t, options.warmupS);
    const rounds: [WarmRound[], WarmRound[]] = [[], []];
    for (let i = 0; i < options.rounds; i++) {
      // Swap who goes first each round, so neither always follows the other.
      const order = i % 2 === 0 ? [0, 1] : [1, 0];
      for (const j of order) rounds[j].push(await fire(targets[j], options.durationS));
    }
    const c = summarise(council, rounds[0]);
    const b = summarise(baseline, rounds[1]);
    const pairRatios = rounds[0].map((r, i) => r.reqPerSec / rounds[1][i].reqPerSec);
    return {
      council: c,
      baseline: b,
      pairRatios,
      throughputRatio: median(pairRatios),
      aggregateRatio: c.reqPerSec / b.reqPerSec,
      p99Ratio: c.p99Ms / b.p99Ms,
    };
  } finally {
    await load.stop();
  }
}
