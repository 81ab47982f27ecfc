import type { Metafile } from 'esbuild';

/**
 * The source files a Lambda bundle runs at a cold start (those of index.mjs and every chunk it
 * imports statically) and those anywhere it can reach (chunks reached by dynamic imports too). The entry is
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
  // Anywhere the entry can reach, through static or dynamic imports (not the other function's files).
  const reachable = new Set<string>();
  const reach = (file: string) => {
    if (reachable.has(file)) return;
    reachable.add(file);
    for (const i of outputs[file].imports) if (outputs[i.path]) reach(i.path);
  };
  reach(entry);
  return {
    atStart: [...loadedAtStart].flatMap((file) => Object.keys(outputs[file].inputs)),
    anywhere: [...reachable].flatMap((file) => Object.keys(outputs[file].inputs)),
  };
}
