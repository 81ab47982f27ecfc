/**
 * The `ldf` command: onboard councils and manage their integrators' API keys.
 * `bin/ldf.mjs` runs it; tests call main() in-process with their own Io.
 */
import { CouncilConfigError } from '../config/load-councils.ts';
import { apiKeyCreate, apiKeyList, apiKeyRevoke } from './api-key-commands.ts';
import { councilCheck, councilList, councilNew, councilRemove, problemLines } from './council-commands.ts';
import { formAdopt, formCheck, formList } from './form-commands.ts';
import { CliError, UsageError, type Io } from './io.ts';
import { API_KEY_USAGE, COUNCIL_USAGE, FORM_USAGE, MAIN_USAGE } from './usage.ts';

type Command = (argv: string[], io: Io) => Promise<number>;

const GROUPS: Record<string, { usage: string; commands: Record<string, Command> }> = {
  council: { usage: COUNCIL_USAGE, commands: { new: councilNew, check: councilCheck, list: councilList, remove: councilRemove } },
  form: { usage: FORM_USAGE, commands: { list: formList, adopt: formAdopt, check: formCheck } },
  'api-key': { usage: API_KEY_USAGE, commands: { create: apiKeyCreate, list: apiKeyList, revoke: apiKeyRevoke } },
};

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';

/** Runs one `ldf` command; the exit code is 0 on success, 1 when it failed, 2 when it was misused. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ldf: ${error.message}\n\n${error.usage}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr.write(`ldf: ${error.message}\n`);
      return 1;
    }
    if (error instanceof CouncilConfigError) {
      io.stderr.write(`ldf: a council file has problems:\n${problemLines(io, error)}`);
      return 1;
    }
    throw error;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [groupName, commandName, ...rest] = argv;
  if (groupName === undefined) throw new UsageError('Give a command', MAIN_USAGE);
  if (isHelp(groupName)) {
    io.stdout.write(`${MAIN_USAGE}\n`);
    return 0;
  }
  const group = Object.hasOwn(GROUPS, groupName) ? GROUPS[groupName] : undefined;
  if (!group) throw new UsageError(`Unknown command "${groupName}"`, MAIN_USAGE);
  if (isHelp(commandName)) {
    io.stdout.write(`${group.usage}\n`);
    return 0;
  }
  if (commandName === undefined) throw new UsageError(`Give a ${groupName} command`, group.usage);
  const command = Object.hasOwn(group.commands, commandName) ? group.commands[commandName] : undefined;
  if (!command) throw new UsageError(`Unknown ${groupName} command "${commandName}"`, group.usage);
  return command(rest, io);
}
