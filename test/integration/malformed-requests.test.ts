import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let hackney: TestApp;
let ceredigion: TestApp;
beforeAll(async () => {
  store = await embeddedStore();
  hackney = await testApp('hackney', { endpoint: store.endpoint, now: '2026-12-01T10:00:00Z' });
  ceredigion = await testApp('ceredigion', { endpoint: store.endpoint, now: '2026-12-01T10:00:00Z' });
});
afterAll(() => store.close());

/** A session with its CSRF cookie, and the token to put in a hand-made body. */
async function sessionWithToken(app: TestApp): Promise<{ session: Session; cookie: string; token: string }> {
  const res = await app.app.request('/report');
  const line = res.headers.getSetCookie().find((l) => l.startsWith('ldf_csrf='))!;
  const pair = line.split(';')[0];
  return { session: new Session(app.app), cookie: pair, token: pair.split('=')[1] };
}

async function post(app: TestApp, path: string, body: BodyInit, contentType: string, cookie: string): Promise<Response> {
  return app.app.request(path, { method: 'POST', body, headers: { 'content-type': contentType, cookie } });
}

describe('a request body that cannot be read', () => {
  it('answers a multipart body without its closing boundary with a 400 page, not a 500', async () => {
    const { cookie, token } = await sessionWithToken(hackney);
    const body = `--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${token}\r\n--XyZ\r\nContent-Disposition: form-data; name="group"\r\n\r\nroads`;
    const res = await post(hackney, '/report', body, 'multipart/form-data; boundary=XyZ', cookie);
    expect(res.status).toBe(400);
    const text = textOf(await res.text());
    expect(text).toContain('The information sent could not be read');
    expect(text).not.toMatch(/TypeError|at .*\.ts/);
  });

  it('answers bad percent-escapes with a 400 page', async () => {
    const { cookie, token } = await sessionWithToken(hackney);
    for (const bad of ['group=%', 'group=%ZZ', 'group=%E0%A4%A', 'group=%FF']) {
      const res = await post(hackney, '/report', `csrf=${token}&${bad}`, 'application/x-www-form-urlencoded', cookie);
      expect(res.status, bad).toBe(400);
      // Refused as unreadable, not passed on to the step as if the resident had typed it.
      expect(textOf(await res.text()), bad).toContain('The information sent could not be read');
    }
  });

  it('answers form bytes that are not UTF-8 with a 400 page', async () => {
    const { cookie, token } = await sessionWithToken(hackney);
    const bytes = new Uint8Array([...new TextEncoder().encode(`csrf=${token}&group=`), 0xff, 0xfe, 0x41]);
    const res = await post(hackney, '/report', bytes, 'application/x-www-form-urlencoded', cookie);
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('The information sent could not be read');
  });

  it('answers JSON, or a body with no type, sent to a form with a 400 page', async () => {
    const { cookie, token } = await sessionWithToken(hackney);
    expect((await post(hackney, '/report', JSON.stringify({ csrf: token, group: 'roads' }), 'application/json', cookie)).status).toBe(400);
    expect((await hackney.app.request('/report', { method: 'POST', body: `csrf=${token}`, headers: { cookie } })).status).toBe(400);
  });

  it('shows the 400 page in Welsh on Welsh pages', async () => {
    const { cookie } = await sessionWithToken(ceredigion);
    const res = await post(ceredigion, '/cy/report', 'csrf=%', 'application/x-www-form-urlencoded', cookie);
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Nid oedd modd darllen yr wybodaeth a anfonwyd');
  });

  it('still takes a well-formed form, in either encoding', async () => {
    const { cookie, token } = await sessionWithToken(hackney);
    const encoded = await post(hackney, '/report', `csrf=${token}&group=roads`, 'application/x-www-form-urlencoded', cookie);
    expect(encoded.status).toBe(303);
    const form = new FormData();
    form.set('csrf', token);
    form.set('group', 'roads');
    const multipart = await hackney.app.request('/report', { method: 'POST', body: form, headers: { cookie } });
    expect(multipart.status).toBe(303);
  });
});

describe('the link to the page in the other language', () => {
  it('cannot be turned into a link to another site by doubled slashes', async () => {
    const res = await ceredigion.app.request('/cy//evil.example/');
    const html = await res.text();
    expect(html).not.toMatch(/href="\/\/evil\.example/);
    expect(html).toContain('href="/evil.example/"');
  });

  it('keeps its path and query', async () => {
    const html = await (await ceredigion.app.request('/cy/bins?postcode=SY23+1DE')).text();
    expect(html).toContain('href="/bins?postcode=SY23+1DE"');
  });
});
