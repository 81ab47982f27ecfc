import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditByStaff } from '../../functions/core/audit/audit-store.ts';
import { getCase, readHistory, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { recountStates } from '../../functions/core/cases/queue.ts';
import { translator } from '../../functions/core/i18n.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { enabledModules } from '../../functions/modules/index.ts';
import { ROLES, type Role } from '../../functions/staff/auth/roles.ts';
import { exportColumns } from '../../functions/staff/export/routes.ts';
import { embeddedStore } from '../support/harness.ts';
import { actionForm, caseTestCouncil, type CaseTestCouncil } from './case-support.ts';
import { caseOf, nextLink, parseCsv, postForm, previousLink, putCases, referencesOn } from './queue-support.ts';
import { devClients, StaffBrowser, startProvider, TestClock } from './support.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let hackney: CaseTestCouncil;
let big: CaseTestCouncil;
let ceredigion: CaseTestCouncil;
const clock = new TestClock();
const as = new Map<Role | 'anonymous', StaffBrowser>();
let bigViewer: StaffBrowser;
let bigSupervisor: StaffBrowser;
let ceredigionSupervisor: StaffBrowser;
/** The fixture cases by letter (see beforeAll). */
const cases: Record<string, StoredCase> = {};
const BIG = 2500;
let bigReferences: Set<string>;

/** Noon UTC `n` days ago: the same calendar day in London, summer or winter. */
const daysAgo = (n: number) => {
  const d = new Date(clock.read());
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - n);
  return d;
};
const dayParams = (name: string, at: Date) => ({ [`${name}-day`]: String(at.getUTCDate()), [`${name}-month`]: String(at.getUTCMonth() + 1), [`${name}-year`]: String(at.getUTCFullYear()) });

beforeAll(async () => {
  server = await embeddedStore();
  const clients = await devClients(['hackney', 'ceredigion']);
  idp = await startProvider(['hackney', 'ceredigion'], clients);
  clock.sync();
  const options = { endpoint: server.endpoint, issuer: idp.issuer, clock };
  hackney = await caseTestCouncil('hackney', { ...options, client: clients[0] });
  big = await caseTestCouncil('hackney', { ...options, client: clients[0] });
  ceredigion = await caseTestCouncil('ceredigion', { ...options, client: clients[1] });

  const s = hackney.secrets;
  const officer = { sub: 'hackney-officer', name: 'Sam Officer' };
  const supervisor = { sub: 'hackney-supervisor', name: 'Sue Supervisor' };
  Object.assign(cases, {
    A: await caseOf(s, { at: daysAgo(10), details: { name: 'Ann Resident', email: 'ann@example.com', phone: '020 7946 0000', address: '41 Linscott Road, London E5 0LH' } }),
    B: await caseOf(s, { at: daysAgo(9), updatedAt: daysAgo(3).toISOString(), type: 'pavement', channel: 'phone', state: 'investigating', assignedTo: officer }),
    C: await caseOf(s, { at: daysAgo(8), updatedAt: daysAgo(2).toISOString(), service: 'bins', type: 'missed-collection', state: 'fixed', details: { address: '58 Linscott Road, London E5 0LH', email: 'bob@example.com' } }),
    D: await caseOf(s, {
      at: daysAgo(7),
      channel: 'open311',
      details: { name: '=HYPERLINK("http://evil.example","click")', email: '@SUM(1+1)@example.com', phone: '+1' },
      public: { serviceCode: 'pothole', serviceName: 'Pothole', description: '-1 and more', lat: 51.5, long: -0.05, address: '@street' },
    }),
    E: await caseOf(s, { at: daysAgo(6), updatedAt: daysAgo(1).toISOString(), service: 'bins', type: 'missed-collection', channel: 'face-to-face', state: 'in-progress', assignedTo: supervisor }),
    F: await caseOf(s, { at: daysAgo(5), channel: 'email', state: 'no-further-action' }),
  });
  await putCases(hackney.store, Object.values(cases));
  await recountStates(hackney.store, clock.read());

  const many = await Promise.all(Array.from({ length: BIG }, (_, i) => caseOf(big.secrets, { at: new Date(daysAgo(30).getTime() + i * 60_000), state: i % 4 === 0 ? 'fixed' : 'submitted' })));
  await putCases(big.store, many);
  bigReferences = new Set(many.map((c) => c.reference));

  for (const role of ROLES) {
    const browser = new StaffBrowser(hackney);
    expect((await browser.signIn(`hackney-${role}`)).status).toBe(303);
    as.set(role, browser);
  }
  as.set('anonymous', new StaffBrowser(hackney));
  bigViewer = new StaffBrowser(big);
  bigSupervisor = new StaffBrowser(big);
  ceredigionSupervisor = new StaffBrowser(ceredigion);
  expect((await bigViewer.signIn('hackney-viewer')).status).toBe(303);
  expect((await bigSupervisor.signIn('hackney-supervisor')).status).toBe(303);
  expect((await ceredigionSupervisor.signIn('ceredigion-supervisor')).status).toBe(303);
}, 120_000);

