import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ceredigionFile from '../../councils/ceredigion.ts';
import hackneyFile from '../../councils/hackney.ts';
import type { CouncilConfig, CouncilInput } from '../../functions/config/council-schema.ts';
import { councilSchema } from '../../functions/config/council-schema.ts';
import { addPublicUpdate, changeState, CaseActionError, deliverActionEmail, staffActor } from '../../functions/core/cases/case-actions.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { caseStates, enabledStateFor, isStateEnabled, responseTemplates, stateLabel, type CaseTypeStates } from '../../functions/core/cases/lifecycle.ts';
import { createLogger } from '../../functions/core/logger.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { embeddedStore, textOf } from '../support/harness.ts';
import { actionForm, caseTestCouncil, type CaseTestCouncil } from './case-support.ts';
import { caseOf, postForm, putCases } from './queue-support.ts';
import { devClients, StaffBrowser, startProvider, TestClock } from './support.ts';

/**
 * A care request's own states on the fixed lifecycle (`cases.types`): the fixture council gives an
 * adopted form's cases the care states an adult social care team uses (the care form itself is the
 * catalogue's care-needs-assessment; any form's type takes them the same way).
 */
const CARE_TYPE = 'assisted-bin-collection';
const CARE_STATES: CaseTypeStates = {
  service: 'forms',
  type: CARE_TYPE,
  states: {
    submitted: { label: { en: 'Received', cy: 'Wedi dod i law' } },
    investigating: { label: { en: 'Screening', cy: 'Sgrinio' } },
    'action-scheduled': { label: { en: 'Allocated to a social worker', cy: 'Wedi’i neilltuo i weithiwr cymdeithasol' } },
    'in-progress': { label: { en: 'Assessment booked', cy: 'Asesiad wedi’i drefnu' } },
    fixed: { label: { en: 'Closed: assessment completed', cy: 'Wedi cau: asesiad wedi’i gwblhau' } },
    'not-responsible': false,
    duplicate: false,
    'no-further-action': { label: { en: 'Closed: no assessment needed', cy: 'Wedi cau: dim angen asesiad' } },
    'internal-referral': { label: { en: 'Closed: referred to another team', cy: 'Wedi cau: wedi’i gyfeirio at dîm arall' } },
  },
};

/** The fixture: Ceredigion's file with the care states, and one council-wide rename to show what the other cases keep. */
function withCareStates(c: CouncilConfig): CouncilConfig {
  return {
    ...c,
    cases: {
      ...c.cases,
      states: { ...c.cases?.states, 'internal-referral': { label: { en: 'Passed to another team', cy: 'Wedi’i basio i dîm arall' } } },
      types: [CARE_STATES],
      responseTemplates: [
        ...(c.cases?.responseTemplates ?? []),
        { id: 'forms-not-ours', service: 'forms', state: 'not-responsible', title: 'Not ours', text: { en: 'Not ours.', cy: 'Nid ein cyfrifoldeb ni.' } },
        { id: 'forms-done', service: 'forms', state: 'fixed', title: 'Done', text: { en: 'Done.', cy: 'Wedi gorffen.' } },
      ],
    },
  };
}

describe('a case type’s states in lifecycle.ts', () => {
  const council = { cases: { states: { 'internal-referral': false as const }, types: [CARE_STATES], responseTemplates: [] } };
  const care = { service: 'forms', type: CARE_TYPE };
  const report = { service: 'report', type: 'pothole' };

  it('gives a care case the type’s states and names, on the same state ids and open/closed', () => {
    const states = caseStates(council, care);

    expect(states.map((s) => [s.id, s.status, s.label.en])).toEqual([
      ['submitted', 'open', 'Received'],
      ['investigating', 'open', 'Screening'],
      ['action-scheduled', 'open', 'Allocated to a social worker'],
      ['in-progress', 'open', 'Assessment booked'],
      ['fixed', 'closed', 'Closed: assessment completed'],
      ['no-further-action', 'closed', 'Closed: no assessment needed'],
      // Dropped by the council, taken back by the type.
      ['internal-referral', 'closed', 'Closed: referred to another team'],
    ]);
    expect(stateLabel(council, 'in-progress', 'cy', care)).toBe('Asesiad wedi’i drefnu');
  });

  it('leaves every other case, and the council-wide list, with the council’s states', () => {
    expect(caseStates(council, report).map((s) => s.id)).toEqual(caseStates(council).map((s) => s.id));
    expect(caseStates(council).map((s) => s.id)).not.toContain('internal-referral');
    expect(stateLabel(council, 'in-progress', 'en', report)).toBe('In progress');
    expect(isStateEnabled(council, 'not-responsible', report)).toBe(true);
  });

  it('refuses the type’s dropped states and maps an outside status onto one it keeps', () => {
    expect(isStateEnabled(council, 'not-responsible', care)).toBe(false);
    expect(isStateEnabled(council, 'duplicate', care)).toBe(false);
    expect(enabledStateFor(council, 'not-responsible', care)).toBe('fixed');
    // A dropped state a case still holds keeps a name.
    expect(stateLabel(council, 'not-responsible', 'en', care)).toBe('Not the council’s responsibility');
  });

  it('offers a service-wide response template only to the types that keep its state', () => {
    const templates = [
      { id: 'not-ours', service: 'forms', state: 'not-responsible' as const, title: 'Not ours', text: { en: 'Not ours.' } },
      { id: 'done', service: 'forms', state: 'fixed' as const, title: 'Done', text: { en: 'Done.' } },
    ];
    const withTemplates = { cases: { ...council.cases, responseTemplates: templates } };

    expect(responseTemplates(withTemplates, care).map((t) => t.id)).toEqual(['done']);
    expect(responseTemplates(withTemplates, { service: 'forms', type: 'dropped-kerb' }).map((t) => t.id)).toEqual(['not-ours', 'done']);
  });
});

