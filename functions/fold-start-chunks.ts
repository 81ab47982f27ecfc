/**
 * Folds the chunks an entry imports statically into the entry itself, after esbuild has split a bundle.
 *
 * Why: esbuild's code splitting puts code shared by the entry and its lazily loaded modules into one
 * chunk per combination of importers. The council function has dozens of lazily loaded pages, so its
 * cold start loaded 30-odd small chunks, and Node spends about half a millisecond on each module it
 * loads, whatever its size. Folded, a cold start loads one file.
 *
 * How: a second esbuild pass bundles the entry and every start chunk into the entry's file, which
 * re-exports each chunk's exports under a prefixed name. Each start chunk's file is then replaced by
 * a one-line re-export of those names from the entry, so the lazily loaded chunks (left as they are,
 * their dynamic imports re-pointed) share the entry's single instance of every module. The metafile
 * is rewritten to match: the entry holds the folded chunks' inputs, and each folded chunk imports
 * only the entry, so what a cold start loads can still be read from it.
 */
import { build, transform, type Metafile, type Plugin } from 'esbuild';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Output keys in esbuild's metafile are relative to its working directory. */
export interface FoldOptions {
  /** esbuild's absWorkingDir for the first build (the metafile's keys are relative to it). */
  workingDir: string;
  /** The entry's output file, e.g. <outDir>/index.mjs. */
  entryFile: string;
  metafile: Metafile;
  /** esbuild's target for the second pass (the same as the first build's). */
  target: string | string[];
}

const posix = (p: string) => p.split(path.sep).join('/');
const relativeImport = (fromDir: string, to: string) => {
  const rel = posix(path.relative(fromDir, to));
  return rel.startsWith('.') ? rel : `./${rel}`;
};

/** The output chunks `entryKey` imports statically, directly or through another chunk, in first-import order. */
export function startChunks(metafile: Metafile, entryKey: string): string[] {
  const outputs = metafile.outputs;
  const found: string[] = [];
  const visit = (key: string) => {
    for (const i of outputs[key].imports) {
      if (i.kind === 'import-statement' && !i.external && outputs[i.path] && i.path !== entryKey && !found.includes(i.path)) {
        found.push(i.path);
        visit(i.path);
      }
    }
  };
  visit(entryKey);
  return found;
}

/** Folds the entry's start chunks into it (see the file's comment); returns the rewritten metafile. */
export async function foldStartChunks(options: FoldOptions): Promise<Metafile> {
  const { workingDir, entryFile, metafile } = options;
  const outputs = metafile.outputs;
  const keyOf = (file: string) => posix(path.relative(workingDir, file));
  const fileOf = (key: string) => path.resolve(workingDir, key);
  const entryKey = keyOf(entryFile);
  if (!outputs[entryKey]) throw new Error(`${entryKey} is not among esbuild's outputs`);
  const folded = startChunks(metafile, entryKey);
  if (folded.length === 0) return metafile;

  const outDir = path.dirname(entryFile);
  const exportName = (chunk: number, name: string) => `__ldf${chunk}_${name}`;
  const original = path.join(outDir, `${path.basename(entryFile, '.mjs')}.unfolded.mjs`);
  const facade = path.join(outDir, `${path.basename(entryFile, '.mjs')}.facade.mjs`);
  await rename(entryFile, original);
  // `export *` passes on every export but `default`.
  const lines = [`export * from './${path.basename(original)}';`];
  if (outputs[entryKey].exports.includes('default')) lines.push(`export { default } from './${path.basename(original)}';`);
  folded.forEach((key, n) => {
    const names = outputs[key].exports;
    const from = relativeImport(outDir, fileOf(key));
    lines.push(names.length > 0 ? `export { ${names.map((name) => `${name} as ${exportName(n, name)}`).join(', ')} } from '${from}';` : `import '${from}';`);
  });
  await writeFile(facade, lines.join('\n') + '\n');

  // The lazily loaded chunks stay where they are: their import()s now start from the entry's folder.
  const lazyChunksStay: Plugin = {
    name: 'lazy-chunks-stay',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) =>
        args.kind === 'dynamic-import' ? { path: relativeImport(outDir, path.resolve(args.resolveDir, args.path)), external: true } : undefined,
      );
    },
  };
  let bytes: number;
  try {
    const second = await build({
      entryPoints: [facade],
      outfile: entryFile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: options.target,
      minify: true,
      // The chunks already start with the first build's banner (their own `require`): no second one.
      plugins: [lazyChunksStay],
      metafile: true,
      logLevel: 'warning',
    });
    bytes = Object.values(second.metafile.outputs)[0].bytes;
    await refuseTopLevelAwait(entryFile);
  } finally {
    await rm(facade, { force: true });
    await rm(original, { force: true });
  }

  // Each folded chunk becomes a re-export of the entry's instance of its code.
  const stubBytes = new Map<string, number>();
  for (const [n, key] of folded.entries()) {
    const file = fileOf(key);
    const from = relativeImport(path.dirname(file), entryFile);
    const names = outputs[key].exports;
    const stub = names.length > 0 ? `export { ${names.map((name) => `${exportName(n, name)} as ${name}`).join(', ')} } from '${from}';\n` : `import '${from}';\n`;
    await writeFile(file, stub);
    stubBytes.set(key, Buffer.byteLength(stub));
  }

  const entry = outputs[entryKey];
  const imports = [entryKey, ...folded]
    .flatMap((key) => outputs[key].imports)
    .filter((i) => !(i.kind === 'import-statement' && !i.external && outputs[i.path]));
  const rewritten: Metafile['outputs'] = { ...outputs };
  rewritten[entryKey] = {
    ...entry,
    bytes,
    inputs: Object.assign({}, entry.inputs, ...folded.map((key) => outputs[key].inputs)),
    imports: [...new Map(imports.map((i) => [`${i.kind} ${i.path}`, i])).values()],
  };
  for (const key of folded) rewritten[key] = { ...outputs[key], bytes: stubBytes.get(key)!, inputs: {}, imports: [{ path: entryKey, kind: 'import-statement' }] };
  return { inputs: metafile.inputs, outputs: rewritten };
}

/**
 * Folded, a top-level await at start could wait on a lazily loaded chunk that imports the entry
 * (through a folded chunk's re-export) while the entry waits on it: the function would never start.
 * The start code has none; this keeps it so.
 */
async function refuseTopLevelAwait(entryFile: string): Promise<void> {
  try {
    await transform(await readFile(entryFile, 'utf8'), { format: 'cjs', logLevel: 'silent' });
  } catch (error) {
    if (String((error as Error).message).includes('Top-level await')) {
      throw new Error(`${entryFile}: the code a cold start runs uses a top-level await, which folding its chunks could deadlock; load that code on first use instead`);
    }
    throw error;
  }
}
