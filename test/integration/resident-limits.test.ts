import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, DEFAULT_MAX_CLIENTS, ipKey } from '../../functions/core/http/rate-limit.ts';
import { createStoreClient } from '../../functions/core/store/store.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

// Hackney: both services. 41 Linscott Road (E5 0LH) for bins; a pothole at E8 2NS for a report.
const NOW = '2026-12-01T10:00:00Z';
const UPRN = '10008200003';

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

function fresh(extra: Partial<Parameters<typeof testApp>[1]> = {}): Promise<TestApp> {
  return testApp('hackney', { endpoint: store.endpoint, now: NOW, ...extra });
}

async function items(app: TestApp, prefix: string) {
  const { Items = [] } = await createStoreClient({ endpoint: store.endpoint }).send(new ScanCommand({ TableName: app.store.tableName }));
  return Items.filter((i) => i.pk.S!.startsWith(prefix));
}

/** Starts a pothole report and answers it up to the check page; returns the draft's base path. */
async function toCheck(session: Session, email = 'ann@example.com'): Promise<string> {
  const res = await session.post('/report', { group: 'roads' });
  const base = res.headers.get('location')!.replace(/\/[a-z-]+$/, '');
  await session.post(`${base}/category`, { category: 'pothole' });
  await session.post(`${base}/notice`, {});
  await session.post(`${base}/questions`, { 'attribute-depth': 'over_10cm' });
  await session.post(`${base}/location`, { method: 'postcode' });
  await session.post(`${base}/postcode`, { postcode: 'E8 2NS' });
  const uprn = /name="uprn" type="radio" value="(\d+)"/.exec(await (await session.get(`${base}/address`)).text())![1];
  await session.post(`${base}/address`, { uprn });
  await session.post(`${base}/description`, { description: 'A deep hole by the bus stop' });
  await session.post(`${base}/photo`, {});
  const done = await session.post(`${base}/contact`, { name: 'Ann Resident', email, phone: '' });
  expect(done.headers.get('location')).toBe(`${base}/check`);
  return base;
}

/** The missed-collection check page's form for one container, as the browser would send it. */
async function missedAnswers(session: Session, container: string, email = 'resident@example.com'): Promise<Record<string, string>> {
  const details = await (await session.get(`/bins/property/${UPRN}/report/${container}`)).text();
  const submissionId = /name="submissionId" value="([^"]+)"/.exec(details)?.[1];
  if (!submissionId) throw new Error(`No report form for ${container}: ${textOf(details).slice(0, 200)}`);
  const check = await (await session.post(`/bins/property/${UPRN}/report/${container}`, { step: 'details', more: '', email, submissionId })).text();
  const fields: Record<string, string> = {};
  for (const m of check.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) if (m[1] !== 'csrf') fields[m[1]] = m[2];
  return { ...fields, step: 'submit' };
}

