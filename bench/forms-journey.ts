/**
 * The forms engine's bench: a 20-page form (BENCH_FORM) joins the catalogue and Hackney adopts it
 * before the local host starts; the bench walks it over HTTP as a browser would, counting the store
 * requests of every page view (GET) and every answer (POST, then its 303), the check answers page
 * and the send; then times a question page with a draft through the council's app against a bare
 * route answering the same bytes, in alternating rounds in this process.
 */
import { CATALOGUE_FORMS } from '../catalogue/forms.ts';
import type { CouncilConfig } from '../functions/config/council-schema.ts';
import { adoptionIssues, type FormsConfig } from '../functions/modules/forms/config.ts';
import { defineForm } from '../functions/modules/forms/definition/define-form.ts';
import { formProblems, problemText } from '../functions/modules/forms/definition/form-schema.ts';
import type { FormDefinition } from '../functions/modules/forms/definition/types.ts';
import { bareCopy, capturePage } from './page-cost.ts';
import { CSRF_COOKIE, CSRF_FIELD } from '../functions/core/http/csrf.ts';
import type { HttpResult, JourneyRequest } from './report-journey.ts';
import { closeServer, listen, type Servers } from './servers.ts';
import { median } from './stats.ts';

const en = (text: string) => ({ en: text });

/**
 * Twenty pages a council form might well have (a housing-style application): name, contact
 * details, date of birth, an address from the look-up, yes/no questions with routes (one to an
 * exit, one into a branch the bench takes), numbers, dates, single and many selections, a
 * repeatable question, a page of two questions, a National Insurance number, long text.
 */
