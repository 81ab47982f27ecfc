import { describe, expect, it } from 'vitest';
import { staffApp } from '../../functions/staff/app.tsx';
import { PERMISSIONS } from '../../functions/staff/auth/roles.ts';
import type { CouncilAppDeps } from '../../functions/core/http/env.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { WEB_DIST } from '../../web/build.ts';
import { council, embeddedStore, testApp } from '../support/harness.ts';

/** Staff routes anyone may reach: signing in and out. Every other staff route names a permission. */
const PUBLIC_ROUTES = new Set(['GET /sign-in', 'POST /sign-in', 'GET /callback', 'POST /sign-out', 'GET /signed-out']);

describe('every staff route', () => {
  it('names the permission it needs, or is one of the sign-in pages', async () => {
    const store = await embeddedStore();
    try {
      const hackney = await testApp('hackney', { endpoint: store.endpoint, now: '2026-12-01T10:00:00Z' });
      const deps: CouncilAppDeps = {
        store: hackney.store,
        notifications: hackney.outbox,
        secrets: new LocalSecrets(),
        clock: () => new Date('2026-12-01T10:00:00Z'),
        basePath: '',
        assetsDir: WEB_DIST,
        logger: createLogger(),
        clientIp: () => '127.0.0.1',
      };
      const staff = staffApp(await council('hackney'), deps);
      const byRoute = new Map<string, { guarded?: string }>();
      for (const route of staff.routes) {
        if (route.method === 'ALL') continue; // middleware on every route (headers, errors)
        const key = `${route.method} ${route.path}`;
        const entry = byRoute.get(key) ?? {};
        const permission = (route.handler as { permission?: string }).permission;
        if (permission) entry.guarded = permission;
        byRoute.set(key, entry);
      }
      expect(byRoute.size).toBeGreaterThan(PUBLIC_ROUTES.size);
      const unguarded = [...byRoute].filter(([key, e]) => !e.guarded && !PUBLIC_ROUTES.has(key)).map(([key]) => key);
      expect(unguarded).toEqual([]);
      for (const [key, e] of byRoute) if (e.guarded) expect(Object.keys(PERMISSIONS), key).toContain(e.guarded);
    } finally {
      await store.close();
    }
  });
});
