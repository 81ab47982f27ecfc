import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseUpdate, getCase } from '../../functions/core/cases/case-store.ts';
import { createStoreClient } from '../../functions/core/store/store.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';
import { switchableProxy } from '../support/switchable-proxy.ts';

// Hackney: Roads → Pothole (a notice, a required depth question), E8 2NS in the gazetteer,
// Islington's N5 and Highbury next door, Mare Street in the street list.
const NOW = '2026-12-01T10:00:00Z';

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

async function fresh(extra: Partial<Parameters<typeof testApp>[1]> = {}): Promise<TestApp> {
  return testApp('hackney', { endpoint: store.endpoint, now: NOW, ...extra });
}

/** Starts a report in a group and returns the draft's base path. */
async function start(session: Session, group = 'roads'): Promise<string> {
  const res = await session.post('/report', { group });
  expect(res.status).toBe(303);
  return res.headers.get('location')!.replace(/\/[a-z-]+$/, '');
}

/** Answers every step for a pothole at 17 Sandringham Mews, E8 2NS, up to the check page. */
async function toCheck(session: Session, contact = { name: 'Ann Resident', email: 'ann@example.com', phone: '020 7946 0000' }): Promise<string> {
  const base = await start(session);
  await session.post(`${base}/category`, { category: 'pothole' });
  await session.post(`${base}/notice`, {});
  await session.post(`${base}/questions`, { 'attribute-depth': 'over_10cm' });
  await session.post(`${base}/location`, { method: 'postcode' });
  await session.post(`${base}/postcode`, { postcode: 'E8 2NS' });
  const addresses = await (await session.get(`${base}/address`)).text();
  const uprn = /name="uprn" type="radio" value="(\d+)"/.exec(addresses)![1];
  await session.post(`${base}/address`, { uprn });
  await session.post(`${base}/description`, { description: 'A deep hole by the bus stop' });
  await session.post(`${base}/photo`, {});
  const res = await session.post(`${base}/contact`, contact);
  expect(res.headers.get('location')).toBe(`${base}/check`);
  return base;
}

async function countCases(app: TestApp): Promise<number> {
  const { Items = [] } = await createStoreClient({ endpoint: store.endpoint }).send(new ScanCommand({ TableName: app.store.tableName }));
  return Items.filter((i) => i.pk.S!.startsWith('CASE#')).length;
}

describe('choosing the problem', () => {
  it('asks what the problem is about, grouped, and explains a missing answer', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const page = textOf(await (await session.get('/report')).text());
    expect(page).toContain('What is the problem about?');
    expect(page).toContain('Pothole');
    const res = await session.post('/report', {});
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Select what the problem is about');
  });

  it('lists the group’s categories and refuses one from another group', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    expect(textOf(await (await session.get(`${base}/category`)).text())).toContain('Abandoned vehicle');
    const res = await session.post(`${base}/category`, { category: 'graffiti' });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Select the problem');
  });

  it('shows the category’s notice, with the out-of-hours number, before going on', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    const res = await session.post(`${base}/category`, { category: 'pothole' });
    expect(res.headers.get('location')).toBe(`${base}/notice`);
    expect(textOf(await (await session.get(`${base}/notice`)).text())).toContain(app.council.contact.outOfHoursPhone);
  });

  it('asks the category’s questions and checks the answers', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await session.post(`${base}/category`, { category: 'pothole' });
    await session.post(`${base}/notice`, {});
    const missing = await session.post(`${base}/questions`, {});
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('href="#attribute-depth"');
    expect(textOf(html)).toContain('Answer ‘How deep is the pothole?’');
    const wrong = await session.post(`${base}/questions`, { 'attribute-depth': 'a-mile' });
    expect(textOf(await wrong.text())).toContain('Select an answer to ‘How deep is the pothole?’ from the list');
    const ok = await session.post(`${base}/questions`, { 'attribute-depth': 'over_10cm' });
    expect(ok.headers.get('location')).toBe(`${base}/location`);
  });
});

