/** The local host runs the forms module's scheduled work with its own, as the council's schedule does in AWS. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCase } from '../../functions/core/cases/case-store.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createLocalHost } from '../../functions/local/server.ts';
import { resolveForm } from '../../functions/modules/forms/definition/resolve.ts';
import { afterSubmission } from '../../functions/modules/forms/outputs/after-submission.ts';
import { outputsOf } from '../../functions/modules/forms/outputs/delivery-store.ts';
import { council, embeddedStore } from '../support/harness.ts';

const SUBMITTED = '2026-12-01T10:00:00.000Z';
let store: Awaited<ReturnType<typeof embeddedStore>>;
let receiver: Server;
let status = 500;
let received = 0;

beforeAll(async () => {
  store = await embeddedStore();
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await store.close();
});

it('retries a form’s failed webhook when the local host runs its schedule', async () => {
  const hackney = await council('hackney');
  let now = new Date(SUBMITTED);
  const host = await createLocalHost({ councils: [hackney], storeEndpoint: store.endpoint, clock: () => now, logger: createLogger({}, { write: () => {} }) });
  const councilStore = host.stores.get('hackney')!;
  const created = await createCase(
    councilStore,
    { service: 'forms', type: 'single-person-discount', submissionId: 'schedule-1', details: {}, lang: 'en', retentionDays: 30, form: { id: 'single-person-discount', version: 1, answers: [] } },
    now,
    new LocalSecrets(),
  );
  if (created.outcome !== 'created') throw new Error(created.outcome);
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const form = { ...resolveForm(hackney, 'single-person-discount')!, webhook: { url } };
  const deps = { store: councilStore, notifications: host.outboxes.get('hackney')!, secrets: new LocalSecrets() };
  await afterSubmission(deps, hackney, form, created.case, now, createLogger({}, { write: () => {} }));
  expect(received).toBe(1);

  status = 200;
  now = new Date(Date.parse(SUBMITTED) + 60_000);
  await host.retryNotifications();

  expect(received).toBe(2);
  expect((await outputsOf(councilStore, created.case.reference))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
});
