/**
 * Builds the Lambda code every council shares (one esbuild bundle, with the web assets beside it) and
 * each council's config file. The council stacks, the bench and the tests use these.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildWebAssets } from '../web/build.ts';
import { foldStartChunks } from './fold-start-chunks.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { CATALOGUE_FORMS } from '../catalogue/forms.ts';
import type { CouncilConfig } from './config/council-schema.ts';
import { loadCouncilFile } from './config/load-councils.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The esbuild settings for Lambda code (also used by the bench's baseline, so the two compare fairly). */
export const LAMBDA_ESBUILD_OPTIONS: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  sourcemap: false,
  // Split so that code loaded on demand (the Notify client, the calendar writer) stays out of the cold start.
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  metafile: true,
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __ldfRequire } from 'node:module'; const require = __ldfRequire(import.meta.url);" },
  logLevel: 'warning',
};

export interface LambdaBundle {
  dir: string;
  entry: string;
  metafile: Metafile;
}

/**
 * The shared Lambda code: `index.mjs` (councils' `index.handler`, with everything its cold start runs
 * folded in), `platform.mjs`, their chunks and `assets/`.
 */
export async function buildLambdaBundle(outDir: string): Promise<LambdaBundle> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  // Two builds, so that no chunk is shared between the two functions: folding the council function's
  // start chunks into index.mjs (below) would otherwise make the platform function load the council app.
  const entry = path.join(outDir, 'index.mjs');
  const council = await build({ ...LAMBDA_ESBUILD_OPTIONS, entryPoints: { index: path.join(ROOT, 'functions/lambda.ts') }, entryNames: '[name]', outdir: outDir });
  const platform = await build({ ...LAMBDA_ESBUILD_OPTIONS, entryPoints: { platform: path.join(ROOT, 'functions/platform-lambda.ts') }, entryNames: '[name]', chunkNames: 'platform-chunks/[name]-[hash]', outdir: outDir });
  const folded = await foldStartChunks({ workingDir: ROOT, entryFile: entry, metafile: council.metafile!, target: LAMBDA_ESBUILD_OPTIONS.target! });
  await buildWebAssets(path.join(outDir, 'assets'));
  return { dir: outDir, entry, metafile: { inputs: { ...platform.metafile!.inputs, ...folded.inputs }, outputs: { ...folded.outputs, ...platform.metafile!.outputs } } };
}

/** Where a council's config goes inside its layer folder; the layer is mounted at /opt. */
export const COUNCIL_CONFIG_IN_LAYER = path.join('council', 'council.json');
/** Beside it, the catalogue forms the council adopts, as data (functions/lambda.ts reads them on a form's first use). */
export const COUNCIL_FORMS_IN_LAYER = path.join('council', 'forms.json');

/** The catalogue forms a council's file adopts, in the catalogue's order. */
export function adoptedDefinitions(council: CouncilConfig): typeof CATALOGUE_FORMS {
  const adopted = council.services.forms?.adopted ?? {};
  return CATALOGUE_FORMS.filter((f) => Object.hasOwn(adopted, f.id));
}

/**
 * Writes a council's layer folder: its validated config and its adopted forms. Synchronous, since
 * synthesis (infra/ldf-app.ts) writes it while it builds the stacks; returns the config file.
 */
export function writeCouncilLayer(council: CouncilConfig, layerDir: string): string {
  const file = path.join(layerDir, COUNCIL_CONFIG_IN_LAYER);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(council));
  writeFileSync(path.join(layerDir, COUNCIL_FORMS_IN_LAYER), JSON.stringify(adoptedDefinitions(council)));
  return file;
}

/** Writes a council's validated config (and its forms) as its layer folder's content; returns the config file. */
export async function writeCouncilConfig(council: CouncilConfig, layerDir: string): Promise<string> {
  return writeCouncilLayer(council, layerDir);
}

/** One council's Lambda as it runs: the shared bundle plus that council's config (for the bench and tests). */
export async function buildCouncilBundle(councilId: string, outDir: string): Promise<LambdaBundle & { configFile: string }> {
  // Validated here, so a bad council file stops the build and the function reads plain data.
  const council = await loadCouncilFile(path.join(ROOT, 'councils', `${councilId}.ts`));
  const bundle = await buildLambdaBundle(outDir);
  const configFile = await writeCouncilConfig(council, path.join(outDir, 'layer'));
  return { ...bundle, configFile };
}