describe('saying where the problem is', () => {
  it('finds addresses by postcode in any case', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await session.post(`${base}/location`, { method: 'postcode' });
    const res = await session.post(`${base}/postcode`, { postcode: 'e82ns' });
    expect(res.headers.get('location')).toBe(`${base}/address`);
    expect(textOf(await (await session.get(`${base}/address`)).text())).toContain('E8 2NS');
  });

  it.each([
    ['', 'Enter a postcode'],
    ['nonsense', 'Enter a full UK postcode'],
    ['N5 1AA', 'That location is in the Islington Council area. Report the problem to them at https://www.islington.gov.uk'],
    ['E8 9ZZ', 'We could not find any addresses for E8 9ZZ'],
  ])('explains what is wrong with the postcode "%s"', async (postcode, message) => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await session.post(`${base}/location`, { method: 'postcode' });
    const res = await session.post(`${base}/postcode`, { postcode });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain(message);
    expect(html).toContain(`value="${postcode}"`);
  });

  it('finds a street by part of its name', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await session.post(`${base}/location`, { method: 'street' });
    expect(textOf(await (await session.post(`${base}/street`, { action: 'search', street: 'zzz' })).text())).toContain('We could not find a street matching ‘zzz’');
    const found = await session.post(`${base}/street`, { action: 'search', street: 'mare' });
    expect(found.headers.get('location')).toBe(`${base}/street`);
    const page = await (await session.get(`${base}/street`)).text();
    expect(textOf(page)).toContain('Mare Street');
    const usrn = /name="usrn" type="radio" value="(\d+)"/.exec(page)![1];
    const chosen = await session.post(`${base}/street`, { action: 'choose', street: 'mare', usrn });
    expect(chosen.status).toBe(303);
  });

  it('takes a latitude and longitude inside the area', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session, 'street_cleaning');
    await session.post(`${base}/category`, { category: 'graffiti' });
    const res = await session.post(`${base}/coordinates`, { lat: '51.54497', long: '-0.05528' });
    expect(res.status).toBe(303);
  });

  it.each([
    [{ lat: '', long: '' }, ['Enter the latitude', 'Enter the longitude']],
    [{ lat: 'north', long: '-0.05' }, ['Latitude must be a number between -90 and 90']],
    [{ lat: '51.5464', long: '-0.1043' }, ['That location is in the Islington Council area']],
    [{ lat: '48.8566', long: '2.3522' }, ['That location is not in the London Borough of Hackney area']],
  ])('refuses the coordinates %o with a clear message', async (values, messages) => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    const res = await session.post(`${base}/coordinates`, values);
    expect(res.status).toBe(400);
    const text = textOf(await res.text());
    for (const m of messages) expect(text).toContain(m);
  });
});

describe('description and contact details', () => {
  it('requires a description of at most 2,000 characters, keeping what was typed', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    expect(textOf(await (await session.post(`${base}/description`, { description: '' })).text())).toContain('Describe the problem');
    const long = await session.post(`${base}/description`, { description: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(textOf(await long.text())).toContain('The description must be 2000 characters or fewer');
  });

  it.each([
    [{ name: '', email: 'a@example.com', phone: '' }, 'Enter your full name'],
    [{ name: 'A', email: '', phone: '' }, 'Enter your email address'],
    [{ name: 'A', email: 'not-an-email', phone: '' }, 'Enter an email address in the correct format'],
    [{ name: 'A', email: 'a@example.com', phone: 'call me' }, 'Enter a phone number'],
  ])('explains a problem with the contact details %o', async (values, message) => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    const res = await session.post(`${base}/contact`, values);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain(message);
    if (values.email) expect(html).toContain(`value="${values.email}"`);
  });
});