afterAll(async () => {
  await idp?.close();
  await server?.close();
});

const queue = async (who: Role, params: Record<string, string> = {}) => {
  const res = await as.get(who)!.get(`/staff/queue?${new URLSearchParams(params)}`);
  return { res, html: await res.text() };
};
const refs = (...letters: string[]) => letters.map((l) => cases[l].reference);

type Who = Role | 'anonymous';
const ROUTES: { method: 'GET' | 'POST'; path: string; expected: Record<Who, number> }[] = [
  { method: 'GET', path: '/staff/queue', expected: { viewer: 200, officer: 200, supervisor: 200, admin: 403, anonymous: 303, care: 200, 'data-protection': 403 } },
  { method: 'GET', path: '/staff/queue?state=fixed&assigned=me', expected: { viewer: 200, officer: 200, supervisor: 200, admin: 403, anonymous: 303, care: 200, 'data-protection': 403 } },
  { method: 'POST', path: '/staff/export.csv', expected: { viewer: 403, officer: 403, supervisor: 200, admin: 403, anonymous: 403, care: 403, 'data-protection': 403 } },
  // A GET starts nothing: the supervisor is sent back to the queue.
  { method: 'GET', path: '/staff/export.csv', expected: { viewer: 403, officer: 403, supervisor: 303, admin: 403, anonymous: 303, care: 403, 'data-protection': 403 } },
  // An empty bulk form: the supervisor gets the form's errors (allowed); everyone else is refused.
  { method: 'POST', path: '/staff/queue/bulk', expected: { viewer: 403, officer: 403, supervisor: 400, admin: 403, anonymous: 403, care: 403, 'data-protection': 403 } },
];

describe('the queue, bulk and export routes × each role', () => {
  it.each(ROUTES.flatMap((r) => (Object.keys(r.expected) as Who[]).map((who) => ({ ...r, who, status: r.expected[who] }))))('$method $path as $who → $status', async ({ method, path, who, status }) => {
    const browser = as.get(who)!;

    const res = method === 'GET' ? await browser.get(path) : await browser.post(path);

    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
  });

  it('refuses an account with no role at sign-in, so it never reaches the queue', async () => {
    const browser = new StaffBrowser(hackney);

    const signIn = await browser.signIn('hackney-no-role');
    const page = await browser.get('/staff/queue');

    expect(signIn.status).toBe(403);
    expect(page.status).toBe(303);
  });

  it('links the landing page to the queue for those who may read cases, not for an admin', async () => {
    const officerHome = await (await as.get('officer')!.get('/staff/')).text();
    const adminHome = await (await as.get('admin')!.get('/staff/')).text();

    expect(officerHome).toContain('href="/staff/queue"');
    expect(adminHome).not.toContain('href="/staff/queue"');
  });
});

