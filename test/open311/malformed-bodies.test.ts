import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedStore, testApp, type TestApp } from '../support/harness.ts';
import { apiKey, childText, get, parseXml, post, postRaw, potholeFields } from '../support/open311.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let hackney: TestApp;
let key: string;
let id: string;
beforeAll(async () => {
  server = await embeddedStore();
  hackney = await testApp('hackney', { endpoint: server.endpoint, now: '2026-12-01T10:00:00Z' });
  key = await apiKey(hackney);
  id = (await (await post(hackney, '/requests.json', potholeFields(key))).json())[0].service_request_id;
});
afterAll(() => server.close());

const FORM = 'application/x-www-form-urlencoded';

/** Bodies no form parser can read, each as a POST would carry it (with a valid api_key where there is room for one). */
function malformed(): [string, BodyInit, string | undefined][] {
  return [
    ['a multipart body without its closing boundary', `--x\r\nContent-Disposition: form-data; name="api_key"\r\n\r\n${key}`, 'multipart/form-data; boundary=x'],
    ['a bad percent-escape', `api_key=${key}&service_code=pothole&description=50%25%E0%A4%A`, FORM],
    ['a lone percent sign', `api_key=${key}&service_code=pothole&description=100%`, FORM],
    ['bytes that are not UTF-8', new Uint8Array([...new TextEncoder().encode(`api_key=${key}&description=`), 0xff, 0xfe]), FORM],
    ['JSON with a form’s content type', JSON.stringify({ api_key: key, service_code: 'pothole' }), FORM],
    ['JSON as application/json', JSON.stringify({ api_key: key, service_code: 'pothole' }), 'application/json'],
    ['plain text', `api_key=${key}`, 'text/plain'],
  ];
}

async function caseCount(): Promise<number> {
  const { Items = [] } = await hackney.store.client.send(new ScanCommand({ TableName: hackney.store.tableName }));
  return Items.filter((i) => i.pk?.S?.startsWith('CASE#') && i.sk?.S === 'CASE').length;
}

describe('malformed request bodies', () => {
  for (const resource of ['requests', 'servicerequestupdates']) {
    it(`answer POST ${resource} with a 400 Open311 error body, never a 500, and change nothing`, async () => {
      const cases = await caseCount();
      for (const [what, body, type] of malformed()) {
        const res = await postRaw(hackney, `/${resource}.json`, body, type);
        expect(res.status, what).toBe(400);
        expect(res.headers.get('content-type'), what).toBe('application/json; charset=utf-8');
        const [error] = await res.json();
        expect(error.code, what).toBe(400);
        expect(error.description, what).toMatch(/application\/x-www-form-urlencoded/);
      }
      const xml = await postRaw(hackney, `/${resource}.xml`, `api_key=${key}&x=%zz`, FORM);
      expect(xml.status).toBe(400);
      expect(childText(parseXml(await xml.text()).children[0], 'code')).toBe('400');
      expect(await caseCount()).toBe(cases);
      expect((await (await get(hackney, `/requests/${id}.json`)).json())[0].status).toBe('open');
    });
  }

  it('still take a well-formed multipart body', async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries(potholeFields(key, { description: 'Sent as multipart' }))) form.append(name, String(value));
    const res = await postRaw(hackney, '/requests.json', form);
    expect(res.status).toBe(200);
  });
});
