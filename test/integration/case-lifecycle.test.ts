import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councilSchema, type CouncilConfig } from '../../functions/config/council-schema.ts';
import {
  addInternalNote,
  addPublicUpdate,
  assignCase,
  CaseActionError,
  changeState,
  deliverActionEmail,
  listHistory,
  markDuplicate,
  staffActor,
} from '../../functions/core/cases/case-actions.ts';
import { CaseChangedError, createCase, getCase, indexCaseUpdate, listCaseUpdates, type NewCase, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { caseStates, responseTemplates, stateLabel } from '../../functions/core/cases/lifecycle.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { council, embeddedStore, TEMPLATES } from '../support/harness.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let n = 0;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

async function table(): Promise<CouncilStore> {
  const client = createStoreClient({ endpoint: server.endpoint });
  const tableName = `lifecycle-${++n}`;
  await ensureTable(client, tableName);
  return { client, tableName };
}

const NOW = new Date('2026-12-01T10:00:00Z');
const LATER = new Date('2026-12-01T11:00:00Z');
const secrets = new LocalSecrets();
const officer = staffActor({ sub: 'officer-1', name: 'Olu Officer' });
const reportCase = (over: Partial<NewCase> = {}): NewCase => ({
  service: 'report',
  type: 'pothole',
  submissionId: `s-${Math.random()}`,
  details: { name: 'Ann Resident', email: 'ann@example.com' },
  public: { serviceCode: 'pothole', serviceName: 'Pothole', description: 'A deep pothole' },
  lang: 'en',
  retentionDays: 30,
  ...over,
});

async function made(store: CouncilStore, over: Partial<NewCase> = {}): Promise<StoredCase> {
  return (await createCase(store, reportCase(over), NOW, secrets)).case;
}

async function withCases(id: string, cases: unknown): Promise<CouncilConfig> {
  const base = await council(id);
  return councilSchema.parse({ ...base, cases });
}

describe('the case lifecycle', () => {
  it('starts every case submitted and open, made online, at version 0; Open311 cases are made by open311', async () => {
    const store = await table();
    const online = await made(store);
    const viaOpen311 = await made(store, { details: { source: 'open311' } });
    expect(await getCase(store, online.reference, NOW)).toMatchObject({ state: 'submitted', status: 'open', channel: 'online', version: 0 });
    expect((await getCase(store, viaOpen311.reference, NOW))!.channel).toBe('open311');
  });

  it('records assisted digital: the channel and "made by <staff> for <resident>"', async () => {
    const store = await table();
    const c = await made(store, { channel: 'phone', madeBy: { staff: { sub: 'officer-1', name: 'Olu Officer' }, forResident: 'Ann Resident' } });
    const read = (await getCase(store, c.reference, NOW))!;
    expect(read).toMatchObject({ channel: 'phone', madeBy: { staff: { sub: 'officer-1', name: 'Olu Officer' }, forResident: 'Ann Resident' } });
    expect((await listHistory(store, read))[0]).toMatchObject({ kind: 'created', by: { kind: 'staff', sub: 'officer-1' }, at: NOW.toISOString() });
  });

  it('reads a case stored before states as the state its status meant', async () => {
    const store = await table();
    await store.client.send(
      new PutItemCommand({
        TableName: store.tableName,
        Item: {
          pk: { S: 'CASE#ABCD-2345' },
          sk: { S: 'CASE' },
          reference: { S: 'ABCD-2345' },
          service: { S: 'report' },
          type: { S: 'pothole' },
          submissionId: { S: 'old' },
          lang: { S: 'en' },
          status: { S: 'closed' },
          createdAt: { S: '2026-11-01T10:00:00.000Z' },
          retentionDays: { N: '30' },
          expiresAt: { N: String(NOW.getTime() / 1000 + 86_400) },
          details: { M: {} },
        },
      }),
    );
    const old = (await getCase(store, 'ABCD-2345', NOW))!;
    expect(old).toMatchObject({ state: 'fixed', status: 'closed', channel: 'online', version: 0 });
    expect(old.closedAt).toBeUndefined();
    // And it can be worked: its state condition accepts the missing attribute.
    await changeState(store, await council('hackney'), old, { state: 'investigating', actionId: 'a1', by: officer, expectedVersion: 0 }, LATER);
    expect(await getCase(store, 'ABCD-2345', LATER)).toMatchObject({ state: 'investigating', status: 'open', version: 1 });
  });

  it('moves a case between states, Open311 open/closed following, each change in its history with who and when', async () => {
    const store = await table();
    const hackney = await council('hackney');
    const c = await made(store);
    const first = await changeState(store, hackney, c, { state: 'investigating', actionId: 'a1', by: officer, expectedVersion: 0 }, LATER);
    expect(first).toMatchObject({ outcome: 'applied', previousState: 'submitted', case: { state: 'investigating', status: 'open', version: 1, updatedAt: LATER.toISOString() } });
    const closed = await changeState(store, hackney, first.case, { state: 'no-further-action', actionId: 'a2', by: officer, expectedVersion: 1 }, LATER);
    expect(closed.case).toMatchObject({ state: 'no-further-action', status: 'closed', version: 2 });
    const history = await listHistory(store, closed.case);
    expect(history.map((e) => [e.kind, e.previousState, e.state])).toEqual([
      ['created', undefined, 'submitted'],
      ['state', 'submitted', 'investigating'],
      ['state', 'investigating', 'no-further-action'],
    ]);
    expect(history[1]).toMatchObject({ by: { kind: 'staff', sub: 'officer-1', name: 'Olu Officer' }, at: LATER.toISOString(), public: false });
    // A state change says nothing to the resident.
    expect((await getCase(store, c.reference, LATER))!.updates).toEqual([]);
  });

  it('records when a case closed, keeps it across closed states and notes, and clears it when the case reopens', async () => {
    const store = await table();
    const hackney = await council('hackney');
    const at = (iso: string) => new Date(`2026-12-01T${iso}:00Z`);
    const c = await made(store);
    const working = await changeState(store, hackney, c, { state: 'investigating', actionId: 'c1', by: officer }, at('10:30'));
    const fixed = await changeState(store, hackney, working.case, { state: 'fixed', actionId: 'c2', by: officer }, at('11:00'));
    const noted = await addInternalNote(store, fixed.case, { text: 'Checked on site', actionId: 'c3', by: officer }, at('11:30'));
    const moved = await changeState(store, hackney, noted.case, { state: 'no-further-action', actionId: 'c4', by: officer }, at('12:00'));
    const reopened = await changeState(store, hackney, moved.case, { state: 'in-progress', actionId: 'c5', by: officer }, at('13:00'));
    const closedAgain = await addPublicUpdate(store, hackney, reopened.case, { text: 'Filled in', state: 'fixed', actionId: 'c6', by: officer }, at('14:00'));

    expect(c.closedAt).toBeUndefined();
    expect(working.case.closedAt).toBeUndefined();
    expect(fixed.case.closedAt).toBe(at('11:00').toISOString());
    expect(noted.case.closedAt).toBe(at('11:00').toISOString());
    expect(moved.case.closedAt).toBe(at('11:00').toISOString());
    expect(reopened.case.closedAt).toBeUndefined();
    expect(closedAgain.case.closedAt).toBe(at('14:00').toISOString());
    expect((await getCase(store, c.reference, at('15:00')))!.closedAt).toBe(at('14:00').toISOString());
  });

  it('lists changes made at the same instant in the order they were applied, whatever their ids', async () => {
    const store = await table();
    const hackney = await council('hackney');
    const c = await made(store);
    // Ids that sort the other way round from the order the actions are applied in.
    const first = await addInternalNote(store, c, { text: 'Called the resident', actionId: 'z-first', by: officer }, LATER);
    const second = await changeState(store, hackney, first.case, { state: 'investigating', actionId: 'm-second', by: officer }, LATER);
    await assignCase(store, second.case, { to: { sub: 'officer-2', name: 'Bea Officer' }, actionId: 'a-third', by: officer }, LATER);

    const history = await listHistory(store, (await getCase(store, c.reference, LATER))!);

    expect(history.map((e) => [e.kind, e.id, e.at])).toEqual([
      ['created', c.submissionId, NOW.toISOString()],
      ['note', 'z-first', LATER.toISOString()],
      ['state', 'm-second', LATER.toISOString()],
      ['assignment', 'a-third', LATER.toISOString()],
    ]);
  });

  it('lists a retried update once, when the case has changed since the update was applied', async () => {
    const store = await table();
    const hackney = await council('hackney');
    const c = await made(store);
    const updated = await addPublicUpdate(store, hackney, c, { text: 'On our list', actionId: 'u-1', by: officer }, LATER);
    const noted = await addInternalNote(store, updated.case, { text: 'Crew booked', actionId: 'n-1', by: officer }, LATER);

    await indexCaseUpdate(store, noted.case, noted.case.updates[0], officer);
    const history = await listHistory(store, (await getCase(store, c.reference, LATER))!);

    expect(history.filter((e) => e.id === 'u-1')).toHaveLength(1);
  });

  it('still reads history items stored before their key held the case’s version, in time order', async () => {
    const store = await table();
    const c = await made(store);
    const old = (at: string, id: string) =>
      new PutItemCommand({
        TableName: store.tableName,
        Item: { pk: { S: `CASE#${c.reference}` }, sk: { S: `HIST#${at}#${id}` }, id: { S: id }, kind: { S: 'note' }, at: { S: at }, text: { S: id }, isPublic: { BOOL: false } },
      });
    await store.client.send(old('2026-12-01T10:20:00.000Z', 'old-2'));
    await store.client.send(old('2026-12-01T10:10:00.000Z', 'old-1'));
    await addInternalNote(store, c, { text: 'new', actionId: 'new-1', by: officer }, LATER);

    const history = await listHistory(store, (await getCase(store, c.reference, LATER))!);

    expect(history.map((e) => e.id)).toEqual([c.submissionId, 'old-1', 'old-2', 'new-1']);
  });

  it('applies a repeated or double-clicked action once', async () => {
    const store = await table();
    const hackney = await council('hackney');
    const c = await made(store);
    const action = { state: 'in-progress' as const, actionId: 'form-7f3a', by: officer, expectedVersion: 0 };
    const results = await Promise.all([changeState(store, hackney, c, action, LATER), changeState(store, hackney, c, action, LATER)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['already-applied', 'applied']);
    // Sent again later (the browser's back button and resubmit): still once.
    expect((await changeState(store, hackney, c, action, new Date('2026-12-01T12:00:00Z'))).outcome).toBe('already-applied');
    expect((await getCase(store, c.reference, LATER))!.version).toBe(1);
    expect((await listHistory(store, c)).filter((e) => e.kind === 'state')).toHaveLength(1);
  });

  it('refuses an action made on a page showing an older version, saying what the case is now', async () => {
    const store = await table();
    const hackney = await council('hackney');
    const c = await made(store);
    await assignCase(store, c, { to: { sub: 'officer-2', name: 'Bea Officer' }, actionId: 'x1', by: officer, expectedVersion: 0 }, LATER);
    const stale = changeState(store, hackney, c, { state: 'fixed', actionId: 'x2', by: officer, expectedVersion: 0 }, LATER);
    await expect(stale).rejects.toBeInstanceOf(CaseChangedError);
    await expect(stale).rejects.toMatchObject({ current: { version: 1, assignedTo: { sub: 'officer-2' } } });
    expect((await getCase(store, c.reference, LATER))!.state).toBe('submitted');
  });

  it('publishes a public update on the tracking list and in Open311, and emails the resident in their language', async () => {
    const store = await table();
    const ceredigion = await council('ceredigion');
    const outbox = new OutboxNotifications({ council: 'ceredigion', templates: TEMPLATES, clock: () => LATER });
    const confirmation = { template: 'missed-collection-confirmation', lang: 'cy' as const, to: 'ann@example.com', personalisation: {} };
    const created = await createCase(store, reportCase({ service: 'bins', type: 'missed-collection', public: undefined, lang: 'cy', notification: confirmation }), NOW, secrets);
    const result = await addPublicUpdate(store, ceredigion, created.case, { text: 'Byddwn yn casglu yfory', state: 'action-scheduled', actionId: 'u-1', by: officer }, LATER);
    // The confirmation is still waiting in the case's notification slot: one email at a time.
    expect(result).toMatchObject({ outcome: 'applied', notificationSkipped: true });

    const store2 = await table();
    const c = (await createCase(store2, reportCase({ lang: 'cy' }), NOW, secrets)).case;
    // As if the confirmation had gone.
    const { markNotificationSent } = await import('../../functions/core/cases/case-store.ts');
    await markNotificationSent(store2, c.reference);
    const sent = await addPublicUpdate(store2, ceredigion, (await getCase(store2, c.reference, NOW))!, { text: 'Wedi’i drwsio heddiw', state: 'fixed', actionId: 'u-2', by: officer }, LATER);
    expect(sent.outcome).toBe('applied');
    expect(await deliverActionEmail(store2, outbox, sent, LATER, createLogger())).toBe('sent');
    const [mail] = outbox.sent();
    expect(mail).toMatchObject({ to: 'ann@example.com', lang: 'cy', template: 'report-case-update', reference: c.reference });
    expect(mail.body).toContain('Wedi’i drwsio heddiw');
    expect(mail.body).toContain(`Statws: ${stateLabel(ceredigion, 'fixed', 'cy')}`);

    const read = (await getCase(store2, c.reference, LATER))!;
    expect(read).toMatchObject({ state: 'fixed', status: 'closed', notificationDueAt: undefined });
    expect(read.updates).toEqual([{ id: 'u-2', status: 'closed', state: 'fixed', description: 'Wedi’i drwsio heddiw', createdAt: LATER.toISOString(), externalStatusCode: 'FIXED' }]);
    const listed = await listCaseUpdates(store2, { service: 'report', from: NOW.toISOString(), to: LATER.toISOString(), limit: 10 }, LATER);
    expect(listed.updates.map((u) => u.update.id)).toEqual(['u-2']);
  });

  it('keeps internal notes off the tracking list and out of Open311', async () => {
    const store = await table();
    const c = await made(store);
    await addInternalNote(store, c, { text: 'Resident rang: the hole is by the bus stop', actionId: 'n-1', by: officer }, LATER);
    const read = (await getCase(store, c.reference, LATER))!;
    expect(read.updates).toEqual([]);
    expect(read.updatedAt).toBe(LATER.toISOString());
    expect((await listCaseUpdates(store, { service: 'report', from: NOW.toISOString(), to: LATER.toISOString(), limit: 10 }, LATER)).updates).toEqual([]);
    expect((await listHistory(store, read)).at(-1)).toMatchObject({ kind: 'note', text: 'Resident rang: the hole is by the bus stop', public: false });
    await expect(addInternalNote(store, read, { text: '   ', actionId: 'n-2', by: officer }, LATER)).rejects.toMatchObject({ reason: 'text-required' });
  });

  it('assigns and unassigns a case', async () => {
    const store = await table();
    const c = await made(store);
    const assigned = await assignCase(store, c, { to: { sub: 'officer-2', name: 'Bea Officer' }, actionId: 'as-1', by: officer }, LATER);
    expect(assigned.case.assignedTo).toEqual({ sub: 'officer-2', name: 'Bea Officer' });
    const unassigned = await assignCase(store, assigned.case, { to: null, actionId: 'as-2', by: officer }, LATER);
    expect(unassigned.case.assignedTo).toBeUndefined();
    expect((await listHistory(store, unassigned.case)).slice(1).map((e) => e.assignedTo)).toEqual([{ sub: 'officer-2', name: 'Bea Officer' }, null]);
  });

  it('marks a case a duplicate of another existing reference, not of itself nor of one that does not exist', async () => {
    const store = await table();
    const hackney = await council('hackney');
    const original = await made(store);
    const copy = await made(store);
    await expect(markDuplicate(store, hackney, copy, { of: copy.reference, actionId: 'd0', by: officer }, LATER)).rejects.toMatchObject({ reason: 'duplicate-self' });
    await expect(markDuplicate(store, hackney, copy, { of: 'ABCD-EFGH', actionId: 'd1', by: officer }, LATER)).rejects.toBeInstanceOf(CaseActionError);
    const result = await markDuplicate(store, hackney, copy, { of: original.reference.toLowerCase(), actionId: 'd2', by: officer }, LATER);
    expect(result.case).toMatchObject({ state: 'duplicate', status: 'closed', duplicateOf: original.reference });
    expect((await listHistory(store, result.case)).at(-1)).toMatchObject({ kind: 'duplicate', duplicateOf: original.reference });
  });
});

describe('a council’s states and response templates', () => {
  it('renames, translates and drops states from the council file', async () => {
    const ceredigion = await withCases('ceredigion', {
      states: { 'action-scheduled': { label: { en: 'Booked', cy: 'Wedi’i drefnu' } }, 'internal-referral': false },
    });
    const states = caseStates(ceredigion);
    expect(states.map((s) => s.id)).not.toContain('internal-referral');
    expect(stateLabel(ceredigion, 'action-scheduled', 'cy')).toBe('Wedi’i drefnu');
    expect(stateLabel(ceredigion, 'action-scheduled', 'en')).toBe('Booked');
    expect(states.find((s) => s.id === 'fixed')).toMatchObject({ status: 'closed' });
    const store = await table();
    const c = await made(store);
    await expect(changeState(store, ceredigion, c, { state: 'internal-referral', actionId: 'r', by: officer }, LATER)).rejects.toMatchObject({ reason: 'state-not-enabled' });
  });

  it('refuses a file that drops submitted, every closed state or a template’s state, repeats a template id, or leaves out Welsh', async () => {
    const base = await council('ceredigion');
    const problems = (cases: unknown) => {
      const result = councilSchema.safeParse({ ...base, cases });
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems({ states: { submitted: false } })).toEqual([expect.stringContaining('cases.states.submitted')]);
    expect(problems({ states: { fixed: false, 'not-responsible': false, duplicate: false, 'no-further-action': false, 'internal-referral': false } })).toEqual([
      expect.stringContaining('at least one closed state'),
    ]);
    const template = { id: 't', service: 'bins', state: 'fixed', title: 'Collected', text: { en: 'We have collected it', cy: 'Rydym wedi’i gasglu' } };
    expect(problems({ states: { fixed: false }, responseTemplates: [template] })).toEqual([expect.stringContaining('cases.responseTemplates.0.state')]);
    expect(problems({ responseTemplates: [{ ...template, text: { en: 'We have collected it' } }] })).toEqual([expect.stringContaining('cases.responseTemplates.0.text.cy')]);
    expect(problems({ states: { investigating: { label: { en: 'Looking' } } } })).toEqual([expect.stringContaining('cases.states.investigating.label.cy')]);
    expect(problems({ responseTemplates: [template, { ...template, title: 'Again' }] })).toEqual([expect.stringContaining('cases.responseTemplates.1.id')]);
  });

  it('offers a case the templates for its type first, then its service’s, for the state asked', async () => {
    const hackney = await withCases('hackney', {
      responseTemplates: [
        { id: 'any-fixed', service: 'report', state: 'fixed', title: 'Fixed', text: { en: 'Fixed.' } },
        { id: 'pothole-fixed', service: 'report', type: 'pothole', state: 'fixed', title: 'Pothole filled', text: { en: 'We filled the pothole.' } },
        { id: 'litter-fixed', service: 'report', type: 'litter', state: 'fixed', title: 'Litter cleared', text: { en: 'Cleared.' } },
        { id: 'pothole-inspect', service: 'report', type: 'pothole', state: 'investigating', title: 'Inspecting', text: { en: 'An inspector will visit.' } },
      ],
    });
    expect(responseTemplates(hackney, { service: 'report', type: 'pothole', state: 'fixed' }).map((t) => t.id)).toEqual(['pothole-fixed', 'any-fixed']);
    expect(responseTemplates(hackney, { service: 'report', type: 'pothole' }).map((t) => t.id)).toEqual(['pothole-fixed', 'pothole-inspect', 'any-fixed']);
  });
});
