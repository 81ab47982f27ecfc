import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { councilSchema, type CouncilConfig } from './council-schema.ts';
import { catalogueFileProblems } from '../modules/forms/config.ts';
import { catalogueError } from '../modules/forms/definition/form-schema.ts';

/** A council file that does not match the schema; the message names the file, each field path and the problem. */
export class CouncilConfigError extends Error {
  override name = 'CouncilConfigError';
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`${file}: ${problems.length} problem(s)\n${problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
  }
}

/** Validates one council's data, naming `file` in any error. */
export function parseCouncil(input: unknown, file: string): CouncilConfig {
  const result = councilSchema.safeParse(input);
  if (!result.success) {
    throw new CouncilConfigError(
      file,
      result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
  const expectedId = path.basename(file, path.extname(file));
  if (result.data.id !== expectedId) {
    throw new CouncilConfigError(file, [{ path: 'id', message: `The id must match the file name: "${expectedId}"` }]);
  }
  return result.data;
}

export const COUNCILS_DIR = path.resolve(import.meta.dirname, '../../councils');

/** The council files in a folder: every `<id>.ts` there. */
export async function councilFiles(dir = COUNCILS_DIR): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => /^[a-z][a-z0-9-]*\.ts$/.test(n)).sort().map((n) => path.join(dir, n));
}

/** Loads and validates one council file. */
export async function loadCouncilFile(file: string): Promise<CouncilConfig> {
  const relative = path.relative(process.cwd(), file) || file;
  let mod: { default?: unknown };
  try {
    // The modification time in the URL makes a rewritten file load afresh (imports are cached by URL).
    const { mtimeMs } = await stat(file);
    mod = await import(`${pathToFileURL(file).href}?mtime=${mtimeMs}`);
  } catch (error) {
    throw new CouncilConfigError(relative, [{ path: '', message: `cannot be loaded: ${(error as Error).message}` }]);
  }
  if (!mod.default) throw new CouncilConfigError(relative, [{ path: '', message: 'has no default export: use export default defineCouncil({...})' }]);
  return parseCouncil(mod.default, relative);
}

/** Loads every council file; any invalid file stops the load with a message naming it. */
export async function loadCouncils(dir = COUNCILS_DIR): Promise<CouncilConfig[]> {
  const files = await councilFiles(dir);
  const results = await Promise.allSettled(files.map((f) => loadCouncilFile(f)));
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  // The shared catalogue's forms are checked with the councils, adopted or not, so a broken one stops start-up, tests and synthesis.
  const catalogue = await catalogueFileProblems();
  if (catalogue.length > 0) errors.push(catalogueError(catalogue));
  if (errors.length > 0) {
    const error = new Error(errors.map((e) => e.message).join('\n'));
    error.name = 'CouncilConfigError';
    throw error;
  }
  return results.map((r) => (r as PromiseFulfilledResult<CouncilConfig>).value);
}
