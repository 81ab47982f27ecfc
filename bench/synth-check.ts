/**
 * A slow pre-deployment check: synthesises the app for N generated councils (default 400) in a fresh
 * process and checks the assembly against CloudFormation's limits and for clashing physical names.
 *
 *   npx tsx bench/synth-check.ts [N] [--keep] [--json]
 *
 * Exits 1 on any MISS (2 if the check could not run). `--keep` keeps the assembly and prints where;
 * LDF_PLATFORM_ACCOUNT sets the platform's account, as for `cdk synth`.
 */
import './env.ts';
import { parseArgs } from 'node:util';
import { section, table } from './report.ts';
import { measureSynth, SYNTH_GOALS, synthDetails, synthRows } from './synth.ts';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { keep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});
const n = positionals[0] === undefined ? SYNTH_GOALS.councils : Number(positionals[0]);
if (!Number.isInteger(n) || n < 1) {
  process.stderr.write(`usage: npx tsx bench/synth-check.ts [N] [--keep] [--json]  (N a whole number of councils, default ${SYNTH_GOALS.councils})\n`);
  process.exit(2);
}

const started = performance.now();
const progress = (message: string) => process.stderr.write(`[synth-check ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);

try {
  const results = await measureSynth({ sizes: [n], keep: flags.keep, platformAccount: process.env.LDF_PLATFORM_ACCOUNT, progress });
  // The 30 s goal is set for 400 councils; fewer must meet it too, more are reported for information.
  const rows = synthRows(results, n <= SYNTH_GOALS.councils ? [n] : []).filter((row) => !row.metric.startsWith('Synth: growth'));
  const details = synthDetails(results);
  const out = [
    section(`Synthesis check: ${n} generated council${n === 1 ? '' : 's'}`),
    table(rows.map((x) => [x.metric, x.value, x.goal, x.status]), ['Metric', 'Value', 'Goal', 'Result']),
    '',
    table(details.rows, details.header),
    ...details.notes,
  ];
  if (results.keptDir) out.push(`Kept the work folder (bundle, layers, cdk.out): ${results.keptDir}`);
  const misses = rows.filter((row) => row.status === 'MISS');
  out.push(misses.length === 0 ? '\nPASS: every check met.' : `\nMISS: ${misses.map((m) => m.metric).join('; ')}`);
  process.stdout.write(out.join('\n') + '\n');
  if (flags.json) process.stdout.write(JSON.stringify({ rows, results }, null, 2) + '\n');
  process.exit(misses.length === 0 ? 0 : 1);
} catch (error) {
  process.stderr.write(`\nThe synthesis check could not run: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
}
