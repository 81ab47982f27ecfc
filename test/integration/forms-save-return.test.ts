import { randomBytes } from 'node:crypto';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCouncilApp } from '../../functions/app.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { createDraft, draftOwner, getDraft, takeDraft } from '../../functions/core/drafts/draft-store.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import type { NotificationsPort } from '../../functions/core/notifications/port.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, documentClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import type { FormDefinition, FormDraft } from '../../functions/modules/forms/definition/types.ts';
import { saveReturnEmailTemplates } from '../../functions/modules/forms/save-return/email-templates.ts';
import { forgetResumeLink, tokenHash } from '../../functions/modules/forms/save-return/resume-links.ts';
import { WEB_DIST } from '../../web/build.ts';
import { council as loadCouncil, embeddedStore, TEMPLATES, textOf } from '../support/harness.ts';
import { switchableProxy } from '../support/switchable-proxy.ts';

// Save and return, through the council app: the email page, the email with its link, the link's
// page (no side effect) and its Continue button (once only), in English and Welsh.

/** Two forms of our own (hoisted: the catalogue's mock needs them), so that these tests do not follow the catalogue's wording. */
const { GARDEN, NO_SAVE } = vi.hoisted(() => {
  const txt = (en: string, cy: string) => ({ en, cy });
  const garden: FormDefinition = {
    id: 'garden-waste',
    version: 1,
    credit: { name: 'Test council' },
    title: txt('Apply for a garden waste permit', 'Gwneud cais am drwydded gwastraff gardd'),
    summary: txt('Get your garden waste collected.', 'Cael casglu eich gwastraff gardd.'),
    start: [txt('Use this form to apply.', 'Defnyddiwch y ffurflen hon i wneud cais.')],
    pages: [
      { id: 'your-name', questions: [{ key: 'name', type: 'name', format: 'full', label: txt('What is your name?', 'Beth yw eich enw?'), contact: 'name' }] },
      { id: 'your-email', questions: [{ key: 'email', type: 'email', label: txt('What is your email address?', 'Beth yw eich cyfeiriad e-bost?'), contact: 'email' }] },
      { id: 'bins', questions: [{ key: 'bins', type: 'number', whole: true, label: txt('How many bins?', 'Sawl bin?') }] },
    ],
    confirmation: { whatHappensNext: [txt('We will write to you.', 'Byddwn yn ysgrifennu atoch.')] },
    retentionDays: 365,
    saveAndReturn: { days: 28 },
  };
  return { GARDEN: garden, NO_SAVE: { ...garden, id: 'no-save', saveAndReturn: undefined } as FormDefinition };
});

// The pages resolve these two (the council files and the catalogue check never see them).
vi.mock('../../functions/modules/forms/definition/resolve.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/modules/forms/definition/resolve.ts')>();
  const catalogue = [GARDEN, NO_SAVE];
  return { ...original, resolveForm: (council: CouncilConfig, formId: string) => original.resolveForm(council, formId, catalogue) };
});

const NOW = '2026-12-01T10:00:00Z';
// 28 days on: Tuesday 29 December 2026; the link and the draft last to the end of that day (GMT).
const LAST_MOMENT = '2026-12-29T23:59:59Z';
const AFTER = '2026-12-30T00:00:00Z';

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

interface FormsApp {
  app: ReturnType<typeof createCouncilApp>;
  store: CouncilStore;
  outbox: OutboxNotifications;
  setNow(iso: string): void;
}

