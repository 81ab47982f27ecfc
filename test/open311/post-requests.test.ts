import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey, verifyApiKey } from '../../functions/core/api-keys.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { MAX_OPEN311_DESCRIPTION_LENGTH } from '../../functions/modules/report/open311/routes.ts';
import { DUPLICATE_WINDOW_HOURS } from '../../functions/modules/report/reports.ts';
import { embeddedStore, testApp, type TestApp } from '../support/harness.ts';
import {
  apiKey,
  childNames,
  childText,
  councilTestApp,
  form,
  get,
  IN_HACKNEY,
  OPEN311,
  open311TestCouncil,
  parseXml,
  post,
  potholeFields,
  type AppUnderTest,
  type Fields,
} from '../support/open311.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let hackney: TestApp;
let key: string;
const NOW = new Date('2026-12-01T10:00:00Z');
beforeAll(async () => {
  server = await embeddedStore();
  hackney = await testApp('hackney', { endpoint: server.endpoint, now: NOW.toISOString() });
  key = await apiKey(hackney);
});
afterAll(() => server.close());

async function errorsOf(res: Response): Promise<string[]> {
  const body = (await res.json()) as { code: number; description: string }[];
  for (const e of body) expect(e.code).toBe(res.status);
  return body.map((e) => e.description);
}

async function refused(fields: Fields, status: number, app: AppUnderTest = hackney): Promise<string[]> {
  const res = await post(app, '/requests.json', fields);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return errorsOf(res);
}

describe('POST requests', () => {
  it('creates a case and answers 200 with its id, as a string, and the service notice', async () => {
    const res = await post(hackney, '/requests.json', potholeFields(key));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.json();
    expect(body).toEqual([
      {
        service_request_id: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/),
        service_notice: 'We aim to inspect potholes within 5 working days, and to make dangerous ones safe within 24 hours.',
      },
    ]);
  });

  it('makes the same kind of case as the web form: contact details kept privately, the answers and location public', async () => {
    const [{ service_request_id: id }] = await (await post(hackney, '/requests.json', potholeFields(key, { 'attribute[where]': 'cycle_lane' }))).json();
    const stored = (await getCase(hackney.store, id, NOW))!;
    expect(stored.service).toBe('report');
    expect(stored.type).toBe('pothole');
    expect(stored.status).toBe('open');
    expect(stored.details).toEqual({ source: 'open311', name: 'Prudence Privatesurname', email: 'resident.private@example.com', phone: '07700 900123' });
    expect(stored.public).toMatchObject({
      serviceCode: 'pothole',
      serviceName: 'Pothole',
      description: 'A deep pothole outside number 41',
      lat: 51.55544,
      long: -0.05348,
      attributes: { depth: 'over_10cm', where: 'cycle_lane' },
      media: [],
    });
    expect(JSON.stringify(stored.public)).not.toContain('Prudence');
  });

  it('sends the resident the same confirmation email as the web form', async () => {
    const before = hackney.outbox.sent().length;
    const [{ service_request_id: id }] = await (await post(hackney, '/requests.json', potholeFields(key, { email: 'confirm.me@example.com' }))).json();
    const sent = hackney.outbox.sent().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'confirm.me@example.com', template: 'problem-report-confirmation', reference: id });
  });

  it('answers in XML as service_requests/request', async () => {
    const res = await post(hackney, '/requests.xml', potholeFields(key, { description: 'XML please' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const doc = parseXml(await res.text());
    expect(doc.name).toBe('service_requests');
    expect(childNames(doc)).toEqual(['request']);
    expect(childNames(doc.children[0])).toEqual(['service_request_id', 'service_notice']);
    expect(childText(doc.children[0], 'service_request_id')).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });

  it('accepts multipart form data as well', async () => {
    const body = new FormData();
    for (const [name, value] of form(potholeFields(key, { description: 'Sent as multipart' }))) body.append(name, value);
    const res = await hackney.app.request(`${OPEN311}/requests.json`, { method: 'POST', body });
    expect(res.status).toBe(200);
    const [{ service_request_id: id }] = await res.json();
    expect((await getCase(hackney.store, id, NOW))!.public!.description).toBe('Sent as multipart');
  });

  it('ignores device_id and account_id and takes no account_id back', async () => {
    const res = await post(hackney, '/requests.json', potholeFields(key, { device_id: 'tt222111', account_id: '123456', description: 'With device' }));
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json())[0])).toEqual(['service_request_id', 'service_notice']);
  });

  it('accepts its own jurisdiction_id and says 404 for another', async () => {
    expect((await post(hackney, '/requests.json', potholeFields(key, { jurisdiction_id: 'hackney', description: 'Jurisdiction' }))).status).toBe(200);
    expect(await refused(potholeFields(key, { jurisdiction_id: 'islington' }), 404)).toEqual([
      'jurisdiction_id islington was not found: this endpoint serves hackney only',
    ]);
  });
});