describe('the rate limiter', () => {
  it('remembers at most its number of clients, forgetting the least recently seen', () => {
    const limiter = createRateLimiter({ max: 2, windowSeconds: 60, maxClients: 3 });
    const now = new Date(NOW);
    limiter.take('a', now);
    limiter.take('a', now);
    for (const key of ['b', 'c', 'a', 'd']) limiter.take(key, now);
    expect(limiter.size).toBe(3);
    // 'a' was used recently, so it is remembered, over its limit; 'b' was forgotten and starts again.
    expect(limiter.take('a', now)).toBe(false);
    expect(limiter.take('b', now)).toBe(true);
  });

  it('stays bounded by default however many clients come in one window', () => {
    const limiter = createRateLimiter({ max: 5, windowSeconds: 3600 });
    const now = new Date(NOW);
    for (let i = 0; i < DEFAULT_MAX_CLIENTS + 5_000; i++) limiter.take(`client-${i}`, now);
    expect(limiter.size).toBe(DEFAULT_MAX_CLIENTS);
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one', () => {
    expect(ipKey('2001:db8:1:2:aaaa::1')).toBe(ipKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(ipKey('2001:db8:1:2::1')).not.toBe(ipKey('2001:db8:1:3::1'));
    expect(ipKey('::ffff:203.0.113.9')).toBe(ipKey('203.0.113.9'));
  });
});

describe('address look-ups', () => {
  it('share one limit across the bins postcode and property pages and the report’s postcode step', async () => {
    const app = await fresh({ postcodeLookupLimit: { max: 3, windowSeconds: 60 } });
    const session = new Session(app.app);
    const base = (await session.post('/report', { group: 'roads' })).headers.get('location')!.replace(/\/[a-z-]+$/, '');
    await session.post(`${base}/category`, { category: 'pothole' });
    expect((await session.get('/bins/addresses?postcode=E5+0LH')).status).toBe(200);
    expect((await session.get(`/bins/property/${UPRN}`)).status).toBe(200);
    expect((await session.post(`${base}/postcode`, { postcode: 'E8 2NS' })).status).toBe(303);

    const report = await session.post(`${base}/postcode`, { postcode: 'E8 2NS' });
    expect(report.status).toBe(429);
    expect(textOf(await report.text())).toContain('You have looked up too many postcodes');
    expect((await session.get(`/bins/property/${UPRN}`)).status).toBe(429);
    expect((await session.get('/bins/addresses?postcode=E5+0LH')).status).toBe(429);
  });

  it('does not put clients whose address is unknown in one bucket', async () => {
    const app = await fresh({ postcodeLookupLimit: { max: 2, windowSeconds: 60 }, clientIp: () => undefined });
    const first = new Session(app.app);
    const second = new Session(app.app);
    await first.get('/');
    await second.get('/');
    for (let i = 0; i < 2; i++) expect((await first.get('/bins/addresses?postcode=E5+0LH')).status).toBe(200);
    // The first browser is counted by its session...
    expect((await first.get('/bins/addresses?postcode=E5+0LH')).status).toBe(429);
    // ...and its look-ups do not use up anybody else's.
    expect((await second.get('/bins/addresses?postcode=E5+0LH')).status).toBe(200);
  });
});

describe('creating cases', () => {
  it('limits missed-collection reports per client, keeping the answers on a 429 page', async () => {
    const app = await fresh({ caseCreationLimit: { max: 2, windowSeconds: 3600 } });
    const session = new Session(app.app);
    const containers = ['black-bin', 'recycling-sack', 'food-caddy'];
    const answers = await Promise.all(containers.map((k, i) => missedAnswers(session, k, `resident${i}@example.com`)));
    expect((await session.post(`/bins/property/${UPRN}/report/${containers[0]}`, answers[0])).status).toBe(303);
    expect((await session.post(`/bins/property/${UPRN}/report/${containers[1]}`, answers[1])).status).toBe(303);

    const limited = await session.post(`/bins/property/${UPRN}/report/${containers[2]}`, answers[2]);
    expect(limited.status).toBe(429);
    const html = await limited.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('value="resident2@example.com"');
    // Says when they can send again, from the limit's own window.
    expect(textOf(html)).toContain('You can send another in 60 minutes');
    expect(await items(app, 'CASE#')).toHaveLength(2);
    expect(app.outbox.sent()).toHaveLength(2);
  });

  it('limits reports to one email address whichever client sends them', async () => {
    const app = await fresh({ caseCreationLimit: { max: 1, windowSeconds: 3600 } });
    const first = new Session(app.app);
    expect((await first.post(`${await toCheck(first, 'victim@example.com')}/check`, {})).status).toBe(303);

    const other = new Session(app.app);
    const base = await toCheck(other, 'Victim@Example.com');
    const limited = await other.post(`${base}/check`, {}, { headers: { 'x-test-client': '198.51.100.7' } });
    expect(limited.status).toBe(429);
    expect(textOf(await limited.text())).toContain('Victim@Example.com');
    // The answers are kept: the check page still opens.
    expect((await other.get(`${base}/check`)).status).toBe(200);
    expect(app.outbox.sent()).toHaveLength(1);
  });
});
