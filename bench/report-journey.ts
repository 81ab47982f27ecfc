/**
 * The report-a-problem journey (functions/modules/report/routes.tsx) walked over HTTP as a browser
 * would, on the local host: each step's page (GET) and answer (POST, then its 303) with the store
 * requests each one made. Also prepares drafts up to the check page for the submission load.
 *
 * Pothole in Hackney: Roads → Pothole (a notice, a required depth question), E8 2NS → an address,
 * a description, no photo, contact details, check, send.
 */
import { CSRF_COOKIE, CSRF_FIELD } from '../functions/core/http/csrf.ts';
import type { Servers } from './servers.ts';
import type { PageCount } from './store-requests.ts';

export const JOURNEY = {
  group: 'roads',
  category: 'pothole',
  answers: { 'attribute-depth': 'over_10cm' },
  postcode: 'E8 2NS',
  description: 'A deep hole by the bus stop',
  contact: { name: 'Ann Resident', email: 'ann@example.com', phone: '020 7946 0000' },
} as const;

export interface HttpResult {
  status: number;
  location: string;
  body: string;
}

/** A browser-like client over real HTTP: keeps the cookies it is given and fills in the CSRF field. */
export class BrowserSession {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly origin: string) {}

  get csrfToken(): string {
    const token = this.cookies.get(CSRF_COOKIE);
    if (!token) throw new Error(`No ${CSRF_COOKIE} cookie yet: GET a page first`);
    return token;
  }

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

  /** A form post (urlencoded) with the session's CSRF token in its field. */
  post(path: string, fields: Record<string, string>): Promise<HttpResult> {
    const body = new URLSearchParams(fields);
    body.set(CSRF_FIELD, this.csrfToken);
    return this.send(path, {
      method: 'POST',
      body: body.toString(),
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
    });
  }
}

interface DraftStep {
  step: string;
  fields: (uprn: string) => Record<string, string>;
  /** Where the answer must redirect to. */
  next: string;
}

/** The steps of a draft after the group, each answered in turn; the last leads to the check page. */
const DRAFT_STEPS: DraftStep[] = [
  { step: 'category', fields: () => ({ category: JOURNEY.category }), next: 'notice' },
  { step: 'notice', fields: () => ({}), next: 'questions' },
  { step: 'questions', fields: () => ({ ...JOURNEY.answers }), next: 'location' },
  { step: 'location', fields: () => ({ method: 'postcode' }), next: 'postcode' },
  { step: 'postcode', fields: () => ({ postcode: JOURNEY.postcode }), next: 'address' },
  { step: 'address', fields: (uprn) => ({ uprn }), next: 'description' },
  { step: 'description', fields: () => ({ description: JOURNEY.description }), next: 'photo' },
  // No file: "continue without a photo".
  { step: 'photo', fields: () => ({}), next: 'contact' },
  { step: 'contact', fields: () => ({ ...JOURNEY.contact }), next: 'check' },
];

const draftBasePattern = (councilId: string) => new RegExp(`^(/${councilId}/report/d/[A-Za-z0-9_-]{22})/([a-z-]+)$`);
const donePattern = (councilId: string) => new RegExp(`^/${councilId}/report/done/([A-Z0-9-]+)$`);

function expectRedirect(what: string, res: HttpResult, to: string | RegExp): string {
  const ok = res.status === 303 && (typeof to === 'string' ? res.location === to : to.test(res.location));
  if (!ok) throw new Error(`${what}: expected a 303 to ${to}, got ${res.status}${res.location ? ` to ${res.location}` : ''}`);
  return res.location;
}

function expectPage(what: string, res: HttpResult): void {
  if (res.status !== 200) throw new Error(`${what}: expected 200, got ${res.status}${res.location ? ` to ${res.location}` : ''}`);
}

/** Starts a draft: the group page (for the CSRF cookie), then the group. Returns the draft's base path. */
async function startDraft(session: BrowserSession, councilId: string): Promise<string> {
  const res = await session.post(`/${councilId}/report`, { group: JOURNEY.group });
  const location = expectRedirect('POST /report', res, draftBasePattern(councilId));
  return draftBasePattern(councilId).exec(location)![1];
}

export interface PreparedDraft {
  /** The check page's path, to which the final POST goes. */
  checkPath: string;
  cookie: string;
  csrfToken: string;
}

