/**
 * Synthesis at scale: the whole app (Platform plus one stack per council) synthesised for N generated
 * councils, each N in a fresh child process, then the largest assembly checked against
 * CloudFormation's limits and for physical names that would clash on deployment.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { buildLambdaBundle } from '../functions/build-lambda.ts';
import { loadCouncils } from '../functions/config/load-councils.ts';
import { goalRow, infoRow, ms, type Row } from './report.ts';
import { round } from './stats.ts';
import { ACCOUNT_QUOTAS, analyseAssembly, CFN_LIMITS, type AssemblyReport } from './synth-analyse.ts';
import type { SynthChildResult, SynthJob } from './synth-child.ts';
import { generateCouncils } from './synth-councils.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const CHILD = path.join(import.meta.dirname, 'synth-child.ts');

export const SYNTH_GOALS = {
  /** The largest N the platform plans for, and how long its synthesis may take. */
  councils: 400,
  maxMs: 30_000,
  /** ms per council at 400 over ms per council at 100: roughly linear growth. */
  growthRatioMax: 1.5,
  resourcesPerStackBelow: CFN_LIMITS.resourcesPerCouncilStack,
  templateBytesMax: CFN_LIMITS.templateBytesViaS3,
  outputsBelow: CFN_LIMITS.outputs,
  parametersBelow: CFN_LIMITS.parameters,
  mappingsBelow: CFN_LIMITS.mappings,
  nameClashesMax: 0,
} as const;

export interface SynthRun extends SynthChildResult {
  /** The child process from spawn to exit, including Node start-up and module loading. */
  processMs: number;
  msPerCouncil: number;
  withOtherAccount: number;
  withDomain: number;
}

export interface SynthResults {
  sizes: number[];
  bases: string[];
  bundleBuildMs: number;
  runs: SynthRun[];
  /** ms/council at 400 over ms/council at 100, when both were measured. */
  growthRatio?: number;
  checkedAt: number;
  /** The checks on the `checkedAt` assembly (per-stack figures left out). */
  assembly: Omit<AssemblyReport, 'stacks'>;
  /** Where the assembly was kept (`keep`), else undefined: the work folder is removed. */
  keptDir?: string;
}

export interface SynthOptions {
  sizes: number[];
  /** The N whose assembly is checked (the largest when not given). */
  checkAt?: number;
  /** Keep the work folder (bundle, layers, assemblies) instead of removing it. */
  keep?: boolean;
  platformAccount?: string;
  progress?: (message: string) => void;
}

/**
 * The context `cdk synth` gives the app: the feature flags in cdk.json, and the CLI's defaults (path
 * and asset metadata in templates, the AWS::CDK::Metadata version-reporting resource), so the
 * templates measured are the ones the CLI would deploy.
 */