export const BENCH_FORM: FormDefinition = defineForm({
  id: 'bench-twenty-pages',
  version: 1,
  credit: { name: 'Local Digital Factory bench' },
  title: en('Apply for housing help (bench form)'),
  summary: en('A twenty-page form the performance bench walks.'),
  start: [en('Use this form to apply for help with housing.'), en('It takes about 15 minutes. If you need help, call us on {contact.phone}.')],
  pages: [
    { id: 'name', questions: [{ key: 'full-name', type: 'name', format: 'full', label: en('What is your name?'), contact: 'name' }] },
    { id: 'email', questions: [{ key: 'email', type: 'email', label: en('What is your email address?'), hint: en('We will send your confirmation here.'), contact: 'email' }] },
    { id: 'phone', questions: [{ key: 'phone', type: 'phone', label: en('What is your phone number?'), optional: true, contact: 'phone' }] },
    { id: 'date-of-birth', questions: [{ key: 'date-of-birth', type: 'date', kind: 'date-of-birth', label: en('What is your date of birth?'), hint: en('For example, 27 3 1985') }] },
    {
      id: 'in-area',
      questions: [{ key: 'in-area', type: 'yesno', label: en('Do you live in {council}?') }],
      routes: [{ when: { question: 'in-area', op: 'equals', value: 'no' }, to: { exit: 'outside-area' } }],
    },
    { id: 'address', questions: [{ key: 'address', type: 'address', label: en('What is your address?') }] },
    {
      id: 'moved-recently',
      questions: [{ key: 'moved-recently', type: 'yesno', label: en('Have you moved in the last 3 years?') }],
      routes: [{ when: { question: 'moved-recently', op: 'equals', value: 'no' }, to: { page: 'tenure' } }],
    },
    // The branch: only asked of those who moved.
    { id: 'previous-address', questions: [{ key: 'previous-address', type: 'text', long: true, maxLength: 500, label: en('What was your previous address?') }] },
    { id: 'move-in-date', questions: [{ key: 'move-in-date', type: 'date', kind: 'other', max: { daysFromToday: 0 }, label: en('When did you move in?') }] },
    {
      id: 'tenure',
      questions: [
        {
          key: 'tenure',
          type: 'selection',
          label: en('Do you rent or own your home?'),
          options: [
            { value: 'council', text: en('I rent from the council') },
            { value: 'housing-association', text: en('I rent from a housing association') },
            { value: 'private', text: en('I rent from a private landlord') },
            { value: 'own', text: en('I own it, or am buying it with a mortgage') },
            { value: 'other', text: en('Something else') },
          ],
        },
      ],
    },
    { id: 'rent', questions: [{ key: 'rent', type: 'number', prefix: '£', min: 0, max: 10000, label: en('How much rent do you pay each month?') }] },
    { id: 'household-size', questions: [{ key: 'household-size', type: 'number', whole: true, min: 1, max: 20, label: en('How many people live in your home?'), hint: en('Include yourself') }] },
    {
      id: 'household',
      questions: [{ key: 'household-member', type: 'text', maxLength: 100, label: en('Name of someone who lives with you'), repeatable: { max: 10 } }],
    },
    {
      id: 'benefits',
      questions: [
        {
          key: 'benefits',
          type: 'selection',
          multiple: true,
          label: en('Does anyone in your home get any of these benefits?'),
          hint: en('Select all that apply'),
          options: [
            { value: 'universal-credit', text: en('Universal Credit') },
            { value: 'housing-benefit', text: en('Housing Benefit') },
            { value: 'pension-credit', text: en('Pension Credit') },
            { value: 'pip', text: en('Personal Independence Payment') },
            { value: 'carers', text: en('Carer’s Allowance') },
          ],
          noneOption: en('No, none of these'),
        },
      ],
    },
    {
      id: 'health',
      questions: [{ key: 'health', type: 'yesno', label: en('Does anyone in your home have a health condition that affects their housing needs?') }],
      routes: [{ when: { question: 'health', op: 'equals', value: 'no' }, to: { page: 'employment' } }],
    },
    {
      id: 'health-details',
      questions: [{ key: 'health-details', type: 'text', long: true, maxLength: 1000, label: en('Tell us about the health condition'), specialCategory: true }],
    },
    {
      id: 'employment',
      title: en('Your work'),
      guidance: [en('Tell us about your main job, if you have one.')],
      questions: [
        { key: 'employer', type: 'organisation', label: en('Employer’s name'), optional: true },
        { key: 'job-title', type: 'text', maxLength: 100, label: en('Job title'), optional: true },
      ],
    },
    { id: 'nino', questions: [{ key: 'nino', type: 'nino', label: en('What is your National Insurance number?'), hint: en('It’s on your National Insurance card, benefit letter, payslip or P60. For example, ‘QQ 12 34 56 C’.') }] },
    {
      id: 'contact-preference',
      questions: [
        {
          key: 'contact-preference',
          type: 'selection',
          label: en('How should we contact you?'),
          options: [
            { value: 'email', text: en('Email') },
            { value: 'phone', text: en('Phone') },
            { value: 'post', text: en('Post') },
          ],
        },
      ],
    },
    { id: 'anything-else', questions: [{ key: 'anything-else', type: 'text', long: true, maxLength: 1000, optional: true, label: en('Is there anything else you want to tell us?') }] },
  ],
  exits: [{ id: 'outside-area', title: en('You cannot use this form'), body: [en('Only residents of {council} can apply.')] }],
  declaration: [en('I confirm that the information I have given is true.')],
  confirmation: { whatHappensNext: [en('We will look at your application and contact you.')], responseTime: en('We will reply within 20 working days.') },
  retentionDays: 365,
  saveAndReturn: { days: 28 },
});

const FORM_PATH = `/forms/${BENCH_FORM.id}`;

/**
 * Adds the bench form to the catalogue (plain data, as tests do) and has `councilId` adopt it; for
 * startServers' `prepare`, after the council files are loaded and checked and before the host is
 * made. Checks the form and the adoption as start-up would, so a broken bench form stops the bench.
 */