describe('the queue page', () => {
  it('costs two store requests: the session read with the counts, and the query', async () => {
    const officer = as.get('officer')!;
    await officer.get('/staff/queue'); // any once-a-minute session touch happens here, not below
    hackney.storeRequests.length = 0;
    const res = await officer.get('/staff/queue');
    expect(res.status).toBe(200);
    expect(hackney.storeRequests).toEqual(['BatchGetItemCommand', 'QueryCommand']);
  });

  it('lists every case across modules, newest change first, each linking to its case page', async () => {
    const { res, html } = await queue('viewer');

    expect(res.status).toBe(200);
    expect(referencesOn(html)).toEqual(refs('E', 'C', 'B', 'F', 'D', 'A'));
    expect(html).toContain(`href="/staff/cases/${cases.B.reference}"`);
    expect(html).toMatch(/<title>Cases – Staff/);
    expect(html).toContain('Sam Officer');
  });

  it.each([
    ['service', { service: 'bins' }, ['E', 'C']],
    ['category', { type: 'report:pavement' }, ['B']],
    ['state', { state: 'fixed' }, ['C']],
    ['channel', { channel: 'open311' }, ['D']],
    ['unassigned', { assigned: 'unassigned' }, ['C', 'F', 'D', 'A']],
    ['service and state', { service: 'report', state: 'submitted' }, ['D', 'A']],
  ] as const)('narrows by %s', async (_, params, expected) => {
    const { html } = await queue('viewer', params);

    expect(referencesOn(html)).toEqual(refs(...expected));
  });

  it('narrows "assigned to me" to the signed-in member of staff', async () => {
    expect(referencesOn((await queue('officer', { assigned: 'me' })).html)).toEqual(refs('B'));
    expect(referencesOn((await queue('supervisor', { assigned: 'me' })).html)).toEqual(refs('E'));
  });

  it('narrows by the UK days a case was created or last changed in', async () => {
    const created = await queue('viewer', { ...dayParams('created-from', daysAgo(9)), ...dayParams('created-to', daysAgo(7)) });
    const changed = await queue('viewer', { ...dayParams('changed-from', daysAgo(3)), ...dayParams('changed-to', daysAgo(1)) });

    expect(referencesOn(created.html)).toEqual(refs('C', 'B', 'D'));
    expect(referencesOn(changed.html)).toEqual(refs('E', 'C', 'B'));
  });

  it('shows the filters it applied in the form, so the page’s address is a bookmark of the queue', async () => {
    const params = { service: 'report', state: 'submitted', channel: 'open311', ...dayParams('created-from', daysAgo(8)) };

    const { html } = await queue('viewer', params);

    expect(html).toContain('<option value="report" selected="">');
    expect(html).toContain('<option value="submitted" selected="">');
    expect(html).toContain('<option value="open311" selected="">');
    expect(html).toContain(`name="created-from-day" type="text" inputmode="numeric" value="${daysAgo(8).getUTCDate()}"`);
    expect(referencesOn(html)).toEqual(refs('D'));
  });

  it('shows bad filters in the error summary with the answers kept, and lists nothing', async () => {
    const { res, html } = await queue('viewer', { 'created-from-day': '31', 'created-from-month': '2', 'created-from-year': '2026', state: 'on-fire', 'changed-to-day': '3' });

    expect(res.status).toBe(400);
    expect(html).toMatch(/<title>Error: Cases/);
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('<a href="#created-from-day">Enter a real date</a>');
    expect(html).toContain('<a href="#state">Choose a state from the list</a>');
    expect(html).toContain('<a href="#changed-to-day">Enter a day, month and year</a>');
    expect(html).toContain('name="created-from-day" type="text" inputmode="numeric" value="31"');
    expect(referencesOn(html)).toEqual([]);
  });

  it('answers an edited page link with a 400 page, not a 500', async () => {
    const res = await as.get('viewer')!.get(`/staff/queue?page=${Buffer.from('[0,"eyJpIjoiZ3NpMiJ9"]').toString('base64url')}`);
    const garbled = await as.get('viewer')!.get('/staff/queue?page=%%%');

    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This page link does not work');
    expect(garbled.status).toBe(400);
  });

  it('shows the count of cases in each of the council’s states', async () => {
    const { html } = await queue('viewer');
    const count = (state: string) => new RegExp(`data-state="${state}">[\\s\\S]*?data-count="(\\d+)"`).exec(html)?.[1];

    expect(count('submitted')).toBe('2');
    expect(count('investigating')).toBe('1');
    expect(count('in-progress')).toBe('1');
    expect(count('fixed')).toBe('1');
    expect(count('no-further-action')).toBe('1');
    expect(count('duplicate')).toBe('0');
  });
});

