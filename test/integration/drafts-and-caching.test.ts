import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreClient } from '../../functions/core/store/store.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

// Hackney: a pothole at 17 Sandringham Mews, E8 2NS; bins at 58 Linscott Road, E5 0LH.
const NOW = '2026-12-01T10:00:00Z';
const UPRN = '10008200003';

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

function fresh(): Promise<TestApp> {
  return testApp('hackney', { endpoint: store.endpoint, now: NOW });
}

async function items(app: TestApp, prefix: string) {
  const { Items = [] } = await createStoreClient({ endpoint: store.endpoint }).send(new ScanCommand({ TableName: app.store.tableName }));
  return Items.filter((i) => i.pk.S!.startsWith(prefix));
}

/** Answers a pothole report up to the check page; returns the draft's base path. */
async function toCheck(session: Session): Promise<string> {
  const base = (await session.post('/report', { group: 'roads' })).headers.get('location')!.replace(/\/[a-z-]+$/, '');
  await session.post(`${base}/category`, { category: 'pothole' });
  await session.post(`${base}/notice`, {});
  await session.post(`${base}/questions`, { 'attribute-depth': 'over_10cm' });
  await session.post(`${base}/location`, { method: 'postcode' });
  await session.post(`${base}/postcode`, { postcode: 'E8 2NS' });
  const uprn = /name="uprn" type="radio" value="(\d+)"/.exec(await (await session.get(`${base}/address`)).text())![1];
  await session.post(`${base}/address`, { uprn });
  await session.post(`${base}/description`, { description: 'A deep hole by the bus stop' });
  await session.post(`${base}/photo`, {});
  await session.post(`${base}/contact`, { name: 'Ann Resident', email: 'ann@example.com', phone: '020 7946 0000' });
  return base;
}

/** The cookies a session holds, as a Cookie header, keeping only those named. */
function cookiesOf(res: Response[], names: string[]): string {
  const kept = new Map<string, string>();
  for (const r of res) for (const line of r.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [k, v] = pair.split('=');
    if (names.includes(k)) kept.set(k, v);
  }
  return [...kept].map(([k, v]) => `${k}=${v}`).join('; ');
}

describe('draft ownership', () => {
  it('keeps a draft to the browser that holds its own draft cookie, not to whoever knows the CSRF token', async () => {
    const app = await fresh();
    const home = await app.app.request('/report');
    const csrf = cookiesOf([home], ['ldf_csrf']);
    const token = /name="csrf" value="([^"]+)"/.exec(await home.text())![1];
    const started = await app.app.request('/report', {
      method: 'POST',
      body: new URLSearchParams({ group: 'roads', csrf: token }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf },
    });
    expect(started.status).toBe(303);
    const setCookie = started.headers.getSetCookie().find((l) => l.startsWith('ldf_draft='));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const draftPage = started.headers.get('location')!;

    // The owner's browser opens it...
    const owner = await app.app.request(draftPage, { headers: { cookie: `${csrf}; ${cookiesOf([started], ['ldf_draft'])}` } });
    expect(owner.status).toBe(200);
    // ...someone who read the CSRF token off a printed or shared page does not.
    const reader = await app.app.request(draftPage, { headers: { cookie: csrf } });
    expect(reader.status).toBe(404);
  });
});

describe('sending a report', () => {
  it('deletes the draft, so its answers live in the case only and the check page no longer shows them', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    expect(await items(app, 'DRAFT#')).toHaveLength(1);
    const sent = await session.post(`${base}/check`, {});
    expect(sent.status).toBe(303);

    expect(await items(app, 'DRAFT#')).toHaveLength(0);
    const back = await session.get(`${base}/check`);
    expect(back.status).toBe(404);
    expect(textOf(await back.text())).not.toContain('ann@example.com');
    // The confirmation still works, from the case.
    const confirmation = await session.get(sent.headers.get('location')!);
    expect(confirmation.status).toBe(200);
    expect(textOf(await confirmation.text())).toContain(sent.headers.get('location')!.split('/').pop()!);
  });

  it('reads and deletes the draft in one store request, so deleting it costs the submission nothing', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const draftRequests: string[] = [];
    app.store.client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: { pk?: { S?: string } | string } };
        const pk = typeof input.Key?.pk === 'string' ? input.Key.pk : input.Key?.pk?.S;
        if (pk?.startsWith('DRAFT#')) draftRequests.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countDraftRequests' },
    );
    expect((await session.post(`${base}/check`, {})).status).toBe(303);
    expect(app.outbox.sent()).toHaveLength(1);
    expect(draftRequests).toEqual(['DeleteItemCommand']);
  });
});

describe('pages with personal data', () => {
  it('are marked Cache-Control: no-store; public photos and calendar feeds keep their caching', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const pages: [string, Response][] = [];
    for (const step of ['contact', 'description', 'address', 'check']) pages.push([`report ${step}`, await session.get(`${base}/${step}`)]);
    const sent = await session.post(`${base}/check`, {});
    const reference = sent.headers.get('location')!.split('/').pop()!;
    pages.push(['report confirmation', await session.get(sent.headers.get('location')!)]);
    pages.push(['report tracking', await session.get(`/report/track?reference=${reference}`)]);
    pages.push(['bins addresses', await session.get('/bins/addresses?postcode=E5+0LH')]);
    pages.push(['bins property', await session.get(`/bins/property/${UPRN}`)]);
    pages.push(['missed: container', await session.get(`/bins/property/${UPRN}/report`)]);
    const details = await session.get(`/bins/property/${UPRN}/report/black-bin`);
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(await details.clone().text())![1];
    pages.push(['missed: details', details]);
    const answers = { more: 'By the gate', email: 'resident@example.com', submissionId };
    const check = await session.post(`/bins/property/${UPRN}/report/black-bin`, { step: 'details', ...answers });
    pages.push(['missed: check answers', check]);
    const collectionDate = /name="collectionDate" value="([^"]+)"/.exec(await check.clone().text())![1];
    const missed = await session.post(`/bins/property/${UPRN}/report/black-bin`, { ...answers, collectionDate, step: 'submit' });
    expect(missed.status).toBe(303);
    pages.push(['missed: confirmation', await session.get(missed.headers.get('location')!)]);
    pages.push(['a sent draft', await session.get(`${base}/check`)]);

    for (const [name, res] of pages) {
      expect(res.status, name).toBeLessThan(500);
      expect(res.headers.get('cache-control'), name).toBe('no-store');
    }
    expect((await session.get(`/bins/property/${UPRN}/calendar.ics`)).headers.get('cache-control')).toBe('public, max-age=3600');
  });
});
