/**
 * Retention that deletes (functions/core/retention/sweep.ts). Reads already treat an expired item as
 * gone (DynamoDB's TTL deletes lazily, and locally never); the sweep, run on the council's schedule,
 * deletes it for real, with what it holds in storage: a report past its retention, its history and
 * its photo; a form's case and its uploaded file; drafts (a report's pending photo, a saved form's
 * file) and resume links. What has not expired stays, the queue's counts follow, and a run bounded
 * by its limit carries on where it stopped. Real store (dynalite), local photo and file storage, a
 * fixed clock.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseUpdate, caseItem, emailPartition, getCase, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { listQueue, queueCounts, queueRows, searchCases, tallyNewCases } from '../../functions/core/cases/queue.ts';
import { randomReference } from '../../functions/core/cases/reference.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { sweepExpired } from '../../functions/core/retention/sweep.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { serviceConfig } from '../../functions/core/service-config.ts';
import { documentClient, TABLE_KEYS, type CouncilStore } from '../../functions/core/store/store.ts';
import { resolveForm } from '../../functions/modules/forms/definition/resolve.ts';
import type { FileAnswer } from '../../functions/modules/forms/definition/types.ts';
import { casesForEmail } from '../../functions/core/data-rights/resident-record.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { answerAddress, next, startForm, upload } from '../support/forms.ts';
import { caseTestCouncil, reportCase } from '../staff/case-support.ts';
import { parseCsv, referencesOn } from '../staff/queue-support.ts';
import { devClients, StaffBrowser, startProvider, TestClock } from '../staff/support.ts';
import { embeddedStore, Session, testApp, uploadPhoto, type TestApp } from '../support/harness.ts';
import { jpeg } from '../support/images.ts';
import { answerPotholeToPhoto } from '../support/report-steps.ts';

const NOW = '2026-12-01T10:00:00Z';
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(NOW) + days * DAY);
const logger = createLogger();
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

const sweep = (app: TestApp, now: Date, options?: { limit?: number }) => sweepExpired({ store: app.store, photos: app.photos, files: app.files, logger }, now, options);

/** Every item the table holds under a partition key, read past any expiry (what is really there). */
async function partition(store: CouncilStore, pk: string) {
  const { Items = [] } = await documentClient(store).send(
    new QueryCommand({ TableName: store.tableName, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey }, ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }),
  );
  return Items;
}

async function rawItem(store: CouncilStore, pk: string, sk: string) {
  const { Item } = await documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: sk }, ConsistentRead: true }));
  return Item;
}

const folder = (app: TestApp, name: string) => {
  try {
    return readdirSync(path.join(app.photos.dir, name));
  } catch {
    return [];
  }
};

/** The upload form on the report's photo page, as a browser would read it. */
function photoFormOf(html: string) {
  const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(html)!;
  const fields = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
  return { action: form[1].replace(/&amp;/g, '&'), fields, fileField: 'file' };
}

/** A pothole report answered up to the photo page; the draft's base path. */
const toPhoto = (session: Session) => answerPotholeToPhoto(session, { postcode: 'E8 2NS' });

/** Uploads a photo on the photo page as a browser would; the photo's id. */
async function addPhoto(app: TestApp, session: Session, base: string): Promise<string> {
  const page = await (await session.get(`${base}/photo`)).text();
  const back = new URL(await uploadPhoto(app.photos, photoFormOf(page), { bytes: jpeg(), name: 'pothole.jpg', type: 'image/jpeg' }), 'http://localhost');
  await session.get(back.pathname + back.search);
  const shown = await (await session.get(`${base}/photo`)).text();
  return /<img class="app-photo" src="[^"]*\/report\/photos\/([^"]+)"/.exec(shown)![1];
}

/** Sends a report as a resident does, with a photo; its reference and photo id. */
async function sendReport(app: TestApp, email: string): Promise<{ reference: string; photo: string }> {
  const session = new Session(app.app);
  const base = await toPhoto(session);
  const photo = await addPhoto(app, session, base);
  await session.post(`${base}/photo`, {});
  await session.post(`${base}/contact`, { name: 'Ann Resident', email, phone: '' });
  const sent = await session.post(`${base}/check`, {});
  expect(sent.status).toBe(303);
  return { reference: sent.headers.get('location')!.split('/').pop()!, photo };
}

const open311 = async (app: TestApp, pathAndQuery: string) => {
  const res = await app.app.request(`/open311/v2/${pathAndQuery}`);
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Record<string, string>[]) : [] };
};

