import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { httpErrors } from '../../../core/http/errors.ts';
import { PHOTO_ID_PATTERN } from '../../../core/photos/port.ts';
import { type ReportJourney } from '../journey.tsx';

/** Residents' photos, as the report's pages show them. */
export function photosRoute(journey: ReportJourney): Hono<AppEnv> {
  const { deps } = journey;
  const app = new Hono<AppEnv>();

  // Photos: stripped of metadata when they came in; public, as on FixMyStreet.
  app.get('/photos/:photo', async (c) => {
    const photo = c.req.param('photo');
    if (!PHOTO_ID_PATTERN.test(photo) || !deps.photos) throw httpErrors.notFound('No photo');
    const url = await deps.photos.viewUrl(photo);
    if (url) return c.redirect(url, 303);
    const found = await deps.photos.read(photo);
    if (!found) throw httpErrors.notFound('No photo');
    return c.body(found.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': found.contentType, 'Cache-Control': 'public, max-age=86400' });
  });

  return app;
}
