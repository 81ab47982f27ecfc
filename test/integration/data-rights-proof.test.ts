import { createHash } from 'node:crypto';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../functions/core/cases/case-store.ts';
import { createDataSession, endDataSession, readDataSession } from '../../functions/core/data-rights/data-session.ts';
import {
  ADDRESS_LIMIT_DAY,
  ADDRESS_LIMIT_SHORT,
  checkEmailProof,
  CLIENT_LIMIT,
  CODE_MINUTES,
  CODE_TRIES,
  startEmailProof,
} from '../../functions/core/data-rights/email-proof.ts';
import { ipKey } from '../../functions/core/http/rate-limit.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, TABLE_KEYS, type CouncilStore } from '../../functions/core/store/store.ts';
import { embeddedStore } from '../support/harness.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let n = 0;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

/** A fresh table; its client counts every request sent (the counter can be reset). */
async function table(): Promise<{ store: CouncilStore; requests: string[] }> {
  const requests: string[] = [];
  const tableName = `data-proof-${process.pid}-${++n}`;
  await ensureTable(createStoreClient({ endpoint: server.endpoint }), tableName);
  return { store: { client: createStoreClient({ endpoint: server.endpoint, onRequest: (name) => requests.push(name) }), tableName }, requests };
}

async function scan(store: CouncilStore): Promise<Record<string, AttributeValue>[]> {
  const { Items } = await createStoreClient({ endpoint: server.endpoint }).send(new ScanCommand({ TableName: store.tableName }));
  return Items ?? [];
}

