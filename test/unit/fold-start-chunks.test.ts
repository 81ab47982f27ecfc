/**
 * Folding an entry's start chunks into it (functions/fold-start-chunks.ts): the folded bundle runs
 * exactly as the split one did (the same evaluation order, one instance of each module shared with
 * the lazily loaded chunks, their own lazy imports working), while its entry imports no file statically.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { LAMBDA_ESBUILD_OPTIONS } from '../../functions/build-lambda.ts';
import { foldStartChunks, startChunks } from '../../functions/fold-start-chunks.ts';
import { bundleInputs } from '../support/bundle-inputs.ts';

const run = promisify(execFile);

// An entry sharing code with two lazily loaded modules, in the shapes esbuild splits into chunks:
// a module all three use (with state), one the entry shares with one lazy module, one only the lazy
// ones share, a side-effect-only module and a lazy module that itself loads another lazily.
const SOURCES: Record<string, string> = {
  'order.ts': `export const order: string[] = ((globalThis as any).__order ??= []);`,
  'shared.ts': `import { order } from './order.ts'; order.push('shared'); export const counter = { n: 0 }; export function bump() { counter.n += 1; return counter.n; }`,
  'entry-and-a.ts': `import { order } from './order.ts'; order.push('entry-and-a'); export let label = 'first'; export function relabel(to: string) { label = to; }`,
  'lazy-only.ts': `import { order } from './order.ts'; order.push('lazy-only'); export const both = () => 'lazy-only';`,
  'side-effect.ts': `import { order } from './order.ts'; order.push('side-effect'); (globalThis as any).__sideEffect = true;`,
  'lazy-a.ts': `import { bump } from './shared.ts'; import { label, relabel } from './entry-and-a.ts'; import { both } from './lazy-only.ts'; export async function run() { relabel('from a'); const deeper = await import('./deeper.ts'); return [bump(), label, both(), deeper.deep()]; }`,
  'lazy-b.ts': `import { bump } from './shared.ts'; import { both } from './lazy-only.ts'; import './side-effect.ts'; export function run() { return [bump(), both()]; }`,
  'deeper.ts': `import { counter } from './shared.ts'; export const deep = () => 'deep ' + counter.n;`,
  'entry.ts': `
    import { order } from './order.ts';
    import { counter, bump } from './shared.ts';
    import { label } from './entry-and-a.ts';
    import './side-effect.ts';
    order.push('entry');
    export async function handler(which: 'a' | 'b') {
      const lazy = which === 'a' ? await import('./lazy-a.ts') : await import('./lazy-b.ts');
      return { result: await lazy.run(), counter: counter.n, label, bumped: bump() };
    }`,
};

async function splitBuild(): Promise<{ dir: string; entry: string; metafile: import('esbuild').Metafile }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ldf-fold-'));
  for (const [name, text] of Object.entries(SOURCES)) await writeFile(path.join(dir, name), text);
  const out = path.join(dir, 'out');
  const result = await build({ ...LAMBDA_ESBUILD_OPTIONS, absWorkingDir: dir, entryPoints: { index: path.join(dir, 'entry.ts') }, entryNames: '[name]', outdir: out });
  return { dir, entry: path.join(out, 'index.mjs'), metafile: result.metafile! };
}

/** What the bundle does, run in a fresh Node process: the evaluation order, then each lazy module's answer. */
async function behaviour(entry: string): Promise<unknown> {
  const script = `
    const { handler } = await import(${JSON.stringify(entry)});
    const order = [...globalThis.__order];
    const a = await handler('a');
    const b = await handler('b');
    console.log(JSON.stringify({ order, a, b, sideEffect: globalThis.__sideEffect === true, orderAfter: globalThis.__order }));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  return JSON.parse(stdout);
}

/** The relative files a module's text imports statically (esbuild's minified `from"./x"` and `import"./x"`). */
const staticImports = (text: string) => [...text.matchAll(/(?:\bfrom|\bimport)\s*["'](\.[^"']+)["']/g)].map((m) => m[1]);

describe('folding start chunks into the entry', () => {
  it('runs as the split bundle did, with one instance of each module, and its entry imports no chunk statically', async () => {
    const split = await splitBuild();
    const before = await behaviour(split.entry);
    const chunksAtStart = startChunks(split.metafile, path.relative(split.dir, split.entry));
    // The fixture does make esbuild split the start into several chunks, or the test would prove nothing.
    expect(chunksAtStart.length).toBeGreaterThanOrEqual(2);
    expect(staticImports(await readFile(split.entry, 'utf8')).length).toBeGreaterThanOrEqual(2);

    const folded = await foldStartChunks({ workingDir: split.dir, entryFile: split.entry, metafile: split.metafile, target: 'node22' });
    expect(staticImports(await readFile(split.entry, 'utf8'))).toEqual([]);
    const after = await behaviour(split.entry);
    expect(after).toEqual(before);
    // One instance: the lazy modules bump the entry's counter and relabel the entry's binding.
    expect(after).toMatchObject({
      order: ['shared', 'entry-and-a', 'side-effect', 'entry'],
      a: { result: [1, 'from a', 'lazy-only', 'deep 1'], counter: 1, label: 'from a', bumped: 2 },
      b: { result: [3, 'lazy-only'], counter: 3, bumped: 4 },
      sideEffect: true,
    });

    // The metafile says the same: the entry holds every start input, the folded chunks only point at it.
    const { atStart, anywhere } = bundleInputs(folded);
    expect(atStart.sort()).toEqual(['entry-and-a.ts', 'entry.ts', 'order.ts', 'shared.ts', 'side-effect.ts']);
    expect(anywhere).toEqual(expect.arrayContaining(['lazy-a.ts', 'lazy-b.ts', 'lazy-only.ts', 'deeper.ts']));
    const entryKey = path.relative(split.dir, split.entry);
    expect(folded.outputs[entryKey].imports.filter((i) => i.kind === 'import-statement')).toEqual([]);
    for (const key of chunksAtStart) expect(folded.outputs[key].imports).toEqual([{ path: entryKey, kind: 'import-statement' }]);
  });

  it('leaves an entry with no start chunks as it is', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ldf-fold-alone-'));
    await writeFile(path.join(dir, 'entry.ts'), `export const handler = async () => (await import('./lazy.ts')).answer;`);
    await writeFile(path.join(dir, 'lazy.ts'), `export const answer = 42;`);
    const result = await build({ ...LAMBDA_ESBUILD_OPTIONS, absWorkingDir: dir, entryPoints: { index: path.join(dir, 'entry.ts') }, entryNames: '[name]', outdir: path.join(dir, 'out') });
    const text = await readFile(path.join(dir, 'out/index.mjs'), 'utf8');
    const folded = await foldStartChunks({ workingDir: dir, entryFile: path.join(dir, 'out/index.mjs'), metafile: result.metafile!, target: 'node22' });
    expect(folded).toBe(result.metafile);
    expect(await readFile(path.join(dir, 'out/index.mjs'), 'utf8')).toBe(text);
  });

  it('keeps the entry’s default export, and refuses start code with a top-level await', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ldf-fold-edges-'));
    const write = (name: string, text: string) => writeFile(path.join(dir, name), text);
    await write('shared.ts', `export const shared = 'shared';`);
    await write('lazy.ts', `import { shared } from './shared.ts'; export const lazy = () => shared;`);
    await write('entry.ts', `import { shared } from './shared.ts'; export default function main() { return shared; } export const handler = async () => (await import('./lazy.ts')).lazy();`);
    await write('waits.ts', `import { shared } from './shared.ts'; const loaded = await import('./lazy.ts'); export const handler = () => loaded.lazy() + shared;`);
    await write('entry-waits.ts', `import { shared } from './shared.ts'; import { handler } from './waits.ts'; export { handler, shared };`);
    const split = async (entry: string, out: string) => {
      const result = await build({ ...LAMBDA_ESBUILD_OPTIONS, absWorkingDir: dir, entryPoints: { index: path.join(dir, entry) }, entryNames: '[name]', outdir: path.join(dir, out) });
      return { entryFile: path.join(dir, out, 'index.mjs'), metafile: result.metafile! };
    };

    const withDefault = await split('entry.ts', 'default');
    expect(startChunks(withDefault.metafile, 'default/index.mjs').length).toBeGreaterThan(0);
    await foldStartChunks({ workingDir: dir, target: 'node22', ...withDefault });
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(withDefault.entryFile)}); console.log(JSON.stringify([Object.keys(m).filter((k) => !k.startsWith('__ldf')), m.default(), await m.handler()]))`]);
    expect(JSON.parse(stdout)).toEqual([['default', 'handler'], 'shared', 'shared']);

    const waiting = await split('entry-waits.ts', 'waits');
    expect(startChunks(waiting.metafile, 'waits/index.mjs').length).toBeGreaterThan(0);
    await expect(foldStartChunks({ workingDir: dir, target: 'node22', ...waiting })).rejects.toThrow(/top-level await/);
  });
});
