import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyNotFoundError, createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from '../../functions/core/api-keys.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { embeddedStore } from '../support/harness.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let n = 0;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

async function table(): Promise<CouncilStore> {
  const client = createStoreClient({ endpoint: server.endpoint });
  const tableName = `keys-${++n}`;
  await ensureTable(client, tableName);
  return { client, tableName };
}
const NOW = new Date('2026-12-01T10:00:00Z');

describe('integrator API keys', () => {
  it('accepts the key it made, and stores only a hash of its secret', async () => {
    const store = await table();
    const { key, record } = await createApiKey(store, 'Works system', NOW);
    expect(key).toMatch(/^ldf_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(await verifyApiKey(store, key)).toEqual(record);
    const { Items = [] } = await store.client.send(new ScanCommand({ TableName: store.tableName }));
    // The secret is everything after ldf_<id>_ (it may itself contain underscores).
    expect(JSON.stringify(Items)).not.toContain(/^ldf_[a-z0-9]{10}_(.+)$/.exec(key)![1]);
  });

  it('refuses a key with a wrong secret, a made-up id or the wrong shape', async () => {
    const store = await table();
    const { key } = await createApiKey(store, 'CRM', NOW);
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(await verifyApiKey(store, tampered)).toBeUndefined();
    expect(await verifyApiKey(store, `ldf_zzzzzzzzzz_${'A'.repeat(43)}`)).toBeUndefined();
    expect(await verifyApiKey(store, 'not-a-key')).toBeUndefined();
  });

  it('stops a revoked key working and keeps its record', async () => {
    const store = await table();
    const { key, record } = await createApiKey(store, 'CRM', NOW);
    const revoked = await revokeApiKey(store, record.keyId, new Date('2026-12-02T00:00:00Z'));
    expect(revoked.revokedAt).toBe('2026-12-02T00:00:00.000Z');
    expect(await verifyApiKey(store, key)).toBeUndefined();
    expect((await listApiKeys(store)).map((k) => k.keyId)).toEqual([record.keyId]);
  });

  it('says when the key to revoke does not exist', async () => {
    await expect(revokeApiKey(await table(), 'nosuchkey0', NOW)).rejects.toBeInstanceOf(ApiKeyNotFoundError);
  });

  it('lists keys oldest first', async () => {
    const store = await table();
    const a = await createApiKey(store, 'A', NOW);
    const b = await createApiKey(store, 'B', new Date('2026-12-03T00:00:00Z'));
    expect((await listApiKeys(store)).map((k) => k.name)).toEqual(['A', 'B']);
    expect(a.record.keyId).not.toBe(b.record.keyId);
  });
});
