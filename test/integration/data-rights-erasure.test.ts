/**
 * Requests to delete data (functions/core/data-rights/erasure.ts) and anonymising (anonymise.ts),
 * on the real store with a fixed clock: the ICO due date, what approving removes and keeps (read
 * back from the raw items, the indexes, photo and file storage and Open311), refusing, and that a
 * decision is made once.
 */
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { listAuditForCase } from '../../functions/core/audit/audit-store.ts';
import { addInternalNote, addPublicUpdate, addResidentComment, CaseActionError, listHistory, staffActor } from '../../functions/core/cases/case-actions.ts';
import { createCase, getCase, type CaseAnswer } from '../../functions/core/cases/case-store.ts';
import { contactKeysOf } from '../../functions/core/cases/contact-keys.ts';
import { queueCounts, tallyNewCases } from '../../functions/core/cases/queue.ts';
import { caseSealContext, sealCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import { anonymiseCase, ANONYMISED_DESCRIPTION } from '../../functions/core/data-rights/anonymise.ts';
import { caseMedia } from '../../functions/core/data-rights/case-media.ts';
import { DATA_RIGHTS_EMAIL_TEMPLATES } from '../../functions/core/data-rights/email-templates.ts';
import {
  approveErasure,
  DATA_PROTECTION_RESTRICTION,
  DATA_RIGHTS_SERVICE,
  dataRightsRequests,
  ERASURE_TYPE,
  erasureDecision,
  ErasureDecidedError,
  erasureDueDate,
  erasureReceivedEmail,
  erasureReferences,
  refuseErasure,
  requestErasure,
} from '../../functions/core/data-rights/erasure.ts';
import { LocalFileStorage } from '../../functions/core/files/local-file-storage.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalPhotoStorage } from '../../functions/core/photos/local-photo-storage.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, TABLE_KEYS } from '../../functions/core/store/store.ts';
import type { ReportConfig } from '../../functions/modules/report/config.ts';
import { categoriesByCode, createProblemReport } from '../../functions/modules/report/reports.ts';
import { council, embeddedStore, TEMPLATES, testApp, uploadFile, uploadPhoto, type TestApp } from '../support/harness.ts';
import { jpeg } from '../support/images.ts';
import { get } from '../support/open311.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

const NOW = '2026-12-01T10:00:00Z';
const LATER = '2026-12-10T14:00:00Z';
const DARA = { sub: 'dara-data', name: 'Dara Data' };
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** What Ann gave, every piece of it personal: none may be left anywhere in her cases once she is erased. */
const ANN = {
  name: 'Ann Erasable',
  email: 'Ann.Erasable@example.com',
  phone: '07700 900123',
  home: '12 Heol y Wennol, Aberystwyth SY23 1AB',
  description: 'Pothole outside number 12, Ann’s house',
  attribute: 'Ann tripped here on Tuesday',
  comment: 'Ann says it is getting worse',
  note: 'Rang Ann on 07700 900123',
  formAnswer: 'My neighbour Ann Erasable needs a dropped kerb',
  sealed: 'Ann has a heart condition',
  caller: 'Ann on the phone',
};
const PERSONAL = [ANN.name, ANN.email, ANN.email.toLowerCase(), '07700 900123', '07700900123', ANN.home, 'SY23 1AB', ANN.description, ANN.attribute, ANN.comment, ANN.note, ANN.formAnswer, ANN.sealed, ANN.caller, 'Heol y Wennol', '100100100100'];

interface World {
  t: TestApp;
  secrets: LocalSecrets;
  outbox: OutboxNotifications;
  photos: LocalPhotoStorage;
  files: LocalFileStorage;
}

/** Ceredigion (bilingual) on a fresh table; the outbox knows the data-rights emails. */
async function world(): Promise<World> {
  let now = new Date(NOW);
  const outbox = new OutboxNotifications({ council: 'ceredigion', templates: { ...TEMPLATES, ...DATA_RIGHTS_EMAIL_TEMPLATES }, clock: () => now });
  const t = await testApp('ceredigion', { endpoint: server.endpoint, now: NOW, notifications: outbox });
  const setNow = t.setNow;
  t.setNow = (iso) => {
    now = new Date(iso);
    setNow(iso);
  };
  return { t, secrets: new LocalSecrets(), outbox, photos: t.photos, files: t.files };
}

