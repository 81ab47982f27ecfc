import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { addResidentComment, listHistory } from '../../functions/core/cases/case-actions.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { documentClient } from '../../functions/core/store/store.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { listAuditByStaff as listStaffAudit, listAuditForCase as listCaseAudit, recordAudit } from '../../functions/core/audit/audit-store.ts';
import { STAFF_COOKIE } from '../../functions/staff/auth/guard.ts';
import { ROLES, type Role } from '../../functions/staff/auth/roles.ts';
import { STAFF_COOKIE_NAME } from '../../functions/staff/assisted/stamp.ts';
import { embeddedStore, textOf } from '../support/harness.ts';
import { actionForm, caseTestCouncil, reportCase, type CaseTestCouncil } from './case-support.ts';
import { caseOf, putCases } from './queue-support.ts';
import { devClients, StaffBrowser, startProvider, TestClock } from './support.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let hackney: CaseTestCouncil;
let ceredigion: CaseTestCouncil;
const clock = new TestClock();
const browsers = new Map<Role | 'anonymous', StaffBrowser>();
let welshOfficer: StaffBrowser;

/** A response template, as a council's file gives them (cases.responseTemplates). */
function withTemplates(c: CouncilConfig): CouncilConfig {
  return {
    ...c,
    cases: {
      responseTemplates: [
        { id: 'fixed-thanks', service: 'report', state: 'fixed', title: 'Fixed, thank you', text: { en: 'We have fixed this. Thank you for telling us.', cy: 'Rydym wedi trwsio hyn. Diolch am ddweud wrthym.' } },
      ],
    },
  };
}

beforeAll(async () => {
  store = await embeddedStore();
  const clients = await devClients(['hackney', 'ceredigion']);
  idp = await startProvider(['hackney', 'ceredigion'], clients);
  hackney = await caseTestCouncil('hackney', { endpoint: store.endpoint, issuer: idp.issuer, client: clients[0], clock, councilOverride: withTemplates });
  ceredigion = await caseTestCouncil('ceredigion', { endpoint: store.endpoint, issuer: idp.issuer, client: clients[1], clock, councilOverride: withTemplates });
  clock.sync();
  for (const role of ROLES) {
    const browser = new StaffBrowser(hackney);
    expect((await browser.signIn(`hackney-${role}`)).status).toBe(303);
    browsers.set(role, browser);
  }
  browsers.set('anonymous', new StaffBrowser(hackney));
  welshOfficer = new StaffBrowser(ceredigion);
  expect((await welshOfficer.signIn('ceredigion-officer')).status).toBe(303);
});

afterAll(async () => {
  await idp?.close();
  await store?.close();
});

const officer = () => browsers.get('officer')!;
const supervisor = () => browsers.get('supervisor')!;

async function newCase(target = hackney, options: Parameters<typeof reportCase>[2] = {}) {
  const result = await reportCase(target, clock.read(), options);
  return result.case.reference;
}

/** Opens the case page as `browser` and posts one of its forms with these answers. */
async function act(browser: StaffBrowser, reference: string, action: string, fields: Record<string, string>) {
  const page = await browser.get(`/staff/cases/${reference}`);
  const form = actionForm(await page.text(), action);
  const res = await browser.post(`/staff/cases/${reference}/${action}`, { ...form, ...fields });
  return { res, form };
}