describe('checking and sending', () => {
  it('shows every answer with a link to change it, and comes back after a change', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const html = await (await session.get(`${base}/check`)).text();
    const text = textOf(html);
    for (const shown of ['Pothole', 'More than 10cm', 'E8 2NS', 'A deep hole by the bus stop', 'Ann Resident', 'ann@example.com', '020 7946 0000']) expect(text).toContain(shown);
    expect(html).toContain(`href="${base}/description"`);
    const changed = await session.post(`${base}/description`, { description: 'A deeper hole' });
    expect(changed.headers.get('location')).toBe(`${base}/check`);
  });

  it('sends a report as a case, confirms it with the response time and emails the resident', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const res = await session.post(`${base}/check`, {});
    expect(res.status).toBe(303);
    const reference = res.headers.get('location')!.split('/').pop()!;
    const confirmation = textOf(await (await session.get(res.headers.get('location')!)).text());
    expect(confirmation).toContain('Problem reported');
    expect(confirmation).toContain(reference);
    expect(confirmation).toContain('We aim to inspect potholes');

    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored).toMatchObject({ service: 'report', type: 'pothole', status: 'open' });
    expect(stored!.public).toMatchObject({ serviceCode: 'pothole', description: 'A deep hole by the bus stop', attributes: { depth: 'over_10cm' } });
    expect(stored!.public!.lat).toBeCloseTo(51.54, 1);
    expect(JSON.stringify(stored!.public)).not.toContain('ann@example.com');
    expect(stored!.details).toMatchObject({ name: 'Ann Resident', email: 'ann@example.com', source: 'web' });
    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ to: 'ann@example.com', reference, subject: `Problem reported: ${reference}` });
  });

  it('makes one case when the same draft is sent twice: the second finds the draft gone', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    expect((await session.post(`${base}/check`, {})).status).toBe(303);
    const two = await session.post(`${base}/check`, {});
    expect(two.status).toBe(404);
    expect(textOf(await two.text())).toContain('Your report could not be found');
    expect(await countCases(app)).toBe(1);
  });

  it('does not open a draft for another browser', async () => {
    const app = await fresh();
    const base = await toCheck(new Session(app.app));
    const stranger = new Session(app.app);
    const res = await stranger.get(`${base}/check`);
    expect(res.status).toBe(404);
    expect(textOf(await res.text())).toContain('Your report could not be found');
    expect((await stranger.post(`${base}/check`, {})).status).toBe(404);
  });

  it('keeps the answers through a store outage and then makes exactly one case', async () => {
    const proxy = await switchableProxy(store.endpoint);
    try {
      const app = await fresh({ storeEndpoint: proxy.endpoint });
      const session = new Session(app.app);
      const base = await toCheck(session);
      proxy.down();
      const failed = await session.post(`${base}/check`, {});
      expect(failed.status).toBe(503);
      expect(textOf(await failed.text())).toContain('Your answers so far are kept');
      proxy.up();
      expect((await session.get(`${base}/check`)).status).toBe(200);
      expect((await session.post(`${base}/check`, {})).status).toBe(303);
      expect(await countCases(app)).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});

describe('tracking a report', () => {
  it('shows the status and public updates, and no personal data', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const reference = (await session.post(`${base}/check`, {})).headers.get('location')!.split('/').pop()!;
    await addCaseUpdate(app.store, reference, { id: 'u1', status: 'closed', description: 'Filled in by the highways team', createdAt: '2026-12-02T09:00:00.000Z' }, new Date(NOW));
    const res = await session.get(`/report/track?reference=${reference.toLowerCase().replace('-', ' ')}`);
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain(`Report ${reference}`);
    // A bare "closed" update stands for the state fixed, named as the council names it.
    expect(text).toContain('Fixed');
    expect(text).toContain('Filled in by the highways team');
    for (const personal of ['Ann Resident', 'ann@example.com', '020 7946 0000']) expect(text).not.toContain(personal);
  });

  it.each([
    ['', 400, 'Enter your reference number'],
    ['ABC', 400, 'Enter a reference number in the correct format'],
    ['ABCD-EFGH', 404, 'We could not find a report with the reference ABCD-EFGH'],
  ])('explains a problem with the reference "%s"', async (reference, status, message) => {
    const app = await fresh();
    const res = await new Session(app.app).get(`/report/track?reference=${encodeURIComponent(reference)}`);
    expect(res.status).toBe(status);
    expect(textOf(await res.text())).toContain(message);
  });

  it('does not find a missed-bin case as a problem report', async () => {
    const app = await fresh();
    expect((await new Session(app.app).get('/report/done/ABCD-EFGH')).status).toBe(404);
  });
});

