/**
 * Builds one council's Lambda bundle: its council file and the platform in one ESM file, with the
 * web assets beside it. Used by the CDK stacks and the bench.
 */
import { build, type Metafile } from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildWebAssets } from '../web/build.ts';
import { loadCouncilFile } from './config/load-councils.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface LambdaBundle {
  dir: string;
  entry: string;
  metafile: Metafile;
}

export async function buildCouncilBundle(councilId: string, outDir: string): Promise<LambdaBundle> {
  // Validated here, so a bad council file stops the build and the bundle carries plain data.
  const council = await loadCouncilFile(path.join(ROOT, 'councils', `${councilId}.ts`));
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const entry = path.join(outDir, 'index.mjs');
  const result = await build({
    stdin: {
      contents: [
        `import { createLambdaHandler } from './functions/handler.ts';`,
        `export const handler = createLambdaHandler(${JSON.stringify(council)});`,
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: `lambda-${councilId}.ts`,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: false,
    // Split so that code loaded on demand (the Notify client) stays out of the cold start.
    splitting: true,
    outdir: outDir,
    entryNames: 'index',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    metafile: true,
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    // Some dependencies are CommonJS and call require() for Node built-ins.
    banner: { js: "import { createRequire as __ldfRequire } from 'node:module'; const require = __ldfRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  await buildWebAssets(path.join(outDir, 'assets'));
  return { dir: outDir, entry, metafile: result.metafile };
}