describe('idempotency', () => {
  it('answers an identical retried POST with the same case, and makes only one', async () => {
    const fields = potholeFields(key, { description: 'Retried after a lost response' });
    const first = await (await post(hackney, '/requests.json', fields)).json();
    const sentBefore = hackney.outbox.sent().length;
    const second = await (await post(hackney, '/requests.json', fields)).json();
    expect(second[0].service_request_id).toBe(first[0].service_request_id);
    expect(hackney.outbox.sent().length).toBe(sentBefore);
  });

  it('takes the same POST as a new report once the duplicate window has passed, not for the whole retention period', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW.toISOString() });
    const appKey = await apiKey(app);
    const fields = potholeFields(appKey, { description: 'The same pothole, back again' });
    const idOf = async () => (await (await post(app, '/requests.json', fields)).json())[0].service_request_id as string;
    const hour = 3_600_000;
    const first = await idOf();
    app.setNow(new Date(NOW.getTime() + (DUPLICATE_WINDOW_HOURS - 1) * hour).toISOString());
    expect(await idOf()).toBe(first);
    app.setNow(new Date(NOW.getTime() + (DUPLICATE_WINDOW_HOURS + 1) * hour).toISOString());
    const later = await idOf();
    expect(later).not.toBe(first);
    // And a retry of the later one finds it, past the first.
    expect(await idOf()).toBe(later);
    expect(DUPLICATE_WINDOW_HOURS).toBeLessThanOrEqual(48);
  });

  it('makes a new case when anything in the POST differs', async () => {
    const a = await (await post(hackney, '/requests.json', potholeFields(key, { description: 'One pothole' }))).json();
    const b = await (await post(hackney, '/requests.json', potholeFields(key, { description: 'Another pothole' }))).json();
    expect(a[0].service_request_id).not.toBe(b[0].service_request_id);
  });
});

describe('api_key', () => {
  it('refuses a POST with no api_key with 403', async () => {
    const { api_key: _, ...fields } = potholeFields(key);
    expect(await refused(fields, 403)).toEqual(['api_key was not provided: it is required to create a service request']);
  });

  it('refuses a made-up, tampered or empty api_key with 403, in either format', async () => {
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    for (const bad of ['nonsense', tampered, `ldf_zzzzzzzzzz_${'A'.repeat(43)}`, '']) {
      expect(await refused(potholeFields(bad), 403)).toHaveLength(1);
    }
    const xml = await post(hackney, '/requests.xml', potholeFields('nonsense'));
    expect(xml.status).toBe(403);
    expect(await xml.text()).toBe(
      `<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>Invalid api_key received: can't create a service request</description></error></errors>\n`,
    );
  });

  it('refuses a revoked key', async () => {
    const revoked = await apiKey(hackney, 'Old CRM');
    const record = (await verifyApiKey(hackney.store, revoked))!;
    await revokeApiKey(hackney.store, record.keyId, NOW);
    expect(await refused(potholeFields(revoked), 403)).toHaveLength(1);
  });

  it('checks the key before anything else it is sent', async () => {
    expect(await refused({ api_key: 'nonsense', service_code: 'dragons' }, 403)).toHaveLength(1);
  });
});

