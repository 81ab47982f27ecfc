import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_RUNNING } from '../../functions/cli/api-key-commands.ts';
import { verifyApiKey } from '../../functions/core/api-keys.ts';
import { createStoreClient, ensureTable, tableNameFor, type CouncilStore } from '../../functions/core/store/store.ts';
import { startEmbeddedStore, type LocalStoreInfo } from '../../functions/local/server.ts';
import { ldf, tempCouncilsDir } from './support.ts';

const KEY = /ldf_[a-z0-9]{10}_[A-Za-z0-9_-]{43}/;

let server: Awaited<ReturnType<typeof startEmbeddedStore>>;
let councils: Awaited<ReturnType<typeof tempCouncilsDir>>;
let scratch: string;
let env: Record<string, string>;
let store: CouncilStore;

beforeAll(async () => {
  server = await startEmbeddedStore();
  store = { client: createStoreClient({ endpoint: server.endpoint }), tableName: tableNameFor('hackney') };
  await ensureTable(store.client, store.tableName);
  councils = await tempCouncilsDir(['hackney', 'ceredigion']);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ldf-cli-'));
  const localStoreFile = path.join(scratch, 'local-store.json');
  await writeFile(localStoreFile, JSON.stringify({ endpoint: server.endpoint, pid: process.pid } satisfies LocalStoreInfo));
  env = { LDF_COUNCILS_DIR: councils.dir, LDF_LOCAL_STORE_FILE: localStoreFile };
});
afterAll(async () => {
  await server?.close();
  await councils?.remove();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('ldf api-key against the local platform', () => {
  it('creates a key that verifies, shows it once and says it cannot be shown again', async () => {
    const result = await ldf(['api-key', 'create', '--council', 'hackney', '--name', 'Confirm CRM'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const key = KEY.exec(result.stdout)?.[0];
    expect(key).toBeDefined();
    expect(result.stdout.match(new RegExp(KEY, 'g'))).toHaveLength(1);
    expect(result.stdout).toContain('cannot be shown again');
    const record = await verifyApiKey(store, key!);
    expect(record).toMatchObject({ name: 'Confirm CRM' });
    expect(result.stdout).toContain(`Key id: ${record!.keyId}`);
  });

  it('makes a works-system key by default and a resident-channel key with --kind, and refuses another kind', async () => {
    const works = await ldf(['api-key', 'create', '--council', 'hackney', '--name', 'Confirm'], env);
    expect(await verifyApiKey(store, KEY.exec(works.stdout)![0])).toMatchObject({ kind: 'works-system' });
    const channel = await ldf(['api-key', 'create', '--council', 'hackney', '--name', 'FixMyStreet', '--kind', 'resident-channel'], env);
    expect(channel).toMatchObject({ code: 0, stderr: '' });
    expect(channel.stdout).toContain('resident-channel');
    expect(await verifyApiKey(store, KEY.exec(channel.stdout)![0])).toMatchObject({ name: 'FixMyStreet', kind: 'resident-channel' });
    const wrong = await ldf(['api-key', 'create', '--council', 'hackney', '--kind', 'crm'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('--kind must be works-system or resident-channel');
  });

  it('lists keys with their id, name, creation time and revocation, never their secrets', async () => {
    const created = await ldf(['api-key', 'create', '--council', 'hackney', '--name', 'Works system'], env, new Date('2026-12-01T10:00:00Z'));
    const key = KEY.exec(created.stdout)![0];
    const keyId = key.split('_')[1];
    const { code, stdout } = await ldf(['api-key', 'list', '--council', 'hackney'], env);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(['KEY ID', 'NAME', 'KIND', 'CREATED', 'REVOKED']);
    expect(lines.find((l) => l.startsWith(keyId))?.split(/\s{2,}/)).toEqual([keyId, 'Works system', 'works-system', '2026-12-01T10:00:00.000Z', '-']);
    expect(stdout).toContain('Confirm CRM');
    // The secret is base64url, so it may itself hold '_': take all 43 characters after the id.
    const secret = key.slice(`ldf_${keyId}_`.length);
    expect(secret).toHaveLength(43);
    expect(stdout).not.toContain(secret);
  });

  it('revokes a key so that it no longer verifies, and lists it as revoked', async () => {
    const created = await ldf(['api-key', 'create', '--council', 'hackney', '--name', 'Old portal'], env);
    const key = KEY.exec(created.stdout)![0];
    const keyId = key.split('_')[1];
    expect(await verifyApiKey(store, key)).toBeDefined();

    const revoked = await ldf(['api-key', 'revoke', '--council', 'hackney', keyId], env, new Date('2026-12-02T00:00:00Z'));
    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    expect(revoked.stdout).toContain(`Revoked key ${keyId}`);
    expect(await verifyApiKey(store, key)).toBeUndefined();

    const { stdout } = await ldf(['api-key', 'list', '--council', 'hackney'], env);
    expect(stdout.split('\n').find((l) => l.startsWith(keyId))).toMatch(/2026-12-02T00:00:00\.000Z$/);
  });

  it('says when the key to revoke does not exist', async () => {
    const result = await ldf(['api-key', 'revoke', '--council', 'hackney', 'nosuchkey0'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('hackney has no API key nosuchkey0');
  });

  it('says the local platform has no table for a council it was not started with', async () => {
    const result = await ldf(['api-key', 'list', '--council', 'ceredigion'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The local platform has no table for ceredigion');
  });

  it('names the available councils for an unknown --council', async () => {
    const result = await ldf(['api-key', 'create', '--council', 'nowhere'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('There is no council "nowhere"');
    expect(result.stderr).toContain('The councils are: ceredigion, hackney');
  });

  it('shows usage and exits 2 without --council, without a key id, or with an unknown flag', async () => {
    for (const argv of [['api-key', 'create'], ['api-key', 'revoke', '--council', 'hackney'], ['api-key', 'list', '--council', 'hackney', '--bogus'], ['api-key'], ['api-key', 'rotate']]) {
      const result = await ldf(argv, env);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toContain('Usage: ldf api-key');
    }
  });

  it('says the local platform is not running when its store file is missing', async () => {
    const result = await ldf(['api-key', 'create', '--council', 'hackney'], { ...env, LDF_LOCAL_STORE_FILE: path.join(scratch, 'missing.json') });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(`ldf: ${NOT_RUNNING}\n`);
    expect(NOT_RUNNING).toBe('The local platform is not running: start it with npm start (or use --aws)');
  });

  it('says the local platform is not running when the process that wrote the store file has gone', async () => {
    const exited = spawnSync(process.execPath, ['-e', '']);
    const stale = path.join(scratch, 'stale.json');
    await writeFile(stale, JSON.stringify({ endpoint: server.endpoint, pid: exited.pid }));
    const result = await ldf(['api-key', 'list', '--council', 'hackney'], { ...env, LDF_LOCAL_STORE_FILE: stale });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`ldf: ${NOT_RUNNING}\n`);
  });
});