describe('the council file’s check of cases.types', () => {
  /** The problems councilSchema finds with this `cases` section in a council's file, as "path: message". */
  function problems(file: CouncilInput, cases: unknown): string[] {
    const result = councilSchema.safeParse({ ...file, cases });
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }

  it('accepts care states for a form the council adopts', () => {
    expect(problems(ceredigionFile, { types: [CARE_STATES] })).toEqual([]);
  });

  it('asks a bilingual council for the Welsh of each state’s name', () => {
    const english = { ...CARE_STATES, states: { ...CARE_STATES.states, investigating: { label: { en: 'Screening' } } } };

    expect(problems(ceredigionFile, { types: [english] })).toEqual(['cases.types.0.states.investigating.label.cy: Welsh text is required: this council lists cy in languages']);
    expect(problems(hackneyFile, { types: [english] })).toEqual([]);
  });

  it('refuses a type with no closed state left, or without submitted', () => {
    const noClosed = { ...CARE_STATES, states: { fixed: false, 'not-responsible': false, duplicate: false, 'no-further-action': false, 'internal-referral': false } };
    const noSubmitted = { ...CARE_STATES, states: { submitted: false } };

    expect(problems(ceredigionFile, { types: [noClosed] })).toEqual([`cases.types.0.states: Keep at least one closed state, or no ${CARE_TYPE} case can be closed`]);
    expect(problems(ceredigionFile, { types: [noSubmitted] })).toEqual(['cases.types.0.states.submitted: Every case starts submitted: this state cannot be dropped']);
  });

  it('counts the council’s dropped states in what a type keeps', () => {
    const council = { fixed: false, 'not-responsible': false, duplicate: false, 'internal-referral': false };
    const type = { ...CARE_STATES, states: { 'no-further-action': false } };

    expect(problems(ceredigionFile, { states: council, types: [type] })).toEqual([`cases.types.0.states: Keep at least one closed state, or no ${CARE_TYPE} case can be closed`]);
  });

  it('refuses an unknown service, a type the module does not make for the council, a type given twice and an empty override', () => {
    expect(problems(ceredigionFile, { types: [{ ...CARE_STATES, service: 'care' }] })).toEqual(['cases.types.0.service: There is no service care']);
    expect(problems(ceredigionFile, { types: [{ ...CARE_STATES, type: 'care-needs-asessment' }] })).toEqual([
      expect.stringMatching(/^cases\.types\.0\.type: forms makes no cases of type care-needs-asessment: use one of .*assisted-bin-collection/),
    ]);
    expect(problems(ceredigionFile, { types: [CARE_STATES, CARE_STATES] })).toEqual([`cases.types.1.type: The case type ${CARE_TYPE} of forms is given twice: give all its states in one entry`]);
    expect(problems(ceredigionFile, { types: [{ ...CARE_STATES, states: {} }] })).toEqual(['cases.types.0.states: Name at least one state this type renames or drops']);
    expect(problems(ceredigionFile, { types: [{ ...CARE_STATES, states: { closed: false } }] })).not.toEqual([]);
  });

  it('refuses a template for the type in a state the type drops', () => {
    const template = { id: 'care-not-ours', service: 'forms', type: CARE_TYPE, state: 'not-responsible', title: 'Not ours', text: { en: 'Not ours.', cy: 'Nid ein cyfrifoldeb ni.' } };

    expect(problems(ceredigionFile, { types: [CARE_STATES], responseTemplates: [template] })).toEqual([`cases.responseTemplates.0.state: The state not-responsible is dropped for ${CARE_TYPE} in cases.types`]);
  });
});