describe('who may use the case, audit and assisted pages', () => {
  type Who = Role | 'anonymous';
  let reference: string;
  beforeAll(async () => {
    reference = await newCase();
  });
  // A POST with no answers: the page again with its errors (400) for a role that may, 403 for one that may not.
  const table: { method: 'GET' | 'POST'; path: (ref: string) => string; expected: Record<Who, number> }[] = [
    { method: 'GET', path: (r) => `/staff/cases/${r}`, expected: { viewer: 200, officer: 200, supervisor: 200, admin: 403, anonymous: 303, care: 200, 'data-protection': 403 } },
    { method: 'POST', path: (r) => `/staff/cases/${r}/state`, expected: { viewer: 403, officer: 400, supervisor: 400, admin: 403, anonymous: 403, care: 400, 'data-protection': 403 } },
    { method: 'POST', path: (r) => `/staff/cases/${r}/update`, expected: { viewer: 403, officer: 400, supervisor: 400, admin: 403, anonymous: 403, care: 400, 'data-protection': 403 } },
    { method: 'POST', path: (r) => `/staff/cases/${r}/note`, expected: { viewer: 403, officer: 400, supervisor: 400, admin: 403, anonymous: 403, care: 400, 'data-protection': 403 } },
    { method: 'POST', path: (r) => `/staff/cases/${r}/duplicate`, expected: { viewer: 403, officer: 400, supervisor: 400, admin: 403, anonymous: 403, care: 400, 'data-protection': 403 } },
    { method: 'POST', path: (r) => `/staff/cases/${r}/assign`, expected: { viewer: 403, officer: 403, supervisor: 400, admin: 403, anonymous: 403, care: 403, 'data-protection': 403 } },
    { method: 'GET', path: () => '/staff/audit', expected: { viewer: 403, officer: 403, supervisor: 403, admin: 200, anonymous: 303, care: 403, 'data-protection': 403 } },
    { method: 'GET', path: (r) => `/staff/audit/cases/${r}`, expected: { viewer: 403, officer: 403, supervisor: 403, admin: 200, anonymous: 303, care: 403, 'data-protection': 403 } },
    { method: 'GET', path: () => '/staff/audit/staff/hackney-officer', expected: { viewer: 403, officer: 403, supervisor: 403, admin: 200, anonymous: 303, care: 403, 'data-protection': 403 } },
    { method: 'GET', path: () => '/staff/assisted', expected: { viewer: 403, officer: 200, supervisor: 200, admin: 403, anonymous: 303, care: 200, 'data-protection': 403 } },
    { method: 'POST', path: () => '/staff/assisted', expected: { viewer: 403, officer: 400, supervisor: 400, admin: 403, anonymous: 403, care: 400, 'data-protection': 403 } },
    { method: 'POST', path: () => '/staff/assisted/stop', expected: { viewer: 403, officer: 303, supervisor: 303, admin: 403, anonymous: 403, care: 303, 'data-protection': 403 } },
  ];
  const rows = table.flatMap((route) => (Object.keys(route.expected) as Who[]).map((who) => ({ ...route, who, status: route.expected[who], name: route.path('REF') })));

  it.each(rows)('$method $name as $who → $status', async ({ method, path, who, status }) => {
    const browser = browsers.get(who)!;

    const res = method === 'GET' ? await browser.get(path(reference)) : await browser.post(path(reference));

    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
  });

  it('offers no route that edits or deletes an audit record', async () => {
    const admin = browsers.get('admin')!;
    for (const path of [`/staff/audit/cases/${reference}`, `/staff/audit/cases/${reference}/delete`, '/staff/audit/staff/hackney-officer']) {
      expect((await admin.post(path)).status).toBe(404);
    }
  });
});

