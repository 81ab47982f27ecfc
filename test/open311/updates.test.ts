import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseUpdate, getCase, MAX_CASE_UPDATES } from '../../functions/core/cases/case-store.ts';
import { embeddedStore, testApp, type TestApp } from '../support/harness.ts';
import { apiKey, childNames, childText, get, open311Only, parseXml, post, potholeFields, type Fields } from '../support/open311.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

const NOW = '2026-12-01T10:00:00Z';

async function setUp(now = NOW): Promise<{ app: TestApp; key: string; id: string }> {
  const app = await testApp('hackney', { endpoint: server.endpoint, now });
  const key = await apiKey(app);
  const res = await post(app, '/requests.json', potholeFields(key));
  return { app, key, id: (await res.json())[0].service_request_id };
}

function update(key: string, id: string, extra: Fields = {}): Fields {
  return {
    api_key: key,
    service_request_id: id,
    update_id: '4521',
    status: 'FIXED',
    updated_datetime: '2026-12-02T14:00:00Z',
    description: 'The pothole has been filled',
    ...extra,
  };
}

async function errorsOf(res: Response, status: number): Promise<string[]> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { code: number; description: string }[];
  for (const e of body) expect(e.code).toBe(status);
  return body.map((e) => e.description);
}

describe('POST servicerequestupdates', () => {
  it('adds the update: the request shows the new status and the update as status_notes', async () => {
    const { app, key, id } = await setUp();
    app.setNow('2026-12-03T09:00:00Z');
    const res = await post(app, '/servicerequestupdates.json', update(key, id));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual([{ update_id: 'open311-4521' }]);
    const [request] = await (await get(app, `/requests/${id}.json`)).json();
    expect(request).toMatchObject({ status: 'closed', status_notes: 'The pothole has been filled', updated_datetime: '2026-12-02T14:00:00Z' });
    const stored = (await getCase(app.store, id, new Date('2026-12-03T09:00:00Z')))!;
    expect(stored.updates).toEqual([
      { id: 'open311-4521', status: 'closed', state: 'fixed', description: 'The pothole has been filled', createdAt: '2026-12-02T14:00:00.000Z', externalStatusCode: 'FIXED' },
    ]);
  });

  it('answers in XML as service_request_updates/request_update', async () => {
    const { app, key, id } = await setUp();
    const res = await post(app, '/servicerequestupdates.xml', update(key, id, { updated_datetime: NOW }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(await res.text()).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_request_updates><request_update><update_id>open311-4521</update_id></request_update></service_request_updates>\n',
    );
  });

  it('maps the extension’s statuses to open or closed, keeping the original', async () => {
    const { app, key, id } = await setUp();
    const cases: [string, 'open' | 'closed'][] = [
      ['INVESTIGATING', 'open'],
      ['ACTION_SCHEDULED', 'open'],
      ['IN_PROGRESS', 'open'],
      ['NOT_COUNCILS_RESPONSIBILITY', 'closed'],
      ['OPEN', 'open'],
      ['DUPLICATE', 'closed'],
      ['no_further_action', 'closed'],
      ['CLOSED', 'closed'],
    ];
    for (const [i, [status, expected]] of cases.entries()) {
      const res = await post(app, '/servicerequestupdates.json', update(key, id, { update_id: `s${i}`, status, updated_datetime: NOW }));
      expect(res.status, status).toBe(200);
      const [request] = await (await get(app, `/requests/${id}.json`)).json();
      expect(request.status, status).toBe(expected);
    }
    const stored = (await getCase(app.store, id, new Date(NOW)))!;
    expect(stored.updates.map((u) => u.externalStatusCode)).toEqual(cases.map(([s]) => s.toUpperCase()));
  });

  it('adds an update once however often the same update_id is sent', async () => {
    const { app, key, id } = await setUp();
    for (let i = 0; i < 3; i++) {
      const res = await post(app, '/servicerequestupdates.json', update(key, id));
      expect(await res.json()).toEqual([{ update_id: 'open311-4521' }]);
    }
    expect((await getCase(app.store, id, new Date(NOW)))!.updates).toHaveLength(1);
  });

  it('refuses a different update under an update_id already used on the request', async () => {
    const { app, key, id } = await setUp();
    await post(app, '/servicerequestupdates.json', update(key, id));
    const res = await post(app, '/servicerequestupdates.json', update(key, id, { status: 'OPEN', description: 'Reopened' }));
    expect(await errorsOf(res, 400)).toEqual([`update_id 4521 was already used for a different update of ${id}`]);
    expect((await getCase(app.store, id, new Date(NOW)))!.updates).toHaveLength(1);
  });

  it('needs a live api_key: 403 when it is missing or wrong', async () => {
    const { app, key, id } = await setUp();
    const { api_key: _, ...noKey } = update(key, id);
    expect(await errorsOf(await post(app, '/servicerequestupdates.json', noKey), 403)).toEqual([
      'api_key was not provided: it is required to post a service request update',
    ]);
    expect(await errorsOf(await post(app, '/servicerequestupdates.json', update('wrong', id)), 403)).toEqual([
      "Invalid api_key received: can't post a service request update",
    ]);
    expect((await getCase(app.store, id, new Date(NOW)))!.updates).toHaveLength(0);
  });

  it('names every required argument that is missing', async () => {
    const { app, key } = await setUp();
    expect(await errorsOf(await post(app, '/servicerequestupdates.json', { api_key: key }), 400)).toEqual([
      'service_request_id was not provided',
      'update_id was not provided',
      'status was not provided',
      'updated_datetime was not provided',
      'description was not provided',
    ]);
  });

  it('takes an empty description with a status change', async () => {
    const { app, key, id } = await setUp();
    expect((await post(app, '/servicerequestupdates.json', update(key, id, { description: '' }))).status).toBe(200);
  });

  it('refuses an unknown status, a date without a time zone and an over-long description or update_id', async () => {
    const { app, key, id } = await setUp();
    const res = await post(
      app,
      '/servicerequestupdates.json',
      update(key, id, { status: 'DONE', updated_datetime: '2026-12-02 14:00', description: 'x'.repeat(4001), update_id: 'u'.repeat(101) }),
    );
    expect(await errorsOf(res, 400)).toEqual([
      'update_id must be at most 100 characters',
      'status must be one of: OPEN, INVESTIGATING, IN_PROGRESS, PLANNED, ACTION_SCHEDULED, FOR_TRIAGE, REOPEN, CLOSED, FIXED, DUPLICATE, NOT_COUNCILS_RESPONSIBILITY, NO_FURTHER_ACTION, INTERNAL_REFERRAL, CANCELLED',
      'updated_datetime must be a date and time with a time zone, like 2026-01-31T09:00:00Z',
      'description must be at most 4,000 characters',
    ]);
  });

  it('says 404 for a request it does not have', async () => {
    const { app, key } = await setUp();
    for (const id of ['ABCD-2345', 'nonsense']) {
      expect(await errorsOf(await post(app, '/servicerequestupdates.json', update(key, id)), 404)).toEqual([`service_request_id ${id} was not found`]);
    }
  });

  it('keeps updates in order: never dated before the request’s latest change, nor in the future', async () => {
    const { app, key, id } = await setUp();
    await post(app, '/servicerequestupdates.json', update(key, id, { update_id: 'a', status: 'INVESTIGATING', updated_datetime: '2026-11-01T00:00:00Z' }));
    await post(app, '/servicerequestupdates.json', update(key, id, { update_id: 'b', status: 'FIXED', updated_datetime: '2031-01-01T00:00:00Z' }));
    const stored = (await getCase(app.store, id, new Date(NOW)))!;
    expect(stored.updates.map((u) => u.createdAt)).toEqual([`2026-12-01T10:00:00.000Z`, '2026-12-01T10:00:00.000Z']);
    expect(stored.updatedAt).toBe('2026-12-01T10:00:00.000Z');
  });

  it('reads the time zone of updated_datetime', async () => {
    const { app, key, id } = await setUp();
    app.setNow('2026-12-05T00:00:00Z');
    await post(app, '/servicerequestupdates.json', update(key, id, { updated_datetime: '2026-12-02T14:00:00+01:00' }));
    expect((await getCase(app.store, id, new Date('2026-12-05T00:00:00Z')))!.updates[0].createdAt).toBe('2026-12-02T13:00:00.000Z');
  });
});

describe('POST servicerequestupdates: retries and limits', () => {
  it('adds an update once when retries of it arrive at the same time', async () => {
    const { app, key, id } = await setUp();
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(app, '/servicerequestupdates.json', update(key, id, { updated_datetime: NOW }))));
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([{ update_id: 'open311-4521' }]);
    }
    expect((await getCase(app.store, id, new Date(NOW)))!.updates.map((u) => u.id)).toEqual(['open311-4521']);
  });

  it('refuses further updates with a clear error once the request holds the most it may', async () => {
    const { app, key, id } = await setUp();
    for (let i = 0; i < MAX_CASE_UPDATES; i++) {
      await addCaseUpdate(app.store, id, { id: `officer-${i}`, status: 'open', description: 'Checked', createdAt: '2026-12-01T10:00:00.000Z' }, new Date(NOW));
    }
    const res = await post(app, '/servicerequestupdates.json', update(key, id, { updated_datetime: NOW }));
    expect(await errorsOf(res, 400)).toEqual([
      `service_request_id ${id} holds as many updates as it can (at most ${MAX_CASE_UPDATES}, or fewer long ones): no more can be added`,
    ]);
  });
});

