/**
 * Special-category answers through a form's journey, read where they rest: the raw draft item and
 * the raw case item hold no plaintext of a marked answer; the case's answers open with its own
 * context and no other; the draft is gone once the form is sent; save and return carries a sealed
 * answer to a new browser; a restricted form's confirmation email holds only the reference, the
 * response time and the phone number; a form with such questions and no cipher is not started.
 */
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCouncilApp } from '../../functions/app.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { caseSealContext, openCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import { SealedFieldError } from '../../functions/core/crypto/field-cipher.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, documentClient, ensureTable, TABLE_KEYS, type CouncilStore } from '../../functions/core/store/store.ts';
import type { ResolvedForm } from '../../functions/modules/forms/definition/types.ts';
import { WEB_DIST } from '../../web/build.ts';
import { answerAddress, next, pageText, startForm } from '../support/forms.ts';
import { council, embeddedStore, Session, TEMPLATES, testApp, textOf, type TestApp } from '../support/harness.ts';

// 'sealed-care': Hackney's assisted-bin-collection as a restricted form (as a care request is) that
// offers save and return, so these tests do not wait on, or follow the wording of, the care form.
vi.mock('../../functions/modules/forms/definition/resolve.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/modules/forms/definition/resolve.ts')>();
  const made = new WeakMap<object, ResolvedForm>();
  return {
    ...original,
    resolveForm: (c: CouncilConfig, formId: string, ...rest: []) => {
      if (formId !== 'sealed-care') return original.resolveForm(c, formId, ...rest);
      const base = original.resolveForm(c, 'assisted-bin-collection');
      if (!base) return undefined;
      let form = made.get(c);
      if (!form) made.set(c, (form = { ...base, id: 'sealed-care', restrictedTo: 'care', saveAndReturn: { days: 28 } } as ResolvedForm));
      return form;
    },
  };
});

const NOW = '2026-05-12T09:00:00Z';
const FORM = '/forms/assisted-bin-collection';
const CARE = '/forms/sealed-care';
const REASON = 'I have Parkinson’s disease and my hands shake too much to grip the bin.';
const OTHER_REASON = 'I had a hip replacement in March and cannot walk without a frame.';
const HOME = { postcode: 'E8 2NS', uprn: '10008200011' };

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

const draftIdOf = (base: string) => base.split('/').pop()!;

async function rawDraft(store: CouncilStore, draftId: string) {
  const { Item } = await documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: { [TABLE_KEYS.partitionKey]: `DRAFT#${draftId}`, [TABLE_KEYS.sortKey]: 'DRAFT' } }));
  return Item;
}

async function rawCase(store: CouncilStore, reference: string) {
  const { Item } = await documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: { [TABLE_KEYS.partitionKey]: `CASE#${reference}`, [TABLE_KEYS.sortKey]: 'CASE' } }));
  return Item;
}

/** The draft's sealed answers as stored, by question key. */
async function sealedInDraft(store: CouncilStore, draftId: string): Promise<Record<string, string>> {
  const item = await rawDraft(store, draftId);
  return (JSON.parse(String(item!.data)) as { sealed?: Record<string, string> }).sealed ?? {};
}

/** Start to check answers, living alone, for a lasting need; the reason given is `reason`. */
async function fillIn(session: Session, form: string, reason: string, options: { prefix?: string; home?: typeof HOME } = {}): Promise<string> {
  const base = await startForm(session, form, 'household', options.prefix);
  expect(await next(session, `${base}/household`, { household: 'alone' })).toBe(`${base}/reason`);
  expect(await next(session, `${base}/reason`, { reason })).toBe(`${base}/collection-point`);
  expect(await next(session, `${base}/collection-point`, { 'collection-point': 'By the back door.' })).toBe(`${base}/temporary`);
  expect(await next(session, `${base}/temporary`, { temporary: 'no' })).toBe(`${base}/name`);
  expect(await next(session, `${base}/name`, { 'name-first': 'Doreen', 'name-last': 'Okafor' })).toBe(`${base}/address`);
  expect(await answerAddress(session, `${base}/address`, options.home ?? HOME)).toBe(`${base}/contact`);
  expect(await next(session, `${base}/contact`, { phone: '020 7946 0123', email: 'doreen@example.com' })).toBe(`${base}/check-answers`);
  return base;
}