async function cdkSynthContext(): Promise<Record<string, unknown>> {
  const cdkJson = JSON.parse(await readFile(path.join(ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return {
    ...cdkJson.context,
    [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true,
    [cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true,
    [cxapi.ANALYTICS_REPORTING_ENABLED_CONTEXT]: true,
    [cxapi.BUNDLING_STACKS]: ['**'],
  };
}

async function synthInChild(job: SynthJob, jobFile: string): Promise<{ result: SynthChildResult; processMs: number }> {
  await writeFile(jobFile, JSON.stringify(job));
  const env = { ...process.env };
  // The child gets tsx from --import; a loader inherited through NODE_OPTIONS would be registered twice.
  delete env.NODE_OPTIONS;
  const started = performance.now();
  try {
    await run(process.execPath, ['--import', 'tsx', CHILD, jobFile], { cwd: ROOT, env, timeout: 20 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as Error & { stderr?: string; stdout?: string };
    throw new Error(`Synthesis of ${job.councils.length} councils failed: ${e.message}\n${e.stderr ?? ''}`);
  }
  const processMs = performance.now() - started;
  const result = JSON.parse(await readFile(job.resultFile, 'utf8')) as SynthChildResult;
  return { result, processMs };
}

export async function measureSynth(options: SynthOptions): Promise<SynthResults> {
  const progress = options.progress ?? (() => undefined);
  const sizes = options.sizes;
  const checkAt = options.checkAt ?? Math.max(...sizes);
  if (!sizes.includes(checkAt)) throw new Error(`checkAt ${checkAt} is not one of the sizes ${sizes.join(', ')}`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'ldf-synth-'));
  try {
    const bases = await loadCouncils();
    progress(`synthesis: building the shared Lambda bundle once (in ${work})`);
    const b0 = performance.now();
    const bundle = await buildLambdaBundle(path.join(work, 'lambda'));
    const bundleBuildMs = performance.now() - b0;
    const context = await cdkSynthContext();

    const runs: SynthRun[] = [];
    let assembly: AssemblyReport | undefined;
    for (const n of sizes) {
      const generated = await generateCouncils(n, bases);
      const dir = path.join(work, `n${n}`);
      await mkdir(dir, { recursive: true });
      progress(`synthesis: ${n} council${n === 1 ? '' : 's'} (${generated.withOtherAccount} in another account, ${generated.withDomain} with a custom domain), in a fresh process`);
      const { result, processMs } = await synthInChild(
        {
          councils: generated.councils,
          bundleDir: bundle.dir,
          layersDir: path.join(dir, 'layers'),
          outdir: path.join(dir, 'cdk.out'),
          platformAccount: options.platformAccount,
          context,
          resultFile: path.join(dir, 'result.json'),
        },
        path.join(dir, 'job.json'),
      );
      runs.push({ ...result, processMs, msPerCouncil: result.totalMs / n, withOtherAccount: generated.withOtherAccount, withDomain: generated.withDomain });
      if (n === checkAt) {
        progress(`synthesis: checking the ${n}-council assembly`);
        assembly = await analyseAssembly(path.join(dir, 'cdk.out'));
      }
      // 400 councils' layers and templates are tens of MB: keep only what was asked for.
      if (!options.keep) await rm(dir, { recursive: true, force: true });
    }
    const at = (n: number) => runs.find((r) => r.councils === n);
    const r100 = at(100);
    const r400 = at(400);
    const { stacks: _stacks, ...summary } = assembly!;
    return {
      sizes,
      bases: bases.map((c) => c.id),
      bundleBuildMs,
      runs,
      growthRatio: r100 && r400 ? r400.msPerCouncil / r100.msPerCouncil : undefined,
      checkedAt: checkAt,
      assembly: summary,
      keptDir: options.keep ? work : undefined,
    };
  } finally {
    if (!options.keep) await rm(work, { recursive: true, force: true });
  }
}

const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
const int = (n: number) => n.toLocaleString('en-GB');

/**
 * The rows for the bench table. The time goal (30 s) is set for 400 councils; `timeGoalAt` applies it
 * to another N as well (synth-check does, for N up to 400: fewer councils must be no slower).
 */
export function synthRows(r: SynthResults, timeGoalAt: number[] = [SYNTH_GOALS.councils]): Row[] {
  const g = SYNTH_GOALS;
  const rows: Row[] = [];
  for (const run of r.runs) {
    const n = run.councils;
    const metric = `Synth: ${n} council${n === 1 ? '' : 's'}, createLdfApp + synth (ms/council)`;
    const value = `${ms(run.totalMs)} (${ms(run.msPerCouncil)}/council; peak RSS ${mib(run.maxRssKb)})`;
    rows.push(timeGoalAt.includes(n) ? goalRow(metric, value, `<= ${g.maxMs / 1000} s`, run.totalMs <= g.maxMs) : infoRow(metric, value));
  }
  rows.push(
    r.growthRatio === undefined
      ? infoRow('Synth: growth, ms/council at 400 / at 100', 'not measured (needs 100 and 400 councils: full run)')
      : goalRow('Synth: growth, ms/council at 400 / at 100', `${r.growthRatio.toFixed(2)}x`, `<= ${g.growthRatioMax}x`, r.growthRatio <= g.growthRatioMax),
  );
  const a = r.assembly;
  const at = `(${r.checkedAt} councils)`;
  rows.push(
    goalRow(
      `Synth ${at}: resources per council stack, max (min)`,
      `${a.resources.max} (${a.resources.min}); largest ${a.resources.maxStack}`,
      `< ${g.resourcesPerStackBelow}`,
      a.resources.max < g.resourcesPerStackBelow,
    ),
    goalRow(
      `Synth ${at}: template bytes per council stack, max`,
      `${int(a.templateBytes.max)} B (min ${int(a.templateBytes.min)} B); ${a.templateBytes.maxStack}`,
      `<= ${int(g.templateBytesMax)} B (via S3)`,
      a.templateBytes.max <= g.templateBytesMax,
    ),
    infoRow(`Synth ${at}: templates over ${int(CFN_LIMITS.templateBytesDirect)} B (direct-upload limit; cdk deploy uses S3)`, `${a.templateBytes.overDirectUpload} of ${a.councilStacks}`),
    goalRow(
      `Synth ${at}: outputs / parameters / mappings per stack, max`,
      `${a.outputs.max} / ${a.parameters.max} / ${a.mappings.max}`,
      `< ${g.outputsBelow} each`,
      a.outputs.max < g.outputsBelow && a.parameters.max < g.parametersBelow && a.mappings.max < g.mappingsBelow,
    ),
    goalRow(
      `Synth ${at}: physical name clashes (same account + region)`,
      `${a.names.clashes.length} (${int(a.names.checked)} literal names in ${Object.keys(a.environments).length} envs + ${a.otherStacks.join(', ') || 'no other stacks'}; ${a.names.unresolved} not literal)`,
      `${g.nameClashesMax}`,
      a.names.clashes.length <= g.nameClashesMax,
    ),
  );
  const envs = Object.values(a.perEnvironment);
  const most = (k: keyof (typeof envs)[number]) => Math.max(...envs.map((e) => e[k]));
  const q = ACCOUNT_QUOTAS;
  const flag = (n: number, quota: number, what = 'default quota') => `${n}${n > quota ? ' OVER' : ''} (${what} ${int(quota)})`;
  rows.push(
    infoRow(
      `Synth ${at}: busiest account + region (incl. Platform), against default account quotas`,
      `stacks ${flag(most('stacks'), q.stacks)}; EventBridge rules ${flag(most('eventRules'), q.eventRulesPerBus)}; ` +
        `custom domains ${flag(most('customDomains'), q.customDomains)}; reserved Lambda concurrency ${flag(most('reservedConcurrency'), q.lambdaConcurrency - 100, 'reservable by default')}`,
    ),
  );
  return rows;
}

/** The per-N details and the checked assembly's make-up, for the printed report. */
export function synthDetails(r: SynthResults): { header: string[]; rows: string[][]; notes: string[] } {
  const header = ['Councils', 'createLdfApp', 'synth()', 'Total', 'ms/council', 'Peak RSS', 'Process (incl. imports)', 'Other account / domain'];
  const rows = r.runs.map((x) => [
    String(x.councils),
    ms(x.constructMs),
    ms(x.synthMs),
    ms(x.totalMs),
    ms(x.msPerCouncil),
    mib(x.maxRssKb),
    `${ms(x.processMs)} (import ${ms(x.importMs)})`,
    `${x.withOtherAccount} / ${x.withDomain}`,
  ]);
  const a = r.assembly;
  const types = Object.entries(a.resourceTypes)
    .sort((p, q) => q[1] - p[1])
    .map(([t, n]) => `${t.replace(/^AWS::/, '')} ${round(n, 2)}`)
    .join(', ');
  const notes = [
    '',
    `Cloned from: ${r.bases.join(', ')}; shared Lambda bundle built once in ${ms(r.bundleBuildMs)}.`,
    `Checked assembly (${r.checkedAt} councils): ${a.councilStacks} council stacks + ${a.otherStacks.join(', ')}; ${int(a.assemblyFiles)} files, ${(a.assemblyBytes / 1024 / 1024).toFixed(1)} MiB.`,
    `Council stacks per environment: ${Object.entries(a.environments).map(([e, n]) => `${e} ${n}`).join('; ')} (unknown-account: the platform's account).`,
    `Resources per council stack, by type (mean): ${types}.`,
    `Literal physical names checked, by type: ${Object.entries(a.names.byType).map(([t, n]) => `${t.replace(/^AWS::/, '')} ${n}`).join(', ')}.`,
  ];
  for (const c of a.names.clashes.slice(0, 20)) notes.push(`CLASH ${c.environment} ${c.type} "${c.name}": ${c.claimedBy.join(', ')}`);
  if (a.names.clashes.length > 20) notes.push(`... and ${a.names.clashes.length - 20} more clashes`);
  return { header, rows, notes };
}