/** Hackney's dropped kerb up to its sketch (a file question): the draft's base path. */
async function toSketch(session: Session): Promise<string> {
  const base = await startForm(session, '/forms/dropped-kerb', 'address');
  await answerAddress(session, `${base}/address`, { postcode: 'E5 0LH', uprn: '10008200003' }, { typed: 'e5 0lh' });
  await next(session, `${base}/owner`, { owner: 'yes' });
  await next(session, `${base}/surface`, { surface: 'block-paving' });
  await next(session, `${base}/depth`, { depth: '5.5' });
  expect(await next(session, `${base}/classified-road`, { 'classified-road': 'no' })).toBe(`${base}/sketch`);
  return base;
}

describe('the retention sweep', () => {
  it('deletes a report past its retention with its history and photo, from the store and photo storage: no Open311 list or GET, queue, search or export has it; a newer report stays', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const old = await sendReport(app, 'ann@example.com');
    await addCaseUpdate(app.store, old.reference, { id: 'officer-1', status: 'open', state: 'investigating', description: 'We are looking at it', createdAt: at(1).toISOString() }, at(1));
    app.setNow(at(10).toISOString());
    const kept = await sendReport(app, 'ann@example.com');
    await tallyNewCases(app.store, Object.keys(app.council.services), at(11));
    expect((await queueCounts(app.store)).counts).toMatchObject({ submitted: 1, investigating: 1 });

    const found = (await getCase(app.store, old.reference, at(11)))!;
    const afterExpiry = new Date((found.expiresAt + DAY / 1000) * 1000);
    expect((await getCase(app.store, kept.reference, at(11)))!.expiresAt * 1000).toBeGreaterThan(afterExpiry.getTime());
    // Before the sweep, the reads already pass it over, but it is still in the table and in storage.
    expect((await partition(app.store, `CASE#${old.reference}`)).length).toBeGreaterThan(1);
    expect(folder(app, 'photos')).toContain(old.photo);

    const result = await sweep(app, afterExpiry);

    expect(result).toMatchObject({ cases: 1, photos: 1, files: 0 });
    expect(await partition(app.store, `CASE#${old.reference}`)).toEqual([]);
    expect(folder(app, 'photos')).not.toContain(old.photo);
    expect(await app.photos.read(old.photo)).toBeUndefined();
    expect(await app.photos.read(kept.photo)).toBeDefined();
    // Open311: not by id, not in the list of requests or of updates; the newer report still is.
    app.setNow(afterExpiry.toISOString());
    expect((await open311(app, `requests/${old.reference}.json`)).status).toBe(404);
    expect((await app.app.request(`/report/photos/${old.photo}`)).status).toBe(404);
    const range = `start_date=${at(0).toISOString().slice(0, 10)}T00:00:00Z&end_date=${at(11).toISOString().slice(0, 10)}T00:00:00Z`;
    const listed = await open311(app, `requests.json?${range}`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((r) => r.service_request_id)).toEqual([kept.reference]);
    const updates = await open311(app, `servicerequestupdates.json?${range}`);
    expect(updates.body.map((u) => u.service_request_id)).not.toContain(old.reference);
    // The back office: queue, search by reference and by email, and the export.
    expect((await listQueue(app.store, { filters: {}, pageSize: 50 }, afterExpiry)).cases.map((c) => c.reference)).toEqual([kept.reference]);
    expect(await searchCases(app.store, { reference: old.reference }, new LocalSecrets(), afterExpiry)).toEqual([]);
    // The email search's own index partition (an HMAC of the address under the app's key), read past expiry: only the newer one.
    const { Items: byEmail = [] } = await documentClient(app.store).send(
      new QueryCommand({
        TableName: app.store.tableName,
        IndexName: TABLE_KEYS.emailIndex.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.emailIndex.partitionKey },
        ExpressionAttributeValues: { ':pk': emailPartition(found.contactKeys!.email!) },
      }),
    );
    expect(byEmail.map((i) => i.reference)).toEqual([kept.reference]);
    const exported: string[] = [];
    for await (const c of queueRows(app.store, {}, afterExpiry)) exported.push(c.reference);
    expect(exported).toEqual([kept.reference]);
    // Its state left the counts: it was investigating; the newer one is still submitted.
    expect((await queueCounts(app.store)).counts).toMatchObject({ submitted: 1, investigating: 0 });
  });

  it('deletes a form’s case with the file the resident uploaded', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const session = new Session(app.app);
    const base = await toSketch(session);
    expect((await upload(app, session, `${base}/sketch`, { bytes: PDF, name: 'plan.pdf', type: 'application/pdf' })).status).toBe(303);
    await next(session, `${base}/sketch`, {});
    await next(session, `${base}/name`, { 'name-first': 'Ann', 'name-last': 'Jones' });
    await next(session, `${base}/contact`, { email: 'ann@example.com', phone: '020 7946 0000' });
    const sent = await session.post(`${base}/check-answers`, {});
    const reference = sent.headers.get('location')!.split('/').pop()!;
    const stored = (await getCase(app.store, reference, at(0)))!;
    const sketch = stored.form!.answers.find((a) => a.key === 'sketch')!.value as FileAnswer;
    expect(await app.files.read(sketch.fileId)).toBeDefined();
    expect(stored.retentionDays).toBe(resolveForm(app.council, 'dropped-kerb')!.retentionDays);

    const result = await sweep(app, new Date((stored.expiresAt + 60) * 1000));

    expect(result).toMatchObject({ cases: 1, files: 1 });
    expect(await partition(app.store, `CASE#${reference}`)).toEqual([]);
    expect(await app.files.read(sketch.fileId)).toBeUndefined();
  });

  it('deletes an expired report draft with its pending photo, and a saved form draft with its file and resume links, but not before they expire', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const reporter = new Session(app.app);
    const reportBase = await toPhoto(reporter);
    const pending = await addPhoto(app, reporter, reportBase);
    const reportDraft = `DRAFT#${/\/d\/([A-Za-z0-9_-]{22})/.exec(reportBase)![1]}`;

    const resident = new Session(app.app);
    const formBase = await toSketch(resident);
    expect((await upload(app, resident, `${formBase}/sketch`, { bytes: PDF, name: 'plan.pdf', type: 'application/pdf' })).status).toBe(303);
    expect((await resident.post(`${formBase}/save`, { email: 'ann@example.com' })).status).toBe(303);
    const draftId = formBase.split('/').pop()!;
    const sketch = JSON.parse(String((await rawItem(app.store, `DRAFT#${draftId}`, 'DRAFT'))!.data)).answers.sketch as FileAnswer;
    const link = (await rawItem(app.store, `RESUMEOF#${draftId}`, 'RESUME'))!;
    expect(await rawItem(app.store, `RESUME#${link.hash}`, 'RESUME')).toBeDefined();
    const saveDays = resolveForm(app.council, 'dropped-kerb')!.saveAndReturn!.days;

    // Two days on: the report's draft (a day) has gone with its photo; the saved form has not.
    const first = await sweep(app, at(2));
    expect(first).toMatchObject({ drafts: 1, photos: 1, files: 0, other: 0 });
    expect(await rawItem(app.store, reportDraft, 'DRAFT')).toBeUndefined();
    expect(await app.photos.read(pending)).toBeUndefined();
    expect(await rawItem(app.store, `DRAFT#${draftId}`, 'DRAFT')).toBeDefined();
    expect(await app.files.read(sketch.fileId)).toBeDefined();

    // After its saved days: the draft, its file, its link and the address it was sent to.
    const second = await sweep(app, at(saveDays + 1));
    expect(second).toMatchObject({ drafts: 1, files: 1, other: 2 });
    expect(await rawItem(app.store, `DRAFT#${draftId}`, 'DRAFT')).toBeUndefined();
    expect(await rawItem(app.store, `RESUMEOF#${draftId}`, 'RESUME')).toBeUndefined();
    expect(await rawItem(app.store, `RESUME#${link.hash}`, 'RESUME')).toBeUndefined();
    expect(await app.files.read(sketch.fileId)).toBeUndefined();
  });
});