/** Sends the form from check answers; answers the reference. */
async function send(session: Session, base: string): Promise<string> {
  const res = await session.post(`${base}/check-answers`, {});
  expect(res.status).toBe(303);
  return res.headers.get('location')!.split('/').pop()!;
}

describe('a special-category answer at rest', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
  });

  it('is sealed in the draft, shown on check answers, and sealed with the reference in the case once sent; the draft is gone', async () => {
    const session = new Session(app.app);
    const base = await fillIn(session, FORM, REASON);
    const draftId = draftIdOf(base);

    const draft = await rawDraft(app.store, draftId);
    expect(JSON.stringify(draft)).not.toContain('Parkinson');
    expect(JSON.stringify(draft)).toContain('By the back door.');
    expect(Object.keys(await sealedInDraft(app.store, draftId))).toEqual(['reason']);
    // In memory it is the resident's answer: check answers shows it.
    expect(await pageText(session, `${base}/check-answers`)).toContain(REASON);

    const reference = await send(session, base);
    expect(await rawDraft(app.store, draftId)).toBeUndefined();
    expect(await pageText(session, `${FORM}/done/${reference}`)).toContain(`Your reference number ${reference}`);

    const item = await rawCase(app.store, reference);
    expect(JSON.stringify(item)).not.toContain('Parkinson');
    const stored = (await getCase(app.store, reference, new Date(NOW)))!;
    expect(stored.form!.answers.find((a) => a.key === 'reason')).toMatchObject({ text: [], value: null, specialCategory: true, sealed: expect.any(String) });
    expect(stored.details).not.toHaveProperty('reason');
    const opened = await openCaseAnswers(app.cipher, stored.form!.answers, caseSealContext('hackney', reference, 'assisted-bin-collection'));
    expect(opened.find((a) => a.key === 'reason')).toMatchObject({ text: [REASON], value: REASON, specialCategory: true });
    expect(opened.find((a) => a.key === 'reason')).not.toHaveProperty('sealed');
    // Not a restricted form: its usual confirmation, which never held the answers.
    const email = app.outbox.sent().find((m) => m.reference === reference)!;
    expect(email.template).toBe('form-confirmation');
    expect(email.body).not.toContain('Parkinson');
  });

  it('does not open when its ciphertext is copied onto another case', async () => {
    const first = new Session(app.app);
    const a = await send(first, await fillIn(first, FORM, REASON));
    const second = new Session(app.app);
    const b = await send(second, await fillIn(second, FORM, OTHER_REASON));
    const sealedA = (await getCase(app.store, a, new Date(NOW)))!.form!.answers;
    // Moved in the store, as someone with write access to the table could.
    const itemB = (await rawCase(app.store, b))!;
    await documentClient(app.store).send(new PutCommand({ TableName: app.store.tableName, Item: { ...itemB, form: { ...itemB.form, answers: sealedA } } }));
    const moved = (await getCase(app.store, b, new Date(NOW)))!.form!.answers;
    await expect(openCaseAnswers(app.cipher, moved, caseSealContext('hackney', b, 'assisted-bin-collection'))).rejects.toBeInstanceOf(SealedFieldError);
    // Where it belongs it still opens.
    const back = await openCaseAnswers(app.cipher, sealedA, caseSealContext('hackney', a, 'assisted-bin-collection'));
    expect(back.find((a) => a.key === 'reason')!.value).toBe(REASON);
  });

  it('keeps its ciphertext across saves while unchanged, and is sealed anew when changed', async () => {
    const session = new Session(app.app);
    const base = await startForm(session, FORM, 'household');
    const draftId = draftIdOf(base);
    await next(session, `${base}/household`, { household: 'alone' });
    await next(session, `${base}/reason`, { reason: REASON });
    const first = (await sealedInDraft(app.store, draftId)).reason;
    expect(first).toEqual(expect.any(String));
    await next(session, `${base}/collection-point`, { 'collection-point': 'By the back door.' });
    await next(session, `${base}/temporary`, { temporary: 'no' });
    expect((await sealedInDraft(app.store, draftId)).reason).toBe(first);
    // The same answer given again on its page is the same answer: not sealed again.
    await next(session, `${base}/reason?change=1`, { reason: REASON });
    expect((await sealedInDraft(app.store, draftId)).reason).toBe(first);
    await next(session, `${base}/reason?change=1`, { reason: OTHER_REASON });
    const changed = (await sealedInDraft(app.store, draftId)).reason;
    expect(changed).not.toBe(first);
    expect(JSON.stringify(await rawDraft(app.store, draftId))).not.toContain('hip replacement');
    expect(textOf(await (await session.get(`${base}/reason`)).text())).toContain(OTHER_REASON);
  });

  it('in a draft, does not open under another draft: that draft is treated as gone, never shown', async () => {
    const one = new Session(app.app);
    const a = await startForm(one, FORM, 'household');
    await next(one, `${a}/household`, { household: 'alone' });
    await next(one, `${a}/reason`, { reason: REASON });
    const two = new Session(app.app);
    const b = await startForm(two, FORM, 'household');
    await next(two, `${b}/household`, { household: 'alone' });
    await next(two, `${b}/reason`, { reason: OTHER_REASON });
    const itemB = (await rawDraft(app.store, draftIdOf(b)))!;
    const dataB = JSON.parse(String(itemB.data)) as { sealed: Record<string, string> };
    dataB.sealed.reason = (await sealedInDraft(app.store, draftIdOf(a))).reason!;
    await documentClient(app.store).send(new PutCommand({ TableName: app.store.tableName, Item: { ...itemB, data: JSON.stringify(dataB) } }));
    const res = await two.get(`${b}/reason`);
    expect(res.status).toBe(404);
    expect(textOf(await res.text())).not.toContain('Parkinson');
  });
});