describe('service_code', () => {
  it('says 400 when service_code is not given', async () => {
    expect(await refused(potholeFields(key, { service_code: '' }), 400)).toEqual(['service_code was not provided']);
  });

  it('says 404 for a service_code the council does not have', async () => {
    expect(await refused(potholeFields(key, { service_code: 'dragons' }), 404)).toEqual(['service_code dragons was not found']);
  });
});

describe('location', () => {
  it('says 400 when no location is given', async () => {
    const { lat: _a, long: _b, ...fields } = potholeFields(key);
    expect(await refused(fields, 400)).toEqual(['A location is required: lat and long, address_string or address_id']);
  });

  it('needs lat and long together', async () => {
    const { long: _, ...fields } = potholeFields(key);
    expect(await refused(fields, 400)).toEqual(['lat and long must both be given']);
  });

  it('refuses lat and long that are not numbers in range, never with a 500', async () => {
    for (const [lat, long] of [
      ['north', '-0.05'],
      ['51.55', '0x10'],
      ['91', '-0.05'],
      ['51.55', '-181'],
      ['1e2', '-0.05'],
      ['Infinity', '-0.05'],
      ['NaN', 'NaN'],
    ]) {
      const problems = await refused(potholeFields(key, { lat, long }), 400);
      expect(problems.join(' ')).toMatch(/lat must be|long must be/);
    }
  });

  it('refuses a point outside the area and names the neighbouring council whose area it is in', async () => {
    // Angel, Islington
    const problems = await refused(potholeFields(key, { lat: '51.532', long: '-0.106' }), 400);
    expect(problems).toEqual([
      "This location is outside London Borough of Hackney's area: it is in Islington Council's area. Report it to them at https://www.islington.gov.uk",
    ]);
  });

  it('refuses a point outside the area and every neighbour without naming one', async () => {
    // Trafalgar Square
    expect(await refused(potholeFields(key, { lat: '51.508', long: '-0.128' }), 400)).toEqual(["This location is outside London Borough of Hackney's area"]);
  });

  it('places a report at an address_id from the gazetteer, publishing its street and keeping the address private', async () => {
    const { lat: _a, long: _b, ...fields } = potholeFields(key, { address_id: '10008200003', description: 'At a UPRN' });
    const res = await post(hackney, '/requests.json', fields);
    expect(res.status).toBe(200);
    const [{ service_request_id: id }] = await res.json();
    const stored = (await getCase(hackney.store, id, NOW))!;
    // Linscott Road's own point, not number 58's.
    expect(stored.public).toMatchObject({ lat: 51.55544, long: -0.05348, address: 'Linscott Road, Clapton' });
    expect(JSON.stringify(stored.public)).not.toMatch(/58|10008200003|E5 0LH/);
    expect(stored.details).toMatchObject({ uprn: '10008200003', address: '58 Linscott Road, London, E5 0LH' });
  });

  it('says 400 for an address_id that is not in the gazetteer', async () => {
    const { lat: _a, long: _b, ...fields } = potholeFields(key, { address_id: '99999999' });
    expect(await refused(fields, 400)).toEqual(["address_id 99999999 is not an address (UPRN) in London Borough of Hackney's area"]);
  });

  it('places an address_string alone by its postcode or street, and keeps it as the address', async () => {
    const { lat: _a, long: _b, ...fields } = potholeFields(key, { address_string: 'Outside 20 Mare Street, Hackney', description: 'By street' });
    const [{ service_request_id: id }] = await (await post(hackney, '/requests.json', fields)).json();
    expect((await getCase(hackney.store, id, NOW))!.public).toMatchObject({ lat: 51.54497, long: -0.05528, address: 'Outside 20 Mare Street, Hackney' });
    const byPostcode = { ...fields, address_string: 'Corner of the mews, e8 2ns', description: 'By postcode' };
    const [{ service_request_id: id2 }] = await (await post(hackney, '/requests.json', byPostcode)).json();
    expect((await getCase(hackney.store, id2, NOW))!.public).toMatchObject({ lat: 51.54921, long: -0.07168 });
  });

  it('keeps an address_string sent with lat and long as the address, at the point given', async () => {
    const [{ service_request_id: id }] = await (
      await post(hackney, '/requests.json', potholeFields(key, { address_string: 'Near the bus stop', description: 'Both' }))
    ).json();
    expect((await getCase(hackney.store, id, NOW))!.public).toMatchObject({ lat: 51.55544, long: -0.05348, address: 'Near the bus stop' });
  });

  it('refuses an address_string it cannot place, or whose postcode is a neighbour’s', async () => {
    const { lat: _a, long: _b, ...fields } = potholeFields(key);
    expect(await refused({ ...fields, address_string: 'Somewhere nice' }, 400)).toEqual([
      "address_string could not be placed in London Borough of Hackney's area: send lat and long, or an address_id",
    ]);
    expect(await refused({ ...fields, address_string: '1 Upper Street, London N1 1AA' }, 400)).toEqual([
      "The postcode N1 1AA is outside London Borough of Hackney's area: it is in Islington Council's area. Report it to them at https://www.islington.gov.uk",
    ]);
  });
});

