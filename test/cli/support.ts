import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../../functions/cli/main.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ldf <argv>` in-process, from the repository root, with the given environment. */
export async function ldf(argv: string[], env: Record<string, string | undefined> = {}, now?: Date): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: REPO_ROOT,
    env,
    now: now ? () => now : undefined,
  });
  return { code, stdout, stderr };
}

/**
 * A councils folder inside the repository (so a written file's `../functions/...` import resolves),
 * holding copies of the given councils. Delete it with `remove()`.
 */
export async function tempCouncilsDir(ids: string[] = ['hackney', 'ceredigion']): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(REPO_ROOT, '.tmp-councils-'));
  for (const id of ids) await copyFile(path.join(REPO_ROOT, 'councils', `${id}.ts`), path.join(dir, `${id}.ts`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