describe('viewing a case', () => {
  it('shows a viewer the public report but not the resident’s details, and records no view of them', async () => {
    const reference = await newCase();

    const html = await (await browsers.get('viewer')!.get(`/staff/cases/${reference}`)).text();

    const page = textOf(html);
    expect(page).toContain(`Case ${reference}`);
    expect(page).toContain('A deep hole by the bus stop');
    expect(page).toContain('Online');
    expect(html).toContain('data-testid="personal-withheld"');
    expect(page).not.toContain('Ann Resident');
    expect(page).not.toContain('ann@example.com');
    expect(page).not.toContain('020 7946 0000');
    expect(html).not.toContain('/note"');
    expect((await listCaseAudit(hackney.store, reference, { limit: 10 })).records).toEqual([]);
  });

  it('shows an officer the resident’s details and audits the view', async () => {
    const reference = await newCase();

    const html = await (await officer().get(`/staff/cases/${reference}`)).text();

    const page = textOf(html);
    expect(page).toContain('Ann Resident');
    expect(page).toContain('ann@example.com');
    expect(page).toContain('020 7946 0000');
    expect(html).not.toContain('data-testid="personal-withheld"');
    const { records } = await listCaseAudit(hackney.store, reference, { limit: 10 });
    expect(records).toMatchObject([{ action: 'personal-data-viewed', caseRef: reference, who: { kind: 'staff', sub: 'hackney-officer' }, at: clock.read().toISOString() }]);
  });

  it('shows the location with its address and coordinates, and the resident’s words in their language', async () => {
    const reference = await newCase(ceredigion, { lang: 'cy', description: 'Twll mawr yn y ffordd' });

    const html = await (await welshOfficer.get(`/cy/staff/cases/${reference}`)).text();

    expect(html).toMatch(/<html lang="cy"/);
    expect(html).toContain('<span class="app-pre-wrap" lang="cy">Twll mawr yn y ffordd</span>');
    expect(textOf(html)).toMatch(/-?\d+\.\d{5}, -?\d+\.\d{5}/);
    expect(textOf(html)).toContain('Lleoliad');
  });

  it('shows a resident’s comment from a resident channel in the history, as they wrote it, named only for an officer', async () => {
    const reference = await newCase();
    const found = (await getCase(hackney.store, reference, clock.read()))!;
    await addResidentComment(hackney.store, found, { actionId: 'fms-comment-1', by: { kind: 'resident', name: 'Ann Resident', via: { keyId: 'k1', name: 'FixMyStreet' } }, text: 'Still not fixed' }, clock.read());

    const forOfficer = textOf(await (await officer().get(`/staff/cases/${reference}`)).text());
    const forViewer = textOf(await (await browsers.get('viewer')!.get(`/staff/cases/${reference}`)).text());

    expect(forOfficer).toContain('Comment from the resident');
    expect(forOfficer).toContain('Still not fixed');
    expect(forOfficer).toContain('Ann Resident, through FixMyStreet');
    expect(forViewer).toContain('The resident, through FixMyStreet');
    expect(forViewer).not.toContain('Ann Resident');
  });

  it('shows a viewer none of the case’s details (free text included) nor the words of a resident’s comment or a staff note, only that they came and when; an officer sees them', async () => {
    const bins = await caseOf(hackney.secrets, {
      at: clock.read(),
      service: 'bins',
      type: 'missed-collection',
      details: { name: 'Bea Resident', address: '1 Linscott Road', container: 'Green box', collectionDate: '2026-11-30', more: 'My carer Dan Smith leaves the gate open, call 07700 900123' },
    });
    await putCases(hackney.store, [bins]);
    await addResidentComment(hackney.store, bins, { actionId: 'fms-comment-viewer', by: { kind: 'resident', name: 'Bea Resident', via: { keyId: 'k1', name: 'FixMyStreet' } }, text: 'Dan is at home on Tuesdays' }, clock.read());
    expect((await act(officer(), bins.reference, 'note', { text: 'Rang Bea on 07700 900456' })).res.status).toBe(303);

    const forViewer = await (await browsers.get('viewer')!.get(`/staff/cases/${bins.reference}`)).text();
    const forOfficer = textOf(await (await officer().get(`/staff/cases/${bins.reference}`)).text());

    const viewerText = textOf(forViewer);
    for (const words of ['Bea Resident', '1 Linscott Road', 'Green box', '2026-11-30', 'Dan Smith', '07700 900123', 'Dan is at home on Tuesdays', '07700 900456']) expect(viewerText).not.toContain(words);
    expect(forViewer).toContain('data-testid="personal-withheld"');
    expect(forViewer).toContain('data-kind="resident-comment"');
    expect(viewerText).toContain('Comment from the resident');
    expect(forViewer).toContain('data-kind="note"');
    for (const words of ['Bea Resident', '1 Linscott Road', 'Green box', 'Dan Smith', '07700 900123', 'Dan is at home on Tuesdays', '07700 900456']) expect(forOfficer).toContain(words);
  });

  it('is a 404 for a reference that is not at this council, even one that exists at another', async () => {
    const elsewhere = await newCase(ceredigion);

    const page = await officer().get(`/staff/cases/${elsewhere}`);
    const post = await act(welshOfficer, elsewhere, 'note', { text: 'Mine' }).then(async ({ form }) => officer().post(`/staff/cases/${elsewhere}/note`, { ...form, text: 'Not yours' }));

    expect(page.status).toBe(404);
    expect(post.status).toBe(404);
    expect((await officer().get('/staff/cases/not-a-reference')).status).toBe(404);
    const history = await listHistory(ceredigion.store, (await getCase(ceredigion.store, elsewhere, clock.read()))!);
    expect(history.filter((h) => h.kind === 'note').map((h) => h.text)).toEqual(['Mine']);
  });
});