describe('attributes', () => {
  it('says 400 naming a required attribute that is missing', async () => {
    expect(await refused(potholeFields(key, { 'attribute[depth]': '' }), 400)).toEqual(['attribute[depth] is required for service_code pothole']);
  });

  it('says 400 naming an attribute whose value is not one of its keys', async () => {
    expect(await refused(potholeFields(key, { 'attribute[depth]': 'bottomless' }), 400)).toEqual([
      'attribute[depth] must be one of: under_5cm, from_5_to_10cm, over_10cm',
    ]);
  });

  it('takes several values of a multivaluelist as attribute[code][]', async () => {
    const fields = { api_key: key, service_code: 'fly_tipping', ...IN_HACKNEY, 'attribute[what][]': ['furniture', 'tyres'], 'attribute[amount]': 'van' };
    const res = await post(hackney, '/requests.json', fields);
    expect(res.status).toBe(200);
    const [{ service_request_id: id }] = await res.json();
    expect((await getCase(hackney.store, id, NOW))!.public!.attributes).toEqual({ what: ['furniture', 'tyres'], amount: 'van' });
  });

  it('takes a single value of a multivaluelist without the brackets too', async () => {
    const fields = { api_key: key, service_code: 'fly_tipping', ...IN_HACKNEY, 'attribute[what]': 'household', description: 'One value' };
    const [{ service_request_id: id }] = await (await post(hackney, '/requests.json', fields)).json();
    expect((await getCase(hackney.store, id, NOW))!.public!.attributes).toEqual({ what: ['household'] });
  });

  it('refuses a multivaluelist with any value that is not one of its keys', async () => {
    const fields = { api_key: key, service_code: 'fly_tipping', ...IN_HACKNEY, 'attribute[what][]': ['furniture', 'unicorns'] };
    expect(await refused(fields, 400)).toEqual([
      'attribute[what] values must each be one of: household, furniture, building, electrical, trade, tyres, hazardous, other',
    ]);
  });

  it('refuses several values for a single-value attribute', async () => {
    expect(await refused(potholeFields(key, { 'attribute[depth][]': ['under_5cm', 'over_10cm'], 'attribute[depth]': [] }), 400)).toEqual([
      'attribute[depth] must be one of: under_5cm, from_5_to_10cm, over_10cm',
    ]);
  });

  it('ignores attributes the service does not have', async () => {
    const [{ service_request_id: id }] = await (
      await post(hackney, '/requests.json', potholeFields(key, { 'attribute[colour]': 'grey', description: 'Extra attribute' }))
    ).json();
    expect((await getCase(hackney.store, id, NOW))!.public!.attributes).toEqual({ depth: 'over_10cm' });
  });

  it('refuses attribute[__proto__] and attribute[constructor] with a 400 error body, in either format', async () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      expect(await refused(potholeFields(key, { [`attribute[${name}]`]: 'x' }), 400)).toEqual([`attribute[${name}] is not an attribute of any service`]);
      expect(await refused(potholeFields(key, { [`attribute[${name}][]`]: ['x', 'y'] }), 400)).toEqual([`attribute[${name}] is not an attribute of any service`]);
    }
    const xml = await post(hackney, '/requests.xml', potholeFields(key, { 'attribute[__proto__]': 'x' }));
    expect(xml.status).toBe(400);
    expect(parseXml(await xml.text()).name).toBe('errors');
  });

  it('checks number and text attributes, and gives every problem at once', async () => {
    const app = await councilTestApp(await open311TestCouncil(), { endpoint: server.endpoint, now: NOW.toISOString() });
    const testKey = await apiKey(app);
    const bench = { api_key: testKey, service_code: 'bench', ...IN_HACKNEY };
    expect(await refused({ ...bench, 'attribute[seats]': 'three' }, 400, app)).toEqual(['attribute[seats] must be a number']);
    expect(await refused({ ...bench, 'attribute[seats]': '2', 'attribute[notes]': 'x'.repeat(501) }, 400, app)).toEqual([
      'attribute[notes] must be one value of at most 500 characters',
    ]);
    expect(await refused({ ...bench, lat: '91', description: 'x'.repeat(MAX_OPEN311_DESCRIPTION_LENGTH + 1) }, 400, app)).toEqual([
      'lat must be a latitude in degrees (WGS84), between -90 and 90',
      'attribute[seats] is required for service_code bench',
      'description must be at most 4,000 characters',
    ]);
    const res = await post(app, '/requests.json', { ...bench, 'attribute[seats]': '3', 'attribute[notes]': 'Line one\nLine two' });
    expect(res.status).toBe(200);
  });
});

