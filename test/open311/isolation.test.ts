import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { embeddedStore, testApp, type TestApp } from '../support/harness.ts';
import { apiKey, get, parseXml, post, potholeFields } from '../support/open311.ts';
import { switchableProxy } from '../support/switchable-proxy.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let hackney: TestApp;
let southCambs: TestApp;
let hackneyKey: string;
let southCambsKey: string;
let id: string;
const NOW = '2026-12-01T10:00:00Z';

beforeAll(async () => {
  server = await embeddedStore();
  hackney = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
  southCambs = await testApp('south-cambridgeshire', { endpoint: server.endpoint, now: NOW });
  hackneyKey = await apiKey(hackney);
  southCambsKey = await apiKey(southCambs);
  id = (await (await post(hackney, '/requests.json', potholeFields(hackneyKey))).json())[0].service_request_id;
});
afterAll(() => server.close());

describe('isolation between councils', () => {
  it('finds a request only in the council where it was made', async () => {
    expect((await get(hackney, `/requests/${id}.json`)).status).toBe(200);
    const elsewhere = await get(southCambs, `/requests/${id}.json`);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toEqual([{ code: 404, description: `service_request_id ${id} was not found` }]);
  });

  it('lists a request only in its own council, by id or by date', async () => {
    expect(await (await get(southCambs, '/requests.json')).json()).toEqual([]);
    expect(await (await get(southCambs, `/requests.json?service_request_id=${id}`)).json()).toEqual([]);
    expect((await (await get(hackney, '/requests.json')).json()).map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
  });

  it('does not accept one council’s api_key in another', async () => {
    const res = await post(southCambs, '/requests.json', { ...potholeFields(hackneyKey), service_code: 'pothole', lat: '52.218', long: '-0.068' });
    expect(res.status).toBe(403);
    const update = await post(hackney, '/servicerequestupdates.json', {
      api_key: southCambsKey,
      service_request_id: id,
      update_id: 'x',
      status: 'CLOSED',
      updated_datetime: NOW,
      description: 'Not yours',
    });
    expect(update.status).toBe(403);
  });

  it('cannot update one council’s request from another, even with a valid key there', async () => {
    const res = await post(southCambs, '/servicerequestupdates.json', {
      api_key: southCambsKey,
      service_request_id: id,
      update_id: 'x',
      status: 'CLOSED',
      updated_datetime: NOW,
      description: 'Closed from the wrong council',
    });
    expect(res.status).toBe(404);
    expect((await getCase(hackney.store, id, new Date(NOW)))!.status).toBe('open');
    expect(await (await get(southCambs, '/servicerequestupdates.json')).json()).toEqual([]);
  });

  it('serves each council its own services and refuses the other’s locations', async () => {
    const codes = async (app: TestApp) => ((await (await get(app, '/services.json')).json()) as { service_code: string }[]).map((s) => s.service_code);
    expect(await codes(hackney)).not.toEqual(await codes(southCambs));
    const res = await post(hackney, '/requests.json', potholeFields(hackneyKey, { lat: '52.218', long: '-0.068' }));
    expect(res.status).toBe(400);
  });
});

describe('store outage', () => {
  it('answers 503 in Open311 form, in either format, and never a stack trace', async () => {
    const proxy = await switchableProxy(server.endpoint);
    const app = await testApp('hackney', { endpoint: server.endpoint, storeEndpoint: proxy.endpoint, now: NOW });
    const key = await apiKey(app);
    proxy.down();
    try {
      for (const [path, res] of [
        ['/requests.json', await get(app, '/requests.json')],
        ['/requests/ABCD-2345.json', await get(app, '/requests/ABCD-2345.json')],
        ['/servicerequestupdates.json', await get(app, '/servicerequestupdates.json')],
        ['POST /requests.json', await post(app, '/requests.json', potholeFields(key))],
      ] as const) {
        expect(res.status, path).toBe(503);
        expect(res.headers.get('retry-after'), path).toBe('60');
        const body = await res.text();
        expect(JSON.parse(body), path).toEqual([{ code: 503, description: 'The service is unavailable just now: try again in a few minutes' }]);
        expect(body).not.toMatch(/at .*\.ts|Error:/);
      }
      const xml = await get(app, '/requests.xml');
      expect(xml.status).toBe(503);
      expect(parseXml(await xml.text()).name).toBe('errors');
      // What needs no store still works.
      expect((await get(app, '/services.json')).status).toBe(200);
    } finally {
      proxy.up();
      await proxy.close();
    }
  });
});