describe('working a case', () => {
  it('changes the state once however often the same form is sent, and audits it', async () => {
    const reference = await newCase();

    const { res, form } = await act(officer(), reference, 'state', { state: 'investigating' });
    const again = await officer().post(`/staff/cases/${reference}/state`, { ...form, state: 'investigating' });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/cases/${reference}?done=state`);
    expect(again.status).toBe(303);
    const found = (await getCase(hackney.store, reference, clock.read()))!;
    expect(found.state).toBe('investigating');
    expect((await listHistory(hackney.store, found)).filter((h) => h.kind === 'state')).toHaveLength(1);
    const banner = textOf(await (await officer().get(`/staff/cases/${reference}?done=state`)).text());
    expect(banner).toContain('The state has been changed.');
    expect(banner).toContain('State changed from Submitted to Investigating');
    const audit = (await listCaseAudit(hackney.store, reference, { limit: 20 })).records.filter((r) => r.action === 'state');
    expect(audit).toMatchObject([{ who: { sub: 'hackney-officer' }, detail: 'investigating' }]);
  });

  it('completes the audit of an action whose audit write failed when the officer sends it again, recording it once', async () => {
    const reference = await newCase();
    const { form } = await act(officer(), reference, 'state', { state: 'investigating' });
    const stateAudit = async () => (await listCaseAudit(hackney.store, reference, { limit: 20 })).records.filter((r) => r.action === 'state');
    const [first] = await stateAudit();
    // The audit write "failed": the change is on the case, its audit record is not.
    await documentClient(hackney.store).send(new DeleteCommand({ TableName: hackney.store.tableName, Key: { pk: `AUDIT#CASE#${reference}`, sk: `${first.at}#${first.id}` } }));
    expect(await stateAudit()).toEqual([]);

    const retry = await officer().post(`/staff/cases/${reference}/state`, { ...form, state: 'investigating' });
    await officer().post(`/staff/cases/${reference}/state`, { ...form, state: 'investigating' });

    expect(retry.status).toBe(303);
    expect(await stateAudit()).toMatchObject([{ who: { sub: 'hackney-officer' }, detail: 'investigating', at: first.at }]);
  });

  it('refuses an action without the CSRF token, changing nothing', async () => {
    const reference = await newCase();
    const page = await (await officer().get(`/staff/cases/${reference}`)).text();

    const res = await officer().post(`/staff/cases/${reference}/note`, { ...actionForm(page, 'note'), text: 'Sneaky' }, { csrf: null });

    expect(res.status).toBe(403);
    const found = (await getCase(hackney.store, reference, clock.read()))!;
    expect((await listHistory(hackney.store, found)).filter((h) => h.kind === 'note')).toEqual([]);
  });

  it.each([
    ['update', { text: '   ' }, '#update-text', 'Enter some text'],
    ['note', { text: '' }, '#note-text', 'Enter some text'],
    ['state', { state: 'on-the-moon' }, '#state', 'Choose a state from the list'],
    ['state', { state: 'submitted' }, '#state', 'The case is already in that state: choose another'],
    ['duplicate', { of: 'ABCD-2345' }, '#duplicate-of', 'There is no case with that reference at this council'],
    ['duplicate', { of: 'nonsense' }, '#duplicate-of', 'Enter a reference like ABCD-2345'],
  ])('explains a bad %s form in the error summary, answers kept', async (action, fields, href, message) => {
    const reference = await newCase();

    const { res } = await act(officer(), reference, action, fields);

    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('class="govuk-error-summary"');
    expect(html).toContain(`href="${href}"`);
    expect(textOf(html)).toContain(message);
    if ('of' in fields) expect(html).toContain(`value="${fields.of}"`);
    expect((await getCase(hackney.store, reference, clock.read()))!.version).toBe(0);
  });

  it('keeps a long note’s words when refusing it', async () => {
    const reference = await newCase();
    const text = `Called back. ${'x'.repeat(5001)}`;

    const { res } = await act(officer(), reference, 'note', { text });

    expect(res.status).toBe(400);
    expect(await res.text()).toContain(text);
  });

  it('refuses an action made from a page a colleague has since changed', async () => {
    const reference = await newCase();
    const stale = actionForm(await (await officer().get(`/staff/cases/${reference}`)).text(), 'state');
    await act(supervisor(), reference, 'note', { text: 'Looked at it' });

    const res = await officer().post(`/staff/cases/${reference}/state`, { ...stale, state: 'fixed' });

    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('Someone changed this case since you opened it');
    expect((await getCase(hackney.store, reference, clock.read()))!.state).toBe('submitted');
  });

  it('adds an internal note that is never published', async () => {
    const reference = await newCase();

    const { res } = await act(officer(), reference, 'note', { text: 'Rang the resident back' });

    expect(res.status).toBe(303);
    const found = (await getCase(hackney.store, reference, clock.read()))!;
    expect(found.updates).toEqual([]);
    expect(textOf(await (await officer().get(`/staff/cases/${reference}`)).text())).toContain('Rang the resident back');
    const track = textOf(await (await officer().get(`/report/track?reference=${reference}`)).text());
    expect(track).not.toContain('Rang the resident back');
  });

  it('assigns a case to an officer who has signed in, and refuses one who is not on the list', async () => {
    const reference = await newCase();

    const unknown = await act(supervisor(), reference, 'assign', { to: 'somebody-else' });
    const { res, form } = await act(supervisor(), reference, 'assign', { to: 'hackney-officer' });
    const again = await supervisor().post(`/staff/cases/${reference}/assign`, { ...form, to: 'hackney-officer' });

    expect(unknown.res.status).toBe(400);
    expect(textOf(await unknown.res.text())).toContain('Choose an officer from the list');
    expect(res.status).toBe(303);
    expect(again.status).toBe(303);
    const found = (await getCase(hackney.store, reference, clock.read()))!;
    expect(found.assignedTo?.sub).toBe('hackney-officer');
    expect((await listHistory(hackney.store, found)).filter((h) => h.kind === 'assignment')).toHaveLength(1);
    const { res: back } = await act(supervisor(), reference, 'assign', { to: '' });
    expect(back.status).toBe(303);
    expect((await getCase(hackney.store, reference, clock.read()))!.assignedTo).toBeUndefined();
  });

  it('marks a case as a duplicate of another at this council', async () => {
    const original = await newCase();
    const reference = await newCase();

    const { res } = await act(officer(), reference, 'duplicate', { of: original.toLowerCase() });

    expect(res.status).toBe(303);
    const found = (await getCase(hackney.store, reference, clock.read()))!;
    expect(found).toMatchObject({ state: 'duplicate', duplicateOf: original, status: 'closed' });
    const self = await act(officer(), original, 'duplicate', { of: original });
    expect(self.res.status).toBe(400);
    expect(textOf(await self.res.text())).toContain('A case cannot be a duplicate of itself');
  });
});

