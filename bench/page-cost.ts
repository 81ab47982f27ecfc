/**
 * What the warm bin-day page costs beyond its bytes: the page through the full app (the local host,
 * as the warm figure uses) against a bare Hono route answering the same status, headers and body,
 * both served by @hono/node-server in this process and loaded in the same alternating rounds. The
 * ratio is page req/s ÷ bare req/s; HTTP and the load generator cost both the same, so what is left
 * is the app's own work per request (middleware, rendering, schedule).
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { closeServer, listen } from './servers.ts';
import { measureWarm, type WarmComparison, type WarmOptions } from './warm.ts';

/** One answer of the page, as the bare route will repeat it. */
export interface CapturedPage {
  status: number;
  /** Every header the app set, Set-Cookie included; not those the HTTP server adds (Date, Content-Length...). */
  headers: [string, string][];
  body: string;
}

export interface PageCostResult extends WarmComparison {
  path: string;
  bytes: number;
}

// Added (or recomputed) by the HTTP server for either app, so not copied.
const SERVER_HEADERS = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/** Requests `path` once and keeps what a bare route needs to answer the same. */
export async function capturePage(fetchPage: (path: string) => Promise<Response>, path: string): Promise<CapturedPage> {
  const res = await fetchPage(path);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}, not 200`);
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && !SERVER_HEADERS.has(name)) headers.push([name, value]);
  });
  for (const cookie of res.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  return { status: res.status, headers, body };
}

/** A bare Hono app whose GET / answers the captured page, byte for byte, without doing anything else. */
export function bareCopy(page: CapturedPage): Hono {
  const app = new Hono();
  const status = page.status as ContentfulStatusCode;
  app.get('/', () => new Response(page.body, { status, headers: page.headers }));
  return app;
}

/**
 * Loads `${origin}${path}` and a bare copy of its answer served from this process, in alternating rounds.
 *
 * @example
 * const cost = await measurePageCost(servers.councilOrigin, '/hackney/bins/property/10008200001', options);
 * cost.throughputRatio; // page req/s ÷ bare req/s, median of the rounds
 */
export async function measurePageCost(origin: string, path: string, options: WarmOptions): Promise<PageCostResult> {
  const page = await capturePage((p) => fetch(origin + p, { headers: { accept: 'text/html' } }), path);
  const bare = await listen(bareCopy(page).fetch);
  try {
    const comparison = await measureWarm(
      { name: 'bin-day page, full app', url: origin + path },
      { name: 'same bytes, bare Hono route', url: `${bare.origin}/` },
      { ...options, beforeEach: async () => Promise.all([options.beforeEach?.(), bare.idle()]).then(() => undefined) },
    );
    return { ...comparison, path, bytes: Buffer.byteLength(page.body) };
  } finally {
    await closeServer(bare.server);
  }
}