describe('a restricted form with save and return', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
  });

  it('carries a sealed answer to another browser through the emailed link, still sealed in the store', async () => {
    const session = new Session(app.app);
    const base = await startForm(session, CARE, 'household');
    const draftId = draftIdOf(base);
    await next(session, `${base}/household`, { household: 'alone' });
    await next(session, `${base}/reason`, { reason: REASON });
    expect(await next(session, `${base}/save`, { email: 'doreen@example.com' })).toBe(`${base}/save/sent`);
    const email = app.outbox.sent().at(-1)!;
    const neutral = new URL(/https?:\/\/\S+\/resume\/[A-Za-z0-9_-]+/.exec(email.body)![0]).pathname;
    expect(email.body).not.toContain('Parkinson');

    // Another browser: the link (neutral, as a restricted form's is) hands the draft on, and it carries on after the sealed answer.
    const other = new Session(app.app);
    const link = (await other.get(neutral)).headers.get('location')!;
    expect((await other.get(link)).status).toBe(200);
    const res = await other.post(link, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}/collection-point`);
    expect(textOf(await (await other.get(`${base}/reason`)).text())).toContain(REASON);
    // The first browser no longer opens it; the store still holds no plaintext.
    expect((await session.get(`${base}/reason`)).status).toBe(404);
    expect(JSON.stringify(await rawDraft(app.store, draftId))).not.toContain('Parkinson');

    // Saved again from the new browser (unchanged, its ciphertext kept) and sent from there.
    const before = (await sealedInDraft(app.store, draftId)).reason;
    await next(other, `${base}/collection-point`, { 'collection-point': 'By the back door.' });
    expect((await sealedInDraft(app.store, draftId)).reason).toBe(before);
    await next(other, `${base}/temporary`, { temporary: 'no' });
    await next(other, `${base}/name`, { 'name-first': 'Doreen', 'name-last': 'Okafor' });
    await answerAddress(other, `${base}/address`, HOME);
    await next(other, `${base}/contact`, { phone: '020 7946 0123', email: 'doreen@example.com' });
    const reference = await send(other, base);
    const stored = (await getCase(app.store, reference, new Date(NOW)))!;
    const opened = await openCaseAnswers(app.cipher, stored.form!.answers, caseSealContext('hackney', reference, 'sealed-care'));
    expect(opened.find((a) => a.key === 'reason')!.value).toBe(REASON);
  });

  it('makes a case only its role sees, and confirms by email with the reference, response time and phone only', async () => {
    const session = new Session(app.app);
    const base = await fillIn(session, CARE, REASON);
    const reference = await send(session, base);
    const stored = (await getCase(app.store, reference, new Date(NOW)))!;
    expect(stored).toMatchObject({ service: 'forms', type: 'sealed-care', restrictedTo: 'care' });
    expect(await pageText(session, `${CARE}/done/${reference}`)).toContain(`Your reference number ${reference}`);

    const email = app.outbox.sent().find((m) => m.reference === reference)!;
    expect(email).toMatchObject({ to: 'doreen@example.com', lang: 'en', template: 'form-confirmation-restricted' });
    expect(email.subject).toBe(`Your request to London Borough of Hackney: reference ${reference}`);
    expect(email.body).toBe(
      [
        'We have received your request.',
        '',
        '# Your reference number',
        reference,
        '',
        'We aim to reply within 10 working days.',
        '',
        'If you need to talk to us about it, call 020 8356 3000 and give your reference number.',
        '',
        'London Borough of Hackney',
      ].join('\n'),
    );
    for (const never of ['assisted', 'bin collection', 'Parkinson', 'Doreen', 'Okafor', 'Sandringham', '7946']) expect(email.body + email.subject).not.toContain(never);
  });
});

describe('a restricted form in Welsh', () => {
  it('confirms by email in Welsh with the reference, response time and phone only', async () => {
    const app = await testApp('ceredigion', { endpoint: server.endpoint, now: NOW });
    const session = new Session(app.app);
    const base = await fillIn(session, CARE, 'Mae gen i glefyd Parkinson.', { prefix: '/cy', home: { postcode: 'SY23 1DE', uprn: '10009400001' } });
    const reference = await send(session, base);
    const email = app.outbox.sent().find((m) => m.reference === reference)!;
    expect(email).toMatchObject({ lang: 'cy', template: 'form-confirmation-restricted', subject: `Cyngor Sir Ceredigion: eich cais, cyfeirnod ${reference}` });
    expect(email.body).toBe(
      [
        'Rydym wedi cael eich cais.',
        '',
        '# Eich cyfeirnod',
        reference,
        '',
        'Ein nod yw ateb o fewn 10 diwrnod gwaith.',
        '',
        'Os oes angen i chi siarad â ni amdano, ffoniwch 01545 570881 a rhowch eich cyfeirnod.',
        '',
        'Cyngor Sir Ceredigion',
      ].join('\n'),
    );
  });
});

describe('a form with special-category questions at a council without a cipher', () => {
  it('is not started: its start page is the service unavailable page, logged, and no draft is made', async () => {
    const config = await council('hackney');
    const tableName = `sealing-no-cipher-${process.pid}`;
    await ensureTable(createStoreClient({ endpoint: server.endpoint }), tableName);
    const store: CouncilStore = { client: createStoreClient({ endpoint: server.endpoint, maxAttempts: 1 }), tableName };
    const lines: string[] = [];
    const clock = () => new Date(NOW);
    const app = createCouncilApp(config, {
      store,
      notifications: new OutboxNotifications({ council: 'hackney', templates: TEMPLATES, clock }),
      secrets: new LocalSecrets(),
      clock,
      basePath: '',
      assetsDir: WEB_DIST,
      logger: createLogger({}, { env: { LOG_LEVEL: 'info' }, write: (line: string) => void lines.push(line) }),
      clientIp: () => '127.0.0.1',
      exports: new DirectExportDelivery(),
      // no cipher
    });
    const session = new Session(app);
    const start = await session.get(FORM);
    expect(start.status).toBe(503);
    expect(textOf(await start.text())).toMatch(/unavailable/i);
    expect((await session.post(FORM, {})).status).toBe(503);
    const { Items = [] } = await documentClient(store).send(new ScanCommand({ TableName: tableName }));
    expect(Items.filter((i) => String(i[TABLE_KEYS.partitionKey]).startsWith('DRAFT#'))).toEqual([]);
    expect(lines.some((l) => l.includes('special-category form without a cipher'))).toBe(true);
    // A form without such questions still runs.
    expect((await session.get('/forms/new-bin-request')).status).toBe(200);
  });
});
