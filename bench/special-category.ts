/**
 * Special-category answers: what sealing and opening cost per case with the local keyring (raw AES
 * from a key file, the Encryption SDK as in AWS), for a case of 12 marked answers, each sealed on its
 * own with the case's context. Sealed by one cipher, opened by another (a later request, as a care
 * officer opening the case would), one case after another; with the data key cache the platform uses
 * (one data key per case) and without it (one per answer), a case of each in turn after a warm-up. Also the library's import in a fresh
 * process, which the lazy import keeps out of the resident cold start. Run alone with
 * `npx tsx bench/special-category.ts [--quick]`; run.ts includes it.
 */
import './env.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createFieldCipher, localKeyFile, type FieldCipherOptions } from '../functions/core/crypto/encryption-sdk-cipher.ts';
import type { SealContext } from '../functions/core/crypto/field-cipher.ts';
import { infoRow, ms, type Row } from './report.ts';
import { median, percentile, round } from './stats.ts';

export interface SpecialCategoryOptions {
  /** Timed cases per variant, after a few untimed. */
  cases: number;
  answersPerCase: number;
  progress?: (message: string) => void;
}

interface Timing {
  medianMs: number;
  p90Ms: number;
}

export interface SpecialCategoryVariant {
  cache: boolean;
  sealPerCase: Timing;
  openPerCase: Timing;
}

export interface SpecialCategoryResult {
  cases: number;
  answersPerCase: number;
  /** The first seal of a process: the library's import, the key file read, the first data key. */
  firstSealMs: number;
  /** `await import('@aws-crypto/client-node')` in a fresh Node process. */
  importMs: number;
  plaintextBytesPerCase: number;
  sealedBytesPerCase: number;
  variants: SpecialCategoryVariant[];
}

/** Answers of the lengths a care needs assessment gets: a few words to a paragraph, stored as the engine stores them. */
function answersOf(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const text = `Answer ${i}: ${'I need help with washing and dressing in the morning, and my medication at night. '.repeat(1 + (i % 4))}`.trim();
    return JSON.stringify({ text: [text], value: text });
  });
}

const timing = (values: number[]): Timing => ({ medianMs: round(median(values), 3), p90Ms: round(percentile(values, 90), 3) });

async function measureImport(): Promise<number> {
  const script = "const t = performance.now(); await import('@aws-crypto/client-node'); process.stdout.write(String(performance.now() - t));";
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: path.resolve(import.meta.dirname, '..') });
  return round(Number(stdout), 1);
}

export async function measureSpecialCategory(options: SpecialCategoryOptions): Promise<SpecialCategoryResult> {
  const keyFile = await localKeyFile(mkdtempSync(path.join(tmpdir(), 'ldf-bench-keys-')), 'hackney');
  const answers = answersOf(options.answersPerCase);
  const contextOf = (n: number): SealContext => ({ council: 'hackney', reference: `B${String(n).padStart(6, '0')}`, form: 'care-needs-assessment' });

  options.progress?.('special category: the library’s import in a fresh process');
  const importMs = await measureImport();
  const first = createFieldCipher({ keyring: 'raw-aes', keyFile });
  const firstStarted = performance.now();
  await first.seal(answers[0], contextOf(0));
  const firstSealMs = round(performance.now() - firstStarted, 1);

  options.progress?.(`special category: ${options.cases} cases of ${options.answersPerCase} answers sealed and opened, with and without the data key cache, alternating`);
  const targets = [true, false].map((cache) => {
    const settings: FieldCipherOptions = { keyring: 'raw-aes', keyFile, ...(cache ? {} : { cache: false as const }) };
    return { cache, sealer: createFieldCipher(settings), opener: createFieldCipher(settings), sealMs: [] as number[], openMs: [] as number[] };
  });
  let sealedBytesPerCase = 0;
  let caseNumber = 0;
  // Untimed cases first, so both variants are past the JIT's warm-up; then one case of each in turn.
  const warmup = 20;
  for (let n = 1; n <= options.cases + warmup; n++) {
    for (const t of n % 2 ? targets : [...targets].reverse()) {
      const context = contextOf(++caseNumber);
      const sealStarted = performance.now();
      const sealed: string[] = [];
      for (const answer of answers) sealed.push(await t.sealer.seal(answer, context));
      const sealEnded = performance.now();
      const opened: string[] = [];
      for (const s of sealed) opened.push(await t.opener.open(s, context));
      const openEnded = performance.now();
      if (opened.join('') !== answers.join('')) throw new Error('A sealed answer did not open to what was sealed');
      if (n > warmup) {
        t.sealMs.push(sealEnded - sealStarted);
        t.openMs.push(openEnded - sealEnded);
      }
      sealedBytesPerCase = sealed.reduce((sum, s) => sum + s.length, 0);
    }
  }
  const variants: SpecialCategoryVariant[] = targets.map((t) => ({ cache: t.cache, sealPerCase: timing(t.sealMs), openPerCase: timing(t.openMs) }));
  return {
    cases: options.cases,
    answersPerCase: options.answersPerCase,
    firstSealMs,
    importMs,
    plaintextBytesPerCase: answers.reduce((sum, a) => sum + Buffer.byteLength(a), 0),
    sealedBytesPerCase,
    variants,
  };
}

export function specialCategoryRows(r: SpecialCategoryResult): Row[] {
  const rows: Row[] = [];
  for (const v of r.variants) {
    const how = v.cache ? 'one data key per case (as configured)' : 'one data key per answer (no cache)';
    rows.push(infoRow(`Special category, local keyring: a case of ${r.answersPerCase} answers sealed, ${how}`, `median ${ms(v.sealPerCase.medianMs)}, p90 ${ms(v.sealPerCase.p90Ms)} per case (${r.cases} cases)`));
    rows.push(infoRow(`Special category, local keyring: a case of ${r.answersPerCase} answers opened, ${how}`, `median ${ms(v.openPerCase.medianMs)}, p90 ${ms(v.openPerCase.p90Ms)} per case (${r.cases} cases)`));
  }
  rows.push(infoRow('Special category: first seal in a process (library import, key file, first data key)', ms(r.firstSealMs)));
  rows.push(infoRow('Special category: Encryption SDK import in a fresh process (kept out of the cold start)', ms(r.importMs)));
  rows.push(infoRow(`Special category: stored size of a case's ${r.answersPerCase} answers`, `${r.sealedBytesPerCase.toLocaleString('en-GB')} bytes sealed (base64) for ${r.plaintextBytesPerCase.toLocaleString('en-GB')} bytes of answers`));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const started = performance.now();
  const result = await measureSpecialCategory({
    cases: quick ? 20 : 200,
    answersPerCase: 12,
    progress: (m) => process.stderr.write(`[special-category ${((performance.now() - started) / 1000).toFixed(1)}s] ${m}\n`),
  });
  const { table } = await import('./report.ts');
  process.stdout.write(table(specialCategoryRows(result).map((x) => [x.metric, x.value, x.goal, x.status]), ['Metric', 'Value', 'Goal', 'Result']) + '\n');
  const { readFile, writeFile, mkdir } = await import('node:fs/promises');
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const file = new URL('latest.json', dir);
  const latest = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  latest.specialCategory = { measuredAt: new Date().toISOString(), mode: quick ? 'quick' : 'full', ...result };
  await writeFile(file, JSON.stringify(latest, null, 2) + '\n');
  process.stderr.write('wrote the specialCategory section of bench/results/latest.json\n');
}
