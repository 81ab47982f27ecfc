import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedStore, testApp, type TestApp } from '../support/harness.ts';
import { childNames, childText, get, OPEN311, open311Only, parseXml, post } from '../support/open311.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let hackney: TestApp;
beforeAll(async () => {
  server = await embeddedStore();
  hackney = await testApp('hackney', { endpoint: server.endpoint, now: '2026-12-01T10:00:00Z' });
});
afterAll(() => server.close());

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'text/xml; charset=utf-8';

describe('service discovery', () => {
  it('describes the endpoint in JSON, with its absolute URL from the request and both formats', async () => {
    const res = await get(hackney, '/discovery.json', 'https://services.example.gov.uk');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(JSON_TYPE);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(body.contact).toContain('Hackney');
    expect(body.key_service).toMatch(/API key/);
    expect(body.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'https://services.example.gov.uk/open311/v2',
        changeset: body.changeset,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ]);
  });

  it('includes the base path where the council app is mounted', async () => {
    const mounted = await testApp('hackney', { endpoint: server.endpoint, now: '2026-12-01T10:00:00Z', basePath: '/hackney' });
    const body = await (await mounted.app.request('http://localhost:3000/open311/v2/discovery.json')).json();
    expect(body.endpoints[0].url).toBe('http://localhost:3000/hackney/open311/v2');
  });

  it('describes the same endpoint in XML, each format its own element', async () => {
    const res = await get(hackney, '/discovery.xml');
    expect(res.headers.get('content-type')).toBe(XML_TYPE);
    const doc = parseXml(await res.text());
    expect(doc.name).toBe('discovery');
    expect(childNames(doc)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    const endpoints = doc.children[3];
    expect(childNames(endpoints)).toEqual(['endpoint']);
    const endpoint = endpoints.children[0];
    expect(childNames(endpoint)).toEqual(['specification', 'url', 'changeset', 'type', 'formats']);
    expect(childText(endpoint, 'url')).toBe('http://localhost/open311/v2');
    expect(endpoint.children[4].children.map((f) => [f.name, f.text])).toEqual([
      ['format', 'application/json'],
      ['format', 'text/xml'],
    ]);
  });
});

