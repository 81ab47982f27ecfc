import { Hono } from 'hono';
import { caseMedia } from '../../core/data-rights/case-media.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { contentDisposition } from '../../core/files/check-file.ts';
import { PHOTO_ID_PATTERN } from '../../core/photos/port.ts';
import { sessionCases, sessionOr, type DataRightsJourney } from '../journey.tsx';

/** A stored file's id: random, with its kind's extension (see newFileId). */
const FILE_ID = /^[A-Za-z0-9_-]{16,64}\.[a-z]{3,4}$/;

/**
 * The photos and files of the session's requests. An id alone opens nothing: it must be held by one
 * of the proved address's live cases, so another resident's photo or file is "not found", the same
 * as one that does not exist. Not cached (the pages' no-store): they are someone's personal data.
 */
export function mediaStep(journey: DataRightsJourney): Hono<AppEnv> {
  const { deps } = journey;
  const app = new Hono<AppEnv>();

  app.get('/photos/:photo', async (c) => {
    const session = await sessionOr(c);
    if (session instanceof Response) return session;
    const photo = c.req.param('photo');
    if (!PHOTO_ID_PATTERN.test(photo) || !deps.photos) throw httpErrors.notFound('No photo');
    const held = (await sessionCases(c, session)).some((x) => caseMedia(x).photos.includes(photo));
    if (!held) throw httpErrors.notFound('No such photo for this address');
    // In AWS a short-lived link to the bucket; locally, the bytes.
    const url = await deps.photos.viewUrl(photo);
    if (url) return c.redirect(url, 303);
    const found = await deps.photos.read(photo);
    if (!found) throw httpErrors.notFound('The photo has gone');
    return c.body(found.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': found.contentType, 'X-Content-Type-Options': 'nosniff' });
  });

  app.get('/files/:file', async (c) => {
    const session = await sessionOr(c);
    if (session instanceof Response) return session;
    const fileId = c.req.param('file');
    if (!FILE_ID.test(fileId) || !deps.files) throw httpErrors.notFound('No file');
    const held = (await sessionCases(c, session)).some((x) => caseMedia(x).files.includes(fileId));
    if (!held) throw httpErrors.notFound('No such file for this address');
    const link = await deps.files.downloadUrl(fileId);
    if (link) return c.redirect(link, 303);
    const file = await deps.files.read(fileId);
    if (!file) throw httpErrors.notFound('The file has gone');
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.contentType, 'Content-Disposition': contentDisposition(file.name), 'X-Content-Type-Options': 'nosniff' });
  });

  return app;
}