describe('a public update', () => {
  it('prefills from a template in the resident’s language, is tracked and emailed in Welsh, once', async () => {
    const reference = await newCase(ceredigion, { lang: 'cy', contact: { name: 'Siân', email: 'sian@example.com' } });

    const prefilled = await (await welshOfficer.get(`/staff/cases/${reference}?template=fixed-thanks`)).text();
    expect(prefilled).toContain('Rydym wedi trwsio hyn. Diolch am ddweud wrthym.</textarea>');
    expect(prefilled).toMatch(/<option value="fixed" selected="">/);
    const form = actionForm(prefilled, 'update');
    const res = await welshOfficer.post(`/staff/cases/${reference}/update`, { ...form, text: 'Rydym wedi trwsio hyn. Diolch am ddweud wrthym.', state: 'fixed' });
    const again = await welshOfficer.post(`/staff/cases/${reference}/update`, { ...form, text: 'Rydym wedi trwsio hyn. Diolch am ddweud wrthym.', state: 'fixed' });

    expect(res.status).toBe(303);
    expect(again.status).toBe(303);
    const found = (await getCase(ceredigion.store, reference, clock.read()))!;
    expect(found.state).toBe('fixed');
    expect(found.updates).toHaveLength(1);
    const track = textOf(await (await new StaffBrowser(ceredigion).get(`/cy/report/track?reference=${reference}`)).text());
    expect(track).toContain('Rydym wedi trwsio hyn. Diolch am ddweud wrthym.');
    expect(track).toContain('Wedi’i drwsio');
    const emails = ceredigion.outbox.sent().filter((e) => e.reference === reference && e.template === 'report-case-update');
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: 'sian@example.com', lang: 'cy' });
    expect(emails[0].subject).toContain('Diweddariad ar eich cais');
    expect(emails[0].body).toContain('Rydym wedi trwsio hyn.');
  });
});