const NOW = new Date('2026-12-01T10:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const secrets = new LocalSecrets({ values: { 'contact-key': 'council-contact-key-for-tests' } });
const EMAIL = 'Sam.Resident@Example.com';
const CLIENT = ipKey('203.0.113.9');

async function started(store: CouncilStore, email = EMAIL, now = NOW, clientKey: string | undefined = CLIENT) {
  const result = await startEmailProof(store, secrets, { email, clientKey }, now);
  if (result.outcome !== 'send') throw new Error(`not sent: ${JSON.stringify(result)}`);
  return result;
}
/** A 6-digit code that is not this one. */
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('email proof', () => {
  it('makes a 6-digit code that proves the address once and only once', async () => {
    const { store } = await table();
    const proof = await started(store);
    expect(proof.code).toMatch(/^\d{6}$/);
    expect(proof.expiresAt).toEqual(at(CODE_MINUTES));
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: proof.code }, at(1))).toEqual({ outcome: 'proved', email: EMAIL });
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: proof.code }, at(1))).toEqual({ outcome: 'unknown' });
  });

  it('accepts the code typed with spaces or a hyphen', async () => {
    const { store } = await table();
    const proof = await started(store);
    const typed = ` ${proof.code.slice(0, 3)} -${proof.code.slice(3)} `;
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: typed }, NOW)).toMatchObject({ outcome: 'proved' });
  });

  it('counts wrong codes down, and the 5th wrong one uses the code up (the right one no longer works)', async () => {
    const { store } = await table();
    const proof = await started(store);
    const wrong = wrongCode(proof.code);
    for (let left = CODE_TRIES - 1; left > 0; left--) {
      expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: wrong }, NOW)).toEqual({ outcome: 'wrong', triesLeft: left });
    }
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: 'not a code' }, NOW)).toEqual({ outcome: 'used-up' });
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: proof.code }, NOW)).toEqual({ outcome: 'used-up' });
  });

  it('lets the right code prove after fewer than 5 wrong ones', async () => {
    const { store } = await table();
    const proof = await started(store);
    for (let i = 0; i < CODE_TRIES - 1; i++) await checkEmailProof(store, secrets, { proofId: proof.proofId, code: wrongCode(proof.code) }, NOW);
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: proof.code }, NOW)).toEqual({ outcome: 'proved', email: EMAIL });
  });

  it('expires the code after 15 minutes, for the right code and a wrong one alike', async () => {
    const { store } = await table();
    const proof = await started(store);
    const wrong = wrongCode(proof.code);
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: wrong }, at(CODE_MINUTES - 1))).toEqual({ outcome: 'wrong', triesLeft: CODE_TRIES - 1 });
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: proof.code }, at(CODE_MINUTES))).toEqual({ outcome: 'expired' });
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: wrong }, at(CODE_MINUTES + 5))).toEqual({ outcome: 'expired' });
  });

  it('knows no proof for an id it never made, a malformed id, or a proof id from another table', async () => {
    const { store, requests } = await table();
    const other = await table();
    const proof = await started(other.store);
    expect(await checkEmailProof(store, secrets, { proofId: proof.proofId, code: proof.code }, NOW)).toEqual({ outcome: 'unknown' });
    expect(await checkEmailProof(store, secrets, { proofId: 'AAAAAAAAAAAAAAAAAAAAAA', code: '123456' }, NOW)).toEqual({ outcome: 'unknown' });
    requests.length = 0;
    for (const proofId of ['', 'short', '../../etc', 'x'.repeat(5000), 'DATAPROOF#AAAAAAAAAAAAAAAAAAAAAA']) {
      expect(await checkEmailProof(store, secrets, { proofId, code: '123456' }, NOW)).toEqual({ outcome: 'unknown' });
    }
    // A malformed id is not even looked up.
    expect(requests).toEqual([]);
  });

  it('stores neither the code nor the address in any key, and the code nowhere at all', async () => {
    const { store } = await table();
    const proof = await started(store);
    await checkEmailProof(store, secrets, { proofId: proof.proofId, code: wrongCode(proof.code) }, NOW);
    const items = await scan(store);
    // The proof and one counter per limit (client, address in 15 minutes, address in a day).
    expect(items).toHaveLength(4);
    const keyNames = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...Object.values(TABLE_KEYS).flatMap((v) => (typeof v === 'object' ? [v.partitionKey, v.sortKey] : []))];
    for (const item of items) {
      for (const name of keyNames) {
        const value = item[name]?.S ?? '';
        expect(value.toLowerCase()).not.toContain('sam.resident');
        expect(value.toLowerCase()).not.toContain('example.com');
        expect(value).not.toContain('203.0.113.9');
      }
      const everything = JSON.stringify(item);
      // As a value of its own (a 6-digit run inside a timestamp is not the code).
      expect(everything).not.toMatch(new RegExp(`(?<!\\d)${proof.code}(?!\\d)`));
      expect(everything).not.toContain('203.0.113.9');
      // Every item the proof writes expires, and the retention sweep can find it.
      expect(Number(item[TABLE_KEYS.ttlAttribute]?.N)).toBeGreaterThan(NOW.getTime() / 1000);
      expect(item[TABLE_KEYS.expiryIndex.partitionKey]?.S).toMatch(/^EXPIRES#2026-12-0[12]$/);
    }
    // The address is kept only on the proof itself (to send the code and open the session), for 15 minutes.
    const withAddress = items.filter((i) => JSON.stringify(i).includes(EMAIL));
    expect(withAddress).toHaveLength(1);
    expect(withAddress[0][TABLE_KEYS.partitionKey].S).toBe(`DATAPROOF#${proof.proofId}`);
    expect(Number(withAddress[0][TABLE_KEYS.ttlAttribute].N)).toBe(at(CODE_MINUTES).getTime() / 1000);
  });

  it('limits codes per address (3 in 15 minutes, however the address is written), then again after the window', async () => {
    const { store } = await table();
    expect(ADDRESS_LIMIT_SHORT).toEqual({ max: 3, windowSeconds: 900 });
    const clients = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'].map(ipKey);
    for (let i = 0; i < ADDRESS_LIMIT_SHORT.max; i++) await started(store, i === 1 ? ' sam.resident@example.COM ' : EMAIL, NOW, clients[i]);
    // From a new client too: the limit is the address's.
    expect(await startEmailProof(store, secrets, { email: EMAIL, clientKey: clients[3] }, at(5))).toEqual({ outcome: 'rate-limited', by: 'address', retryAfterSeconds: 10 * 60 });
    // Another address is not limited.
    await started(store, 'someone.else@example.com', at(5), clients[3]);
    // The next window (fixed: 10:15) sends again.
    await started(store, EMAIL, at(15), clients[3]);
  });

  it('limits codes per address to 10 a day', async () => {
    const { store } = await table();
    expect(ADDRESS_LIMIT_DAY).toEqual({ max: 10, windowSeconds: 86_400 });
    let sent = 0;
    // 3 every 15 minutes, each from its own client: the daily limit stops the 11th.
    for (let minute = 0; sent < ADDRESS_LIMIT_DAY.max; minute += 15) {
      for (let i = 0; i < 3 && sent < ADDRESS_LIMIT_DAY.max; i++) await started(store, EMAIL, at(minute), ipKey(`198.51.100.${++sent}`));
    }
    const next = await startEmailProof(store, secrets, { email: EMAIL, clientKey: ipKey('192.0.2.1') }, at(60));
    expect(next).toMatchObject({ outcome: 'rate-limited', by: 'address' });
    // The day's window ends at midnight UTC.
    expect(next.outcome === 'rate-limited' && next.retryAfterSeconds).toBe(13 * 3600);
    await started(store, EMAIL, new Date('2026-12-02T00:00:00Z'), ipKey('192.0.2.1'));
  });

  it('limits codes per client (10 in 15 minutes, whatever the addresses; an IPv6 /64 is one client), then again after the window', async () => {
    const { store } = await table();
    expect(CLIENT_LIMIT).toEqual({ max: 10, windowSeconds: 900 });
    for (let i = 0; i < CLIENT_LIMIT.max; i++) await started(store, `person${i}@example.com`, NOW, ipKey(`2001:db8:1:2::${i + 1}`));
    expect(await startEmailProof(store, secrets, { email: 'person99@example.com', clientKey: ipKey('2001:db8:1:2:ffff::9') }, at(14))).toEqual({
      outcome: 'rate-limited',
      by: 'client',
      retryAfterSeconds: 60,
    });
    // A limited client uses up nothing of the address's: it sends from elsewhere.
    for (let i = 0; i < ADDRESS_LIMIT_SHORT.max; i++) await started(store, 'person99@example.com', at(14), ipKey(`192.0.2.${i + 1}`));
    await started(store, 'person100@example.com', at(15), ipKey('2001:db8:1:2::1'));
  });

  it('answers the same, with the same store requests, for an address with requests and one without', async () => {
    const { store, requests } = await table();
    const known = 'has.requests@example.com';
    const unknown = 'no.requests@example.com';
    await createCase(
      store,
      { service: 'report', type: 'pothole', submissionId: 'sub-1', details: { email: known, name: 'Has Requests' }, lang: 'en', retentionDays: 365 },
      NOW,
      new LocalSecrets({ values: { 'contact-key': 'council-contact-key-for-tests', 'reference-key': 'reference-key-for-tests' } }),
    );
    const run = async (email: string, client: string) => {
      requests.length = 0;
      const result = await startEmailProof(store, secrets, { email, clientKey: ipKey(client) }, NOW);
      return { outcome: result.outcome, keys: Object.keys(result).sort(), requests: [...requests] };
    };
    const a = await run(known, '192.0.2.10');
    const b = await run(unknown, '192.0.2.11');
    expect(a).toEqual(b);
    expect(a.outcome).toBe('send');
    // One conditional update per limit, one write; never a query (no look-up of cases).
    expect(a.requests).toEqual(['UpdateItemCommand', 'UpdateItemCommand', 'UpdateItemCommand', 'PutItemCommand']);
    // Limited alike too.
    for (let i = 0; i < ADDRESS_LIMIT_SHORT.max - 1; i++) {
      await run(known, `192.0.2.${20 + i}`);
      await run(unknown, `192.0.2.${30 + i}`);
    }
    const limitedA = await run(known, '192.0.2.40');
    const limitedB = await run(unknown, '192.0.2.41');
    expect(limitedA).toEqual(limitedB);
    expect(limitedA.outcome).toBe('rate-limited');
  });
});