let seeded = 0;
/** A report case made at `made`, kept `days` (seeded as the bench seeds, with its expiry keys). */
function seededCase(made: Date, days: number, over: Partial<StoredCase> = {}): StoredCase {
  const iso = made.toISOString();
  return {
    reference: randomReference(),
    service: 'report',
    type: 'pothole',
    submissionId: `sweep-test-${++seeded}`,
    details: { name: 'Ann Resident' },
    public: { serviceCode: 'pothole', serviceName: 'Pothole', description: 'A pothole', lat: 51.55, long: -0.05 },
    lang: 'en',
    retentionDays: days,
    state: 'submitted',
    status: 'open',
    channel: 'online',
    version: 0,
    createdAt: iso,
    updatedAt: iso,
    updates: [],
    expiresAt: Math.floor(made.getTime() / 1000) + days * 86_400,
    notificationAttempts: 0,
    ...over,
  };
}

const put = (store: CouncilStore, item: Record<string, unknown>) => documentClient(store).send(new PutCommand({ TableName: store.tableName, Item: item }));

describe('a sweep run', () => {
  it('handles at most its limit, and the next run carries on from its cursor, over days, leaving what expires later today', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    // Seven expired over two days, and one that expires later on the day of the sweep.
    const expired = [...Array.from({ length: 4 }, (_, i) => seededCase(at(i / 100), 30)), ...Array.from({ length: 3 }, (_, i) => seededCase(at(1 + i / 100), 30))];
    const later = seededCase(at(1.2), 30);
    for (const c of [...expired, later]) await put(app.store, caseItem(c));
    const sweepAt = at(31.1);
    expect(new Date(later.expiresAt * 1000).toISOString().slice(0, 10)).toBe(sweepAt.toISOString().slice(0, 10));

    const runs = [];
    for (let i = 0; i < 4; i++) runs.push((await sweep(app, sweepAt, { limit: 3 })).cases);

    expect(runs).toEqual([3, 3, 1, 0]);
    for (const c of expired) expect(await rawItem(app.store, `CASE#${c.reference}`, 'CASE')).toBeUndefined();
    expect(await rawItem(app.store, `CASE#${later.reference}`, 'CASE')).toBeDefined();
    // Later that day it has expired too, and the run from the cursor finds it.
    expect((await sweep(app, new Date((later.expiresAt + 1) * 1000))).cases).toBe(1);
  });

  it('keeps the counts right: an unrestricted case leaves its state’s count, a care case (never counted) takes nothing, and a count never goes below zero', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const counted = seededCase(at(0), 30, { state: 'in-progress', status: 'open' });
    const care = seededCase(at(0), 30, { service: 'forms', type: 'care-needs-assessment', restrictedTo: 'care', public: undefined });
    for (const c of [counted, care]) await put(app.store, caseItem(c));
    await tallyNewCases(app.store, Object.keys(app.council.services), at(1));
    // The tally counts new cases as submitted; the in-progress one moved there by a state change.
    await documentClient(app.store).send(
      new PutCommand({ TableName: app.store.tableName, Item: { ...(await rawItem(app.store, 'CASECOUNTS', 'STATE')), n_submitted: 0, n_in_progress: 1 } }),
    );
    // One more in a state whose count is already 0 (a count that was off): it stays 0.
    const stray = seededCase(at(0), 30, { state: 'fixed', status: 'closed' });
    await put(app.store, caseItem(stray));

    const result = await sweep(app, at(31));

    expect(result.cases).toBe(3);
    expect((await queueCounts(app.store)).counts).toMatchObject({ submitted: 0, 'in-progress': 0, fixed: 0 });
    // Swept again (the index can still list what was deleted, in AWS): nothing is taken twice.
    expect((await sweep(app, at(31))).cases).toBe(0);
    expect((await queueCounts(app.store)).counts['in-progress']).toBe(0);
  });

  it('leaves a case written before the expiry index (no expiry keys) to DynamoDB’s TTL: reads pass it over all the same', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const c = seededCase(at(0), 30);
    const item = caseItem(c);
    delete item[TABLE_KEYS.expiryIndex.partitionKey];
    delete item[TABLE_KEYS.expiryIndex.sortKey];
    await put(app.store, item);

    expect((await sweep(app, at(31))).cases).toBe(0);

    expect(await rawItem(app.store, `CASE#${c.reference}`, 'CASE')).toBeDefined();
    expect(await getCase(app.store, c.reference, at(31))).toBeUndefined();
    expect((await listQueue(app.store, { filters: {}, pageSize: 50 }, at(31))).cases).toEqual([]);
    await documentClient(app.store).send(new DeleteCommand({ TableName: app.store.tableName, Key: { pk: `CASE#${c.reference}`, sk: 'CASE' } }));
  });
});

