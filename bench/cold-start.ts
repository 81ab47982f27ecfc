/** Cold starts: fresh `node` processes importing each bundle and invoking its handler once. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { coldStartEnv } from './env.ts';
import { median } from './stats.ts';

const run = promisify(execFile);
const CHILD = path.join(import.meta.dirname, 'cold-start-child.mjs');

export interface ColdSample {
  totalMs: number;
  beforeImportMs: number;
  importMs: number;
  invokeMs: number;
  cpuMs: number;
  status: number;
  bodyBytes: number;
}

export interface ColdTarget {
  name: string;
  entry: string;
  path: string;
  /** Extra environment for the child, e.g. where the council's config file is. */
  env?: Record<string, string>;
}

export interface ColdResult {
  name: string;
  path: string;
  samples: ColdSample[];
  medianMs: number;
  medianImportMs: number;
  medianInvokeMs: number;
  medianCpuMs: number;
  minMs: number;
  maxMs: number;
}

async function once(target: ColdTarget): Promise<ColdSample> {
  const { stdout } = await run(process.execPath, [CHILD, target.entry, target.path], {
    env: { ...coldStartEnv(), ...target.env },
    timeout: 30_000,
    maxBuffer: 1024 * 1024,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  const sample = JSON.parse(line) as ColdSample;
  if (sample.status !== 200) throw new Error(`Cold start of ${target.name} (${target.path}) answered ${sample.status}, not 200`);
  return sample;
}

/** Runs each target `runs` times, alternating (and swapping who goes first each round), after one discarded run each. */
export async function measureColdStarts(targets: [ColdTarget, ColdTarget], runs: number): Promise<[ColdResult, ColdResult]> {
  // Warm the file cache so the first measured run is not penalised for reading the bundle from disk.
  for (const t of targets) await once(t);
  const samples: [ColdSample[], ColdSample[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const j of order) samples[j].push(await once(targets[j]));
  }
  return targets.map((t, j) => {
    const s = samples[j];
    return {
      name: t.name,
      path: t.path,
      samples: s,
      medianMs: median(s.map((x) => x.totalMs)),
      medianImportMs: median(s.map((x) => x.importMs)),
      medianInvokeMs: median(s.map((x) => x.invokeMs)),
      medianCpuMs: median(s.map((x) => x.cpuMs)),
      minMs: Math.min(...s.map((x) => x.totalMs)),
      maxMs: Math.max(...s.map((x) => x.totalMs)),
    };
  }) as [ColdResult, ColdResult];
}
