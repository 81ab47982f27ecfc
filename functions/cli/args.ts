import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type Io } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** A command's flags and positional arguments; misuse (an unknown flag, a flag without its value) becomes a UsageError. */
export function parseCommandArgs<const O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs<{ args: string[]; options: O & typeof HELP; allowPositionals: true; strict: true }>({
      args: argv,
      options: { ...options, ...HELP },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

/** Prints a command's help; exit code 0. */
export function help(io: Io, usage: string): number {
  io.stdout.write(`${usage}\n`);
  return 0;
}