describe("the resident's data session", () => {
  const sessionHash = (token: string) => createHash('sha256').update(token).digest('base64url');

  it('opens for the minutes given, then reads as gone', async () => {
    const { store } = await table();
    const session = await createDataSession(store, { email: EMAIL }, NOW, 30);
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.expiresAt).toEqual(at(30));
    expect(await readDataSession(store, session.token, at(29))).toEqual({ email: EMAIL, expiresAt: at(30) });
    expect(await readDataSession(store, session.token, at(30))).toBeUndefined();
  });

  it('ends on sign out', async () => {
    const { store } = await table();
    const session = await createDataSession(store, { email: EMAIL }, NOW, 30);
    const other = await createDataSession(store, { email: 'other@example.com' }, NOW, 30);
    await endDataSession(store, session.token);
    expect(await readDataSession(store, session.token, NOW)).toBeUndefined();
    // Only that session.
    expect(await readDataSession(store, other.token, NOW)).toMatchObject({ email: 'other@example.com' });
    await endDataSession(store, session.token);
    await endDataSession(store, undefined);
  });

  it('opens nothing for no token, a malformed one, or one it never made', async () => {
    const { store, requests } = await table();
    expect(await readDataSession(store, 'A'.repeat(43), NOW)).toBeUndefined();
    requests.length = 0;
    for (const token of [undefined, '', 'short', 'x'.repeat(5000), '../../../../etc/passwd']) expect(await readDataSession(store, token, NOW)).toBeUndefined();
    expect(requests).toEqual([]);
  });

  it('stores only the SHA-256 of the token, with an expiry the sweep can find', async () => {
    const { store } = await table();
    const session = await createDataSession(store, { email: EMAIL }, NOW, 30);
    const items = await scan(store);
    expect(items).toHaveLength(1);
    expect(JSON.stringify(items)).not.toContain(session.token);
    expect(items[0][TABLE_KEYS.partitionKey].S).toBe(`DATASESSION#${sessionHash(session.token)}`);
    expect(Number(items[0][TABLE_KEYS.ttlAttribute].N)).toBe(at(30).getTime() / 1000);
    expect(items[0][TABLE_KEYS.expiryIndex.partitionKey].S).toBe('EXPIRES#2026-12-01');
    expect(items[0][TABLE_KEYS.expiryIndex.sortKey].S).toBe(`00${at(30).getTime() / 1000}#DATASESSION#${sessionHash(session.token)}#DATASESSION`);
  });

  it('proves then opens a session: the whole hand-over', async () => {
    const { store } = await table();
    const proof = await started(store);
    const proved = await checkEmailProof(store, secrets, { proofId: proof.proofId, code: proof.code }, at(2));
    if (proved.outcome !== 'proved') throw new Error(proved.outcome);
    const session = await createDataSession(store, { email: proved.email }, at(2), 30);
    expect(await readDataSession(store, session.token, at(10))).toEqual({ email: EMAIL, expiresAt: at(32) });
    // The proof is gone once used: only the counters and the session remain.
    expect((await scan(store)).map((i) => i[TABLE_KEYS.partitionKey].S!.split('#')[0]).sort()).toEqual(['DATALIMIT', 'DATALIMIT', 'DATALIMIT', 'DATASESSION']);
  });
});