describe('a public update that is not emailed', () => {
  it('tells the officer the update is published but the resident was not emailed, while an earlier email is still waiting', async () => {
    const reference = await newCase(hackney, { deliver: false, contact: { name: 'Ann', email: 'ann-waiting@example.com' } });

    const { res } = await act(officer(), reference, 'update', { text: 'We are looking at this.', state: '' });
    const banner = textOf(await (await officer().get(res.headers.get('location')!)).text());

    expect(res.headers.get('location')).toBe(`/staff/cases/${reference}?done=update&email=pending`);
    expect(banner).toContain('The update has been published. The resident was not emailed this time: an earlier email to them is still waiting to be sent.');
    expect(banner).not.toContain('emailed to the resident.');
    expect(hackney.outbox.sent().filter((e) => e.reference === reference && e.template === 'report-case-update')).toEqual([]);
    expect((await getCase(hackney.store, reference, clock.read()))!.updates).toHaveLength(1);
  });

  it('says so in Welsh, and says when the resident gave no email address', async () => {
    const waiting = await newCase(ceredigion, { lang: 'cy', deliver: false, contact: { name: 'Siân', email: 'sian-waiting@example.com' } });
    const noAddress = await newCase(ceredigion, { lang: 'cy', contact: { name: 'Siôn', phone: '01970 000000' } });

    const pending = await welshOfficer.post(`/staff/cases/${waiting}/update`, { ...actionForm(await (await welshOfficer.get(`/staff/cases/${waiting}`)).text(), 'update'), text: 'Rydym yn edrych ar hyn.', state: '' });
    const none = await welshOfficer.post(`/staff/cases/${noAddress}/update`, { ...actionForm(await (await welshOfficer.get(`/staff/cases/${noAddress}`)).text(), 'update'), text: 'Rydym yn edrych ar hyn.', state: '' });

    expect(pending.headers.get('location')).toBe(`/staff/cases/${waiting}?done=update&email=pending`);
    expect(none.headers.get('location')).toBe(`/staff/cases/${noAddress}?done=update&email=no-address`);
    expect(textOf(await (await welshOfficer.get(`/cy/staff/cases/${waiting}?done=update&email=pending`)).text())).toContain(
      'Mae’r diweddariad wedi’i gyhoeddi. Ni anfonwyd e-bost at y preswylydd y tro hwn',
    );
    expect(textOf(await (await welshOfficer.get(`/cy/staff/cases/${noAddress}?done=update&email=no-address`)).text())).toContain('ni roddodd gyfeiriad e-bost');
  });
});

