/**
 * Store requests per page view: each resident GET page requested once, counting store requests.
 * Then one missed-collection submission, counted the same way (the problem report's submission is
 * counted by report-journey.ts, with the rest of its journey).
 */
import type { CouncilConfig } from '../functions/config/council-schema.ts';
import { BrowserSession } from './report-journey.ts';
import type { Servers } from './servers.ts';

export interface PageCount {
  page: string;
  path: string;
  status: number;
  storeRequests: number;
  byCommand: Record<string, number>;
}

export interface StoreRequestsResult {
  pages: PageCount[];
  max: number;
  /** How the details page's property and container were chosen. */
  detailsNote: string;
  /**
   * Submissions (a POST that makes a case and sends its confirmation), each counted once. One that
   * could not be made says so in its name, with status 0 (so its row fails rather than vanishing).
   */
  submissions: PageCount[];
}

async function get(origin: string, path: string): Promise<Response> {
  const res = await fetch(origin + path, { redirect: 'manual', headers: { accept: 'text/html' } });
  await res.arrayBuffer();
  return res;
}

/** A property and container for which a missed collection can be reported today (the form, not the "cannot report" page). */
async function reportableDetailsPath(servers: Servers, council: CouncilConfig): Promise<{ path: string; note: string; reportable: boolean }> {
  if (council.addresses?.provider !== 'gazetteer') throw new Error(`${council.id} has no gazetteer to pick a property from`);
  const containers = council.services.bins?.containers ?? [];
  let fallback: string | undefined;
  for (const p of council.addresses.properties) {
    for (const k of containers) {
      const path = `/${council.id}/bins/property/${p.uprn}/report/${k.id}`;
      fallback ??= path;
      const res = await get(servers.councilOrigin, path);
      if (res.status === 200) return { path, note: `UPRN ${p.uprn}, ${k.id}: the report form (200)`, reportable: true };
    }
  }
  if (!fallback) throw new Error(`${council.id} has no property or container for the details page`);
  return { path: fallback, note: 'no property can report today; measured the "cannot report now" page instead', reportable: false };
}

const submissionId = (html: string) => /name="submissionId" value="([^"]+)"/.exec(html)?.[1];
const collectionDate = (html: string) => /name="collectionDate" value="([^"]+)"/.exec(html)?.[1];

/**
 * One missed-collection report from a new browser: the details page and its answers (not counted),
 * then the POST that sends it (counted): from the check-answers page to the confirmation redirect.
 */
async function measureMissedCollectionSubmission(servers: Servers, detailsPath: string): Promise<PageCount> {
  const session = new BrowserSession(servers.councilOrigin);
  const details = await session.get(detailsPath);
  const id = submissionId(details.body);
  if (details.status !== 200 || !id) throw new Error(`missed collection: ${detailsPath} answered ${details.status} without a submission id`);
  const answers = { more: 'By the gate', email: 'resident@example.com', submissionId: id };
  const check = await session.post(detailsPath, { ...answers, step: 'details' });
  const date = collectionDate(check.body);
  if (check.status !== 200 || !date) throw new Error(`missed collection: the answers to ${detailsPath} answered ${check.status} without the check-answers page`);
  await servers.settle();
  servers.counter.reset();
  const sent = await session.post(detailsPath, { ...answers, collectionDate: date, step: 'submit' });
  await servers.settle();
  if (sent.status !== 303 || !/\/bins\/report\/[A-Z0-9-]+$/.test(sent.location)) {
    throw new Error(`missed collection: the submission answered ${sent.status}${sent.location ? ` to ${sent.location}` : ''}, not the confirmation`);
  }
  return {
    page: 'missed collection submission (POST submit -> confirmation redirect)',
    path: detailsPath,
    status: sent.status,
    storeRequests: servers.counter.total,
    byCommand: { ...servers.counter.byCommand },
  };
}

export async function measureStoreRequests(servers: Servers, councilId: string): Promise<StoreRequestsResult> {
  const council = servers.councils.find((c) => c.id === councilId);
  if (!council) throw new Error(`No council ${councilId}`);
  if (council.addresses?.provider !== 'gazetteer') throw new Error(`${councilId} has no gazetteer to pick a property from`);
  const property = council.addresses.properties[0];
  const base = `/${council.id}`;
  const details = await reportableDetailsPath(servers, council);
  const pages: [string, string][] = [
    ['council home', `${base}/`],
    ['bins: postcode', `${base}/bins`],
    ['bins: addresses', `${base}/bins/addresses?postcode=${encodeURIComponent(property.postcode)}`],
    ['bins: property (bin day)', `${base}/bins/property/${property.uprn}`],
    ['report: container', `${base}/bins/property/${property.uprn}/report`],
    ['report: details', details.path],
    ['calendar.ics', `${base}/bins/property/${property.uprn}/calendar.ics`],
    ['accessibility', `${base}/accessibility`],
  ];
  const results: PageCount[] = [];
  for (const [page, path] of pages) {
    servers.counter.reset();
    const res = await get(servers.councilOrigin, path);
    if (res.status >= 500 || res.status === 404) throw new Error(`${page} (${path}) answered ${res.status}`);
    results.push({ page, path, status: res.status, storeRequests: servers.counter.total, byCommand: { ...servers.counter.byCommand } });
  }
  // Last, so the case it makes changes none of the pages above.
  const missed = details.reportable
    ? await measureMissedCollectionSubmission(servers, details.path)
    : { page: 'missed collection submission: not measured, no property can report today', path: details.path, status: 0, storeRequests: 0, byCommand: {} };
  return { pages: results, max: Math.max(...results.map((r) => r.storeRequests)), detailsNote: details.note, submissions: [missed] };
}