export function adoptBenchForm(councils: CouncilConfig[], councilId: string): void {
  const council = councils.find((c) => c.id === councilId);
  if (!council) throw new Error(`No council ${councilId} to adopt the bench form`);
  const problems = formProblems(BENCH_FORM, `bench/forms-journey.ts`);
  if (problems.length > 0) throw new Error(`The bench form is not valid:\n${problemText(problems)}`);
  if (!CATALOGUE_FORMS.some((f) => f.id === BENCH_FORM.id)) (CATALOGUE_FORMS as FormDefinition[]).push(BENCH_FORM);
  const services = council.services as Record<string, unknown>;
  const forms = (services.forms as FormsConfig | undefined) ?? { adopted: {} };
  services.forms = { ...forms, adopted: { ...forms.adopted, [BENCH_FORM.id]: {} } };
  const issues = adoptionIssues(services.forms as FormsConfig, council, CATALOGUE_FORMS);
  if (issues.length > 0) throw new Error(`${councilId} cannot adopt the bench form: ${JSON.stringify(issues)}`);
}

/**
 * Takes the bench form out of the catalogue again, once the host is closed: whatever loads the
 * council files next (synthesis) checks the catalogue against its folder, where it has no file.
 */
export function withdrawBenchForm(): void {
  const forms = CATALOGUE_FORMS as FormDefinition[];
  const at = forms.indexOf(BENCH_FORM);
  if (at >= 0) forms.splice(at, 1);
}

/** One page of the walk: its GET, then what its POST sends; `next` is where the answer must lead. */
interface Step {
  page: string;
  /** The page's path under the draft; a repeatable question's items are `<page>/<n>`, its list `<page>/add-another`. */
  path: string;
  fields: Record<string, string | string[]>;
  next: string;
  /** POSTs before the answer (the address look-up: the postcode, then the list). */
  before?: { fields: Record<string, string>; status: 200 }[];
}

function steps(postcode: string, uprn: string): Step[] {
  return [
    { page: 'name', path: 'name', fields: { 'full-name': 'Ann Resident' }, next: 'email' },
    { page: 'email', path: 'email', fields: { email: 'ann@example.com' }, next: 'phone' },
    { page: 'phone', path: 'phone', fields: { phone: '020 7946 0000' }, next: 'date-of-birth' },
    { page: 'date-of-birth', path: 'date-of-birth', fields: { 'date-of-birth-day': '27', 'date-of-birth-month': '3', 'date-of-birth-year': '1985' }, next: 'in-area' },
    { page: 'in-area', path: 'in-area', fields: { 'in-area': 'yes' }, next: 'address' },
    {
      page: 'address',
      path: 'address',
      before: [{ fields: { 'address-postcode': postcode, 'address-action': 'find' }, status: 200 }],
      fields: { 'address-mode': 'choose', 'address-postcode': postcode, 'address-uprn': uprn },
      next: 'moved-recently',
    },
    { page: 'moved-recently', path: 'moved-recently', fields: { 'moved-recently': 'yes' }, next: 'previous-address' },
    { page: 'previous-address', path: 'previous-address', fields: { 'previous-address': '12 Old Street, London, N1 1AA' }, next: 'move-in-date' },
    { page: 'move-in-date', path: 'move-in-date', fields: { 'move-in-date-day': '1', 'move-in-date-month': '5', 'move-in-date-year': '2024' }, next: 'tenure' },
    { page: 'tenure', path: 'tenure', fields: { tenure: 'private' }, next: 'rent' },
    { page: 'rent', path: 'rent', fields: { rent: '1450.50' }, next: 'household-size' },
    { page: 'household-size', path: 'household-size', fields: { 'household-size': '3' }, next: 'household' },
    // The repeatable question: two people, then "no more".
    { page: 'household (item 1)', path: 'household/0', fields: { 'household-member': 'Bob Resident' }, next: 'household/add-another' },
    { page: 'household (add another)', path: 'household/add-another', fields: { 'add-another': 'yes' }, next: 'household/1' },
    { page: 'household (item 2)', path: 'household/1', fields: { 'household-member': 'Cat Resident' }, next: 'household/add-another' },
    { page: 'household (add another, done)', path: 'household/add-another', fields: { 'add-another': 'no' }, next: 'benefits' },
    { page: 'benefits', path: 'benefits', fields: { benefits: ['universal-credit', 'pip'] }, next: 'health' },
    { page: 'health', path: 'health', fields: { health: 'yes' }, next: 'health-details' },
    { page: 'health-details', path: 'health-details', fields: { 'health-details': 'My son uses a wheelchair and cannot manage stairs.' }, next: 'employment' },
    { page: 'employment', path: 'employment', fields: { employer: 'Hackney Bakery Ltd', 'job-title': 'Baker' }, next: 'nino' },
    { page: 'nino', path: 'nino', fields: { nino: 'JG 10 37 59 A' }, next: 'contact-preference' },
    { page: 'contact-preference', path: 'contact-preference', fields: { 'contact-preference': 'email' }, next: 'anything-else' },
    { page: 'anything-else', path: 'anything-else', fields: { 'anything-else': '' }, next: 'check-answers' },
  ];
}

