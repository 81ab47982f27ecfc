import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Handler } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Serves the built web assets (for a route like `/assets/:file{.+}`), kept in memory once read.
 * Only known file types, and nothing outside the folder.
 */
export function serveAssets(assetsDir: string): Handler {
  const cache = new Map<string, Uint8Array>();
  return async (c) => {
    const file = path.normalize(c.req.param('file') ?? '');
    const type = CONTENT_TYPES[path.extname(file)];
    if (file.startsWith('..') || path.isAbsolute(file) || !type) return c.notFound();
    let body = cache.get(file);
    if (!body) {
      try {
        body = new Uint8Array(await readFile(path.join(assetsDir, file)));
      } catch {
        return c.notFound();
      }
      cache.set(file, body);
    }
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
  };
}
