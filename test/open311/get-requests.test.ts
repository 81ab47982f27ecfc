import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseUpdate, createCase } from '../../functions/core/cases/case-store.ts';
import type { ReportConfig } from '../../functions/modules/report/config.ts';
import { categoriesByCode, createProblemReport, type ProblemReport } from '../../functions/modules/report/reports.ts';
import { MAX_REQUEST_IDS } from '../../functions/modules/report/open311/routes.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { embeddedStore, testApp, type TestApp } from '../support/harness.ts';
import { apiKey, childNames, childText, get, IN_HACKNEY, open311Only, parseXml, PERSONAL, post, potholeFields, type Fields } from '../support/open311.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

const NOW = '2026-12-01T10:00:00Z';
/** For cases made directly in the store, beside the app. */
const secrets = new LocalSecrets();
const W3C_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

async function freshHackney(now = NOW, basePath?: string): Promise<{ app: TestApp; key: string }> {
  const app = await testApp('hackney', { endpoint: server.endpoint, now, basePath });
  return { app, key: await apiKey(app) };
}

async function create(app: TestApp, key: string, extra: Fields = {}): Promise<string> {
  const res = await post(app, '/requests.json', potholeFields(key, extra));
  expect(res.status).toBe(200);
  return (await res.json())[0].service_request_id;
}

async function ids(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { service_request_id: string }[]).map((r) => r.service_request_id);
}

/** A report made as the web journey makes one, with a photo. */
async function webReport(app: TestApp, now: Date, photo = 'AbCdEfGhIjKlMnOp1234.jpg'): Promise<string> {
  const report = app.council.services.report as ReportConfig;
  const input: ProblemReport = {
    category: categoriesByCode(report).get('graffiti')!.category,
    description: 'Tags on the bridge',
    attributes: { offensive: 'no' },
    location: { lat: 51.54497, long: -0.05528 },
    contact: { name: 'Webby Resident', email: 'web.resident@example.com' },
    photos: [photo],
    lang: 'en',
    submissionId: `web-${Math.random()}`,
    source: 'web',
  };
  return (await createProblemReport(app.store, app.council, input, now, secrets)).case.reference;
}