describe('GET servicerequestupdates', () => {
  it('includes an update in a range ending at the second the API prints for it, though it was stored with milliseconds', async () => {
    const { app, id } = await setUp();
    await addCaseUpdate(app.store, id, { id: 'ms', status: 'open', description: 'Seen', createdAt: '2026-12-01T22:09:58.734Z' }, new Date(NOW));
    app.setNow('2026-12-02T00:00:00Z');
    const listedIn = async (query: string) => ((await (await get(app, `/servicerequestupdates.json?${query}`)).json()) as { update_id: string; updated_datetime: string }[]);
    const [shown] = await listedIn('start_date=2026-12-01T22:00:00Z&end_date=2026-12-01T22:09:58Z');
    expect(shown).toMatchObject({ update_id: 'ms', updated_datetime: '2026-12-01T22:09:58Z' });
    expect(await listedIn('start_date=2026-12-01T22:09:58Z&end_date=2026-12-01T23:00:00Z')).toHaveLength(1);
    expect(await listedIn('start_date=2026-12-01T22:00:00Z&end_date=2026-12-01T22:09:57Z')).toEqual([]);
  });


  it('lists updates in the range, newest first, with the extension’s fields and lower-case statuses', async () => {
    const { app, key, id } = await setUp();
    app.setNow('2026-12-10T00:00:00Z');
    await post(app, '/servicerequestupdates.json', update(key, id, { update_id: '1', status: 'ACTION_SCHEDULED', updated_datetime: '2026-12-02T09:00:00Z', description: 'Booked' }));
    await post(app, '/servicerequestupdates.json', update(key, id, { update_id: '2', status: 'FIXED', updated_datetime: '2026-12-04T16:00:00Z', description: 'Filled' }));
    await addCaseUpdate(app.store, id, { id: 'officer-1', status: 'closed', description: 'Checked by an officer', createdAt: '2026-12-05T10:00:00.000Z' }, new Date('2026-12-10T00:00:00Z'));
    const res = await get(app, '/servicerequestupdates.json?start_date=2026-12-01T00:00:00Z&end_date=2026-12-09T00:00:00Z');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual([
      { update_id: 'officer-1', service_request_id: id, status: 'closed', updated_datetime: '2026-12-05T10:00:00Z', description: 'Checked by an officer', media_url: '' },
      {
        update_id: 'open311-2',
        service_request_id: id,
        status: 'fixed',
        updated_datetime: '2026-12-04T16:00:00Z',
        description: 'Filled',
        media_url: '',
        external_status_code: 'FIXED',
      },
      {
        update_id: 'open311-1',
        service_request_id: id,
        status: 'action_scheduled',
        updated_datetime: '2026-12-02T09:00:00Z',
        description: 'Booked',
        media_url: '',
        external_status_code: 'ACTION_SCHEDULED',
      },
    ]);
    const narrow = await (await get(app, '/servicerequestupdates.json?start_date=2026-12-03T00:00:00Z&end_date=2026-12-04T23:00:00Z')).json();
    expect(narrow.map((u: { update_id: string }) => u.update_id)).toEqual(['open311-2']);
  });

  it('lists the latest 90 days by default, without an api_key', async () => {
    const { app, key, id } = await setUp('2026-06-01T00:00:00Z');
    await post(app, '/servicerequestupdates.json', update(key, id, { update_id: 'old', updated_datetime: '2026-06-01T00:00:00Z', status: 'INVESTIGATING' }));
    app.setNow(NOW);
    await post(app, '/servicerequestupdates.json', update(key, id, { update_id: 'new', updated_datetime: NOW }));
    const listed = await (await get(app, '/servicerequestupdates.json')).json();
    expect(listed.map((u: { update_id: string }) => u.update_id)).toEqual(['open311-new']);
  });

  it('lists in XML as service_request_updates/request_update', async () => {
    const { app, key, id } = await setUp();
    await post(app, '/servicerequestupdates.json', update(key, id, { updated_datetime: NOW, description: 'Fish & chips <b>' }));
    const res = await get(app, '/servicerequestupdates.xml');
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('<description>Fish &amp; chips &lt;b&gt;</description>');
    const doc = parseXml(text);
    expect(doc.name).toBe('service_request_updates');
    expect(childNames(doc)).toEqual(['request_update']);
    expect(childNames(doc.children[0])).toEqual([
      'update_id',
      'service_request_id',
      'status',
      'updated_datetime',
      'description',
      'media_url',
      'external_status_code',
    ]);
    expect(childText(doc.children[0], 'description')).toBe('Fish & chips <b>');
    expect(childText(doc.children[0], 'media_url')).toBe('');
  });

  it('refuses bad dates with 400', async () => {
    const { app } = await setUp();
    expect(await errorsOf(await get(app, '/servicerequestupdates.json?start_date=last-week'), 400)).toEqual([
      'start_date must be a date and time with a time zone, like 2026-01-31T09:00:00Z',
    ]);
    expect((await get(app, '/servicerequestupdates.json?start_date=2026-12-02T00:00:00Z&end_date=2026-12-01T00:00:00Z')).status).toBe(400);
  });

  it('returns at most the cap on a list, the newest updates', async () => {
    const { app, key, id } = await setUp();
    for (let i = 0; i < 5; i++) {
      await post(app, '/servicerequestupdates.json', update(key, id, { update_id: `n${i}`, status: 'INVESTIGATING', updated_datetime: `2026-12-01T1${i}:00:00Z` }));
      app.setNow(`2026-12-01T1${i + 1}:00:00Z`);
    }
    expect(await (await get(app, '/servicerequestupdates.json')).json()).toHaveLength(5);
    const capped = open311Only(app, { maxResults: 3 }, () => new Date('2026-12-02T00:00:00Z'));
    const listed = await (await get(capped, '/servicerequestupdates.json')).json();
    expect(listed.map((u: { update_id: string }) => u.update_id)).toEqual(['open311-n4', 'open311-n3', 'open311-n2']);
    expect(await (await get(capped, '/requests.json')).json()).toHaveLength(1);
  });
});
