import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_FORMS } from '../../catalogue/forms.ts';
import { createCouncilApp } from '../../functions/app.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import { LocalFileStorage, localFileUploadRoute } from '../../functions/core/files/local-file-storage.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable } from '../../functions/core/store/store.ts';
import { defineForm } from '../../functions/modules/forms/definition/define-form.ts';
import type { FileAnswer, FormDefinition } from '../../functions/modules/forms/definition/types.ts';
import { WEB_DIST } from '../../web/build.ts';
import { council, embeddedStore, Session, TEMPLATES, textOf } from '../support/harness.ts';

const NOW = '2026-12-01T10:00:00Z';
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

/** A form whose second page asks for a file (a PDF, at most 1 MB) and whose third is optional. */
const FILE_FORM: FormDefinition = defineForm({
  id: 'file-test',
  version: 1,
  credit: { name: 'Test' },
  title: { en: 'Send us a document', cy: 'Anfonwch ddogfen atom' },
  summary: { en: 'Send a document.', cy: 'Anfon dogfen.' },
  start: [{ en: 'Send us your document.', cy: 'Anfonwch eich dogfen atom.' }],
  pages: [
    { id: 'email', questions: [{ key: 'email', type: 'email', label: { en: 'Email address', cy: 'Cyfeiriad e-bost' }, contact: 'email' }] },
    { id: 'document', questions: [{ key: 'document', type: 'file', accept: ['pdf'], maxMegabytes: 1, label: { en: 'Upload your document', cy: 'Uwchlwythwch eich dogfen' }, hint: { en: 'A PDF', cy: 'PDF' } }] },
    { id: 'extra', questions: [{ key: 'extra', type: 'file', accept: ['pdf', 'png'], maxMegabytes: 1, optional: true, label: { en: 'Upload another document', cy: 'Uwchlwythwch ddogfen arall' } }] },
  ],
  confirmation: { whatHappensNext: [{ en: 'We will read it.', cy: 'Byddwn yn ei darllen.' }] },
  retentionDays: 90,
});

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
  const ceredigion = await council('ceredigion');
  (CATALOGUE_FORMS as FormDefinition[]).push(FILE_FORM);
  // The council's mailbox gets each submission too (the outputs' afterSubmission, called on sending).
  (ceredigion.services as Record<string, unknown>).forms = { adopted: { 'file-test': { mailbox: { email: 'documents@ceredigion.gov.uk' } } } };
});
afterAll(() => store.close());

let tables = 0;
/** Ceredigion's app with local file storage, and the host's upload endpoint standing in for S3. */
async function fresh() {
  const config = await council('ceredigion');
  const tableName = `test-forms-files-${process.pid}-${++tables}`;
  await ensureTable(createStoreClient({ endpoint: store.endpoint }), tableName);
  const now = new Date(NOW);
  const files = new LocalFileStorage({ dir: mkdtempSync(path.join(tmpdir(), 'ldf-test-files-')), uploadUrl: '/_dev/file-uploads/ceredigion', clock: () => now });
  const councilStore = { client: createStoreClient({ endpoint: store.endpoint, maxAttempts: 1 }), tableName };
  const outbox = new OutboxNotifications({ council: 'ceredigion', templates: TEMPLATES, clock: () => now });
  const app = createCouncilApp(config, {
    store: councilStore,
    notifications: outbox,
    secrets: new LocalSecrets(),
    clock: () => now,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: createLogger(),
    clientIp: () => '127.0.0.1',
    files,
    exports: new DirectExportDelivery(),
  });
  const host = new Hono();
  host.post('/_dev/file-uploads/:council', localFileUploadRoute(new Map([['ceredigion', files]])));
  /** Posts the page's upload form with a file, as a browser does; answers where storage sends it back to. */
  async function upload(pageHtml: string, file: { bytes: Uint8Array; name: string; type: string }): Promise<string> {
    const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(pageHtml)!;
    const body = new FormData();
    for (const [, name, value] of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) body.append(name, value.replace(/&amp;/g, '&'));
    const fileField = /name="([^"]+)" type="file"/.exec(form[2])![1];
    body.append(fileField, new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
    const res = await host.request(new URL(form[1], 'http://localhost').pathname, { method: 'POST', body });
    expect(res.status).toBe(303);
    return new URL(res.headers.get('location')!).pathname + new URL(res.headers.get('location')!).search;
  }
  return { app, files, upload, outbox, store: councilStore };
}