let tables = 0;
/** A council app whose file adopts the two forms, on its own table, with a fixed clock. */
async function formsApp(
  councilId: 'hackney' | 'ceredigion',
  options: { notifications?: NotificationsPort; limit?: { max: number; windowSeconds: number }; storeEndpoint?: string; logLines?: string[] } = {},
): Promise<FormsApp> {
  const base = await loadCouncil(councilId);
  const council = { ...base, services: { ...base.services, forms: { adopted: { 'garden-waste': {}, 'no-save': {} } } } } as CouncilConfig;
  const tableName = `forms-save-${process.pid}-${++tables}`;
  await ensureTable(createStoreClient({ endpoint: server.endpoint }), tableName);
  const store = { client: createStoreClient({ endpoint: options.storeEndpoint ?? server.endpoint, maxAttempts: 1 }), tableName };
  let now = new Date(NOW);
  const outbox = new OutboxNotifications({ council: councilId, templates: { ...TEMPLATES, ...saveReturnEmailTemplates }, clock: () => now });
  const app = createCouncilApp(council, {
    store,
    notifications: options.notifications ?? outbox,
    secrets: new LocalSecrets(),
    clock: () => now,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: options.logLines ? createLogger({}, { write: (line) => options.logLines!.push(line), env: { LOG_LEVEL: 'debug' } }) : createLogger(),
    clientIp: (c) => c.req.header('x-test-client') ?? '127.0.0.1',
    caseCreationLimit: options.limit,
  });
  return { app, store, outbox, setNow: (iso) => (now = new Date(iso)) };
}

/** A browser: its own cookies (so a test can hold its draft cookie), the CSRF field filled in. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: FormsApp['app'],
    private readonly client = '127.0.0.1',
  ) {}

  private headers(extra: Record<string, string> = {}) {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-test-client': this.client, ...extra };
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [name, value] = line.split(';')[0].split('=');
      this.cookies.set(name, value);
    }
    return res;
  }

  async get(path: string): Promise<Response> {
    return this.keep(await this.app.request(path, { headers: this.headers() }));
  }

  async post(path: string, fields: Record<string, string> = {}): Promise<Response> {
    if (!this.cookies.has('ldf_csrf')) await this.get('/');
    const body = new URLSearchParams({ ...fields, csrf: this.cookies.get('ldf_csrf')! }).toString();
    return this.keep(await this.app.request(path, { method: 'POST', body, headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }) }));
  }

  /** The owner value of this browser's drafts, from its draft cookie. */
  owner(): string {
    return draftOwner(this.cookies.get('ldf_draft')!);
  }
}

const ANSWERED: FormDraft = { formId: 'garden-waste', version: 1, answers: { name: { full: 'Ann Resident' }, email: 'ann@example.com' }, visited: ['your-name', 'your-email'] };

/** A browser with a draft of the form (its name and email answered), as the question pages leave one. */
async function withDraft(app: FormsApp, data: FormDraft = ANSWERED, client?: string) {
  const browser = new Browser(app.app, client);
  const secret = randomBytes(24).toString('base64url');
  browser.cookies.set('ldf_draft', secret);
  const draft = await createDraft(app.store, 'forms', draftOwner(secret), data, new Date(NOW));
  return { browser, draft, savePath: `/forms/${data.formId}/d/${draft.id}/save` };
}

/** The token of the newest email's link, and its path. */
function lastLink(app: FormsApp): { token: string; path: string; url: string } {
  const sent = app.outbox.sent();
  const url = /http:\/\/localhost(\S+\/resume\/([A-Za-z0-9_-]+))/.exec(sent[sent.length - 1].body)!;
  return { url: url[0], path: url[1], token: url[2] };
}

async function items(app: FormsApp) {
  const { Items = [] } = await documentClient(app.store).send(new ScanCommand({ TableName: app.store.tableName }));
  return Items;
}