describe('GET a service request', () => {
  it('gives the request with every public field, ids as strings, dates with a time zone, lat and long as numbers', async () => {
    const { app, key } = await freshHackney();
    const id = await create(app, key, { 'attribute[where]': 'road' });
    const res = await get(app, `/requests/${id}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual([
      {
        service_request_id: id,
        status: 'open',
        service_name: 'Pothole',
        service_code: 'pothole',
        description: 'A deep pothole outside number 41',
        agency_responsible: 'London Borough of Hackney',
        service_notice: 'We aim to inspect potholes within 5 working days, and to make dangerous ones safe within 24 hours.',
        requested_datetime: '2026-12-01T10:00:00Z',
        updated_datetime: '2026-12-01T10:00:00Z',
        lat: 51.55544,
        long: -0.05348,
      },
    ]);
  });

  it('gives the street of a report placed at a resident’s address_id, never the house number, UPRN or postcode', async () => {
    const { app, key } = await freshHackney();
    const id = await create(app, key, { lat: '', long: '', address_id: '10008200031' });
    for (const format of ['json', 'xml']) {
      const body = await (await get(app, `/requests/${id}.${format}`)).text();
      for (const secret of ['9 Albion', '10008200031', 'N16 7UX', '51.56231']) expect(body, format).not.toContain(secret);
    }
    const [request] = await (await get(app, `/requests/${id}.json`)).json();
    expect(request).toMatchObject({ address: 'Albion Grove Terrace, Stoke Newington', lat: 51.56246, long: -0.07995 });
    expect(request).not.toHaveProperty('address_id');
    expect(request).not.toHaveProperty('zipcode');
  });

  it('gives only the street of a case stored with a resident’s UPRN before addresses were kept private', async () => {
    const { app } = await freshHackney();
    const { case: old } = await createCase(
      app.store,
      {
        service: 'report',
        type: 'pothole',
        submissionId: 'legacy',
        details: {},
        public: { serviceCode: 'pothole', serviceName: 'Pothole', description: 'Old', lat: 51.56231, long: -0.08015, address: '9 Albion Grove Terrace, London, N16 7UX', addressId: '10008200031' },
        lang: 'en',
        retentionDays: 365,
      },
      new Date(NOW),
      secrets,
    );
    const body = await (await get(app, `/requests/${old.reference}.json`)).text();
    expect(JSON.parse(body)[0]).toMatchObject({ address: 'Albion Grove Terrace, Stoke Newington' });
    for (const secret of ['9 Albion', '10008200031', 'N16 7UX']) expect(body).not.toContain(secret);
  });

  it('gives the request in XML as service_requests/request, in the spec’s order', async () => {
    const { app, key } = await freshHackney();
    const id = await create(app, key, { lat: '', long: '', address_id: '10008200031' });
    const res = await get(app, `/requests/${id}.xml`);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const doc = parseXml(await res.text());
    expect(doc.name).toBe('service_requests');
    expect(childNames(doc)).toEqual(['request']);
    const request = doc.children[0];
    expect(childNames(request)).toEqual([
      'service_request_id',
      'status',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'address',
      'lat',
      'long',
    ]);
    expect(childText(request, 'service_request_id')).toBe(id);
    expect(childText(request, 'requested_datetime')).toMatch(W3C_UTC);
    expect(childText(request, 'lat')).toBe('51.56246');
  });

  it('finds a request however its id is typed: lower case, without the hyphen', async () => {
    const { app, key } = await freshHackney();
    const id = await create(app, key);
    expect(await ids(await get(app, `/requests/${id.toLowerCase().replace('-', '')}.json`))).toEqual([id]);
  });

  it('gives a web report’s first photo as an absolute media_url under the council’s base path', async () => {
    const { app } = await freshHackney(NOW, '/hackney');
    const id = await webReport(app, new Date(NOW));
    const [request] = await (await app.app.request(`https://council.example/open311/v2/requests/${id}.json`)).json();
    expect(request.media_url).toBe('https://council.example/hackney/report/photos/AbCdEfGhIjKlMnOp1234.jpg');
    expect(request.service_code).toBe('graffiti');
  });

  it('says 404 for an id it does not have, a malformed id, and a case that is not a problem report', async () => {
    const { app } = await freshHackney();
    const bins = await createCase(
      app.store,
      { service: 'bins', type: 'missed-collection', submissionId: 'b1', details: { email: 'x@example.com' }, lang: 'en', retentionDays: 30 },
      new Date(NOW),
      secrets,
    );
    for (const id of ['ABCD-2345', 'not-a-reference', '12345', bins.case.reference]) {
      const json = await get(app, `/requests/${id}.json`);
      expect(json.status, id).toBe(404);
      expect(await json.json()).toEqual([{ code: 404, description: `service_request_id ${id} was not found` }]);
    }
    const xml = await get(app, '/requests/ABCD-2345.xml');
    expect(xml.status).toBe(404);
    expect(childText(parseXml(await xml.text()).children[0], 'code')).toBe('404');
  });

  it('gives the latest update as status_notes, and the status and time it set', async () => {
    const { app, key } = await freshHackney();
    const id = await create(app, key);
    await addCaseUpdate(app.store, id, { id: 'u1', status: 'open', description: 'Inspected: repair ordered', createdAt: '2026-12-02T09:00:00.000Z' }, new Date(NOW));
    await addCaseUpdate(app.store, id, { id: 'u2', status: 'closed', description: 'Repaired', createdAt: '2026-12-03T15:30:00.000Z' }, new Date(NOW));
    const [request] = await (await get(app, `/requests/${id}.json`)).json();
    expect(request).toMatchObject({ status: 'closed', status_notes: 'Repaired', updated_datetime: '2026-12-03T15:30:00Z', requested_datetime: '2026-12-01T10:00:00Z' });
  });
});

describe('GET service requests', () => {
  it('lists the requests of the latest 90 days by default, newest first', async () => {
    const { app, key } = await freshHackney('2026-08-01T10:00:00Z');
    const old = await create(app, key, { description: 'Too old' });
    app.setNow('2026-11-20T10:00:00Z');
    const a = await create(app, key, { description: 'A' });
    app.setNow('2026-11-25T10:00:00Z');
    const b = await create(app, key, { description: 'B' });
    app.setNow(NOW);
    const listed = await ids(await get(app, '/requests.json'));
    expect(listed).toEqual([b, a]);
    expect(listed).not.toContain(old);
  });

  it('filters by start_date and end_date on when the request was made, time zones honoured', async () => {
    const { app, key } = await freshHackney('2026-11-10T09:00:00Z');
    const first = await create(app, key, { description: 'first' });
    app.setNow('2026-11-12T09:00:00Z');
    const second = await create(app, key, { description: 'second' });
    app.setNow(NOW);
    expect(await ids(await get(app, '/requests.json?start_date=2026-11-11T00:00:00Z'))).toEqual([second]);
    expect(await ids(await get(app, '/requests.json?end_date=2026-11-11T00:00:00Z'))).toEqual([first]);
    expect(await ids(await get(app, '/requests.json?start_date=2026-11-10T09:00:00Z&end_date=2026-11-12T09:00:00Z'))).toEqual([second, first]);
    // 09:30 at +01:00 is 08:30 UTC, before the first
    expect(await ids(await get(app, `/requests.json?start_date=${encodeURIComponent('2026-11-10T09:30:00+01:00')}`))).toEqual([second, first]);
    expect(await ids(await get(app, `/requests.json?start_date=${encodeURIComponent('2026-11-10T10:30:00+01:00')}`))).toEqual([second]);
  });

  it('refuses dates that are not W3C date-times with a time zone', async () => {
    const { app } = await freshHackney();
    for (const bad of ['yesterday', '2026-11-01', '2026-11-01T10:00:00', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-01T25:00:00Z', '1700000000']) {
      for (const name of ['start_date', 'end_date']) {
        const res = await get(app, `/requests.json?${name}=${encodeURIComponent(bad)}`);
        expect(res.status, `${name}=${bad}`).toBe(400);
        expect((await res.json())[0].description).toBe(`${name} must be a date and time with a time zone, like 2026-01-31T09:00:00Z`);
      }
    }
    const xml = await get(app, '/requests.xml?start_date=soon');
    expect(xml.status).toBe(400);
    expect(parseXml(await xml.text()).name).toBe('errors');
  });

  it('refuses a range that ends before it starts or spans more than 90 days', async () => {
    const { app } = await freshHackney();
    const backwards = await get(app, '/requests.json?start_date=2026-11-20T00:00:00Z&end_date=2026-11-10T00:00:00Z');
    expect(backwards.status).toBe(400);
    expect((await backwards.json())[0].description).toBe('start_date must not be after end_date');
    const long = await get(app, '/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z');
    expect(long.status).toBe(400);
    expect((await long.json())[0].description).toBe('start_date and end_date may not span more than 90 days');
    expect((await get(app, '/requests.json?start_date=2026-08-01T00:00:00Z&end_date=2026-10-30T00:00:00Z')).status).toBe(200);
  });

  it('filters by status, one or both, and refuses another', async () => {
    const { app, key } = await freshHackney();
    const open = await create(app, key, { description: 'still open' });
    const closed = await create(app, key, { description: 'fixed' });
    await addCaseUpdate(app.store, closed, { id: 'x', status: 'closed', description: 'Fixed', createdAt: NOW }, new Date(NOW));
    expect(await ids(await get(app, '/requests.json?status=open'))).toEqual([open]);
    expect(await ids(await get(app, '/requests.json?status=closed'))).toEqual([closed]);
    expect((await ids(await get(app, '/requests.json?status=open,closed'))).sort()).toEqual([open, closed].sort());
    const bad = await get(app, '/requests.json?status=pending');
    expect(bad.status).toBe(400);
    expect((await bad.json())[0].description).toBe('status must be open or closed (or both, comma-separated), not pending');
  });

  it('filters by service_code, one or several', async () => {
    const { app, key } = await freshHackney();
    const pothole = await create(app, key);
    const tipping = await (
      await post(app, '/requests.json', { api_key: key, service_code: 'fly_tipping', ...IN_HACKNEY, 'attribute[what][]': ['tyres'] })
    ).json();
    expect(await ids(await get(app, '/requests.json?service_code=pothole'))).toEqual([pothole]);
    expect((await ids(await get(app, '/requests.json?service_code=pothole,fly_tipping'))).sort()).toEqual([pothole, tipping[0].service_request_id].sort());
    expect(await ids(await get(app, '/requests.json?service_code=graffiti'))).toEqual([]);
  });

  it('gives the requests named by service_request_id, whatever the other arguments, skipping ids it does not have', async () => {
    const { app, key } = await freshHackney('2026-06-01T10:00:00Z');
    const old = await create(app, key, { description: 'Made in June' });
    app.setNow(NOW);
    const recent = await create(app, key, { description: 'Made in December' });
    const res = await get(app, `/requests.json?service_request_id=${old},ZZZZ-2222,${recent.toLowerCase()}&status=closed&start_date=2026-11-30T00:00:00Z`);
    expect(await ids(res)).toEqual([old, recent]);
    const many = Array.from({ length: MAX_REQUEST_IDS + 1 }, () => 'ABCD-2345').join(',');
    expect((await get(app, `/requests.json?service_request_id=${many}`)).status).toBe(400);
  });

  it('lists in XML as service_requests with a request each, and an empty list as an empty element', async () => {
    const { app, key } = await freshHackney();
    expect(await (await get(app, '/requests.xml')).text()).toBe('<?xml version="1.0" encoding="utf-8"?>\n<service_requests></service_requests>\n');
    expect(await (await get(app, '/requests.json')).json()).toEqual([]);
    const a = await create(app, key, { description: 'a' });
    const doc = parseXml(await (await get(app, '/requests.xml')).text());
    expect(childNames(doc)).toEqual(['request']);
    expect(childText(doc.children[0], 'service_request_id')).toBe(a);
  });

  it('does not list cases of other services', async () => {
    const { app } = await freshHackney();
    await createCase(app.store, { service: 'bins', type: 'missed-collection', submissionId: 'b', details: {}, lang: 'en', retentionDays: 30 }, new Date(NOW), secrets);
    expect(await ids(await get(app, '/requests.json'))).toEqual([]);
  });

  it('returns at most 1,000 requests, the newest', async () => {
    const { app } = await freshHackney();
    const report = app.council.services.report as ReportConfig;
    const category = categoriesByCode(report).get('litter')!.category;
    const start = new Date('2026-11-01T00:00:00Z').getTime();
    for (let batch = 0; batch < 1001; batch += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, 1001 - batch) }, (_, i) =>
          createProblemReport(
            app.store,
            app.council,
            {
              category,
              description: `Litter ${batch + i}`,
              attributes: {},
              location: { lat: 51.55, long: -0.05 },
              contact: {},
              photos: [],
              lang: 'en',
              submissionId: `bulk-${batch + i}`,
              source: 'open311',
            },
            new Date(start + (batch + i) * 60_000),
            secrets,
          ),
        ),
      );
    }
    const listed = await (await get(app, '/requests.json')).json();
    expect(listed).toHaveLength(1000);
    expect(listed[0].description).toBe('Litter 1000');
    expect(listed.at(-1).description).toBe('Litter 1');
  }, 60_000);
});