async function keptPhoto(w: World): Promise<string> {
  const draftId = `draft${Math.random().toString(36).slice(2)}abcdefghijkl`.slice(0, 22);
  const form = await w.photos.uploadForm({ draftId, redirectUrl: '/report/photo', now: new Date(NOW) });
  const location = await uploadPhoto(w.photos, form, { bytes: jpeg(), type: 'image/jpeg', name: 'ann.jpg' });
  const key = new URL(location, 'http://localhost').searchParams.get('key')!;
  const result = await w.photos.ingest({ key, draftId });
  if (!result.ok) throw new Error(result.problem);
  expect(await w.photos.keep([result.photoId])).toEqual([result.photoId]);
  return result.photoId;
}

async function keptFile(w: World): Promise<string> {
  const draftId = `draft${Math.random().toString(36).slice(2)}abcdefghijkl`.slice(0, 22);
  const form = await w.files.uploadForm({ draftId, redirectUrl: '/forms/x/uploaded', now: new Date(NOW), maxBytes: 1024 * 1024, accept: ['pdf'] });
  const res = await uploadFile(w.files, form, { bytes: PDF, type: 'application/pdf', name: 'ann-plan.pdf' });
  const key = new URL(res.headers.get('location')!, 'http://localhost').searchParams.get('key')!;
  const result = await w.files.ingest({ key, draftId, accept: ['pdf'], maxBytes: 1024 * 1024 });
  if (!result.ok) throw new Error(result.problem);
  expect(await w.files.keep([result.fileId], 30)).toEqual([result.fileId]);
  return result.fileId;
}

/** Ann's three cases (a report with a photo, a missed bin, a form with a file and a sealed answer) and Bob's report. */
async function annsCases(w: World) {
  const { t, secrets } = w;
  const now = new Date(NOW);
  const report = t.council.services.report as ReportConfig;
  const [category] = [...categoriesByCode(report).values()].map((v) => v.category);
  const photo = await keptPhoto(w);
  const madeReport = await createProblemReport(
    t.store,
    t.council,
    {
      category,
      description: ANN.description,
      attributes: { notes: ANN.attribute },
      location: { lat: 52.41469, long: -4.08291, address: 'Great Darkgate Street, Aberystwyth' },
      contact: { name: ANN.name, email: ANN.email, phone: ANN.phone },
      photos: [photo],
      lang: 'cy',
      submissionId: 'ann-report',
      source: 'web',
    },
    now,
    secrets,
  );
  let pothole = madeReport.case;
  // The council's public update (kept), a resident's comment through an integrator and an internal note (their words go).
  pothole = (await addPublicUpdate(t.store, t.council, pothole, { text: 'Mae’r twll wedi’i drwsio / The pothole is fixed', state: 'fixed', actionId: 'u-fixed', by: staffActor({ sub: 'olu', name: 'Olu Officer' }) }, now)).case;
  pothole = (await addResidentComment(t.store, pothole, { text: ANN.comment, actionId: 'c-1', by: { kind: 'resident', name: ANN.name, email: ANN.email, via: { keyId: 'k1', name: 'FixMyStreet' } } }, now)).case;
  pothole = (await addInternalNote(t.store, pothole, { text: ANN.note, actionId: 'n-1', by: staffActor({ sub: 'olu', name: 'Olu Officer' }) }, now)).case;

  const bin = (
    await createCase(
      t.store,
      {
        service: 'bins',
        type: 'missed-collection',
        dedupeKey: 'missed-collection|100100100100|refuse|2026-11-30',
        submissionId: 'ann-bin',
        details: { uprn: '100100100100', address: ANN.home, container: 'refuse', collectionDate: '2026-11-30', more: ANN.comment, email: ANN.email },
        lang: 'cy',
        retentionDays: 365,
        channel: 'phone',
        madeBy: { staff: { sub: 'olu', name: 'Olu Officer' }, forResident: ANN.caller },
        notification: { template: 'missed-collection-confirmation', lang: 'cy', to: ANN.email, personalisation: { address: ANN.home } },
      },
      now,
      secrets,
    )
  ).case;

  const file = await keptFile(w);
  const answers: CaseAnswer[] = [
    { key: 'name', question: { en: 'Your name', cy: 'Eich enw' }, text: [ANN.name], value: { full: ANN.name } },
    { key: 'why', question: { en: 'Why', cy: 'Pam' }, text: [ANN.formAnswer], value: ANN.formAnswer },
    { key: 'plan', question: { en: 'Plan', cy: 'Cynllun' }, text: ['ann-plan.pdf'], value: { fileId: file, name: 'ann-plan.pdf', contentType: 'application/pdf', bytes: PDF.length } },
    { key: 'health', question: { en: 'Health', cy: 'Iechyd' }, text: [ANN.sealed], value: ANN.sealed, specialCategory: true },
  ];
  const form = (
    await createCase(
      t.store,
      {
        service: 'forms',
        type: 'dropped-kerb',
        dedupeKey: 'forms|ann-draft',
        submissionId: 'ann-draft',
        details: { name: ANN.name, email: ANN.email, phone: ANN.phone, address: ANN.home, postcode: 'SY23 1AB', uprn: '100100100100' },
        lang: 'cy',
        retentionDays: 400,
        form: { id: 'dropped-kerb', version: 1, answers },
      },
      now,
      secrets,
      { prepare: async (reference) => ({ form: { id: 'dropped-kerb', version: 1, answers: await sealCaseAnswers(t.cipher, answers, caseSealContext('ceredigion', reference, 'dropped-kerb')) } }) },
    )
  ).case;

  const bob = (
    await createProblemReport(
      t.store,
      t.council,
      {
        category,
        description: 'Bob’s pothole',
        attributes: {},
        location: { lat: 52.41, long: -4.08 },
        contact: { name: 'Bob Stays', email: 'bob@example.com' },
        photos: [],
        lang: 'en',
        submissionId: 'bob-report',
        source: 'web',
      },
      now,
      secrets,
    )
  ).case;
  return { pothole, bin, form, bob, photo, file };
}

