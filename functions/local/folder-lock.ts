import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Another local host already uses the data folder. LevelDB (under dynalite) allows one process per
 * folder; a second one would start, fail to open it, and crash later with "Database is closed".
 */
export class FolderInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
    readonly lockFile: string,
  ) {
    super(`Another local host (process ${pid}) is already running on ${folder}. Stop it first (Ctrl+C in its terminal), or use the one that is running. If no such process is running, delete ${lockFile}.`);
    this.name = 'FolderInUseError';
  }
}

/** Whether a process with this id is running (EPERM: it is, but belongs to someone else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder for this process: writes `<folder>.lock` holding our process id, created
 * exclusively so two starts cannot both take it. A lock left by a process that has gone (killed,
 * crashed) is taken over. Returns the release function.
 *
 * @throws FolderInUseError when a running process holds the folder (this one included).
 * @example
 * const release = lockFolder('.data/dynalite');
 * // … use the folder …
 * release();
 */
export function lockFolder(folder: string): () => void {
  const lockFile = `${folder}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: number;
    try {
      holder = Number(readFileSync(lockFile, 'utf8').trim());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
      throw error;
    }
    if (Number.isSafeInteger(holder) && holder > 0 && isRunning(holder)) throw new FolderInUseError(folder, holder, lockFile);
    // Left by a process that has gone (or unreadable, half-written by one that crashed): take it over.
    rmSync(lockFile, { force: true });
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}
