import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { localise } from '../../../core/localised-text.ts';
import type { Open311Context } from './context.ts';
import { formatOf, resourcePath } from './paths.ts';
import { respond } from './respond.ts';

/** When this API's documents last changed shape, for discovery's changeset. */
export const OPEN311_CHANGESET = '2026-11-27T00:00:00Z';
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** GET discovery: where the endpoint is, who runs it and how to ask for a key. */
export function discoveryRoutes({ council, deps }: Open311Context): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const councilName = localise(council.name, 'en');

  app.get(resourcePath('discovery'), (c) => {
    const { phone, email, website } = council.contact;
    return respond(c, formatOf(c.req.param('file')), 200, 'discovery', {
      changeset: OPEN311_CHANGESET,
      contact: `${councilName}: email ${email}, call ${phone} or see ${website}`,
      key_service: `API keys for reporting problems are issued by ${councilName}: email ${email} to ask for one.`,
      endpoints: [
        {
          specification: SPECIFICATION,
          url: `${new URL(c.req.url).origin}${deps.basePath}/open311/v2`,
          changeset: OPEN311_CHANGESET,
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    });
  });

  return app;
}