describe('the audit pages', () => {
  it('list a case’s audit newest first, a page at a time, for an admin', async () => {
    const reference = await newCase();
    const start = clock.read().getTime();
    for (let i = 0; i < 53; i++) await recordAudit(hackney.store, { who: { kind: 'staff', sub: 'audit-test-officer', name: 'Officer' }, action: 'note', caseRef: reference, detail: `n${i}`, at: new Date(start + i * 1000).toISOString() });
    const admin = browsers.get('admin')!;

    const first = await (await admin.get(`/staff/audit/cases/${reference}`)).text();

    const rows = [...first.matchAll(/data-action="note"/g)];
    expect(rows).toHaveLength(50);
    expect(textOf(first).indexOf('n52')).toBeLessThan(textOf(first).indexOf('n51'));
    const next = /href="(\?after=[^"]+)"/.exec(first)![1].replace(/&amp;/g, '&');
    const second = await (await admin.get(`/staff/audit/cases/${reference}${next}`)).text();
    expect([...second.matchAll(/data-action="note"/g)]).toHaveLength(3);
    expect(textOf(second)).toContain('n0');
    expect(second).not.toContain('?after=');
  });

  it('list what a member of staff did', async () => {
    const reference = await newCase();
    clock.advance(60_000);
    await act(officer(), reference, 'note', { text: 'Checked' });

    const page = textOf(await (await browsers.get('admin')!.get('/staff/audit/staff/hackney-officer')).text());

    expect(page).toContain(reference);
    expect(page).toContain('Added an internal note');
    // The view and the note were made at the same (fixed) instant: either may list first.
    expect((await listStaffAudit(hackney.store, 'hackney-officer', { limit: 2 })).records).toContainEqual(expect.objectContaining({ action: 'note', caseRef: reference }));
  });

  it('name a queue export in words, with the filters it exported', async () => {
    clock.advance(60_000);
    await recordAudit(hackney.store, { who: { kind: 'staff', sub: 'audit-export-supervisor', name: 'Sue Supervisor' }, action: 'export', detail: 'state=fixed (with personal data)', at: clock.read().toISOString() });

    const html = await (await browsers.get('admin')!.get('/staff/audit/staff/audit-export-supervisor')).text();

    expect(html).toContain('data-action="export"');
    expect(textOf(html)).toContain('Exported cases as CSV: state=fixed (with personal data)');
  });
});