describe('personal data', () => {
  it('never appears in any GET response, in either format', async () => {
    const { app, key } = await freshHackney();
    const id = await create(app, key);
    await webReport(app, new Date(NOW));
    await post(app, '/servicerequestupdates.json', {
      api_key: key,
      service_request_id: id,
      update_id: 'p1',
      status: 'INVESTIGATING',
      updated_datetime: NOW,
      description: 'Looking into it',
      email: 'officer.private@example.com',
      first_name: 'Officerfirst',
    });
    const bodies = await Promise.all(
      [`/requests/${id}`, '/requests', `/requests?service_request_id=${id}`, '/servicerequestupdates', '/services', '/services/pothole', '/discovery'].flatMap(
        (path) => ['json', 'xml'].map(async (format) => (await get(app, path.replace(/(\?|$)/, `.${format}$1`))).text()),
      ),
    );
    expect(bodies.join('\n')).toContain(id);
    for (const body of bodies) {
      for (const secret of [...PERSONAL, 'web.resident@example.com', 'Webby', 'officer.private@example.com', 'Officerfirst']) expect(body).not.toContain(secret);
    }
  });
});

describe('GET service requests: ranges, pages and limits', () => {
  it('includes a request in a range ending at the second the API prints for it, though it was stored with milliseconds', async () => {
    const { app, key } = await freshHackney('2026-12-01T22:09:58.734Z');
    const id = await create(app, key);
    app.setNow('2026-12-02T00:00:00Z');
    const [shown] = await (await get(app, `/requests/${id}.json`)).json();
    expect(shown.requested_datetime).toBe('2026-12-01T22:09:58Z');
    expect(await ids(await get(app, '/requests.json?start_date=2026-12-01T00:00:00Z&end_date=2026-12-01T22:09:58Z'))).toEqual([id]);
    expect(await ids(await get(app, '/requests.json?start_date=2026-12-01T22:09:58Z&end_date=2026-12-01T23:00:00Z'))).toEqual([id]);
    expect(await ids(await get(app, '/requests.json?start_date=2026-12-01T00:00:00Z&end_date=2026-12-01T22:09:57Z'))).toEqual([]);
    expect(await ids(await get(app, '/requests.json?start_date=2026-12-01T22:09:59Z&end_date=2026-12-01T23:00:00Z'))).toEqual([]);
  });

  it('pages the list with page and page_size, newest first, linking to the next page', async () => {
    const { app, key } = await freshHackney('2026-11-20T10:00:00Z');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      app.setNow(`2026-11-2${i}T10:00:00Z`);
      made.unshift(await create(app, key, { description: `report ${i}` }));
    }
    app.setNow(NOW);
    const first = await get(app, '/requests.json?page_size=2');
    expect(await ids(first)).toEqual(made.slice(0, 2));
    const next = first.headers.get('link');
    expect(next).toMatch(/^<http:\/\/localhost\/open311\/v2\/requests\.json\?page_size=2&page=2>; rel="next"$/);
    expect(await ids(await get(app, '/requests.json?page=2&page_size=2'))).toEqual(made.slice(2, 4));
    const last = await get(app, '/requests.json?page=3&page_size=2');
    expect(await ids(last)).toEqual(made.slice(4));
    expect(last.headers.get('link')).toBeNull();
    expect(await ids(await get(app, '/requests.json?page=4&page_size=2'))).toEqual([]);
    // FixMyStreet's own server takes max_requests: the same cap on one answer.
    expect(await ids(await get(app, '/requests.json?max_requests=3'))).toEqual(made.slice(0, 3));
    expect(await ids(await get(app, '/requests.json?status=open&page_size=1&page=2'))).toEqual([made[1]]);
  });

  it('refuses a page or page_size that is not a whole number in range, with a 400 error body', async () => {
    const { app } = await freshHackney();
    for (const query of ['page=0', 'page=-1', 'page=two', 'page_size=0', 'page_size=1001', 'page_size=1.5', 'page=99999999999']) {
      const res = await get(app, `/requests.json?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json())[0].description, query).toMatch(/^page(_size)? must be a whole number from 1 to /);
    }
    const deep = await get(app, '/requests.json?page=11&page_size=1000');
    expect(deep.status).toBe(400);
    expect((await deep.json())[0].description).toMatch(/narrow start_date and end_date instead/);
  });

  it('limits each client’s GETs, answering 429 with an Open311 error body in JSON and XML', async () => {
    const { app } = await freshHackney();
    const limited = open311Only(app, { getLimit: { max: 3, windowSeconds: 60 } }, () => new Date(NOW));
    for (let i = 0; i < 3; i++) expect((await get(limited, '/requests.json')).status).toBe(200);
    const json = await get(limited, '/requests.json');
    expect(json.status).toBe(429);
    expect(json.headers.get('retry-after')).toBe('60');
    expect(await json.json()).toEqual([{ code: 429, description: 'Too many requests: at most 3 every 60 seconds from one client. Try again later' }]);
    const xml = await get(limited, '/services.xml');
    expect(xml.status).toBe(429);
    const doc = parseXml(await xml.text());
    expect(doc.name).toBe('errors');
    expect(childText(doc.children[0], 'code')).toBe('429');
  });

  it('counts each client’s GETs apart, and does not put clients without a known address in one shared bucket', async () => {
    const { app } = await freshHackney();
    let ip: string | undefined = '203.0.113.7';
    const limited = open311Only(app, { getLimit: { max: 2, windowSeconds: 60 } }, () => new Date(NOW), { clientIp: () => ip });
    for (let i = 0; i < 2; i++) expect((await get(limited, '/services.json')).status).toBe(200);
    expect((await get(limited, '/services.json')).status).toBe(429);
    ip = '198.51.100.20';
    expect((await get(limited, '/services.json')).status).toBe(200);
    ip = undefined;
    for (let i = 0; i < 5; i++) expect((await get(limited, '/services.json')).status, `no address, GET ${i + 1}`).toBe(200);
  });

  it('reads only the page it returns and one more from the store, however old start_date is', async () => {
    const { app } = await freshHackney();
    const report = app.council.services.report as ReportConfig;
    const category = categoriesByCode(report).get('litter')!.category;
    const start = new Date('2026-09-05T00:00:00Z').getTime();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        createProblemReport(
          app.store,
          app.council,
          { category, description: `Litter ${i}`, attributes: {}, location: { lat: 51.55, long: -0.05 }, contact: {}, photos: [], lang: 'en', submissionId: `r-${i}`, source: 'open311' },
          new Date(start + i * 3_600_000),
          secrets,
        ),
      ),
    );
    let read = 0;
    app.store.client.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        read += (out.output as { ScannedCount?: number }).ScannedCount ?? 0;
        return out;
      },
      { step: 'initialize', name: 'countItemsRead' },
    );
    const listed = await (await get(app, '/requests.json?start_date=2026-09-04T00:00:00Z&page_size=10')).json();
    expect(listed).toHaveLength(10);
    expect(read).toBe(11);
  });
});
