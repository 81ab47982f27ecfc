/** Warm throughput and latency under load: autocannon against the council page and the baseline, alternating. */
import autocannon, { type Result } from 'autocannon';
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

export interface WarmOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
}

async function fire(url: string, connections: number, duration: number): Promise<Result> {
  // One worker thread fires the requests, so the load generator does not share the servers' event loop.
  return autocannon({ url, connections, duration, workers: 1, timeout: 10 });
}

function toRound(r: Result): WarmRound {
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

export async function measureWarm(targets: [WarmTarget, WarmTarget], options: WarmOptions): Promise<[WarmResult, WarmResult]> {
  for (const t of targets) await preflight(t);
  for (const t of targets) await fire(t.url, options.connections, options.warmupS);
  const rounds: [WarmRound[], WarmRound[]] = [[], []];
  for (let i = 0; i < options.rounds; i++) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const j of order) rounds[j].push(toRound(await fire(targets[j].url, options.connections, options.durationS)));
  }
  return targets.map((t, j) => {
    const rs = rounds[j];
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
  }) as [WarmResult, WarmResult];
}
