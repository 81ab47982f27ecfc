/** Where a command reads its settings and writes its output: the real process, or a test's buffers. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The folder relative paths are taken from and shown against. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** The clock; the real one when absent. */
  now?: () => Date;
}

/** A failure the user can act on: printed as it is, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** The command was used wrongly (unknown command or flag, missing or malformed argument): printed with its usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** The usage text of the command that was misused. */
    readonly usage: string,
  ) {
    super(message);
  }
}

export const nowOf = (io: Io): Date => io.now?.() ?? new Date();