describe('care states in the back office', () => {
  let store: Awaited<ReturnType<typeof embeddedStore>>;
  let idp: OidcDevProvider;
  let ceredigion: CaseTestCouncil;
  const clock = new TestClock();
  let officer: StaffBrowser;
  let supervisor: StaffBrowser;

  beforeAll(async () => {
    store = await embeddedStore();
    const clients = await devClients(['ceredigion']);
    idp = await startProvider(['ceredigion'], clients);
    ceredigion = await caseTestCouncil('ceredigion', { endpoint: store.endpoint, issuer: idp.issuer, client: clients[0], clock, councilOverride: withCareStates });
    clock.sync();
    officer = new StaffBrowser(ceredigion);
    expect((await officer.signIn('ceredigion-officer')).status).toBe(303);
    supervisor = new StaffBrowser(ceredigion);
    expect((await supervisor.signIn('ceredigion-supervisor')).status).toBe(303);
  });

  afterAll(async () => {
    await idp?.close();
    await store?.close();
  });

  async function careCase(state: 'submitted' | 'investigating' = 'submitted') {
    const found = await caseOf(ceredigion.secrets, { at: clock.read(), service: 'forms', type: CARE_TYPE, state, public: undefined, details: { name: 'Ann Resident', email: 'ann@example.com' } });
    await putCases(ceredigion.store, [found]);
    return found;
  }

  async function reportCase() {
    const found = await caseOf(ceredigion.secrets, { at: clock.read(), service: 'report', type: 'pothole' });
    await putCases(ceredigion.store, [found]);
    return found;
  }

  /** The options of a select on the page, as [value, text]. */
  function options(html: string, id: string): [string, string][] {
    const select = new RegExp(`<select[^>]*id="${id}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '';
    return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2].replace(/&#39;|&rsquo;/g, '’')]);
  }

  /** The choices of the case page's "New state" radios, as [value, label]. */
  function stateChoices(html: string): [string, string][] {
    const start = html.search(/<form method="post" action="[^"]*\/state"/);
    const form = start < 0 ? '' : html.slice(start, html.indexOf('</form>', start));
    return [...form.matchAll(/name="state" type="radio" value="([^"]+)"[^>]*\/><label[^>]*>([^<]*)<\/label>/g)].map((m) => [m[1], m[2]]);
  }

  it('shows a care case with the care names and offers only its states', async () => {
    const found = await careCase('investigating');

    const html = await (await officer.get(`/staff/cases/${found.reference}`)).text();

    expect(textOf(html)).toContain('Screening');
    expect(stateChoices(html)).toEqual([
      ['submitted', 'Received'],
      ['investigating', 'Screening'],
      ['action-scheduled', 'Allocated to a social worker'],
      ['in-progress', 'Assessment booked'],
      ['fixed', 'Closed: assessment completed'],
      ['no-further-action', 'Closed: no assessment needed'],
      ['internal-referral', 'Closed: referred to another team'],
    ]);
    expect(options(html, 'update-state').map(([v]) => v)).not.toContain('not-responsible');
    // The type drops duplicate: no "mark as a duplicate" form; a template in a dropped state is not offered.
    expect(html).not.toContain(`/cases/${found.reference}/duplicate"`);
    expect(options(html, 'template').map(([v]) => v)).toEqual(['forms-done']);
  });

  it('shows the care names in Welsh on the Welsh page', async () => {
    const found = await careCase();

    const html = await (await officer.get(`/cy/staff/cases/${found.reference}`)).text();

    expect(stateChoices(html).map(([, text]) => text)).toEqual([
      'Wedi dod i law',
      'Sgrinio',
      'Wedi’i neilltuo i weithiwr cymdeithasol',
      'Asesiad wedi’i drefnu',
      'Wedi cau: asesiad wedi’i gwblhau',
      'Wedi cau: dim angen asesiad',
      'Wedi cau: wedi’i gyfeirio at dîm arall',
    ]);
  });

  it('keeps the council’s states for every other case', async () => {
    const found = await reportCase();

    const html = await (await officer.get(`/staff/cases/${found.reference}`)).text();

    expect(stateChoices(html).map(([, text]) => text)).toEqual([
      'Submitted',
      'Investigating',
      'Action scheduled',
      'In progress',
      'Fixed',
      'Not the council’s responsibility',
      'No further action',
      'Passed to another team',
    ]);
    expect(html).toContain(`/cases/${found.reference}/duplicate"`);
  });

  it('moves a care case to one of its states, named so in its history', async () => {
    const found = await careCase();
    const page = await (await officer.get(`/staff/cases/${found.reference}`)).text();

    const res = await officer.post(`/staff/cases/${found.reference}/state`, { ...actionForm(page, 'state'), state: 'action-scheduled' });
    const after = textOf(await (await officer.get(`/staff/cases/${found.reference}`)).text());

    expect(res.status).toBe(303);
    expect((await getCase(ceredigion.store, found.reference, clock.read()))?.state).toBe('action-scheduled');
    expect(after).toContain('Allocated to a social worker');
    expect(after).toMatch(/Received[\s\S]*Allocated to a social worker/);
  });

  it('refuses a state the care type dropped with the page’s error, not a server error, and changes nothing', async () => {
    const found = await careCase();
    const page = await (await officer.get(`/staff/cases/${found.reference}`)).text();

    const state = await officer.post(`/staff/cases/${found.reference}/state`, { ...actionForm(page, 'state'), state: 'not-responsible' });
    const update = await officer.post(`/staff/cases/${found.reference}/update`, { ...actionForm(page, 'update'), text: 'Not ours', state: 'not-responsible' });
    const duplicate = await officer.post(`/staff/cases/${found.reference}/duplicate`, { ...actionForm(page, 'state'), of: found.reference });

    for (const res of [state, update, duplicate]) expect(res.status).toBe(400);
    expect(textOf(await state.text())).toMatch(/There is a problem[\s\S]*Choose a state/i);
    expect((await getCase(ceredigion.store, found.reference, clock.read()))?.state).toBe('submitted');
  });

  it('refuses a dropped state in the case actions themselves', async () => {
    const found = await careCase();
    const council = ceredigion.council;
    const by = staffActor({ sub: 'ceredigion-officer', name: 'Officer' });

    await expect(changeState(ceredigion.store, council, found, { state: 'not-responsible', actionId: 'care-state-1', by }, clock.read())).rejects.toBeInstanceOf(CaseActionError);
    await expect(addPublicUpdate(ceredigion.store, council, found, { text: 'Not ours', state: 'not-responsible', actionId: 'care-update-1', by }, clock.read())).rejects.toThrow(
      `The council does not use the state not-responsible for forms cases of type ${CARE_TYPE}`,
    );
  });

  it('emails the resident the care name of the state an update sets, in their language', async () => {
    const found = { ...(await careCase()), lang: 'cy' as const };
    await putCases(ceredigion.store, [found]);

    const result = await addPublicUpdate(ceredigion.store, ceredigion.council, found, { text: 'Bydd gweithiwr cymdeithasol yn eich ffonio.', state: 'action-scheduled', actionId: 'care-email-1', by: staffActor({ sub: 's', name: 'S' }) }, clock.read());
    const delivered = await deliverActionEmail(ceredigion.store, ceredigion.outbox, result, clock.read(), createLogger());

    expect(delivered).toBe('sent');
    const email = ceredigion.outbox.sent().find((m) => m.reference === found.reference);
    expect(email?.body).toContain('Statws: Wedi’i neilltuo i weithiwr cymdeithasol');
  });

  it('shows care names in the queue’s rows, and keeps the council’s states in its filter', async () => {
    const care = await careCase('investigating');
    const report = await reportCase();

    const html = await (await officer.get('/staff/queue?assigned=anyone')).text();
    const row = (reference: string) => textOf(new RegExp(`<tr class="govuk-table__row" data-reference="${reference}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '');

    expect(row(care.reference)).toContain('Screening');
    expect(row(report.reference)).toContain('Submitted');
    expect(options(html, 'state').map(([v]) => v)).toContain('not-responsible');
  });

  it('leaves a care case out of a bulk change to a state its type dropped, and changes the others', async () => {
    const care = await careCase();
    const report = await reportCase();
    const page = await (await supervisor.get('/staff/queue?assigned=anyone')).text();
    const actionId = /name="actionId" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const body = new URLSearchParams([
      ['actionId', actionId],
      ['cases', `${care.reference}:${care.version}`],
      ['cases', `${report.reference}:${report.version}`],
      ['state', 'not-responsible'],
      ['return', ''],
    ]);

    const res = await postForm(supervisor, ceredigion.app, '/staff/queue/bulk', body);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('changed=1&unchanged=1');
    expect((await getCase(ceredigion.store, care.reference, clock.read()))?.state).toBe('submitted');
    expect((await getCase(ceredigion.store, report.reference, clock.read()))?.state).toBe('not-responsible');
  });
});
