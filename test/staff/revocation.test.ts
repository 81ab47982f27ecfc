import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStoreClient, documentClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { createStaffSession, getStaffMember, readStaffSession, revokeAllStaffSessions, revokeStaffSessionsBefore } from '../../functions/staff/auth/sessions.ts';
import { STAFF_SESSION_DEFAULTS } from '../../functions/staff/auth/session-limits.ts';
import { embeddedStore } from '../support/harness.ts';

let embedded: Awaited<ReturnType<typeof embeddedStore>>;
let store: CouncilStore;
const T0 = new Date('2026-03-02T09:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const limits = STAFF_SESSION_DEFAULTS;
const officer = { sub: 'entra-oid-1234', email: 'olu.officer@hackney.gov.uk', name: 'Olu Officer', roles: ['officer' as const] };

beforeAll(async () => {
  embedded = await embeddedStore();
  store = { client: createStoreClient({ endpoint: embedded.endpoint, maxAttempts: 1 }), tableName: `test-revocation-${process.pid}` };
  await ensureTable(createStoreClient({ endpoint: embedded.endpoint }), store.tableName);
});

afterAll(async () => {
  await embedded?.close();
});

describe('signing a member of staff out everywhere', () => {
  it('refuses a session made just before, even when the index did not list it (the marker alone)', async () => {
    const { id } = await createStaffSession(store, 'hackney', officer, at(0), limits);
    expect(await readStaffSession(store, 'hackney', id, at(1), limits)).toBeDefined();

    // What revokeAllStaffSessions writes before it asks the index: here the index "missed" the session.
    await revokeStaffSessionsBefore(store, officer.sub, at(2));

    expect(await readStaffSession(store, 'hackney', id, at(3), limits)).toBeUndefined();
    expect(await readStaffSession(store, 'hackney', id, at(3600), limits)).toBeUndefined();
  });

  it('keeps refusing that session after the member signs in again elsewhere, and lets the new session in', async () => {
    const missed = await createStaffSession(store, 'hackney', { ...officer, sub: 'entra-oid-5678' }, at(10), limits);
    await revokeStaffSessionsBefore(store, 'entra-oid-5678', at(11));

    const fresh = await createStaffSession(store, 'hackney', { ...officer, sub: 'entra-oid-5678' }, at(12), limits);

    expect(await readStaffSession(store, 'hackney', fresh.id, at(13), limits)).toBeDefined();
    expect(await readStaffSession(store, 'hackney', missed.id, at(13), limits)).toBeUndefined();
    expect((await getStaffMember(store, 'entra-oid-5678'))?.lastSignInAt).toBe(at(12).toISOString());
  });

  it('writes the marker before asking the index, so whatever the index returns the older sessions are refused', async () => {
    const sub = 'google-sub-42';
    const { id } = await createStaffSession(store, 'hackney', { ...officer, sub }, at(20), limits);
    const send = vi.spyOn(documentClient(store), 'send');

    await revokeAllStaffSessions(store, sub, at(21));

    const commands = send.mock.calls.map(([command]) => command.constructor.name);
    send.mockRestore();
    expect(commands.indexOf('UpdateCommand')).toBeGreaterThanOrEqual(0);
    expect(commands.indexOf('UpdateCommand')).toBeLessThan(commands.indexOf('QueryCommand'));
    expect(await readStaffSession(store, 'hackney', id, at(22), limits)).toBeUndefined();
  });

  it('reads the session and the member’s record in one store request', async () => {
    const sub = 'entra-oid-one-read';
    const { id } = await createStaffSession(store, 'hackney', { ...officer, sub }, at(30), limits);
    const send = vi.spyOn(documentClient(store), 'send');

    const session = await readStaffSession(store, 'hackney', id, at(31), limits);

    const calls = send.mock.calls.length;
    send.mockRestore();
    expect(session?.sub).toBe(sub);
    expect(calls).toBe(1);
  });

  it('does not refuse a session made after the marker', async () => {
    const sub = 'entra-oid-after';
    await createStaffSession(store, 'hackney', { ...officer, sub }, at(50), limits);
    await revokeStaffSessionsBefore(store, sub, at(51));

    const { id } = await createStaffSession(store, 'hackney', { ...officer, sub }, at(52), limits);

    expect(await readStaffSession(store, 'hackney', id, at(53), limits)).toBeDefined();
  });
});