describe('other fields', () => {
  it('takes a description of 4,000 characters, as GeoReport v2 allows, and refuses a longer one', async () => {
    expect(MAX_OPEN311_DESCRIPTION_LENGTH).toBe(4000);
    expect(await refused(potholeFields(key, { description: 'x'.repeat(4001) }), 400)).toEqual(['description must be at most 4,000 characters']);
    const res = await post(hackney, '/requests.json', potholeFields(key, { description: 'y'.repeat(4000) }));
    expect(res.status).toBe(200);
    const [{ service_request_id: id }] = await res.json();
    expect((await getCase(hackney.store, id, NOW))!.public!.description).toHaveLength(4000);
  });

  it('refuses an email that is not an address, and over-long names and phone numbers', async () => {
    expect(await refused(potholeFields(key, { email: 'not an email' }), 400)).toEqual(['email must be an email address, like name@example.com']);
    expect(await refused(potholeFields(key, { first_name: 'n'.repeat(101), phone: '0'.repeat(41) }), 400)).toEqual([
      'first_name must be at most 100 characters',
      'phone must be at most 40 characters',
    ]);
  });

  it('takes a report with no contact details at all', async () => {
    const { email: _a, first_name: _b, last_name: _c, phone: _d, ...fields } = potholeFields(key, { description: 'Anonymous' });
    const [{ service_request_id: id }] = await (await post(hackney, '/requests.json', fields)).json();
    expect((await getCase(hackney.store, id, NOW))!.details).toEqual({ source: 'open311' });
  });

  it('accepts an https media_url only, and keeps it as the external media URL', async () => {
    for (const url of ['http://example.com/photo.jpg', 'javascript:alert(1)', 'ftp://example.com/a.jpg', 'not a url']) {
      expect(await refused(potholeFields(key, { media_url: url }), 400)).toEqual(['media_url must be an https:// URL']);
    }
    const [{ service_request_id: id }] = await (
      await post(hackney, '/requests.json', potholeFields(key, { media_url: 'https://photos.example.com/pothole.jpg', description: 'With photo' }))
    ).json();
    expect((await getCase(hackney.store, id, NOW))!.public!.externalMediaUrl).toBe('https://photos.example.com/pothole.jpg');
    const [request] = await (await get(hackney, `/requests/${id}.json`)).json();
    expect(request.media_url).toBe('https://photos.example.com/pothole.jpg');
  });
});
