import type { Metafile } from 'esbuild';

/**
 * The source files a Lambda bundle runs at a cold start (those of index.mjs and every chunk it
 * imports statically) and those anywhere in it (chunks reached by dynamic imports too). The entry is
 * index.mjs, the council function, unless another output file is named (platform.mjs).
 *
 * @example
 * const { atStart, anywhere } = bundleInputs(bundle.metafile);
 * expect(atStart.some((input) => input.includes('node_modules/zod/'))).toBe(false);
 */
export function bundleInputs(metafile: Metafile, entryFile = 'index.mjs'): { atStart: string[]; anywhere: string[] } {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => file === entryFile || file.endsWith(`/${entryFile}`))!;
  const loadedAtStart = new Set<string>();
  const visit = (file: string) => {
    if (loadedAtStart.has(file)) return;
    loadedAtStart.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entry);
  return {
    atStart: [...loadedAtStart].flatMap((file) => Object.keys(outputs[file].inputs)),
    anywhere: Object.values(outputs).flatMap((o) => Object.keys(o.inputs)),
  };
}
