import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../functions/app.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let app: TestApp;
beforeAll(async () => {
  store = await embeddedStore();
  app = await testApp('south-cambridgeshire', { endpoint: store.endpoint, now: '2026-12-01T10:00:00Z', postcodeLookupLimit: { max: 3, windowSeconds: 60 } });
});
afterAll(() => store.close());

const REPORT = '/bins/property/10033500001/report/blue-bin';

describe('security headers', () => {
  it('sends a CSP whose nonce is the one on the page’s scripts and styles', async () => {
    const res = await app.app.request('/bins');
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await res.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets search engines index residents’ pages (only staff pages say noindex)', async () => {
    expect(await (await app.app.request('/bins')).text()).not.toContain('name="robots"');
  });

  it('uses a fresh nonce for every response', async () => {
    const a = (await app.app.request('/')).headers.get('content-security-policy');
    const b = (await app.app.request('/')).headers.get('content-security-policy');
    expect(a).not.toBe(b);
  });

  it('sends HSTS over HTTPS only', async () => {
    expect((await app.app.request('https://council.example/bins')).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect((await app.app.request('http://localhost/bins')).headers.get('strict-transport-security')).toBeNull();
  });

  it('marks the CSRF cookie HttpOnly, SameSite and, over HTTPS, Secure', async () => {
    const plain = (await app.app.request('http://localhost/')).headers.get('set-cookie')!;
    expect(plain).toMatch(/ldf_csrf=[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(plain).not.toContain('Secure');
    expect((await app.app.request('https://council.example/')).headers.get('set-cookie')).toContain('Secure');
  });
});

describe('CSRF protection', () => {
  it('refuses a form posted without the token', async () => {
    const session = new Session(app.app);
    const res = await session.post(REPORT, { step: 'details', email: 'a@example.com' }, { csrf: null });
    expect(res.status).toBe(403);
    expect(textOf(await res.text())).toContain('Your form could not be sent');
  });

  it('refuses a form posted with another token', async () => {
    const res = await new Session(app.app).post(REPORT, { step: 'details', email: 'a@example.com' }, { csrf: 'x'.repeat(32) });
    expect(res.status).toBe(403);
  });

  it('refuses a form posted with no cookie at all, as a cross-site request would be', async () => {
    const res = await app.app.request(REPORT, {
      method: 'POST',
      body: new URLSearchParams({ step: 'details', email: 'a@example.com', csrf: 'x'.repeat(32) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
  });

  it('accepts the form with the token from its cookie', async () => {
    const res = await new Session(app.app).post(REPORT, { step: 'details', email: 'a@example.com' });
    expect(res.status).toBe(200);
  });
});

describe('request limits', () => {
  it('refuses a body over the limit with 413 and a page saying so', async () => {
    const session = new Session(app.app);
    const res = await session.post(REPORT, { step: 'details', email: 'a@example.com', more: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(res.status).toBe(413);
    expect(textOf(await res.text())).toContain('The information you sent is too large');
  });

  it('limits postcode look-ups per client and says so on the form', async () => {
    const client = { 'x-test-client': '203.0.113.9' };
    const session = new Session(app.app);
    for (let i = 0; i < 3; i++) expect((await session.get('/bins/addresses?postcode=CB23+6DW', client)).status).toBe(200);
    const limited = await session.get('/bins/addresses?postcode=CB23+6DW', client);
    expect(limited.status).toBe(429);
    const html = await limited.text();
    expect(html).toMatch(/<title>Error: /);
    expect(textOf(html)).toContain('You have looked up too many postcodes');
    // Another client is not affected.
    expect((await session.get('/bins/addresses?postcode=CB23+6DW', { 'x-test-client': '203.0.113.10' })).status).toBe(200);
  });

  it('does not count an invalid postcode against the limit', async () => {
    const client = { 'x-test-client': '203.0.113.20' };
    const session = new Session(app.app);
    for (let i = 0; i < 5; i++) expect((await session.get('/bins/addresses?postcode=nope', client)).status).toBe(400);
    expect((await session.get('/bins/addresses?postcode=CB23+6DW', client)).status).toBe(200);
  });
});

describe('static assets', () => {
  it('serves the stylesheet with fonts relative to it', async () => {
    const res = await app.app.request('/assets/app.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await res.text();
    expect(css).toContain('url(fonts/');
    expect(css).not.toContain('url(/assets/');
  });

  it('refuses paths outside the assets folder', async () => {
    expect((await app.app.request('/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await app.app.request('/assets/../package.json')).status).toBe(404);
  });
});

describe('bad input never causes a server error', () => {
  it.each([
    '/bins/addresses?postcode=%E0%A4%A',
    '/bins/addresses?postcode=' + 'A'.repeat(5000),
    '/bins/property/%00',
    '/bins/property/10033500001/report/%2e%2e',
    '/bins/report/' + 'Z'.repeat(300),
    '/cy/',
  ])('answers %s without a 5xx', async (path) => {
    const res = await new Session(app.app).get(path);
    expect(res.status).toBeLessThan(500);
  });

  it('answers a post with a garbled body without a 5xx', async () => {
    const session = new Session(app.app);
    await session.get('/');
    const res = await app.app.request(REPORT, { method: 'POST', body: '%%%&&&===', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBeLessThan(500);
    const json = await app.app.request(REPORT, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBeLessThan(500);
  });
});
