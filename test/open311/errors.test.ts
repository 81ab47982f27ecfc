import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/core/http/env.ts';
import { HttpError, httpErrors } from '../../functions/core/http/errors.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { open311OnError } from '../../functions/modules/report/open311/errors.ts';
import { Open311Error } from '../../functions/modules/report/open311/respond.ts';
import { en } from '../../web/messages/en.ts';
import { embeddedStore, testApp } from '../support/harness.ts';
import { get, open311Only, parseXml, childText } from '../support/open311.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

const NOW = '2026-12-01T10:00:00Z';

/** A bare app with Open311's error handler, whose routes throw what each test needs. */
function throwing(error: unknown, lines: Record<string, unknown>[] = []): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('log', createLogger({}, { write: (line) => lines.push(JSON.parse(line)), env: { LOG_LEVEL: 'debug' } }));
    await next();
  });
  app.onError(open311OnError);
  app.get('/requests/:item', () => {
    throw error;
  });
  return app;
}

describe('Open311 errors', () => {
  it('are the platform’s HttpError, with page words that exist for every status', () => {
    for (const status of [400, 403, 404, 413, 429, 500, 503] as const) {
      const error = new Open311Error(status, 'x');
      expect(error).toBeInstanceOf(HttpError);
      expect(error.expose).toBe(status < 500);
      expect(Object.keys(en)).toContain(error.titleKey);
      expect(Object.keys(en)).toContain(error.bodyKey);
    }
  });

  it('answer a platform HttpError as one error with its status, message and headers', async () => {
    const limited = await throwing(httpErrors.rateLimited('Slow down', 30)).request('/requests/x.json');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(await limited.json()).toEqual([{ code: 429, description: 'Slow down' }]);

    const unavailable = await throwing(httpErrors.unavailable('Try again in a minute')).request('/requests/x.xml');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('60');
    const error = parseXml(await unavailable.text()).children[0];
    expect([childText(error, 'code'), childText(error, 'description')]).toEqual(['503', 'Try again in a minute']);
  });

  it('keep an Open311Error’s whole list and headers', async () => {
    const res = await throwing(new Open311Error(400, ['lat is wrong', 'long is wrong'], { Allow: 'GET' })).request('/requests/x.json');
    expect(res.status).toBe(400);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toEqual([
      { code: 400, description: 'lat is wrong' },
      { code: 400, description: 'long is wrong' },
    ]);
  });

  it('answer anything else with a 500 that says nothing of it, logged with the route and not the raw path', async () => {
    const lines: Record<string, unknown>[] = [];
    const res = await throwing(new TypeError('secret detail'), lines).request('/requests/ABCD-2345.json');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual([{ code: 500, description: 'Something went wrong on our side: the request was not completed' }]);
    expect(text).not.toContain('secret');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'ERROR', path: '/requests/:item', error: 'TypeError' });
    expect(JSON.stringify(lines)).not.toContain('ABCD-2345');
  });

  it('log a store failure in the API with its route, never the reference asked for', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({}, { write: (line) => lines.push(JSON.parse(line)), env: { LOG_LEVEL: 'debug' } });
    // A table that does not exist: the store answers, but with an error that is ours to fix.
    const broken = open311Only({ ...app, store: { ...app.store, tableName: 'no-such-table' } }, {}, () => new Date(NOW), { logger });
    const res = await get(broken, '/requests/ABCD-2345.json');
    expect(res.status).toBe(500);
    const [line] = lines.filter((l) => l.level === 'ERROR');
    expect(line.path).toMatch(/^\/open311\/v2\/requests\/:item/);
    expect(JSON.stringify(lines)).not.toContain('ABCD-2345');
  });
});
