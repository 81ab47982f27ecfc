/**
 * One synthesis, in its own process (run by bench/synth.ts with `node --import tsx`): reads a job file,
 * times `createLdfApp({...}).app.synth()` and writes the timings and peak RSS to the job's result file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AppProps } from 'aws-cdk-lib';
import type { CouncilConfig } from '../functions/config/council-schema.ts';

export interface SynthJob {
  councils: CouncilConfig[];
  bundleDir: string;
  layersDir: string;
  outdir: string;
  platformAccount?: string;
  /** Context for the App (the feature flags in cdk.json, which the CLI would pass). */
  context?: Record<string, unknown>;
  resultFile: string;
}

export interface SynthChildResult {
  councils: number;
  /** Loading infra/ldf-app.ts and aws-cdk-lib (not part of the timed synthesis). */
  importMs: number;
  /** createLdfApp: building the construct tree. */
  constructMs: number;
  /** app.synth(): preparing, validating and writing the cloud assembly. */
  synthMs: number;
  /** createLdfApp + app.synth(): the timed figure. */
  totalMs: number;
  /** Peak resident set size of the child, in KiB (process.resourceUsage().maxRSS). */
  maxRssKb: number;
  heapUsedBytes: number;
}

const jobFile = process.argv[2];
if (!jobFile) {
  process.stderr.write('usage: synth-child.ts <job.json>\n');
  process.exit(2);
}
const job = JSON.parse(readFileSync(jobFile, 'utf8')) as SynthJob;

const t0 = performance.now();
const { createLdfApp } = await import('../infra/ldf-app.ts');
const t1 = performance.now();
const { app } = createLdfApp({
  councils: job.councils,
  bundleDir: job.bundleDir,
  layersDir: job.layersDir,
  platformAccount: job.platformAccount,
  appProps: { outdir: job.outdir, builtinCloudFormationValidation: false, context: job.context } satisfies AppProps,
});
const t2 = performance.now();
app.synth();
const t3 = performance.now();

const result: SynthChildResult = {
  councils: job.councils.length,
  importMs: t1 - t0,
  constructMs: t2 - t1,
  synthMs: t3 - t2,
  totalMs: t3 - t1,
  maxRssKb: process.resourceUsage().maxRSS,
  heapUsedBytes: process.memoryUsage().heapUsed,
};
writeFileSync(job.resultFile, JSON.stringify(result));