async function toDocument(session: Session): Promise<string> {
  const start = await session.post('/forms/file-test', {});
  const base = start.headers.get('location')!.replace(/\/email$/, '');
  expect((await session.post(`${base}/email`, { email: 'ann@example.com' })).headers.get('location')).toBe(`${base}/document`);
  return base;
}

describe('a file question', () => {
  it('shows the upload form with the question as the heading, and asks for a file before going on', async () => {
    const { app } = await fresh();
    const session = new Session(app);
    const base = await toDocument(session);
    const html = await (await session.get(`${base}/document`)).text();
    expect(html).toMatch(/<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="document">Upload your document<\/label><\/h1>/);
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('accept=".pdf,application/pdf"');
    const res = await session.post(`${base}/document`, {});
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Select a file');
  });

  it('uploads a file, shows it, keeps it when the form is sent, and puts it in the case', async () => {
    const { app, files, upload, outbox, store: councilStore } = await fresh();
    const session = new Session(app);
    const base = await toDocument(session);
    const back = await upload(await (await session.get(`${base}/document`)).text(), { bytes: PDF, name: 'Council tax bill.pdf', type: 'application/pdf' });
    expect(back).toMatch(new RegExp(`^${base}/document/uploaded\\?key=`));
    const ingested = await session.get(back);
    expect(ingested.headers.get('location')).toBe(`${base}/document`);
    expect(textOf(await (await session.get(`${base}/document`)).text())).toContain('You have uploaded Council tax bill.pdf.');
    expect((await session.post(`${base}/document`, {})).headers.get('location')).toBe(`${base}/extra`);
    // The optional one: go on without a file.
    expect(textOf(await (await session.get(`${base}/extra`)).text())).toContain('Continue without a file');
    expect((await session.post(`${base}/extra`, {})).headers.get('location')).toBe(`${base}/check-answers`);
    expect(textOf(await (await session.get(`${base}/check-answers`)).text())).toContain('Council tax bill.pdf');

    const sent = await session.post(`${base}/check-answers`, {});
    const reference = sent.headers.get('location')!.split('/').pop()!;
    const stored = await getCase(councilStore, reference, new Date(NOW));
    const answer = stored!.form!.answers.find((a) => a.key === 'document')!;
    const file = answer.value as FileAnswer;
    expect(file).toMatchObject({ name: 'Council tax bill.pdf', contentType: 'application/pdf', bytes: PDF.length });
    // Kept (moved from pending, which is swept after a day) for the form's retention.
    expect(existsSync(path.join(files.dir, 'files', file.fileId))).toBe(true);
    expect(existsSync(path.join(files.dir, 'pending', file.fileId))).toBe(false);
    expect((await files.read(file.fileId))?.body).toEqual(PDF);
    // The resident's confirmation, and the council mailbox's copy of the answers.
    expect(outbox.sent().map((m) => m.to).sort()).toEqual(['ann@example.com', 'documents@ceredigion.gov.uk']);
  });

  it.each([
    ['a file of the wrong type', { bytes: new TextEncoder().encode('just some text, not a PDF'), name: 'notes.txt', type: 'text/plain' }, 'The selected file must be a PDF'],
    ['an empty file', { bytes: new Uint8Array(0), name: 'empty.pdf', type: 'application/pdf' }, 'The selected file is empty'],
    ['a file over the limit', { bytes: new Uint8Array([...PDF, ...new Uint8Array(1024 * 1024 + 1)]), name: 'big.pdf', type: 'application/pdf' }, 'The selected file must be smaller than 1MB'],
  ])('explains %s on the page, with the error summary', async (_what, file, message) => {
    const { app, upload } = await fresh();
    const session = new Session(app);
    const base = await toDocument(session);
    const back = await upload(await (await session.get(`${base}/document`)).text(), file);
    const res = await session.get(back);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Error: Upload your document – /);
    expect(html).toContain('href="#document"');
    expect(textOf(html)).toContain(message);
  });

  it('says a missing upload is no file chosen, and sends an upload for a page not on the path to where the resident is', async () => {
    const { app } = await fresh();
    const session = new Session(app);
    const base = await toDocument(session);
    const res = await session.get(`${base}/document/uploaded?key=nothing-here`);
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Select a file');
    expect((await session.get(`${base}/extra/uploaded?key=x`)).headers.get('location')).toBe(`${base}/document`);
  });
});