const errorSummary = (html: string) => textOf(/<div class="govuk-error-summary"[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? '');

describe('the save page', () => {
  it('asks for an email address, offering the one the form holds', async () => {
    const app = await formsApp('hackney');
    const { browser, savePath } = await withDraft(app);

    const res = await browser.get(savePath);

    expect(res.status).toBe(200);
    const html = await res.text();
    expect(textOf(html)).toContain('Save your answers and come back later');
    expect(textOf(html)).toContain('lasts for 28 days');
    expect(html).toMatch(/<input[^>]*name="email"[^>]*value="ann@example.com"|<input[^>]*value="ann@example.com"[^>]*name="email"/);
  });

  it('is where a question page’s “Save and come back later” leads, with that page’s answer kept', async () => {
    const app = await formsApp('hackney');
    const { browser, draft, savePath } = await withDraft(app);

    const page = await browser.get(`/forms/garden-waste/d/${draft.id}/bins`);
    const res = await browser.post(`/forms/garden-waste/d/${draft.id}/bins`, { bins: '3', save: '1' });

    expect(await page.text()).toMatch(/<button[^>]*name="save"[^>]*value="1"/);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(savePath);
    expect((await browser.get(savePath)).status).toBe(200);
    expect((await getDraft<FormDraft>(app.store, draft.id, 'forms', browser.owner(), new Date(NOW)))?.data.answers.bins).toBe(3);
  });

  it('leaves the field empty when the form has no email answer yet', async () => {
    const app = await formsApp('hackney');
    const { browser, savePath } = await withDraft(app, { ...ANSWERED, answers: { name: { full: 'Ann Resident' } }, visited: ['your-name'] });

    const html = await (await browser.get(savePath)).text();

    expect(html).not.toContain('ann@example.com');
    expect(html).toMatch(/name="email"/);
  });

  it('says what is wrong with the address, with GOV.UK’s messages, and sends nothing', async () => {
    const app = await formsApp('hackney');
    const { browser, savePath } = await withDraft(app);

    const empty = await browser.post(savePath, { email: '  ' });
    const emptyHtml = await empty.text();
    const wrong = await browser.post(savePath, { email: 'ann.example.com' });
    const wrongHtml = await wrong.text();

    expect(empty.status).toBe(400);
    expect(errorSummary(emptyHtml)).toContain('Enter your email address');
    expect(emptyHtml).toMatch(/<title>Error: /);
    expect(emptyHtml).toContain('href="#email"');
    expect(wrong.status).toBe(400);
    expect(textOf(wrongHtml)).toContain('Enter an email address in the correct format, like name@example.com');
    expect(wrongHtml).toContain('value="ann.example.com"');
    expect(app.outbox.sent()).toHaveLength(0);
  });

  it('says it in Welsh on the Welsh pages', async () => {
    const app = await formsApp('ceredigion');
    const { browser, draft } = await withDraft(app);

    const res = await browser.post(`/cy/forms/garden-waste/d/${draft.id}/save`, { email: '' });

    expect(res.status).toBe(400);
    expect(errorSummary(await res.text())).toContain('Rhowch eich cyfeiriad e-bost');
  });

  it('is not there for a form that does not offer saving, nor for another browser’s draft', async () => {
    const app = await formsApp('hackney');
    const { browser, draft } = await withDraft(app, { ...ANSWERED, formId: 'no-save' });
    const other = await withDraft(app);

    expect((await browser.get(`/forms/no-save/d/${draft.id}/save`)).status).toBe(404);
    expect((await browser.post(`/forms/no-save/d/${draft.id}/save`, { email: 'ann@example.com' })).status).toBe(404);
    expect((await new Browser(app.app).get(other.savePath)).status).toBe(404);
    expect((await new Browser(app.app).post(other.savePath, { email: 'eve@example.com' })).status).toBe(404);
    // A draft of one form is not saved under another's address.
    expect((await browser.get(`/forms/garden-waste/d/${draft.id}/save`)).status).toBe(404);
    expect(app.outbox.sent()).toHaveLength(0);
  });
});

describe('saving', () => {
  it('emails a link to carry on, and says progress is saved until the end of the last day', async () => {
    const app = await formsApp('hackney');
    const { browser, draft, savePath } = await withDraft(app);

    const res = await browser.post(savePath, { email: 'ann@example.com' });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${savePath}/sent`);
    const [email] = app.outbox.sent();
    expect(app.outbox.sent()).toHaveLength(1);
    expect(email).toMatchObject({ to: 'ann@example.com', lang: 'en', template: 'form-resume-link', subject: 'Carry on with your form: Apply for a garden waste permit' });
    expect(email.body).toMatch(/^http:\/\/localhost\/forms\/garden-waste\/resume\/[A-Za-z0-9_-]{43}$/m);
    expect(email.body).toContain('until the end of Tuesday 29 December 2026');
    expect(email.reference).not.toContain(lastLink(app).token);
    const sent = await browser.get(res.headers.get('location')!);
    expect(sent.status).toBe(200);
    const page = textOf(await sent.text());
    expect(page).toContain('Your progress has been saved');
    expect(page).toContain('We have sent a link to ann@example.com');
    expect(page).toContain('until the end of Tuesday 29 December 2026');
    expect(sent.headers.get('cache-control')).toContain('no-store');
    // The draft is kept as long as the link lasts, not just its day.
    app.setNow(LAST_MOMENT);
    expect((await browser.get(savePath)).status).toBe(200);
    expect(await getDraft(app.store, draft.id, 'forms', browser.owner(), new Date(LAST_MOMENT))).toBeDefined();
  });

  it('sends to the address typed, even when the form holds another', async () => {
    const app = await formsApp('hackney');
    const { browser, savePath } = await withDraft(app);

    await browser.post(savePath, { email: ' ann.home@example.net ' });

    expect(app.outbox.sent().map((e) => e.to)).toEqual(['ann.home@example.net']);
  });

  it('keeps only the SHA-256 of the link’s token, never the token', async () => {
    const app = await formsApp('hackney');
    const { browser, draft, savePath } = await withDraft(app);

    await browser.post(savePath, { email: 'ann@example.com' });

    const { token } = lastLink(app);
    const all = await items(app);
    expect(JSON.stringify(all)).not.toContain(token);
    const tokenItem = all.find((i) => String(i.pk).startsWith('RESUME#'));
    expect(tokenItem).toMatchObject({ pk: `RESUME#${tokenHash(token)}`, draftId: draft.id, formId: 'garden-waste', expiresAt: Date.parse(AFTER) / 1000 });
    expect(Object.keys(tokenItem!).sort()).toEqual(['draftId', 'expiresAt', 'formId', 'gsi12pk', 'gsi12sk', 'pk', 'sk']);
    const draftItem = all.find((i) => i.pk === `DRAFT#${draft.id}`);
    expect(draftItem?.expiresAt).toBe(Date.parse(AFTER) / 1000);
  });

  it('in Welsh: the email is Welsh and its link opens the Welsh pages', async () => {
    const app = await formsApp('ceredigion');
    const { browser, draft } = await withDraft(app);

    const res = await browser.post(`/cy/forms/garden-waste/d/${draft.id}/save`, { email: 'ann@example.com' });

    expect(res.headers.get('location')).toBe(`/cy/forms/garden-waste/d/${draft.id}/save/sent`);
    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ lang: 'cy', subject: 'Parhau â’ch ffurflen: Gwneud cais am drwydded gwastraff gardd' });
    // The title after a colon (after "i" it would need a mutation); the weekday lower-case mid-sentence.
    expect(email.body).toContain('Rydych wedi cadw eich atebion i’r ffurflen: Gwneud cais am drwydded gwastraff gardd.');
    expect(email.body).toContain('Mae’r ddolen yn gweithio unwaith, hyd at ddiwedd dydd Mawrth 29 Rhagfyr 2026.');
    expect(lastLink(app).path).toMatch(/^\/cy\/forms\/garden-waste\/resume\//);
    const saved = textOf(await (await browser.get(res.headers.get('location')!)).text());
    expect(saved).toContain('Mae eich cynnydd wedi’i gadw');
    expect(saved).toContain('Defnyddiwch hi i barhau â’r ffurflen hyd at ddiwedd dydd Mawrth 29 Rhagfyr 2026.');
    const resume = await new Browser(app.app).get(lastLink(app).path);
    expect(resume.status).toBe(200);
    const resumed = textOf(await resume.text());
    expect(resumed).toContain('Parhau â’ch ffurflen');
    expect(resumed).toContain('Mae eich atebion i’r ffurflen hon wedi’u cadw: Gwneud cais am drwydded gwastraff gardd.');
  });

  it('an English resident of a Welsh council gets the English email and link', async () => {
    const app = await formsApp('ceredigion');
    const { browser, savePath } = await withDraft(app);

    await browser.post(savePath, { email: 'ann@example.com' });

    expect(app.outbox.sent()[0].lang).toBe('en');
    expect(lastLink(app).path).toMatch(/^\/forms\/garden-waste\/resume\//);
  });

  it('limits links per client and per address', async () => {
    const app = await formsApp('hackney', { limit: { max: 2, windowSeconds: 3600 } });
    const { browser, savePath } = await withDraft(app, ANSWERED, '198.51.100.1');

    expect((await browser.post(savePath, { email: 'a@example.com' })).status).toBe(303);
    expect((await browser.post(savePath, { email: 'a@example.com' })).status).toBe(303);
    const third = await browser.post(savePath, { email: 'c@example.com' });
    expect(third.status).toBe(429);
    expect(errorSummary(await third.text())).toContain('You can ask for another in 60 minutes');

    // Another client, to an address already sent to twice: refused; to a fresh one: sent.
    const other = await withDraft(app, ANSWERED, '198.51.100.2');
    expect((await other.browser.post(other.savePath, { email: 'A@example.com' })).status).toBe(429);
    const another = await withDraft(app, ANSWERED, '198.51.100.3');
    expect((await another.browser.post(another.savePath, { email: 'd@example.com' })).status).toBe(303);
    expect(app.outbox.sent().map((e) => e.to)).toEqual(['a@example.com', 'a@example.com', 'd@example.com']);

    // The window passes.
    app.setNow('2026-12-01T11:00:01Z');
    expect((await browser.post(savePath, { email: 'c@example.com' })).status).toBe(303);
  });

  it('says so when the email cannot be sent, and the link it made opens nothing', async () => {
    const failing: NotificationsPort = { sendEmail: async () => Promise.reject(new Error('Notify is down')) };
    const app = await formsApp('hackney', { notifications: failing });
    const { browser, savePath } = await withDraft(app);

    const res = await browser.post(savePath, { email: 'ann@example.com' });

    expect(res.status).toBe(503);
    expect(textOf(await res.text())).toContain('We could not send the email');
    expect((await browser.get(savePath)).status).toBe(200);
  });

  it('saving again replaces the earlier link: the old one stops working, the new one works', async () => {
    const app = await formsApp('hackney');
    const { browser, savePath } = await withDraft(app);
    await browser.post(savePath, { email: 'ann@example.com' });
    const first = lastLink(app);
    app.setNow('2026-12-02T10:00:00Z');

    await browser.post(savePath, { email: 'ann@example.com' });
    const second = lastLink(app);

    expect(second.token).not.toBe(first.token);
    // Only the newest link is kept.
    const tokens = (await items(app)).filter((i) => String(i.pk).startsWith('RESUME#'));
    expect(tokens.map((i) => i.pk)).toEqual([`RESUME#${tokenHash(second.token)}`]);
    const old = new Browser(app.app);
    const oldPage = await old.get(first.path);
    expect(oldPage.status).toBe(404);
    expect(textOf(await oldPage.text())).toContain('This link has expired or has already been used');
    expect((await old.post(first.path)).status).toBe(404);
    expect((await new Browser(app.app).post(second.path)).status).toBe(303);
    // The second save counted its 28 days from its own day.
    expect(app.outbox.sent()[1].body).toContain('until the end of Wednesday 30 December 2026');
  });

  it('an older link whose item was left behind (its delete failed) still does not work', async () => {
    const app = await formsApp('hackney');
    const { browser, draft, savePath } = await withDraft(app);
    await browser.post(savePath, { email: 'ann@example.com' });
    const first = lastLink(app);
    const [firstItem] = (await items(app)).filter((i) => String(i.pk).startsWith('RESUME#'));
    await browser.post(savePath, { email: 'ann@example.com' });
    await documentClient(app.store).send(new PutCommand({ TableName: app.store.tableName, Item: firstItem }));

    expect((await new Browser(app.app).get(first.path)).status).toBe(404);
    expect((await new Browser(app.app).post(first.path)).status).toBe(404);
    expect((await new Browser(app.app).post(lastLink(app).path)).headers.get('location')).toBe(`/forms/garden-waste/d/${draft.id}/bins`);
  });
});

describe('the link', () => {
  async function saved(app: FormsApp) {
    const withIt = await withDraft(app);
    await withIt.browser.post(withIt.savePath, { email: 'ann@example.com' });
    return { ...withIt, link: lastLink(app) };
  }

  it('opens a page with a Continue button that changes nothing, however often it is opened', async () => {
    const app = await formsApp('hackney');
    const { link } = await saved(app);
    const before = await items(app);

    const scanner = await app.app.request(link.path);
    const resident = await new Browser(app.app).get(link.path);

    expect(scanner.status).toBe(200);
    expect(resident.status).toBe(200);
    const html = await resident.text();
    expect(textOf(html)).toContain('Carry on with your form');
    expect(html).toMatch(/<form method="post"/);
    expect(textOf(html)).toContain('Continue');
    expect(await items(app)).toEqual(before);
    expect(resident.headers.get('cache-control')).toContain('no-store');
  });

  it('continues in another browser: the draft is handed to it, answers kept, at the first unanswered page', async () => {
    const app = await formsApp('hackney');
    const { browser: first, draft, savePath, link } = await saved(app);
    app.setNow('2026-12-10T09:00:00Z');
    const second = new Browser(app.app);

    await second.get(link.path);
    const res = await second.post(link.path);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/forms/garden-waste/d/${draft.id}/bins`);
    expect(second.cookies.get('ldf_draft')).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const landed = await second.get(res.headers.get('location')!);
    expect(landed.status).toBe(200);
    expect(textOf(await landed.text())).toContain('How many bins?');
    const handed = await getDraft<FormDraft>(app.store, draft.id, 'forms', second.owner(), new Date('2026-12-10T09:00:00Z'));
    expect(handed?.data).toEqual(ANSWERED);
    // The first browser no longer holds it.
    expect((await first.get(savePath)).status).toBe(404);
    expect(await getDraft(app.store, draft.id, 'forms', first.owner(), new Date('2026-12-10T09:00:00Z'))).toBeUndefined();
    // Still kept until the link's date.
    expect(await getDraft(app.store, draft.id, 'forms', second.owner(), new Date(LAST_MOMENT))).toBeDefined();
  });

  it('continues in a browser that already has a draft cookie, keeping that cookie', async () => {
    const app = await formsApp('hackney');
    const { draft, link } = await saved(app);
    const { browser: other } = await withDraft(app);
    const cookie = other.cookies.get('ldf_draft');

    expect((await other.post(link.path)).headers.get('location')).toBe(`/forms/garden-waste/d/${draft.id}/bins`);
    expect(other.cookies.get('ldf_draft')).toBe(cookie);
    expect(await getDraft(app.store, draft.id, 'forms', other.owner(), new Date(NOW))).toBeDefined();
  });

  it('lands on check answers when every page is answered', async () => {
    const app = await formsApp('hackney');
    const done: FormDraft = { ...ANSWERED, answers: { ...ANSWERED.answers, bins: 2 }, visited: [...ANSWERED.visited, 'bins'] };
    const { browser, draft, savePath } = await withDraft(app, done);
    await browser.post(savePath, { email: 'ann@example.com' });

    const res = await new Browser(app.app).post(lastLink(app).path);

    expect(res.headers.get('location')).toBe(`/forms/garden-waste/d/${draft.id}/check-answers`);
  });

  it('works once: used again, it shows the clear page, not the draft', async () => {
    const app = await formsApp('hackney');
    const { link } = await saved(app);
    expect((await new Browser(app.app).post(link.path)).status).toBe(303);

    const again = await new Browser(app.app).post(link.path);
    const reopened = await new Browser(app.app).get(link.path);

    expect(again.status).toBe(404);
    expect(again.headers.get('location')).toBeNull();
    const page = textOf(await again.text());
    expect(page).toContain('This link has expired or has already been used');
    expect(page).toContain('Start the form again');
    expect(reopened.status).toBe(404);
  });

  it('of two presses at once, only one carries on', async () => {
    const app = await formsApp('hackney');
    const { link } = await saved(app);
    const a = new Browser(app.app);
    const b = new Browser(app.app);
    await Promise.all([a.get('/'), b.get('/')]);

    const answers = await Promise.all([a.post(link.path), b.post(link.path)]);

    expect(answers.map((r) => r.status).sort()).toEqual([303, 404]);
  });

  it('has expired after the last day: 410, the clear page, and the draft has gone with it', async () => {
    const app = await formsApp('hackney');
    const { draft, link, browser } = await saved(app);
    app.setNow(LAST_MOMENT);
    expect((await new Browser(app.app).get(link.path)).status).toBe(200);

    app.setNow(AFTER);
    const page = await new Browser(app.app).get(link.path);
    const pressed = await new Browser(app.app).post(link.path);

    expect(page.status).toBe(410);
    expect(textOf(await page.text())).toContain('This link has expired or has already been used');
    expect(pressed.status).toBe(410);
    expect(textOf(await pressed.text())).toContain('Start the form again');
    expect(await getDraft(app.store, draft.id, 'forms', browser.owner(), new Date(AFTER))).toBeUndefined();
  });

  it('an unknown or malformed token gets the same page with 404, never a 500', async () => {
    const app = await formsApp('hackney');
    await saved(app);
    const unknown = `/forms/garden-waste/resume/${randomBytes(32).toString('base64url')}`;

    for (const path of [unknown, '/forms/garden-waste/resume/abc', `/forms/garden-waste/resume/${'A'.repeat(500)}`, '/forms/garden-waste/resume/%E0%A4%A']) {
      const page = await new Browser(app.app).get(path);
      const pressed = await new Browser(app.app).post(path);
      expect([page.status, pressed.status], path).toEqual([404, 404]);
    }
    expect(textOf(await (await new Browser(app.app).get(unknown)).text())).toContain('This link has expired or has already been used');
  });

  it('opens only the form it was made for', async () => {
    const app = await formsApp('hackney');
    const { link } = await saved(app);
    const elsewhere = link.path.replace('/garden-waste/', '/no-save/');

    expect((await new Browser(app.app).get(elsewhere)).status).toBe(404);
    expect((await new Browser(app.app).post(elsewhere)).status).toBe(404);
    // …and is not used up by trying.
    expect((await new Browser(app.app).post(link.path)).status).toBe(303);
  });

  it('opens nothing once the form has been sent from the first browser', async () => {
    const app = await formsApp('hackney');
    const { draft, browser, link } = await saved(app);
    await takeDraft(app.store, draft.id, 'forms', browser.owner(), new Date(NOW));

    const res = await new Browser(app.app).post(link.path);

    expect(res.status).toBe(404);
    expect(textOf(await res.text())).toContain('This link has expired or has already been used');
  });

  it('is refused without the form’s CSRF token, and not used up by the refusal', async () => {
    const app = await formsApp('hackney');
    const { link } = await saved(app);

    const forged = await app.app.request(link.path, { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    expect(forged.status).toBe(403);
    expect((await new Browser(app.app).post(link.path)).status).toBe(303);
  });
});

describe('forgetResumeLink', () => {
  it('removes the link and the address it went to, once the form is sent', async () => {
    const app = await formsApp('hackney');
    const { browser, draft, savePath } = await withDraft(app);
    await browser.post(savePath, { email: 'ann@example.com' });
    const other = await withDraft(app);
    await other.browser.post(other.savePath, { email: 'bob@example.com' });

    await forgetResumeLink(app.store, draft.id);

    const left = (await items(app)).filter((i) => String(i.pk).startsWith('RESUME'));
    expect(left.map((i) => i.pk).sort()).toEqual([`RESUME#${tokenHash(lastLink(app).token)}`, `RESUMEOF#${other.draft.id}`]);
    expect(JSON.stringify(left)).not.toContain('ann@example.com');
    expect((await new Browser(app.app).get(lastLink(app).path)).status).toBe(200);
    await forgetResumeLink(app.store, draft.id);
  });
});

describe('the token in logs', () => {
  it('is never written, even when the store fails while the link is used (the route’s pattern is)', async () => {
    const proxy = await switchableProxy(server.endpoint);
    const lines: string[] = [];
    const app = await formsApp('hackney', { storeEndpoint: proxy.endpoint, logLines: lines });
    try {
      const { browser, savePath } = await withDraft(app);
      await browser.post(savePath, { email: 'ann@example.com' });
      const { token, path } = lastLink(app);
      const resident = new Browser(app.app);
      await resident.get('/');

      proxy.down();
      const page = await resident.get(path);
      const pressed = await resident.post(path);

      expect([page.status, pressed.status]).toEqual([503, 503]);
      expect(lines.some((l) => l.includes('/forms/:formId/resume/:token'))).toBe(true);
      expect(lines.join('\n')).not.toContain(token);
      proxy.up();
      expect((await resident.post(path)).status).toBe(303);
    } finally {
      await proxy.close();
    }
  });
});
