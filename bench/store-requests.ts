/** Store requests per page view: each resident GET page requested once, counting store requests. */
import type { CouncilConfig } from '../functions/config/council-schema.ts';
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
}

async function get(origin: string, path: string): Promise<Response> {
  const res = await fetch(origin + path, { redirect: 'manual', headers: { accept: 'text/html' } });
  await res.arrayBuffer();
  return res;
}

/** A property and container for which a missed collection can be reported today (the form, not the "cannot report" page). */
async function reportableDetailsPath(servers: Servers, council: CouncilConfig): Promise<{ path: string; note: string }> {
  if (council.addresses?.provider !== 'gazetteer') throw new Error(`${council.id} has no gazetteer to pick a property from`);
  const containers = council.services.bins?.containers ?? [];
  let fallback: string | undefined;
  for (const p of council.addresses.properties) {
    for (const k of containers) {
      const path = `/${council.id}/bins/property/${p.uprn}/report/${k.id}`;
      fallback ??= path;
      const res = await get(servers.councilOrigin, path);
      if (res.status === 200) return { path, note: `UPRN ${p.uprn}, ${k.id}: the report form (200)` };
    }
  }
  if (!fallback) throw new Error(`${council.id} has no property or container for the details page`);
  return { path: fallback, note: 'no property can report today; measured the "cannot report now" page instead' };
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
  return { pages: results, max: Math.max(...results.map((r) => r.storeRequests)), detailsNote: details.note };
}