describe('searching the queue', () => {
  it('goes straight to the case page for a reference, however it is typed', async () => {
    const res = await as.get('viewer')!.get(`/staff/queue?q=${encodeURIComponent(cases.C.reference.toLowerCase().replace('-', ' '))}`);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/cases/${cases.C.reference}`);
  });

  it('finds the resident’s cases by email or phone for a role that may see personal data', async () => {
    const byEmail = await queue('officer', { q: ' Ann@Example.COM ' });
    const byPhone = await queue('officer', { q: '+44 20 7946 0000' });

    expect(referencesOn(byEmail.html)).toEqual(refs('A'));
    expect(referencesOn(byPhone.html)).toEqual(refs('A'));
  });

  it('does not search by email for a viewer', async () => {
    const { res, html } = await queue('viewer', { q: 'ann@example.com' });

    expect(res.status).toBe(403);
    expect(html).toContain('Your role cannot search by the resident’s email address or phone number');
    expect(referencesOn(html)).toEqual([]);
  });

  it('finds cases by postcode', async () => {
    const { html } = await queue('viewer', { q: 'e5 0lh' });

    expect(new Set(referencesOn(html))).toEqual(new Set(refs('A', 'C')));
  });

  it('says so when nothing matches, and when the words are no kind of search', async () => {
    const none = await queue('viewer', { q: 'ZZZZ-9999' });
    const nonsense = await queue('viewer', { q: 'potholes near the park' });

    expect(none.html).toContain('No case matches “ZZZZ-9999”.');
    expect(nonsense.res.status).toBe(400);
    expect(nonsense.html).toContain('<a href="#q">Enter a case reference or a postcode</a>');
  });
});

describe('bulk actions', () => {
  const bulkForm = async (browser: StaffBrowser) => {
    const html = await (await browser.get('/staff/queue')).text();
    const actionId = /name="actionId" value="([^"]+)"/.exec(html)?.[1];
    if (!actionId) throw new Error('No bulk form on the queue page');
    return { actionId, html };
  };
  /** A case's checkbox value on the page: its reference and the version the page showed. */
  const box = (html: string, reference: string) => {
    const value = new RegExp(`name="cases" type="checkbox" value="(${reference}:\\d+)"`).exec(html)?.[1];
    if (!value) throw new Error(`No checkbox for ${reference}`);
    return value;
  };

  it('offers checkboxes and the bulk form to a supervisor only', async () => {
    const supervisor = await (await as.get('supervisor')!.get('/staff/queue')).text();
    const officer = await (await as.get('officer')!.get('/staff/queue')).text();

    expect(supervisor).toContain(`name="cases" type="checkbox" value="${cases.A.reference}:${cases.A.version}"`);
    expect(supervisor).toContain('action="/staff/queue/bulk"');
    expect(officer).not.toContain('name="cases"');
  });

  it('changes the state of every selected case once, however often the form is sent, and audits each change', async () => {
    const supervisor = as.get('supervisor')!;
    const { actionId, html: page } = await bulkForm(supervisor);
    const form = () => new URLSearchParams([['actionId', actionId], ['cases', box(page, cases.A.reference)], ['cases', box(page, cases.F.reference)], ['state', 'action-scheduled'], ['return', 'service=report']]);

    // A double click (two at once), then the form sent again.
    const [first, second] = await Promise.all([postForm(supervisor, hackney.app, '/staff/queue/bulk', form()), postForm(supervisor, hackney.app, '/staff/queue/bulk', form())]);
    const again = await postForm(supervisor, hackney.app, '/staff/queue/bulk', form());
    const banner = await (await supervisor.get('/staff/queue?service=report&changed=2&unchanged=0')).text();
    const changed = (res: Response) => Number(new URL(res.headers.get('location')!, 'http://x').searchParams.get('changed'));

    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toMatch(/^\/staff\/queue\?service=report&changed=\d&unchanged=\d$/);
    expect(changed(first) + changed(second)).toBe(2);
    expect(again.headers.get('location')).toBe('/staff/queue?service=report&changed=0&unchanged=2');
    expect(banner).toContain('data-changed="2"');
    expect(banner).toContain('2 cases changed.');
    for (const ref of refs('A', 'F')) {
      expect((await getCase(hackney.store, ref, clock.read()))?.state).toBe('action-scheduled');
      expect((await readHistory(hackney.store, ref)).filter((h) => h.kind === 'state')).toHaveLength(1);
    }
    const audit = await listAuditByStaff(hackney.store, 'hackney-supervisor', { limit: 50 });
    expect(audit.records.filter((r) => r.action === 'state' && r.detail === 'bulk: action-scheduled').map((r) => r.caseRef).sort()).toEqual(refs('A', 'F').sort());
  });

  it('assigns every selected case to an officer, once', async () => {
    const supervisor = as.get('supervisor')!;
    const { actionId, html } = await bulkForm(supervisor);
    const form = () => new URLSearchParams([['actionId', actionId], ['cases', box(html, cases.D.reference)], ['cases', box(html, cases.C.reference)], ['assign', 'hackney-officer']]);

    const [first, second] = await Promise.all([postForm(supervisor, hackney.app, '/staff/queue/bulk', form()), postForm(supervisor, hackney.app, '/staff/queue/bulk', form())]);
    const again = await postForm(supervisor, hackney.app, '/staff/queue/bulk', form());
    const changed = (res: Response) => Number(new URL(res.headers.get('location')!, 'http://x').searchParams.get('changed'));

    expect(html).toContain('<option value="hackney-officer"');
    expect(changed(first) + changed(second)).toBe(2);
    expect(again.headers.get('location')).toBe('/staff/queue?changed=0&unchanged=2');
    for (const ref of refs('D', 'C')) {
      expect((await getCase(hackney.store, ref, clock.read()))?.assignedTo?.sub).toBe('hackney-officer');
      expect((await readHistory(hackney.store, ref)).filter((h) => h.kind === 'assignment')).toHaveLength(1);
    }
  });

  it('leaves a case changed after the queue page was shown as it is, and counts it as not changed', async () => {
    const supervisor = as.get('supervisor')!;
    const made = [await caseOf(hackney.secrets, { at: clock.read() }), await caseOf(hackney.secrets, { at: clock.read() })];
    await putCases(hackney.store, made);
    await recountStates(hackney.store, clock.read());
    const { actionId, html } = await bulkForm(supervisor);
    const [stale, fresh] = made.map((m) => m.reference);
    // A colleague changes B on its case page after the supervisor's queue page was rendered.
    const officer = as.get('officer')!;
    const casePage = await (await officer.get(`/staff/cases/${stale}`)).text();
    expect((await officer.post(`/staff/cases/${stale}/state`, { ...actionForm(casePage, 'state'), state: 'action-scheduled' })).status).toBe(303);

    const res = await postForm(supervisor, hackney.app, '/staff/queue/bulk', new URLSearchParams([['actionId', actionId], ['cases', box(html, stale)], ['cases', box(html, fresh)], ['state', 'no-further-action']]));

    expect(res.headers.get('location')).toBe('/staff/queue?changed=1&unchanged=1');
    expect((await getCase(hackney.store, stale, clock.read()))?.state).toBe('action-scheduled');
    expect((await getCase(hackney.store, fresh, clock.read()))?.state).toBe('no-further-action');
  });

  it('changes nothing for a selected case sent without the version its page showed', async () => {
    const supervisor = as.get('supervisor')!;
    const { actionId } = await bulkForm(supervisor);
    const before = (await getCase(hackney.store, cases.C.reference, clock.read()))!;

    const res = await postForm(supervisor, hackney.app, '/staff/queue/bulk', new URLSearchParams([['actionId', actionId], ['cases', cases.C.reference], ['state', 'investigating']]));

    expect(res.headers.get('location')).toBe('/staff/queue?changed=0&unchanged=1');
    expect((await getCase(hackney.store, cases.C.reference, clock.read()))?.version).toBe(before.version);
  });

  it('shows the form’s errors when nothing is selected or the state is not the council’s', async () => {
    const supervisor = as.get('supervisor')!;
    const { actionId } = await bulkForm(supervisor);

    const none = await postForm(supervisor, hackney.app, '/staff/queue/bulk', new URLSearchParams({ actionId, state: 'fixed' }));
    const badState = await postForm(supervisor, hackney.app, '/staff/queue/bulk', new URLSearchParams({ actionId, cases: cases.A.reference, state: 'exploded' }));
    const stale = await postForm(supervisor, hackney.app, '/staff/queue/bulk', new URLSearchParams({ actionId: 'x', cases: cases.A.reference, state: 'fixed' }));

    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Select at least one case');
    expect(badState.status).toBe(400);
    expect(await badState.text()).toContain('<a href="#bulk-state">Choose a state from the list</a>');
    expect(stale.status).toBe(400);
    expect((await getCase(hackney.store, cases.A.reference, clock.read()))?.state).toBe('action-scheduled');
  });

  it('refuses a bulk form without its CSRF token', async () => {
    const supervisor = as.get('supervisor')!;
    const { actionId } = await bulkForm(supervisor);

    const res = await supervisor.post('/staff/queue/bulk', { actionId, cases: cases.B.reference, state: 'fixed' }, { csrf: null });

    expect(res.status).toBe(403);
    expect((await getCase(hackney.store, cases.B.reference, clock.read()))?.state).toBe('investigating');
  });
});

describe('the CSV export', () => {
  const t = translator(MESSAGES.en);

  it('has FixMyStreet’s columns, then the resident’s details only for a role that may see them', async () => {
    const base = { council: hackney.council, lang: 'en' as const, t };

    const without = exportColumns({ ...base, personal: false }).map((c) => t(c.key));
    const withPersonal = exportColumns({ ...base, personal: true }).map((c) => t(c.key));

    expect(without).toEqual(['Reference', 'Service', 'Category', 'Created', 'State', 'Last changed', 'Closed', 'Channel', 'Assigned to', 'Latitude', 'Longitude', 'Address or street', 'Public description']);
    expect(withPersonal).toEqual([...without, 'Name', 'Email', 'Phone']);
  });

  it('gives when a case closed from the case’s record of it, not its last change; nothing for an open case', async () => {
    const columns = exportColumns({ council: hackney.council, lang: 'en', t, personal: false });
    const closed = columns.find((c) => c.key === 'staff.export.col.closed')!;
    const at = (n: number) => daysAgo(n).toISOString();
    // Closed four days ago by a state change (no public update), then a note two days ago.
    const fixed = await caseOf(hackney.secrets, { at: daysAgo(9), state: 'fixed', closedAt: at(4), updatedAt: at(2) });
    const reopened = await caseOf(hackney.secrets, { at: daysAgo(9), state: 'in-progress', updatedAt: at(1) });
    // Closed before closedAt was recorded: its closing update says when; with none, nothing is known.
    const olderWithUpdate = await caseOf(hackney.secrets, { at: daysAgo(9), state: 'fixed', updatedAt: at(2), updates: [{ id: 'u1', status: 'closed', state: 'fixed', description: 'Filled', createdAt: at(3) }] });
    const olderBare = await caseOf(hackney.secrets, { at: daysAgo(9), state: 'no-further-action', updatedAt: at(2) });

    expect(closed.cell(fixed)).toBe(at(4));
    expect(closed.cell(reopened)).toBeUndefined();
    expect(closed.cell(olderWithUpdate)).toBe(at(3));
    expect(closed.cell(olderBare)).toBeUndefined();
  });

  it('exports the filtered queue, neutralising formula injection, and audits who exported what', async () => {
    const res = await as.get('supervisor')!.post('/staff/export.csv', { service: 'report', channel: 'open311' });
    const rows = parseCsv(await res.text());
    const header = rows[0];
    const row = Object.fromEntries(header.map((h, i) => [h, rows[1][i]]));

    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="hackney-cases-\d{4}-\d\d-\d\d\.csv"$/);
    expect(rows).toHaveLength(2);
    expect(row.Reference).toBe(cases.D.reference);
    expect(row.Name).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row.Email).toBe("'@SUM(1+1)@example.com");
    expect(row.Phone).toBe("'+1");
    expect(row['Public description']).toBe("'-1 and more");
    expect(row['Address or street']).toBe("'@street");
    expect(row.Longitude).toBe('-0.05');
    expect(row.Channel).toBe('Open311');
    const audit = await listAuditByStaff(hackney.store, 'hackney-supervisor', { limit: 50 });
    expect(audit.records.filter((r) => r.action === 'export').map((r) => r.detail)).toContain('service=report&channel=open311 (with personal data)');
  });

  it('starts no export from a GET: no audit record, and the supervisor is sent back to the queue with the filters', async () => {
    const supervisor = as.get('supervisor')!;
    const exportsBefore = (await listAuditByStaff(hackney.store, 'hackney-supervisor', { limit: 200 })).records.filter((r) => r.action === 'export').length;

    const res = await supervisor.get('/staff/export.csv?state=fixed&assigned=me');

    const exportsAfter = (await listAuditByStaff(hackney.store, 'hackney-supervisor', { limit: 200 })).records.filter((r) => r.action === 'export').length;
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/queue?state=fixed&assigned=me');
    expect(res.headers.get('content-type') ?? '').not.toMatch(/csv/);
    expect(exportsAfter).toBe(exportsBefore);
  });

  it('refuses an export posted without the CSRF token, and audits nothing', async () => {
    const exportsBefore = (await listAuditByStaff(hackney.store, 'hackney-supervisor', { limit: 200 })).records.filter((r) => r.action === 'export').length;

    const res = await as.get('supervisor')!.post('/staff/export.csv', { state: 'fixed' }, { csrf: null });

    const exportsAfter = (await listAuditByStaff(hackney.store, 'hackney-supervisor', { limit: 200 })).records.filter((r) => r.action === 'export').length;
    expect(res.status).toBe(403);
    expect(exportsAfter).toBe(exportsBefore);
  });

  it('offers the export as a form posting the current filters, with its CSRF token, not as a link', async () => {
    const html = await (await as.get('supervisor')!.get('/staff/queue?state=fixed&channel=open311')).text();
    const form = /<form method="post" action="\/staff\/export\.csv"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';

    expect(form).toContain('<input type="hidden" name="csrf" value="');
    expect(form).toContain('<input type="hidden" name="state" value="fixed"/>');
    expect(form).toContain('<input type="hidden" name="channel" value="open311"/>');
    expect(form).toContain('govuk-button--secondary');
    expect(html).not.toMatch(/href="[^"]*export\.csv/);
  });

  it('refuses filters that are not valid with a 400 page', async () => {
    const res = await as.get('supervisor')!.post('/staff/export.csv', { state: 'on-fire' });

    expect(res.status).toBe(400);
    expect(await res.text()).toContain('These filters cannot be exported');
  });

  it(`streams every one of ${BIG.toLocaleString('en-GB')} cases, none missing, none twice`, async () => {
    const res = await bigSupervisor.post('/staff/export.csv');
    const rows = parseCsv(await res.text()).slice(1);

    expect(res.status).toBe(200);
    expect(rows).toHaveLength(BIG);
    expect(new Set(rows.map((r) => r[0]))).toEqual(bigReferences);
  }, 60_000);
});

describe('pages of the queue', () => {
  it(`walks every one of ${BIG.toLocaleString('en-GB')} cases once with Next, and Previous goes back`, async () => {
    const seen: string[] = [];
    const pages: string[][] = [];
    let path: string | undefined = '/staff/queue';
    let third = '';
    while (path) {
      const html = await (await bigViewer.get(path)).text();
      pages.push(referencesOn(html));
      seen.push(...pages.at(-1)!);
      if (pages.length === 3) third = html;
      path = nextLink(html);
    }
    const back = await (await bigViewer.get(previousLink(third)!)).text();

    expect(seen).toHaveLength(BIG);
    expect(new Set(seen)).toEqual(bigReferences);
    expect(pages).toHaveLength(BIG / 50);
    expect(referencesOn(back)).toEqual(pages[1]);
  }, 90_000);

  it('keeps the filters in the page links', async () => {
    const html = await (await bigViewer.get('/staff/queue?state=fixed')).text();
    const next = nextLink(html)!;
    const second = await (await bigViewer.get(next)).text();

    expect(next).toMatch(/^\/staff\/queue\?state=fixed&page=/);
    expect(referencesOn(second)).toHaveLength(50);
    expect(second).toContain('<option value="fixed" selected="">');
  });
});

describe('isolation between councils', () => {
  it('treats another council’s session as nobody signed in, for the queue and the export', async () => {
    const cookie = [...ceredigionSupervisor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

    const page = await hackney.app.request('/staff/queue', { headers: { cookie } });
    const csv = await hackney.app.request('/staff/export.csv', { method: 'POST', body: `csrf=${ceredigionSupervisor.cookies.get('ldf_csrf')}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });

    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/staff\/sign-in/);
    // A form posted with no session here is refused, as for anyone not signed in.
    expect(csv.status).toBe(403);
  });

  it('finds nothing at another council by a reference guessed from this one', async () => {
    const search = await ceredigionSupervisor.get(`/staff/queue?q=${cases.A.reference}`);
    const list = await (await ceredigionSupervisor.get('/staff/queue')).text();
    const csv = parseCsv(await (await ceredigionSupervisor.post('/staff/export.csv')).text());

    expect(search.status).toBe(200);
    expect(await search.text()).toContain(`No case matches “${cases.A.reference}”.`);
    expect(referencesOn(list)).toEqual([]);
    expect(csv).toHaveLength(1);
  });

  it('shows the queue in Welsh at a bilingual council', async () => {
    const html = await (await ceredigionSupervisor.get('/cy/staff/queue')).text();

    expect(html).toContain('<html lang="cy"');
    expect(html).toMatch(/<title>Achosion – /);
    expect(html).toContain('Achosion yn ôl statws');
  });

  it('offers every module’s case types in the type filter, named by the module in the page’s language, but a care type to care staff only', async () => {
    const all = enabledModules(ceredigion.council).flatMap((m) => m.caseTypes(ceredigion.council).map((x) => ({ value: `${m.id}:${x.id}`, name: x.name, restrictedTo: x.restrictedTo })));
    // The supervisor has no care role: the care form's type is not theirs to see.
    expect(all).toContainEqual(expect.objectContaining({ value: 'forms:care-needs-assessment', restrictedTo: 'care' }));
    const types = all.filter((x) => x.restrictedTo === undefined);

    const html = await (await ceredigionSupervisor.get('/cy/staff/queue')).text();
    const filter = /<select[^>]*name="type"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
    const offered = [...filter.matchAll(/<option value="([^"]+)"[^>]*>([^<]*)<\/option>/g)].map((m) => ({ value: m[1], text: m[2].replace(/&#39;/g, "'").replace(/&amp;/g, '&') }));

    expect(offered).toEqual(types.map((x) => ({ value: x.value, text: x.name.cy })));
    expect(offered).toContainEqual({ value: 'bins:missed-collection', text: 'Casgliad a fethwyd' });
  });
});
