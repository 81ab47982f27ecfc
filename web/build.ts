/**
 * Builds the web assets every council app serves: govuk-frontend's CSS (with our additions),
 * its fonts and images, and one JS bundle that initialises its components.
 */
import { build } from 'esbuild';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const WEB_DIST = path.resolve(import.meta.dirname, 'dist');
const GOVUK = path.resolve(import.meta.dirname, '../node_modules/govuk-frontend/dist/govuk');

export async function buildWebAssets(outDir = WEB_DIST): Promise<void> {
  await mkdir(outDir, { recursive: true });
  // govuk-frontend's CSS points at /assets/…; our assets live under each council's path, so make the URLs relative.
  const govukCss = (await readFile(path.join(GOVUK, 'govuk-frontend.min.css'), 'utf8')).replaceAll('url(/assets/', 'url(');
  const ours = await readFile(path.resolve(import.meta.dirname, 'app.css'), 'utf8');
  await writeFile(path.join(outDir, 'app.css'), `${govukCss}\n${ours}`);
  await cp(path.join(GOVUK, 'assets/fonts'), path.join(outDir, 'fonts'), { recursive: true });
  await cp(path.join(GOVUK, 'assets/images'), path.join(outDir, 'images'), { recursive: true });
  await build({
    entryPoints: [path.resolve(import.meta.dirname, 'src-app.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    outfile: path.join(outDir, 'app.js'),
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildWebAssets();
}
