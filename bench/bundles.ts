/** Builds the council bundle and the baseline bundle, and measures what is in them. */
import { build, type Metafile } from 'esbuild';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildCouncilBundle, LAMBDA_ESBUILD_OPTIONS } from '../functions/build-lambda.ts';
import { foldStartChunks } from '../functions/fold-start-chunks.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface BuiltBundle {
  dir: string;
  entry: string;
  metafile: Metafile;
}

export interface PackageBytes {
  name: string;
  bytes: number;
}

export interface BundleReport {
  /** Bytes of index.mjs. */
  entryBytes: number;
  /** Bytes of every other JS output the entry can reach (split chunks loaded on demand). */
  chunkBytes: number;
  /** index.mjs plus the chunks it imports statically: what a cold start loads. */
  coldLoadedBytes: number;
  totalJsBytes: number;
  /** Bytes of the copied web assets (not code; not loaded at cold start). */
  assetBytes: number;
  chunks: { file: string; bytes: number; loadedAtColdStart: boolean }[];
  /** Bytes in the output by npm package, largest first; the project's own source is "(app source)". */
  packages: PackageBytes[];
}

/** The council's Lambda bundle, built by the same function the CDK stacks use. */
export async function buildCouncil(councilId: string, outDir: string): Promise<BuiltBundle & { configFile: string }> {
  return buildCouncilBundle(councilId, outDir);
}

/** The baseline bundle, built as buildCouncilBundle builds the council function: the same esbuild settings, its start chunks folded in. */
export async function buildBaseline(outDir: string): Promise<BuiltBundle> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    entryPoints: { index: path.join(import.meta.dirname, 'baseline-handler.ts') },
    outdir: outDir,
  });
  const entry = path.join(outDir, 'index.mjs');
  const metafile = await foldStartChunks({ workingDir: ROOT, entryFile: entry, metafile: result.metafile!, target: LAMBDA_ESBUILD_OPTIONS.target! });
  return { dir: outDir, entry, metafile };
}

/** "node_modules/@scope/pkg/x.js" → "@scope/pkg"; nested node_modules count as the innermost package. */
export function packageOf(input: string): string {
  const parts = input.replace(/\\/g, '/').split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return '(app source)';
  const first = parts[at + 1] ?? '';
  return first.startsWith('@') ? `${first}/${parts[at + 2] ?? ''}` : first;
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return total;
}

export async function analyseBundle(bundle: BuiltBundle): Promise<BundleReport> {
  const outputs = bundle.metafile.outputs;
  // Output keys are relative to esbuild's working directory (the project root).
  const abs = (key: string) => path.resolve(ROOT, key);
  const entryKey = Object.keys(outputs).find((k) => abs(k) === path.resolve(bundle.entry));
  if (!entryKey) throw new Error(`index.mjs is not among esbuild's outputs for ${bundle.dir}`);

  // Everything index.mjs reaches through static imports is loaded before the handler can run.
  const coldLoaded = new Set<string>([entryKey]);
  const queue = [entryKey];
  while (queue.length > 0) {
    const key = queue.pop()!;
    for (const imp of outputs[key]?.imports ?? []) {
      if (imp.kind === 'import-statement' && !imp.external && outputs[imp.path] && !coldLoaded.has(imp.path)) {
        coldLoaded.add(imp.path);
        queue.push(imp.path);
      }
    }
  }

  // What the council function can load at all (through any import): the platform function's own
  // files share the folder but not the function.
  const reachable = new Set<string>([entryKey]);
  const pending = [entryKey];
  while (pending.length > 0) {
    for (const imp of outputs[pending.pop()!]?.imports ?? []) {
      if (!imp.external && outputs[imp.path] && !reachable.has(imp.path)) {
        reachable.add(imp.path);
        pending.push(imp.path);
      }
    }
  }

  const byPackage = new Map<string, number>();
  const chunks: BundleReport['chunks'] = [];
  let entryBytes = 0;
  let chunkBytes = 0;
  let coldLoadedBytes = 0;
  for (const [key, output] of Object.entries(outputs)) {
    if (!key.endsWith('.mjs') || !reachable.has(key)) continue;
    const bytes = (await stat(abs(key))).size;
    if (key === entryKey) entryBytes = bytes;
    else {
      chunkBytes += bytes;
      chunks.push({ file: path.relative(bundle.dir, abs(key)), bytes, loadedAtColdStart: coldLoaded.has(key) });
    }
    if (coldLoaded.has(key)) coldLoadedBytes += bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  chunks.sort((a, b) => b.bytes - a.bytes);
  const packages = [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  return {
    entryBytes,
    chunkBytes,
    coldLoadedBytes,
    totalJsBytes: entryBytes + chunkBytes,
    assetBytes: await dirBytes(path.join(bundle.dir, 'assets')),
    chunks,
    packages,
  };
}