describe('GET services', () => {
  it('lists every category as a service, with its group, keywords and whether it has attributes', async () => {
    const res = await get(hackney, '/services.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(JSON_TYPE);
    const services = await res.json();
    const pothole = services.find((s: { service_code: string }) => s.service_code === 'pothole');
    expect(pothole).toEqual({
      service_code: 'pothole',
      service_name: 'Pothole',
      description: 'A hole or broken surface in the road or a cycle lane.',
      metadata: true,
      type: 'realtime',
      keywords: 'pothole, hole, road surface, tarmac, cycle lane',
      group: 'Roads, pavements and parking',
    });
    const litter = services.find((s: { service_code: string }) => s.service_code === 'litter');
    expect(litter.metadata).toBe(false);
    expect(services.map((s: { service_code: string }) => s.service_code)).toContain('street_tree');
    for (const s of services) expect(typeof s.service_code).toBe('string');
  });

  it('lists the same services in XML as services/service elements', async () => {
    const json = await (await get(hackney, '/services.json')).json();
    const res = await get(hackney, '/services.xml');
    expect(res.headers.get('content-type')).toBe(XML_TYPE);
    const doc = parseXml(await res.text());
    expect(doc.name).toBe('services');
    expect(new Set(childNames(doc))).toEqual(new Set(['service']));
    expect(doc.children.map((s) => childText(s, 'service_code'))).toEqual(json.map((s: { service_code: string }) => s.service_code));
    const pothole = doc.children.find((s) => childText(s, 'service_code') === 'pothole')!;
    expect(childNames(pothole)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    expect(childText(pothole, 'metadata')).toBe('true');
    expect(childText(pothole, 'group')).toBe('Roads, pavements and parking');
  });
});

describe('GET service definition', () => {
  it('gives the notice first as a non-variable attribute, then each question with its datatype, order and values', async () => {
    const res = await get(hackney, '/services/pothole.json');
    expect(res.status).toBe(200);
    const definition = await res.json();
    expect(definition.service_code).toBe('pothole');
    expect(definition.attributes).toEqual([
      {
        variable: false,
        code: '_notice',
        datatype: 'string',
        required: false,
        description: 'If this is dangerous, call us now on 020 8356 2300.',
        order: 1,
      },
      {
        variable: true,
        code: 'depth',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: 'A rough guess is fine.',
        description: 'How deep is the pothole?',
        values: [
          { key: 'under_5cm', name: 'Less than 5cm' },
          { key: 'from_5_to_10cm', name: '5cm to 10cm' },
          { key: 'over_10cm', name: 'More than 10cm' },
        ],
        order: 2,
      },
      {
        variable: true,
        code: 'where',
        datatype: 'singlevaluelist',
        required: false,
        description: 'Where is it?',
        values: [
          { key: 'road', name: 'In the road' },
          { key: 'cycle_lane', name: 'In a cycle lane' },
          { key: 'bus_lane', name: 'In a bus lane' },
        ],
        order: 3,
      },
    ]);
  });

  it('gives a multivaluelist and a free-text attribute without values', async () => {
    const tipping = await (await get(hackney, '/services/fly_tipping.json')).json();
    expect(tipping.attributes.find((a: { code: string }) => a.code === 'what').datatype).toBe('multivaluelist');
    const vehicle = await (await get(hackney, '/services/abandoned_vehicle.json')).json();
    const registration = vehicle.attributes.find((a: { code: string }) => a.code === 'registration');
    expect(registration).toMatchObject({ datatype: 'string', required: false, variable: true });
    expect(registration.values).toBeUndefined();
  });

  it('gives a service with no questions and no notice an empty attribute list', async () => {
    expect(await (await get(hackney, '/services/litter.json')).json()).toEqual({ service_code: 'litter', attributes: [] });
    const doc = parseXml(await (await get(hackney, '/services/litter.xml')).text());
    expect(doc.name).toBe('service_definition');
    expect(childNames(doc)).toEqual(['service_code', 'attributes']);
    expect(doc.children[1].children).toEqual([]);
  });

  it('writes the definition in XML with attribute and value elements', async () => {
    const res = await get(hackney, '/services/pothole.xml');
    expect(res.headers.get('content-type')).toBe(XML_TYPE);
    const doc = parseXml(await res.text());
    expect(doc.name).toBe('service_definition');
    expect(childNames(doc)).toEqual(['service_code', 'attributes']);
    const attributes = doc.children[1];
    expect(childNames(attributes)).toEqual(['attribute', 'attribute', 'attribute']);
    const depth = attributes.children[1];
    expect(childNames(depth)).toEqual(['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
    expect(childText(depth, 'required')).toBe('true');
    const values = depth.children.find((c) => c.name === 'values')!;
    expect(values.children.map((v) => [v.name, childText(v, 'key'), childText(v, 'name')])).toEqual([
      ['value', 'under_5cm', 'Less than 5cm'],
      ['value', 'from_5_to_10cm', '5cm to 10cm'],
      ['value', 'over_10cm', 'More than 10cm'],
    ]);
  });

  it('says 404 for a service code the council does not have, in either format', async () => {
    const json = await get(hackney, '/services/dragons.json');
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toBe(JSON_TYPE);
    expect(await json.json()).toEqual([{ code: 404, description: 'service_code dragons was not found' }]);
    const xml = await get(hackney, '/services/dragons.xml');
    expect(xml.status).toBe(404);
    expect(xml.headers.get('content-type')).toBe(XML_TYPE);
    expect(await xml.text()).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>404</code><description>service_code dragons was not found</description></error></errors>\n',
    );
  });
});

describe('paths and formats', () => {
  it('says 404, in Open311 form, for an unknown format extension or none', async () => {
    for (const path of ['/services.csv', '/services', '/services.html', '/discovery.yaml', '/services/pothole.txt', '/requests/ABCD-2345']) {
      const res = await get(hackney, path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe(JSON_TYPE);
      const [error] = await res.json();
      expect(error.code).toBe(404);
    }
  });

  it('says 404 for paths the API does not have, tokens included, never with an HTML page', async () => {
    for (const path of ['/', '/tokens/123.json', '/tokens.json', '/nothing.xml', '/services/pothole/extra.json', '/requests/a/b/c.json', '/..%2f..%2fetc.json']) {
      const res = await get(hackney, path);
      expect(res.status, path).toBe(404);
      const text = await res.text();
      expect(text, path).not.toMatch(/<html|<!DOCTYPE/i);
      if (path.endsWith('.xml')) expect(parseXml(text).name).toBe('errors');
      else expect(JSON.parse(text)[0].code).toBe(404);
    }
    const bare = await hackney.app.request('/open311/v2');
    expect(bare.status).toBe(404);
    expect((await bare.json())[0].code).toBe(404);
  });

  it('refuses a method a resource does not take with 400 and says which it takes', async () => {
    const res = await post(hackney, '/services.json', {});
    expect(res.status).toBe(400);
    expect(res.headers.get('allow')).toBe('GET');
    expect((await res.json())[0].description).toMatch(/POST is not supported for services: use GET/);
    const del = await hackney.app.request(`${OPEN311}/requests.xml`, { method: 'DELETE' });
    expect(del.status).toBe(400);
    expect(parseXml(await del.text()).name).toBe('errors');
  });

  it('says 404 for a jurisdiction_id that is not this council', async () => {
    const res = await get(hackney, '/services.json?jurisdiction_id=islington');
    expect(res.status).toBe(404);
    expect((await res.json())[0].description).toMatch(/jurisdiction_id islington was not found/);
    expect((await get(hackney, '/services.json?jurisdiction_id=hackney')).status).toBe(200);
    expect((await get(hackney, '/services.json?jurisdiction_id=')).status).toBe(200);
    expect((await get(hackney, '/services/pothole.json?jurisdiction_id=camden')).status).toBe(404);
  });

  it('refuses a body over 64 KB with 413 in Open311 form, never the HTML error page', async () => {
    const body = `api_key=x&description=${'x'.repeat(70_000)}`;
    const apps = { alone: open311Only(hackney, {}, () => new Date('2026-12-01T10:00:00Z')), 'in the council app': hackney };
    for (const [which, app] of Object.entries(apps)) {
      for (const headers of [{ 'content-length': String(body.length) }, {}] as Record<string, string>[]) {
        const res = await app.app.request(`${OPEN311}/requests.xml`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        });
        expect(res.status, which).toBe(413);
        expect(res.headers.get('content-type'), which).toBe(XML_TYPE);
        expect(childText(parseXml(await res.text()).children[0], 'description')).toBe('The request body is too large: send at most 64 KB');
      }
    }
  });

  it('serves the API without the CSRF cookie or check that protects forms', async () => {
    const res = await get(hackney, '/services.json');
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
