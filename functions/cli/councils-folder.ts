import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CouncilConfig, CouncilInput } from '../config/council-schema.ts';
import { COUNCILS_DIR, councilFiles, loadCouncilFile } from '../config/load-councils.ts';
import { CliError, type Io } from './io.ts';

/** The councils folder: LDF_COUNCILS_DIR (relative to the working folder) or the repository's councils/. */
export function councilsDir(io: Io): string {
  const dir = io.env.LDF_COUNCILS_DIR;
  return dir ? path.resolve(io.cwd, dir) : COUNCILS_DIR;
}

/** The council file's path as the user should see it. */
export function shown(io: Io, file: string): string {
  return path.relative(io.cwd, file) || file;
}

/** The ids of every council file in the folder. */
export async function councilIds(dir: string): Promise<string[]> {
  try {
    return (await councilFiles(dir)).map((f) => path.basename(f, '.ts'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`There is no councils folder at ${dir}`);
    throw error;
  }
}

export const councilFile = (dir: string, id: string): string => path.join(dir, `${id}.ts`);

export async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The file of an existing council; an error naming the councils there when there is none. */
export async function requireCouncilFile(io: Io, id: string): Promise<string> {
  const dir = councilsDir(io);
  const ids = await councilIds(dir);
  const file = councilFile(dir, id);
  if (!ids.includes(id)) {
    const known = ids.length ? `The councils are: ${ids.join(', ')}` : 'There are no councils yet';
    throw new CliError(`There is no council "${id}" (no ${shown(io, file)}). ${known}.`);
  }
  return file;
}

/** An existing council, validated; its file's problems become the error. */
export async function requireCouncil(io: Io, id: string): Promise<{ file: string; council: CouncilConfig }> {
  const file = await requireCouncilFile(io, id);
  return { file, council: await loadCouncilFile(file) };
}

/** The council's data as written in its file, before the schema's defaults are filled in. */
export async function councilInput(file: string): Promise<CouncilInput> {
  await loadCouncilFile(file);
  const mod = (await import(pathToFileURL(file).href)) as { default: CouncilInput };
  return structuredClone(mod.default);
}