/**
 * A browser over real HTTP, as report-journey.ts's BrowserSession, whose form posts may repeat a
 * field (a many-selection's checkboxes), as a browser sends them.
 */
class FormSession {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly origin: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private async send(path: string, init: RequestInit): Promise<HttpResult> {
    const res = await fetch(this.origin + path, { ...init, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return { status: res.status, location: res.headers.get('location') ?? '', body: await res.text() };
  }

  get(path: string): Promise<HttpResult> {
    return this.send(path, { headers: { accept: 'text/html', cookie: this.cookieHeader() } });
  }

  post(path: string, fields: Record<string, string | string[]>): Promise<HttpResult> {
    const token = this.cookies.get(CSRF_COOKIE);
    if (!token) throw new Error(`No ${CSRF_COOKIE} cookie yet: GET a page first`);
    const body = new URLSearchParams({ [CSRF_FIELD]: token });
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.send(path, {
      method: 'POST',
      body: body.toString(),
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
    });
  }
}

export interface FormsPageView extends JourneyRequest {
  /** Store reads (GetItem, Query, BatchGetItem) of the request. */
  reads: number;
}

export interface FormsJourneyResult {
  formId: string;
  pages: number;
  /** Every request in order: the start page, Start now, each page's GET and POST, check answers, the send, the confirmation. */
  requests: FormsPageView[];
  /** The GETs of question pages (and of the add-another list): the page views the goal is about. */
  pageViews: FormsPageView[];
  /** The POSTs that answer a question page (the answer's 303, not the address look-up's 200). */
  answers: FormsPageView[];
  /** The address look-up's POST (finds the postcode's addresses, shows the list): reported on its own. */
  lookups: FormsPageView[];
  start: FormsPageView;
  startNow: FormsPageView;
  checkAnswers: FormsPageView;
  send: FormsPageView;
  confirmation: FormsPageView;
  reference: string;
}

const READS = new Set(['GetItemCommand', 'GetCommand', 'QueryCommand', 'BatchGetItemCommand', 'BatchGetCommand', 'ScanCommand']);
const readsOf = (byCommand: Record<string, number>) => Object.entries(byCommand).reduce((n, [k, v]) => n + (READS.has(k) ? v : 0), 0);

function expectStatus(what: string, res: HttpResult, status: number, location?: string): void {
  if (res.status !== status || (location !== undefined && res.location !== location)) {
    throw new Error(`${what}: expected ${status}${location ? ` to ${location}` : ''}, got ${res.status}${res.location ? ` to ${res.location}` : ''}${res.status >= 400 ? `: ${res.body.slice(0, 300)}` : ''}`);
  }
}

/** Walks the bench form once on the local host, from its start page to the confirmation, counting store requests. */
export async function measureFormsJourney(servers: Servers, councilId: string): Promise<FormsJourneyResult> {
  const council = servers.councils.find((c) => c.id === councilId);
  if (council?.addresses?.provider !== 'gazetteer') throw new Error(`${councilId} has no gazetteer to answer the address question from`);
  const property = council.addresses.properties[0];
  const session = new FormSession(servers.councilOrigin);
  const requests: FormsPageView[] = [];
  let draftId = '';
  const tidy = (p: string) => (draftId ? p.replace(draftId, '<id>') : p);

  const counted = async (step: string, method: 'GET' | 'POST', path: string, run: () => Promise<HttpResult>) => {
    await servers.settle();
    servers.counter.reset();
    const res = await run();
    await servers.settle();
    const byCommand = { ...servers.counter.byCommand };
    const r: FormsPageView = { step, method, path, status: res.status, storeRequests: servers.counter.total, byCommand, reads: readsOf(byCommand) };
    requests.push(r);
    return { res, r };
  };
  const get = (step: string, path: string) => counted(step, 'GET', path, () => session.get(path));
  const post = (step: string, path: string, fields: Record<string, string | string[]>) => counted(step, 'POST', path, () => session.post(path, fields));

  const base = `/${councilId}${FORM_PATH}`;
  const start = await get('start page', base);
  expectStatus(`GET ${base}`, start.res, 200);
  const startNow = await post('start now', base, {});
  const firstPage = new RegExp(`^${base}/d/([A-Za-z0-9_-]{22})/name$`);
  const m = firstPage.exec(startNow.res.location);
  if (startNow.res.status !== 303 || !m) expectStatus(`POST ${base} (Start now)`, startNow.res, 303, `${base}/d/<id>/name`);
  draftId = m![1];
  const draft = `${base}/d/${draftId}`;

  const pageViews: FormsPageView[] = [];
  const answers: FormsPageView[] = [];
  const lookups: FormsPageView[] = [];
  for (const s of steps(property.postcode, property.uprn)) {
    const path = `${draft}/${s.path}`;
    const shown = await get(s.page, path);
    expectStatus(`GET ${path}`, shown.res, 200);
    pageViews.push(shown.r);
    for (const b of s.before ?? []) {
      const looked = await post(`${s.page} (find)`, path, b.fields);
      expectStatus(`POST ${path} (find)`, looked.res, b.status);
      if (!looked.res.body.includes(`value="${property.uprn}"`)) throw new Error(`${path}: the look-up for ${property.postcode} does not list ${property.uprn}`);
      lookups.push(looked.r);
    }
    const answered = await post(s.page, path, s.fields);
    expectStatus(`POST ${path}`, answered.res, 303, `${draft}/${s.next}`);
    answers.push(answered.r);
  }

  const check = await get('check answers', `${draft}/check-answers`);
  expectStatus('GET check-answers', check.res, 200);
  const sent = await post('send', `${draft}/check-answers`, {});
  const done = new RegExp(`^${base}/done/([A-Z0-9-]+)$`).exec(sent.res.location);
  if (sent.res.status !== 303 || !done) expectStatus('POST check-answers (send)', sent.res, 303, `${base}/done/<reference>`);
  const confirmation = await get('confirmation', sent.res.location);
  expectStatus(`GET ${sent.res.location}`, confirmation.res, 200);

  for (const r of requests) r.path = tidy(r.path).replace(done![1], '<ref>');
  const distinctPages = new Set(steps('', '').map((s) => s.path.split('/')[0]));
  return {
    formId: BENCH_FORM.id,
    pages: distinctPages.size,
    requests,
    pageViews,
    answers,
    lookups,
    start: start.r,
    startNow: startNow.r,
    checkAnswers: check.r,
    send: sent.r,
    confirmation: confirmation.r,
    reference: done![1],
  };
}

export interface RenderTimeOptions {
  rounds: number;
  /** Sequential requests per target per round. */
  perRound: number;
}

export interface RenderTimeResult {
  /** The page timed, under the council's own app. */
  path: string;
  bytes: number;
  rounds: number;
  perRound: number;
  /** Median ms per request of each round. */
  pageRoundsMs: number[];
  bareRoundsMs: number[];
  /** The baseline server's GET / (one GetItem on the same store, nothing rendered), timed in the same rounds: the store's share. */
  getItemRoundsMs: number[];
  pageMedianMs: number;
  bareMedianMs: number;
  getItemMedianMs: number;
  /** page ÷ bare, the median of the rounds' ratios. */
  ratio: number;
  roundRatios: number[];
}

/**
 * A question page with a draft (its answer shown, the draft cookie sent) through the council's own
 * app, as its Lambda serves it, against a bare Hono route answering the same status, headers and
 * bytes; N sequential requests of each, in alternating rounds (who goes first turns each round),
 * both over loopback HTTP from this process. The baseline's one GetItem is timed in the same rounds,
 * to show how much of the page's time is its one store read.
 */
export async function measureFormRenderTime(servers: Servers, councilId: string, options: RenderTimeOptions): Promise<RenderTimeResult> {
  const council = servers.councils.find((c) => c.id === councilId);
  if (council?.addresses?.provider !== 'gazetteer') throw new Error(`${councilId} has no gazetteer to answer the address question from`);
  const property = council.addresses.properties[0];
  // The draft is made and answered through the local host (the app's links carry its /<id>/ base
  // path, which only the host's mount serves); the timed GETs go to the council's own app.
  const session = new FormSession(servers.councilOrigin);
  const base = `/${councilId}${FORM_PATH}`;
  expectStatus(`GET ${base}`, await session.get(base), 200);
  const started = await session.post(base, {});
  expectStatus(`POST ${base}`, started, 303);
  const draft = started.location.replace(/\/name$/, '');
  // Answered to check answers, so the page timed has its answer shown and the whole path to walk.
  for (const s of steps(property.postcode, property.uprn)) {
    const path = `${draft}/${s.path}`;
    for (const b of s.before ?? []) expectStatus(`POST ${path} (find)`, await session.post(path, b.fields), b.status);
    expectStatus(`POST ${path}`, await session.post(path, s.fields), 303, `${draft}/${s.next}`);
  }
  const origin = await servers.councilAppOrigin(councilId);
  const path = `${draft.slice(`/${councilId}`.length)}/benefits`;
  const cookie = session.cookieHeader();
  const headers = { accept: 'text/html', cookie };
  const page = await capturePage((p) => fetch(origin + p, { headers }), path);
  const bare = await listen(bareCopy(page).fetch);
  const time = async (url: string, init: RequestInit): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < options.perRound; i++) {
      const t0 = performance.now();
      const res = await fetch(url, init);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${url} answered ${res.status} while timed`);
    }
    return median(times);
  };
  try {
    // A warm-up of each: the first requests compile code paths neither should be charged for.
    await time(origin + path, { headers });
    await time(`${bare.origin}/`, { headers });
    await time(`${servers.baselineOrigin}/`, {});
    const pageRoundsMs: number[] = [];
    const bareRoundsMs: number[] = [];
    const getItemRoundsMs: number[] = [];
    const targets = [
      async () => pageRoundsMs.push(await time(origin + path, { headers })),
      async () => bareRoundsMs.push(await time(`${bare.origin}/`, { headers })),
      async () => getItemRoundsMs.push(await time(`${servers.baselineOrigin}/`, {})),
    ];
    for (let i = 0; i < options.rounds; i++) {
      await servers.settle();
      // Who goes first turns each round.
      for (let j = 0; j < targets.length; j++) await targets[(i + j) % targets.length]();
    }
    const roundRatios = pageRoundsMs.map((p, i) => p / bareRoundsMs[i]);
    return {
      path: path.replace(/\/d\/[A-Za-z0-9_-]{22}\//, '/d/<id>/'),
      bytes: Buffer.byteLength(page.body),
      rounds: options.rounds,
      perRound: options.perRound,
      pageRoundsMs,
      bareRoundsMs,
      pageMedianMs: median(pageRoundsMs),
      bareMedianMs: median(bareRoundsMs),
      getItemRoundsMs,
      getItemMedianMs: median(getItemRoundsMs),
      ratio: median(roundRatios),
      roundRatios,
    };
  } finally {
    await closeServer(bare.server);
  }
}