describe('the back office and the resident’s record after a sweep', () => {
  let idp: OidcDevProvider;
  afterAll(() => idp?.close());

  it('list a report past its retention nowhere: not in the queue, a search by reference or email, the export, or the resident’s record', async () => {
    // Staff sign in at the real time (the provider's tokens are dated by it): the cases are made in the past.
    const clock = new TestClock();
    const clients = await devClients(['hackney']);
    idp = await startProvider(['hackney'], clients);
    const target = await caseTestCouncil('hackney', { endpoint: server.endpoint, issuer: idp.issuer, client: clients[0], clock });
    const now = clock.read();
    const days = serviceConfig(target.council, 'report').retentionDays;
    const old = (await reportCase(target, new Date(now.getTime() - (days + 2) * DAY))).case;
    const kept = (await reportCase(target, new Date(now.getTime() - DAY))).case;
    await tallyNewCases(target.store, Object.keys(target.council.services), now);

    expect((await sweepExpired({ store: target.store, logger }, now)).cases).toBe(1);

    const supervisor = new StaffBrowser(target);
    expect((await supervisor.signIn('hackney-supervisor')).status).toBe(303);
    expect(referencesOn(await (await supervisor.get('/staff/queue')).text())).toEqual([kept.reference]);
    expect((await supervisor.get(`/staff/queue?q=${old.reference}`)).status).not.toBe(303);
    expect((await supervisor.get(`/staff/cases/${old.reference}`)).status).toBe(404);
    expect(referencesOn(await (await supervisor.get('/staff/queue?q=ann%40example.com')).text())).toEqual([kept.reference]);
    const csv = parseCsv(await (await supervisor.post('/staff/export.csv', {})).text());
    const column = csv[0].indexOf('Reference');
    expect(csv.slice(1).map((row) => row[column])).toEqual([kept.reference]);
    expect((await searchCases(target.store, { email: 'ann@example.com' }, target.secrets, now)).map((c) => c.reference)).toEqual([kept.reference]);
    expect((await casesForEmail(target.store, target.secrets, 'ann@example.com', now)).map((c) => c.reference)).toEqual([kept.reference]);
    expect((await queueCounts(target.store)).counts.submitted).toBe(1);
  });
});