describe('in Welsh', () => {
  it('runs the journey in Welsh for a bilingual council', async () => {
    const app = await testApp('ceredigion', { endpoint: store.endpoint, now: NOW });
    const session = new Session(app.app);
    const page = await (await session.get('/cy/report')).text();
    expect(page).toContain('<html lang="cy"');
    expect(textOf(page)).toContain('Am beth mae’r broblem?');
    const res = await session.post('/cy/report', {});
    expect(textOf(await res.text())).toContain('Dewiswch am beth mae’r broblem');
  });
});

describe('adding a photo', () => {
  /** The upload form on the photo page, as a browser would read it. */
  function uploadFormOf(html: string) {
    const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(html)!;
    const fields = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
    const fileField = /type="file"/.test(form[2]) ? /name="([^"]+)" type="file"/.exec(form[2])![1] : 'file';
    return { action: form[1].replace(/&amp;/g, '&'), fields, fileField };
  }

  async function toPhoto(app: TestApp, session: Session): Promise<string> {
    const base = await toCheck(session);
    await session.post(`${base}/photo-remove`, {});
    return base;
  }

  it('uploads a photo through storage, strips its location and camera details, and sends it with the report', async () => {
    const { jpeg, jfifApp0, exifApp1, contains } = await import('../support/images.ts');
    const { uploadPhoto } = await import('../support/harness.ts');
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toPhoto(app, session);
    const page = await (await session.get(`${base}/photo`)).text();
    const photo = jpeg(jfifApp0(), exifApp1({ make: 'PhoneMaker', model: 'Model 9', gps: { lat: 51.545, lon: -0.055 }, orientation: 6 }));
    const back = await uploadPhoto(app.photos, uploadFormOf(page), { bytes: photo, name: 'pothole.jpg', type: 'image/jpeg' });
    const ingested = await session.get(new URL(back, 'http://localhost').pathname + new URL(back, 'http://localhost').search);
    expect(ingested.headers.get('location')).toBe(`${base}/photo`);
    const shown = await (await session.get(`${base}/photo`)).text();
    const src = /<img class="app-photo" src="([^"]+)"/.exec(shown)![1];
    const image = new Uint8Array(await (await session.get(src)).arrayBuffer());
    expect(contains(image, 'PhoneMaker')).toBe(false);
    expect(contains(image, 'GPS')).toBe(false);
    expect(image[0]).toBe(0xff);
    await session.post(`${base}/photo`, {});
    expect(textOf(await (await session.get(`${base}/check`)).text())).toContain('Photo added');
    const reference = (await session.post(`${base}/check`, {})).headers.get('location')!.split('/').pop()!;
    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored!.public!.media).toEqual([src.split('/').pop()]);
  });

  it.each([
    [{ bytes: new TextEncoder().encode('%PDF-1.4 not a photo'), name: 'notes.pdf', type: 'application/pdf' }, 'The photo must be a JPG or PNG'],
    [{ bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0xff), name: 'huge.jpg', type: 'image/jpeg' }, 'The photo must be smaller than 10 MB'],
    [{ bytes: new Uint8Array(0), name: '', type: 'application/octet-stream' }, 'Select a photo to upload'],
  ])('refuses %#: a file that is not a small JPEG or PNG, with a clear error', async (file, message) => {
    const { uploadPhoto } = await import('../support/harness.ts');
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toPhoto(app, session);
    const page = await (await session.get(`${base}/photo`)).text();
    const back = await uploadPhoto(app.photos, uploadFormOf(page), file);
    const res = await session.get(new URL(back, 'http://localhost').pathname + new URL(back, 'http://localhost').search);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('href="#photo"');
    expect(textOf(html)).toContain(message);
  });
});