/** A new browser with a draft answered up to the check page (POSTs only, no pages fetched after the first). */
export async function prepareDraft(origin: string, councilId: string, uprn: string): Promise<PreparedDraft> {
  const session = new BrowserSession(origin);
  expectPage('GET /report', await session.get(`/${councilId}/report`));
  const base = await startDraft(session, councilId);
  for (const s of DRAFT_STEPS) expectRedirect(`POST ${s.step}`, await session.post(`${base}/${s.step}`, s.fields(uprn)), `${base}/${s.next}`);
  return { checkPath: `${base}/check`, cookie: session.cookieHeader(), csrfToken: session.csrfToken };
}

/** Prepares `count` drafts, `concurrency` at a time. */
export async function prepareDrafts(origin: string, councilId: string, uprn: string, count: number, concurrency = 10): Promise<PreparedDraft[]> {
  const out: PreparedDraft[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await prepareDraft(origin, councilId, uprn);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return out;
}

export interface JourneyRequest {
  step: string;
  method: 'GET' | 'POST';
  /** The path, with the draft id as <id> and the reference as <ref>. */
  path: string;
  status: number;
  storeRequests: number;
  byCommand: Record<string, number>;
}

export interface ReportJourneyResult {
  /** Every request of the journey in order: each page, each answer. */
  requests: JourneyRequest[];
  /** The final POST …/check: from the check page to the confirmation redirect. */
  submission: JourneyRequest;
  /** The resident page views that join the per-page-view rows. */
  pageViews: PageCount[];
  reference: string;
  uprn: string;
}

/** Walks the whole journey once, counting the store requests of each request. */
export async function measureReportJourney(servers: Servers, councilId: string): Promise<ReportJourneyResult> {
  const session = new BrowserSession(servers.councilOrigin);
  const requests: JourneyRequest[] = [];
  const pageViews: PageCount[] = [];
  let draftId = '';
  let reference = '';
  const tidy = (p: string) => {
    const q = draftId ? p.replace(draftId, '<id>') : p;
    return reference ? q.replace(new RegExp(`${reference}$`), '<ref>') : q;
  };

  const counted = async (step: string, method: 'GET' | 'POST', path: string, run: () => Promise<HttpResult>) => {
    await servers.settle();
    servers.counter.reset();
    const res = await run();
    await servers.settle();
    const r: JourneyRequest = { step, method, path, status: res.status, storeRequests: servers.counter.total, byCommand: { ...servers.counter.byCommand } };
    requests.push(r);
    return { res, r };
  };
  const page = async (step: string, path: string, pageView?: string) => {
    const { res, r } = await counted(step, 'GET', path, () => session.get(path));
    expectPage(`GET ${path}`, res);
    if (pageView) pageViews.push({ page: pageView, path, status: r.status, storeRequests: r.storeRequests, byCommand: r.byCommand });
    return res;
  };
  const answer = async (step: string, path: string, fields: Record<string, string>) => (await counted(step, 'POST', path, () => session.post(path, fields))).res;

  const council = `/${councilId}`;
  await page('group', `${council}/report`, 'problem: group (first visit)');
  const started = await answer('group', `${council}/report`, { group: JOURNEY.group });
  const base = draftBasePattern(councilId).exec(expectRedirect('POST /report', started, draftBasePattern(councilId)))![1];
  draftId = base.split('/').pop()!;

  let uprn = '';
  for (const s of DRAFT_STEPS) {
    const html = (await page(s.step, `${base}/${s.step}`, s.step === 'category' ? 'problem: draft step (category)' : undefined)).body;
    if (s.step === 'address') {
      uprn = /name="uprn" type="radio" value="(\d+)"/.exec(html)?.[1] ?? '';
      if (!uprn) throw new Error(`The address page for ${JOURNEY.postcode} lists no address`);
    }
    expectRedirect(`POST ${s.step}`, await answer(s.step, `${base}/${s.step}`, s.fields(uprn)), `${base}/${s.next}`);
  }

  await page('check', `${base}/check`, 'problem: check answers');
  const sent = await counted('check (send)', 'POST', `${base}/check`, () => session.post(`${base}/check`, {}));
  const done = expectRedirect('POST check', sent.res, donePattern(councilId));
  reference = donePattern(councilId).exec(done)![1];
  await page('confirmation', done, 'problem: confirmation');
  await page('track', `${council}/report/track?reference=${reference}`, 'problem: track (with reference)');

  for (const r of requests) r.path = tidy(r.path);
  for (const p of pageViews) p.path = tidy(p.path);
  return { requests, submission: sent.r, pageViews, reference, uprn };
}