async function rawItems(w: World): Promise<Record<string, unknown>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await createStoreClient({ endpoint: server.endpoint }).send(new ScanCommand({ TableName: w.t.store.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.map((i) => unmarshall(i));
}

const ofCase = (items: Record<string, unknown>[], reference: string) => items.filter((i) => i.pk === `CASE#${reference}`);

describe('the day a request to delete data is due (ICO: one calendar month, then the next working day)', () => {
  let england: CouncilConfig;
  let wales: CouncilConfig;
  let scotland: CouncilConfig;
  beforeAll(async () => {
    [england, wales, scotland] = await Promise.all([council('hackney'), council('ceredigion'), council('highland')]);
  });
  const due = (c: CouncilConfig, iso: string) => erasureDueDate(c, new Date(iso));

  it('is the same day of the next month', () => {
    expect(due(england, '2026-12-01T10:00:00Z')).toBe('2027-01-04'); // 1 January is New Year’s Day, then a weekend
    expect(due(england, '2027-02-03T10:00:00Z')).toBe('2027-03-03');
  });

  it('is the last day of the next month when it has no such day (31 January → 28 or 29 February)', () => {
    expect(due(england, '2025-01-31T10:00:00Z')).toBe('2025-02-28'); // a Friday
    expect(due(england, '2028-01-31T10:00:00Z')).toBe('2028-02-29'); // a leap year’s Tuesday
    expect(due(england, '2027-03-31T10:00:00Z')).toBe('2027-04-30');
  });

  it('moves a weekend to the Monday', () => {
    expect(due(england, '2026-01-31T10:00:00Z')).toBe('2026-03-02'); // 28 February 2026 is a Saturday
    expect(due(england, '2026-02-14T10:00:00Z')).toBe('2026-03-16');
  });

  it('moves past the bank holidays of the council’s own nation', () => {
    // 3 April 2026 is Good Friday; Easter Monday is a holiday in England and Wales, not in Scotland.
    expect(due(england, '2026-03-03T10:00:00Z')).toBe('2026-04-07');
    expect(due(wales, '2026-03-03T10:00:00Z')).toBe('2026-04-07');
    expect(due(scotland, '2026-03-03T10:00:00Z')).toBe('2026-04-06');
    // St Andrew’s Day (Scotland only) and the summer bank holidays (first Monday of August in Scotland, last elsewhere).
    expect(due(scotland, '2026-10-30T10:00:00Z')).toBe('2026-12-01');
    expect(due(england, '2026-10-30T10:00:00Z')).toBe('2026-11-30');
    expect(due(scotland, '2026-07-03T10:00:00Z')).toBe('2026-08-04');
    expect(due(england, '2026-07-31T10:00:00Z')).toBe('2026-09-01');
    // Christmas Day on a Friday, then the weekend and Boxing Day’s substitute Monday.
    expect(due(wales, '2026-11-25T10:00:00Z')).toBe('2026-12-29');
  });

  it('counts from the day it arrived in UK time', () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in BST.
    expect(due(england, '2026-05-31T23:30:00Z')).toBe('2026-07-01');
  });
});

describe('asking to delete data', () => {
  it('makes a request case only the data protection role sees, for the proved address, due by the ICO’s date, kept for the council’s period', async () => {
    const w = await world();
    const request = await requestErasure(w.t.store, w.secrets, w.t.council, { email: ` ${ANN.email} `, lang: 'cy', references: ['abcd-2345', 'ABCD-2345', 'not a reference!'], submissionId: 'confirm-1' }, new Date(NOW));
    expect(request).toMatchObject({ service: DATA_RIGHTS_SERVICE, type: ERASURE_TYPE, restrictedTo: DATA_PROTECTION_RESTRICTION, state: 'submitted', lang: 'cy' });
    expect(request.details).toEqual({ email: ANN.email, dueDate: '2027-01-04', references: 'ABCD-2345' });
    expect(erasureReferences(request)).toEqual(['ABCD-2345']);
    expect(request.contactKeys).toEqual({ email: (await contactKeysOf({ email: ANN.email }, w.secrets)).email });
    expect(request.expiresAt).toBe(Date.parse(NOW) / 1000 + w.t.council.dataRights.requestRetentionDays * 86_400);
    // The same confirmation sent twice is one request.
    const again = await requestErasure(w.t.store, w.secrets, w.t.council, { email: ANN.email, lang: 'cy', references: [], submissionId: 'confirm-1' }, new Date(NOW));
    expect(again.reference).toBe(request.reference);

    const email = erasureReceivedEmail(w.t.council, request);
    await w.outbox.sendEmail(email);
    const [sent] = w.outbox.sent();
    expect(sent).toMatchObject({ to: ANN.email, lang: 'cy', template: 'data-rights-request-received' });
    expect(sent.body).toContain(request.reference);
    expect(sent.body).toContain('4 Ionawr 2027');
    expect(sent.subject).toBe(`Rydym wedi cael eich cais i ddileu eich data: ${request.reference}`);
  });

  it('lists the requests for the data protection role, newest change first, waiting or decided', async () => {
    const w = await world();
    const first = await requestErasure(w.t.store, w.secrets, w.t.council, { email: 'one@example.com', lang: 'en', references: [] }, new Date(NOW));
    w.t.setNow(LATER);
    const second = await requestErasure(w.t.store, w.secrets, w.t.council, { email: 'two@example.com', lang: 'en', references: [] }, new Date(LATER));
    expect((await dataRightsRequests(w.t.store, new Date(LATER))).map((c) => c.reference)).toEqual([second.reference, first.reference]);
    await refuseErasure({ store: w.t.store, notifications: w.outbox }, w.t.council, first, DARA, 'We need these records for a court case.', new Date(LATER));
    expect((await dataRightsRequests(w.t.store, new Date(LATER), { status: 'open' })).map((c) => c.reference)).toEqual([second.reference]);
    expect((await dataRightsRequests(w.t.store, new Date(LATER), { status: 'closed' })).map((c) => c.reference)).toEqual([first.reference]);
  });
});

describe('approving a request to delete data', () => {
  it('anonymises every case of the address: nothing personal left in the items, the indexes or storage; public fields, states and counts kept', async () => {
    const w = await world();
    const { pothole, bin, form, bob, photo, file } = await annsCases(w);
    await tallyNewCases(w.t.store, ['report', 'bins', 'forms'], new Date(Date.parse(NOW) + 3_600_000));
    const countsBefore = (await queueCounts(w.t.store)).counts;
    expect(caseMedia(pothole)).toEqual({ photos: [photo], files: [] });
    expect(caseMedia(form)).toEqual({ photos: [], files: [file] });
    // An earlier request of Ann's, refused: a request is never anonymised, it is the record she asked.
    const earlier = await requestErasure(w.t.store, w.secrets, w.t.council, { email: ANN.email, lang: 'cy', references: [] }, new Date(NOW));
    await refuseErasure({ store: w.t.store, notifications: w.outbox }, w.t.council, earlier, DARA, 'Gofynnwch eto.', new Date(NOW));
    // Her request names only the report; approving covers every case of the address.
    const request = await requestErasure(w.t.store, w.secrets, w.t.council, { email: ANN.email.toUpperCase(), lang: 'cy', references: [pothole.reference] }, new Date(NOW));

    w.t.setNow(LATER);
    const { anonymised } = await approveErasure({ store: w.t.store, secrets: w.secrets, photos: w.photos, files: w.files, notifications: w.outbox }, w.t.council, request, DARA, new Date(LATER));
    expect(anonymised.sort()).toEqual([pothole.reference, bin.reference, form.reference].sort());

    // The raw items of her cases (the case, its history, everything in its partition) hold nothing she gave.
    const items = await rawItems(w);
    for (const c of [pothole, bin, form]) {
      const text = JSON.stringify(ofCase(items, c.reference));
      for (const personal of PERSONAL) expect(text, `${c.service}: ${personal}`).not.toContain(personal);
      expect(text).not.toContain('"sealed"');
      expect(text).not.toContain('"media"');
      const [item] = ofCase(items, c.reference).filter((i) => i.sk === 'CASE');
      expect(item.contactKeys).toBeUndefined();
      expect(item[TABLE_KEYS.emailIndex.partitionKey]).toBeUndefined();
      expect(item[TABLE_KEYS.phoneIndex.partitionKey]).toBeUndefined();
      expect(item.dedupeKey).toBeUndefined();
      expect(item.notification).toBeUndefined();
    }
    // Her address's email and phone index partitions: only her requests (kept, so she sees them) remain.
    const keys = await contactKeysOf({ email: ANN.email, phone: ANN.phone }, w.secrets);
    const inEmailIndex = items.filter((i) => i[TABLE_KEYS.emailIndex.partitionKey] === `EMAIL#${keys.email}`).map((i) => i.reference);
    expect(inEmailIndex.sort()).toEqual([earlier.reference, request.reference].sort());
    expect(items.filter((i) => i[TABLE_KEYS.phoneIndex.partitionKey] === `PHONE#${keys.phone}`)).toEqual([]);
    expect(items.filter((i) => String(i[TABLE_KEYS.index.partitionKey]) === 'NOTIFY' && [pothole, bin, form].some((c) => c.reference === i.reference))).toEqual([]);
    // Her address appears nowhere but in her two requests.
    const withEmail = items.filter((i) => JSON.stringify(i).toLowerCase().includes(ANN.email.toLowerCase())).map((i) => `${i.pk} ${i.sk}`);
    expect(withEmail.every((k) => k.startsWith(`CASE#${earlier.reference} `) || k.startsWith(`CASE#${request.reference} `)), withEmail.join('\n')).toBe(true);

    // Her photo and her file are gone from storage.
    expect(await w.photos.read(photo)).toBeUndefined();
    expect(await w.files.read(file)).toBeUndefined();

    // What is not about her stays: reference, service, type, state, channel, dates, the problem’s place, the council’s update.
    const after = (await getCase(w.t.store, pothole.reference, new Date(LATER)))!;
    expect(after).toMatchObject({ reference: pothole.reference, service: 'report', type: pothole.type, state: 'fixed', status: 'closed', channel: 'online', createdAt: pothole.createdAt, updatedAt: pothole.updatedAt, closedAt: pothole.closedAt, anonymisedAt: LATER.replace('Z', '.000Z') });
    expect(after.public).toEqual({ serviceCode: pothole.public!.serviceCode, serviceName: pothole.public!.serviceName, description: '', lat: pothole.public!.lat, long: pothole.public!.long, address: pothole.public!.address });
    expect(after.updates.map((u) => u.description)).toEqual(['Mae’r twll wedi’i drwsio / The pothole is fixed']);
    expect(after.details).toEqual({ source: 'web' });
    const afterBin = (await getCase(w.t.store, bin.reference, new Date(LATER)))!;
    expect(afterBin).toMatchObject({ state: 'submitted', channel: 'phone', madeBy: { staff: { sub: 'olu', name: 'Olu Officer' } } });
    expect(afterBin.madeBy?.forResident).toBeUndefined();
    const afterForm = (await getCase(w.t.store, form.reference, new Date(LATER)))!;
    expect(afterForm.form).toEqual({ id: 'dropped-kerb', version: 1, answers: [] });
    expect((await queueCounts(w.t.store)).counts).toEqual(countsBefore);

    // Its history: the council's update stays, the comment's and the note's words go, and a note says what happened.
    const history = await listHistory(w.t.store, after);
    expect(history.find((e) => e.id === 'u-fixed')?.text).toBe('Mae’r twll wedi’i drwsio / The pothole is fixed');
    expect(history.find((e) => e.id === 'c-1')).toMatchObject({ kind: 'resident-comment', text: undefined, by: { kind: 'resident', via: { keyId: 'k1', name: 'FixMyStreet' } } });
    expect(history.find((e) => e.id === 'n-1')).toMatchObject({ kind: 'note', text: undefined });
    const note = history.find((e) => e.id === 'anonymised')!;
    expect(note).toMatchObject({ kind: 'note', by: staffActor(DARA), at: new Date(LATER).toISOString() });
    expect(note.text).toContain(`request ${request.reference}`);
    expect(note.text).toContain(`cais ${request.reference}`);
    expect((await listAuditForCase(w.t.store, pothole.reference, { limit: 50 })).records.filter((r) => r.action === 'anonymised')).toMatchObject([{ who: staffActor(DARA), detail: request.reference }]);

    // Bob's report is untouched.
    const bobAfter = (await getCase(w.t.store, bob.reference, new Date(LATER)))!;
    expect(bobAfter.details.email).toBe('bob@example.com');
    expect(bobAfter.anonymisedAt).toBeUndefined();

    // The request itself is kept, closed, with what it was and the outcome in Welsh; audited; Ann emailed in Welsh.
    const closed = (await getCase(w.t.store, request.reference, new Date(LATER)))!;
    expect(closed).toMatchObject({ status: 'closed', state: 'fixed', details: { email: ANN.email.toUpperCase() } });
    expect(erasureDecision(closed)).toBe('approved');
    expect(closed.updates.at(-1)!.description).toMatch(/^Rydym wedi dileu eich data personol/);
    expect((await listAuditForCase(w.t.store, request.reference, { limit: 50 })).records).toMatchObject([{ action: 'erasure-approved', who: staffActor(DARA), detail: '3' }]);
    const erased = w.outbox.sent().filter((m) => m.template === 'data-rights-erased');
    expect(erased).toMatchObject([{ to: ANN.email.toUpperCase(), lang: 'cy', reference: request.reference, subject: `Rydym wedi dileu eich data: ${request.reference}` }]);
    const earlierAfter = (await getCase(w.t.store, earlier.reference, new Date(LATER)))!;
    expect(earlierAfter.details.email).toBe(ANN.email);
    expect(earlierAfter.anonymisedAt).toBeUndefined();
  });

  it('leaves Open311 showing the report without a word of hers', async () => {
    const w = await world();
    const { pothole } = await annsCases(w);
    const before = await (await get(w.t, `/requests/${pothole.reference}.json`)).json();
    expect(before[0].description).toBe(ANN.description);
    expect(before[0].media_url).toBeDefined();
    const request = await requestErasure(w.t.store, w.secrets, w.t.council, { email: ANN.email, lang: 'cy', references: [] }, new Date(NOW));
    await approveErasure({ store: w.t.store, secrets: w.secrets, photos: w.photos, files: w.files, notifications: w.outbox }, w.t.council, request, DARA, new Date(NOW));

    const res = await get(w.t, `/requests/${pothole.reference}.json`);
    expect(res.status).toBe(200);
    const [shown] = await res.json();
    expect(shown).toMatchObject({ service_request_id: pothole.reference, status: 'closed', description: ANONYMISED_DESCRIPTION, lat: pothole.public!.lat, long: pothole.public!.long });
    expect(shown.media_url).toBeUndefined();
    expect(shown.status_notes).toBe('Mae’r twll wedi’i drwsio / The pothole is fixed');
    const text = JSON.stringify(shown);
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
    const xml = await (await get(w.t, `/requests/${pothole.reference}.xml`)).text();
    for (const personal of PERSONAL) expect(xml).not.toContain(personal.replace(/’/g, '&#8217;'));
    expect(xml).not.toContain('Ann');
  });
});

describe('refusing a request to delete data', () => {
  it('closes the request with the reason, emails it in the resident’s language and deletes nothing', async () => {
    const w = await world();
    const { pothole, photo } = await annsCases(w);
    const request = await requestErasure(w.t.store, w.secrets, w.t.council, { email: ANN.email, lang: 'en', references: [pothole.reference] }, new Date(NOW));
    await refuseErasure({ store: w.t.store, notifications: w.outbox }, w.t.council, request, DARA, '  We must keep these records while the insurance claim about the pothole is open.  ', new Date(LATER));
    const closed = (await getCase(w.t.store, request.reference, new Date(LATER)))!;
    expect(closed).toMatchObject({ status: 'closed', state: 'no-further-action' });
    expect(erasureDecision(closed)).toBe('refused');
    expect(closed.updates.at(-1)!.description).toBe('We must keep these records while the insurance claim about the pothole is open.');
    const [refused] = w.outbox.sent().filter((m) => m.template === 'data-rights-refused');
    expect(refused).toMatchObject({ to: ANN.email, lang: 'en', subject: `Your request to delete your data: ${request.reference}` });
    expect(refused.body).toContain('We must keep these records while the insurance claim about the pothole is open.');
    expect(refused.body).toContain(w.t.council.privacy.dataProtectionEmail);
    expect((await listAuditForCase(w.t.store, request.reference, { limit: 50 })).records).toMatchObject([{ action: 'erasure-refused', who: staffActor(DARA) }]);
    // Nothing deleted.
    expect((await getCase(w.t.store, pothole.reference, new Date(LATER)))!.details.email).toBe(ANN.email);
    expect(await w.photos.read(photo)).toBeDefined();
  });

  it('needs a reason', async () => {
    const w = await world();
    const request = await requestErasure(w.t.store, w.secrets, w.t.council, { email: ANN.email, lang: 'en', references: [] }, new Date(NOW));
    await expect(refuseErasure({ store: w.t.store, notifications: w.outbox }, w.t.council, request, DARA, '   ', new Date(NOW))).rejects.toMatchObject({ name: 'CaseActionError', reason: 'text-required' });
    await expect(refuseErasure({ store: w.t.store, notifications: w.outbox }, w.t.council, request, DARA, 'x'.repeat(5001), new Date(NOW))).rejects.toBeInstanceOf(CaseActionError);
    expect((await getCase(w.t.store, request.reference, new Date(NOW)))!.status).toBe('open');
  });
});

describe('a decision is made once', () => {
  it('refuses to approve or refuse a request decided already, even from a page that showed it waiting', async () => {
    const w = await world();
    await annsCases(w);
    const deps = { store: w.t.store, secrets: w.secrets, photos: w.photos, files: w.files, notifications: w.outbox };
    const request = await requestErasure(w.t.store, w.secrets, w.t.council, { email: ANN.email, lang: 'en', references: [] }, new Date(NOW));
    await approveErasure(deps, w.t.council, request, DARA, new Date(NOW));
    // `request` is the copy from before the decision, as a second tab would hold it.
    await expect(approveErasure(deps, w.t.council, request, DARA, new Date(LATER))).rejects.toMatchObject({ name: 'ErasureDecidedError', decision: 'approved' });
    await expect(refuseErasure(deps, w.t.council, request, DARA, 'Changed my mind', new Date(LATER))).rejects.toBeInstanceOf(ErasureDecidedError);
    const closed = (await getCase(w.t.store, request.reference, new Date(LATER)))!;
    expect(closed.updates).toHaveLength(1);
    expect(w.outbox.sent().filter((m) => m.template.startsWith('data-rights-'))).toHaveLength(1);
    expect((await listAuditForCase(w.t.store, request.reference, { limit: 50 })).records.map((r) => r.action)).toEqual(['erasure-approved']);
  });

  it('lets only one of two decisions made at once stand', async () => {
    const w = await world();
    const deps = { store: w.t.store, secrets: w.secrets, photos: w.photos, files: w.files, notifications: w.outbox };
    const request = await requestErasure(w.t.store, w.secrets, w.t.council, { email: ANN.email, lang: 'en', references: [] }, new Date(NOW));
    const outcomes = await Promise.allSettled([approveErasure(deps, w.t.council, request, DARA, new Date(NOW)), refuseErasure(deps, w.t.council, request, DARA, 'No', new Date(NOW))]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [failed] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(failed.reason).toBeInstanceOf(ErasureDecidedError);
    expect((await getCase(w.t.store, request.reference, new Date(NOW)))!.updates).toHaveLength(1);
  });
});

describe('anonymising a case', () => {
  it('is harmless to do twice: nothing changes, one note, one audit record', async () => {
    const w = await world();
    const { pothole } = await annsCases(w);
    const by = staffActor(DARA);
    const once = await anonymiseCase(w.t.store, { photos: w.photos, files: w.files }, pothole, by, new Date(NOW), { requestReference: 'ABCD-2345' });
    w.t.setNow(LATER);
    // The stale copy from before, and the anonymised one.
    const twice = await anonymiseCase(w.t.store, { photos: w.photos, files: w.files }, pothole, by, new Date(LATER), { requestReference: 'ABCD-2345' });
    const thrice = await anonymiseCase(w.t.store, { photos: w.photos, files: w.files }, twice, by, new Date(LATER));
    expect(twice).toEqual(once);
    expect(thrice).toEqual(once);
    expect(await getCase(w.t.store, pothole.reference, new Date(LATER))).toEqual(once);
    expect((await listHistory(w.t.store, once)).filter((e) => e.id === 'anonymised')).toHaveLength(1);
    expect((await listAuditForCase(w.t.store, pothole.reference, { limit: 50 })).records.filter((r) => r.action === 'anonymised')).toHaveLength(1);
  });

  it('keeps only a rounded point for a case published at a resident’s UPRN before homes were left out', async () => {
    const w = await world();
    const legacy = (
      await createCase(
        w.t.store,
        {
          service: 'report',
          type: 'pothole',
          submissionId: 'legacy',
          details: { source: 'web', email: ANN.email },
          public: { serviceCode: 'pothole', serviceName: 'Pothole', description: ANN.description, lat: 52.414693, long: -4.082915, address: ANN.home, addressId: '100100100100' },
          lang: 'en',
          retentionDays: 30,
        },
        new Date(NOW),
        w.secrets,
      )
    ).case;
    const after = await anonymiseCase(w.t.store, {}, legacy, staffActor(DARA), new Date(NOW));
    expect(after.public).toEqual({ serviceCode: 'pothole', serviceName: 'Pothole', description: '', lat: 52.415, long: -4.083 });
    expect(after.details).toEqual({ source: 'web' });
  });

  it('keeps the details keys a module says are not personal', async () => {
    const w = await world();
    const { bin } = await annsCases(w);
    const after = await anonymiseCase(w.t.store, {}, bin, staffActor(DARA), new Date(NOW), { keepDetailKeys: ['container', 'collectionDate'] });
    expect(after.details).toEqual({ container: 'refuse', collectionDate: '2026-11-30' });
  });
});
