import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFingerprint, listAuditByStaff, listAuditForCase, recordAudit, setAuditLog } from '../../functions/core/audit/audit-store.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { staffActor } from '../../functions/core/cases/case-actions.ts';
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
  const tableName = `audit-${++n}`;
  await ensureTable(client, tableName);
  return { client, tableName };
}

const ann = staffActor({ sub: 'officer-ann', name: 'Ann Officer' });
const bea = staffActor({ sub: 'officer-bea', name: 'Bea Officer' });
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString();

describe('the audit', () => {
  it('lists a case’s events and a staff member’s, newest first, a page at a time', async () => {
    const store = await table();
    await recordAudit(store, { who: ann, action: 'personal-data-viewed', caseRef: 'ABCD-2345', at: at(1) });
    await recordAudit(store, { who: bea, action: 'state', caseRef: 'ABCD-2345', detail: 'investigating', at: at(2) });
    await recordAudit(store, { who: ann, action: 'export', detail: 'state=submitted', at: at(3) });
    await recordAudit(store, { who: ann, action: 'note', caseRef: 'WXYZ-6789', at: at(4) });

    const byCase = await listAuditForCase(store, 'ABCD-2345', { limit: 10 });
    expect(byCase.records.map((r) => [r.action, r.who])).toEqual([
      ['state', bea],
      ['personal-data-viewed', ann],
    ]);
    const first = await listAuditByStaff(store, 'officer-ann', { limit: 2 });
    expect(first.records.map((r) => [r.action, r.caseRef])).toEqual([
      ['note', 'WXYZ-6789'],
      ['export', undefined],
    ]);
    const rest = await listAuditByStaff(store, 'officer-ann', { limit: 2, after: first.next });
    expect(rest.records.map((r) => r.action)).toEqual(['personal-data-viewed']);
    expect(rest.next).toBeUndefined();
  });

  it('records two events at the same moment as two', async () => {
    const store = await table();
    await Promise.all([0, 1, 2].map(() => recordAudit(store, { who: ann, action: 'personal-data-viewed', caseRef: 'ABCD-2345', at: at(1) })));
    expect((await listAuditForCase(store, 'ABCD-2345', { limit: 10 })).records).toHaveLength(3);
  });

  it('records an event with a key once, however often it is recorded', async () => {
    const store = await table();
    const event = { who: ann, action: 'state', caseRef: 'ABCD-2345', detail: 'fixed', at: at(1), once: 'action-1:ABCD-2345' };
    const [a, b] = await Promise.all([recordAudit(store, event), recordAudit(store, event)]);
    await recordAudit(store, event);
    expect(a.id).toBe(b.id);
    expect((await listAuditForCase(store, 'ABCD-2345', { limit: 10 })).records).toEqual([{ id: a.id, who: ann, action: 'state', caseRef: 'ABCD-2345', detail: 'fixed', at: at(1) }]);
  });

  it('files an integrator’s or the platform’s events under their case only', async () => {
    const store = await table();
    await recordAudit(store, { who: { kind: 'integrator', keyId: 'k1', name: 'Confirm' }, action: 'update', caseRef: 'ABCD-2345', at: at(1) });
    expect((await listAuditForCase(store, 'ABCD-2345', { limit: 10 })).records[0].who).toEqual({ kind: 'integrator', keyId: 'k1', name: 'Confirm' });
  });

  it('refuses an action that is not a short id, and keeps a long detail short', async () => {
    const store = await table();
    await expect(recordAudit(store, { who: ann, action: 'Viewed <b>everything</b>', at: at(1) })).rejects.toBeInstanceOf(RangeError);
    const record = await recordAudit(store, { who: ann, action: 'export', detail: 'x'.repeat(5000), at: at(1) });
    expect(record.detail).toHaveLength(2000);
  });
});

describe('the audit fingerprints in the log', () => {
  it('logs each new record once, with its SHA-256 and ids but no names or free text', async () => {
    const store = await table();
    const lines: string[] = [];
    setAuditLog(createLogger({ module: 'audit' }, { write: (line) => lines.push(line), env: { LOG_LEVEL: 'info' } }));
    try {
      const record = await recordAudit(store, { who: ann, action: 'view-personal-data', caseRef: 'WXYZ-2345', detail: 'viewed Ann Resident’s email', at: at(5), once: 'view-1' });
      await recordAudit(store, { who: ann, action: 'view-personal-data', caseRef: 'WXYZ-2345', detail: 'viewed Ann Resident’s email', at: at(5), once: 'view-1' });

      expect(lines).toHaveLength(1);
      const logged = JSON.parse(lines[0]).audit;
      expect(logged).toMatchObject({ id: record.id, action: 'view-personal-data', caseRef: 'WXYZ-2345', by: { kind: 'staff', sub: 'officer-ann' } });
      expect(lines[0]).not.toContain('Ann Officer');
      expect(lines[0]).not.toContain('Ann Resident');
      const [stored] = (await listAuditForCase(store, 'WXYZ-2345', { limit: 5 })).records;
      expect(auditFingerprint(stored)).toBe(logged.sha256);
      // A record changed in the table no longer matches what the log holds.
      expect(auditFingerprint({ ...stored, detail: 'nothing to see' })).not.toBe(logged.sha256);
    } finally {
      setAuditLog(createLogger({ module: 'audit' }));
    }
  });
});
