/**
 * The session (CSRF) cookie's name and scope: `__Host-` over HTTPS, so no sibling subdomain or
 * plain-HTTP page can plant or overwrite it; the plain name at the council's path on the local host,
 * which serves every council under /<id>/ over plain HTTP (where the prefix is impossible).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedStore, testApp, type TestApp } from '../support/harness.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let atRoot: TestApp;
let mounted: TestApp;
beforeAll(async () => {
  store = await embeddedStore();
  atRoot = await testApp('south-cambridgeshire', { endpoint: store.endpoint, now: '2026-12-01T10:00:00Z' });
  mounted = await testApp('south-cambridgeshire', { endpoint: store.endpoint, now: '2026-12-01T10:00:00Z', basePath: '/south-cambridgeshire' });
});
afterAll(() => store.close());

const REPORT = '/bins/property/10033500001/report/blue-bin';

/** The cookie's name and value from a Set-Cookie line. */
const pairOf = (line: string) => {
  const [pair] = line.split(';');
  const at = pair.indexOf('=');
  return { name: pair.slice(0, at), value: pair.slice(at + 1) };
};

async function postForm(app: TestApp, url: string, cookie: string, token: string): Promise<Response> {
  return app.app.request(url, {
    method: 'POST',
    body: new URLSearchParams({ step: 'details', email: 'a@example.com', csrf: token }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
}

describe('the session cookie over HTTPS', () => {
  it('is a __Host- cookie: Secure, at Path=/, with no Domain', async () => {
    const line = (await atRoot.app.request('https://council.example/')).headers.get('set-cookie')!;
    expect(line).toMatch(/^__Host-ldf_csrf=[\w-]{32,64}; /);
    expect(line).toContain('; Path=/;');
    expect(line).toContain('; Secure');
    expect(line).toContain('; HttpOnly');
    expect(line).toContain('; SameSite=Lax');
    expect(line).not.toMatch(/Domain=/i);
  });

  it('is the one a form is checked against', async () => {
    const { name, value } = pairOf((await atRoot.app.request('https://council.example/')).headers.get('set-cookie')!);
    const res = await postForm(atRoot, `https://council.example${REPORT}`, `${name}=${value}`, value);
    expect(res.status).toBe(200);
    // Already set: not sent again.
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('cannot be stood in for by a plain-named cookie, as one planted from a sibling subdomain would be', async () => {
    const token = 'p'.repeat(32);
    const res = await postForm(atRoot, `https://council.example${REPORT}`, `ldf_csrf=${token}`, token);
    expect(res.status).toBe(403);
  });
});

describe('the session cookie over plain HTTP (the local host)', () => {
  it('keeps its plain name and the council’s own path, and is not Secure', async () => {
    const line = (await mounted.app.request("http://localhost/")).headers.get('set-cookie')!;
    expect(line).toMatch(/^ldf_csrf=[\w-]{32,64}; Path=\/south-cambridgeshire; HttpOnly; SameSite=Lax$/);
  });

  it('is the one a form is checked against', async () => {
    const { name, value } = pairOf((await mounted.app.request("http://localhost/")).headers.get('set-cookie')!);
    expect(name).toBe('ldf_csrf');
    const res = await postForm(mounted, `http://localhost${REPORT}`, `${name}=${value}`, value);
    expect(res.status).toBe(200);
  });
});

describe('the cookies page', () => {
  it('names each cookie as the browser stores it: with the __Host- prefix over HTTPS', async () => {
    const https = await (await atRoot.app.request('https://council.example/cookies')).text();
    expect(https).toContain('__Host-ldf_csrf');
    expect(https).toContain('__Host-ldf_draft');
    const local = await (await mounted.app.request('http://localhost/cookies')).text();
    expect(local).toMatch(/>ldf_csrf</);
    expect(local).toMatch(/>ldf_draft</);
  });
});