describe('assisted digital', () => {
  /** The report journey for a pothole at 17 Sandringham Mews, E8 2NS, up to sending it. */
  async function reportAPothole(browser: StaffBrowser, email: string) {
    const start = await browser.post('/report', { group: 'roads' });
    const base = start.headers.get('location')!.replace(/\/[a-z-]+$/, '');
    await browser.post(`${base}/category`, { category: 'pothole' });
    await browser.post(`${base}/notice`, {});
    await browser.post(`${base}/questions`, { 'attribute-depth': 'over_10cm' });
    await browser.post(`${base}/location`, { method: 'postcode' });
    await browser.post(`${base}/postcode`, { postcode: 'E8 2NS' });
    const addresses = await (await browser.get(`${base}/address`)).text();
    await browser.post(`${base}/address`, { uprn: /name="uprn" type="radio" value="(\d+)"/.exec(addresses)![1] });
    await browser.post(`${base}/description`, { description: 'A deep hole by the bus stop' });
    await browser.post(`${base}/photo`, {});
    await browser.post(`${base}/contact`, { name: 'Bob Caller', email, phone: '' });
    const sent = await browser.post(`${base}/check`, {});
    expect(sent.status).toBe(303);
    return /\/report\/done\/([A-Z0-9-]+)/.exec(sent.headers.get('location')!)![1];
  }

  it('records the channel and who made it for whom, and the resident gets the same confirmation', async () => {
    const browser = officer();
    const start = await browser.post('/staff/assisted', { service: 'report', channel: 'phone', resident: 'Bob Caller' });
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe('/report');

    const reference = await reportAPothole(browser, 'bob@example.com');

    const found = (await getCase(hackney.store, reference, clock.read()))!;
    expect(found.channel).toBe('phone');
    expect(found.madeBy).toEqual({ staff: { sub: 'hackney-officer', name: expect.any(String) }, forResident: 'Bob Caller' });
    const confirmation = hackney.outbox.sent().filter((e) => e.reference === reference);
    expect(confirmation).toMatchObject([{ to: 'bob@example.com', template: 'problem-report-confirmation' }]);
    const page = textOf(await (await browser.get(`/staff/cases/${reference}`)).text());
    expect(page).toMatch(/Made by .+ for Bob Caller/);
    expect(page).toContain('Phone');
    expect((await listCaseAudit(hackney.store, reference, { limit: 10 })).records.map((r) => r.action)).toContain('assisted-case');
    // One marker, one case: the officer's next report is their own again.
    const next = await reportAPothole(browser, 'someone@example.com');
    expect((await getCase(hackney.store, next, clock.read()))!).toMatchObject({ channel: 'online', madeBy: undefined });
  });

  it('stamps nothing on a resident’s report, nor on one made by staff who may not assist', async () => {
    await browsers.get('viewer')!.post('/staff/assisted', { service: 'report', channel: 'phone', resident: 'Nobody' });

    const resident = await reportAPothole(new StaffBrowser(hackney), 'resident@example.com');
    const viewers = await reportAPothole(browsers.get('viewer')!, 'viewer@example.com');

    for (const reference of [resident, viewers]) expect((await getCase(hackney.store, reference, clock.read()))!).toMatchObject({ channel: 'online', madeBy: undefined });
  });

  it('explains a start form with nothing chosen', async () => {
    const res = await officer().post('/staff/assisted', { resident: '' });

    expect(res.status).toBe(400);
    const page = textOf(await res.text());
    expect(page).toContain('Select what the resident wants to report');
    expect(page).toContain('Select how the resident contacted us');
    expect(page).toContain('Enter the resident’s name');
  });

  it('records the channel and made by on a missed bin made at the counter, with the resident’s confirmation', async () => {
    // South Cambridgeshire, round tuesday-a: the blue bin was due on Tuesday 1 December 2026, reportable to the 3rd.
    const counterClock = new TestClock();
    const clients = await devClients(['south-cambridgeshire']);
    const provider = await startProvider(['south-cambridgeshire'], clients);
    try {
      const scambs = await caseTestCouncil('south-cambridgeshire', { endpoint: store.endpoint, issuer: provider.issuer, client: clients[0], clock: counterClock });
      const browser = new StaffBrowser(scambs);
      expect((await browser.signIn('south-cambridgeshire-officer')).status).toBe(303);
      // Signed in by the real time; the collection is on a fixed day before it (a session stays live going back).
      counterClock.advance(Date.parse('2026-12-01T10:00:00Z') - counterClock.read().getTime());
      const start = await browser.post('/staff/assisted', { service: 'bins', channel: 'face-to-face', resident: 'Cara Counter' });
      expect(start.headers.get('location')).toBe('/bins');

      const report = '/bins/property/10033500001/report/blue-bin';
      const details = await (await browser.get(report)).text();
      const submissionId = /name="submissionId" value="([^"]+)"/.exec(details)![1];
      const check = await (await browser.post(report, { step: 'details', more: '', email: 'cara@example.com', submissionId })).text();
      const fields = Object.fromEntries([...check.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].filter((m) => m[1] !== 'csrf').map((m) => [m[1], m[2]]));
      const sent = await browser.post(report, { ...fields, step: 'submit' });

      expect(sent.status).toBe(303);
      const reference = /\/bins\/report\/([A-Z0-9-]+)/.exec(sent.headers.get('location')!)![1];
      const found = (await getCase(scambs.store, reference, counterClock.read()))!;
      expect(found.channel).toBe('face-to-face');
      expect(found.madeBy).toMatchObject({ staff: { sub: 'south-cambridgeshire-officer' }, forResident: 'Cara Counter' });
      expect(scambs.outbox.sent().filter((e) => e.reference === reference)).toMatchObject([{ to: 'cara@example.com', template: 'missed-collection-confirmation' }]);
    } finally {
      await provider.close();
    }
  });

  it('looks for the same cookie the staff sign-in sets', () => {
    expect(STAFF_COOKIE_NAME).toBe(STAFF_COOKIE);
  });
});
