import type { Context } from 'hono';
import type { Format } from './respond.ts';

const FORMATS: readonly string[] = ['json', 'xml'];

/**
 * The extensions a resource answers to, in a route pattern: json or xml, in any case (Hono's
 * patterns have no case-insensitive flag).
 */
export const FORMAT = '(?:[jJ][sS][oO][nN]|[xX][mM][lL])' as const;

/**
 * A top-level resource's route, e.g. requests.json and requests.xml; its `file` param is the segment.
 *
 * @example
 * app.get(resourcePath('requests'), (c) => respond(c, formatOf(c.req.param('file')), 200, …));
 */
export function resourcePath<N extends string>(name: N) {
  return `/:file{${name}\\.${FORMAT}}` as const;
}

/** One item of a collection, e.g. requests/ABCD-2345.json; its `item` param is the last segment. */
export function itemPath<N extends string>(collection: N) {
  return `/${collection}/:item{[^/]+\\.${FORMAT}}` as const;
}

/** "services.json" → services, json; a format that is not ours is undefined. */
export function splitFormat(segment: string): { name: string; format: Format | undefined } {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0) return { name: segment, format: undefined };
  const ext = segment.slice(dot + 1).toLowerCase();
  return { name: segment.slice(0, dot), format: FORMATS.includes(ext) ? (ext as Format) : undefined };
}

/** The format of a path segment its route matched with FORMAT. */
export function formatOf(segment: string): Format {
  return splitFormat(segment).format ?? 'json';
}

/** The format to write an error in: the one the path asked for, else JSON. */
export function formatOfPath(c: Context): Format {
  const last = new URL(c.req.url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  return splitFormat(last).format ?? 'json';
}
