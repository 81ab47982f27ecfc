import { readFile } from 'node:fs/promises';
import { API_KEY_KINDS, ApiKeyNotFoundError, createApiKey, listApiKeys, revokeApiKey, type ApiKeyKind } from '../core/api-keys.ts';
import { createStoreClient, StoreUnavailableError, tableNameFor, type CouncilStore } from '../core/store/store.ts';
import type { LocalStoreInfo } from '../local/server.ts';
import { help, parseCommandArgs } from './args.ts';
import { requireCouncil } from './councils-folder.ts';
import { CliError, nowOf, UsageError, type Io } from './io.ts';
import { table } from './output.ts';
import { API_KEY_CREATE_USAGE, API_KEY_LIST_USAGE, API_KEY_REVOKE_USAGE } from './usage.ts';

export const NOT_RUNNING = 'The local platform is not running: start it with npm start (or use --aws)';

/** Where `npm start` says how to reach its store: LDF_LOCAL_STORE_FILE, or the local host's own file. */
async function localStoreFile(io: Io): Promise<string> {
  if (io.env.LDF_LOCAL_STORE_FILE) return io.env.LDF_LOCAL_STORE_FILE;
  // Imported only here: the local host brings the whole app with it.
  const { LOCAL_STORE_FILE } = await import('../local/server.ts');
  return LOCAL_STORE_FILE;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running local platform's store endpoint; an error saying how to start it otherwise. */
export async function localStoreEndpoint(io: Io): Promise<string> {
  let info: Partial<LocalStoreInfo>;
  try {
    info = JSON.parse(await readFile(await localStoreFile(io), 'utf8')) as Partial<LocalStoreInfo>;
  } catch {
    throw new CliError(NOT_RUNNING);
  }
  if (typeof info.endpoint !== 'string' || typeof info.pid !== 'number' || !Number.isInteger(info.pid) || info.pid <= 0 || !isRunning(info.pid)) {
    throw new CliError(NOT_RUNNING);
  }
  return info.endpoint;
}

interface Target {
  councilId: string;
  store: CouncilStore;
  /** Where the table is, for messages: "local platform" or "AWS eu-west-2". */
  where: string;
  aws: boolean;
}

async function target(io: Io, councilId: string | undefined, aws: boolean | undefined, usage: string): Promise<Target> {
  if (!councilId) throw new UsageError('Give the council with --council <id>', usage);
  const { council } = await requireCouncil(io, councilId);
  const tableName = tableNameFor(council.id);
  if (aws) {
    // The default credential chain (environment, profile, SSO, instance role); the council's own region.
    return { councilId, aws: true, where: `AWS ${council.aws.region}, table ${tableName}`, store: { client: createStoreClient({ region: council.aws.region }), tableName } };
  }
  const endpoint = await localStoreEndpoint(io);
  return { councilId, aws: false, where: 'local platform', store: { client: createStoreClient({ endpoint, maxAttempts: 1 }), tableName } };
}

/** Store failures, explained. */
async function withStore<T>(t: Target, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const e = error as Error;
    if (e.name === 'ResourceNotFoundException') {
      throw new CliError(
        t.aws
          ? `There is no table ${t.store.tableName} in ${t.where.split(',')[0]}: deploy the council first (npx cdk deploy Council-${t.councilId})`
          : `The local platform has no table for ${t.councilId}: restart npm start so it picks up the council`,
      );
    }
    if (e instanceof StoreUnavailableError) {
      throw new CliError(t.aws ? `Cannot reach DynamoDB (${t.where}): ${String((e.cause as Error)?.message ?? e.cause)}` : NOT_RUNNING);
    }
    if (t.aws && /credential|token|signature|AccessDenied|UnrecognizedClient/i.test(`${e.name} ${e.message}`)) {
      throw new CliError(`The request to AWS failed (${e.name}): ${e.message}\nCheck your AWS credentials (aws sts get-caller-identity) and that they can use ${t.store.tableName}.`);
    }
    throw error;
  }
}

export async function apiKeyCreate(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { council: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, aws: { type: 'boolean' } },
    API_KEY_CREATE_USAGE,
  );
  if (values.help) return help(io, API_KEY_CREATE_USAGE);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}" (quote a name with spaces)`, API_KEY_CREATE_USAGE);
  const kind = (values.kind ?? 'works-system') as ApiKeyKind;
  if (!API_KEY_KINDS.includes(kind)) throw new UsageError(`--kind must be ${API_KEY_KINDS.join(' or ')}, not "${values.kind}"`, API_KEY_CREATE_USAGE);
  const t = await target(io, values.council, values.aws, API_KEY_CREATE_USAGE);
  const now = nowOf(io);
  const name = values.name?.trim() || `Created with ldf on ${now.toISOString().slice(0, 10)}`;
  const { key, record } = await withStore(t, () => createApiKey(t.store, name, now, kind));
  io.stdout.write(
    [
      `Created API key ${record.keyId} ("${record.name}", ${record.kind}) for ${t.councilId} (${t.where}).`,
      '',
      `  ${key}`,
      '',
      'Copy it now and give it to the integrator securely: it cannot be shown again (only a hash of it is stored).',
      `Key id: ${record.keyId}. To revoke it: ldf api-key revoke --council ${t.councilId} ${record.keyId}${t.aws ? ' --aws' : ''}`,
      '',
    ].join('\n'),
  );
  return 0;
}

export async function apiKeyList(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { council: { type: 'string' }, aws: { type: 'boolean' } }, API_KEY_LIST_USAGE);
  if (values.help) return help(io, API_KEY_LIST_USAGE);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`, API_KEY_LIST_USAGE);
  const t = await target(io, values.council, values.aws, API_KEY_LIST_USAGE);
  const keys = await withStore(t, () => listApiKeys(t.store));
  if (keys.length === 0) {
    io.stdout.write(`${t.councilId} has no API keys (${t.where}).\n`);
    return 0;
  }
  io.stdout.write(table(['KEY ID', 'NAME', 'KIND', 'CREATED', 'REVOKED'], keys.map((k) => [k.keyId, k.name, k.kind, k.createdAt, k.revokedAt ?? '-'])));
  return 0;
}

export async function apiKeyRevoke(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { council: { type: 'string' }, aws: { type: 'boolean' } }, API_KEY_REVOKE_USAGE);
  if (values.help) return help(io, API_KEY_REVOKE_USAGE);
  if (positionals.length === 0) throw new UsageError('Give the id of the key to revoke (ldf api-key list shows them)', API_KEY_REVOKE_USAGE);
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}"`, API_KEY_REVOKE_USAGE);
  const keyId = positionals[0];
  const t = await target(io, values.council, values.aws, API_KEY_REVOKE_USAGE);
  const now = nowOf(io);
  let record;
  try {
    record = await withStore(t, () => revokeApiKey(t.store, keyId, now));
  } catch (error) {
    if (error instanceof ApiKeyNotFoundError) throw new CliError(`${t.councilId} has no API key ${keyId} (${t.where}): ldf api-key list shows its keys`);
    throw error;
  }
  const already = record.revokedAt !== now.toISOString();
  io.stdout.write(
    already
      ? `Key ${keyId} ("${record.name}") was already revoked, at ${record.revokedAt}.\n`
      : `Revoked key ${keyId} ("${record.name}") for ${t.councilId}: it stops working at once.\n`,
  );
  return 0;
}
