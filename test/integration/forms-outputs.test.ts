import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { createCase, getCase, type CaseAnswer, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import type { EmailMessage, NotificationsPort } from '../../functions/core/notifications/port.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import type { ResolvedForm } from '../../functions/modules/forms/definition/types.ts';
import { afterSubmission } from '../../functions/modules/forms/outputs/after-submission.ts';
import { dueOutputs, MAX_OUTPUT_ATTEMPTS, nextOutputAttempt, outputsOf } from '../../functions/modules/forms/outputs/delivery-store.ts';
import { FORM_TO_COUNCIL_TEMPLATE } from '../../functions/modules/forms/outputs/mailbox.ts';
import { formsScheduled } from '../../functions/modules/forms/outputs/scheduled.ts';
import { FORM_OUTPUT_GAVE_UP_EVENT } from '../../functions/modules/forms/outputs/send.ts';
import { postWebhook, verifyWebhookSignature, type WebhookPayload } from '../../functions/modules/forms/outputs/webhook.ts';
import { Receiver } from '../support/forms.ts';
import { council as loadCouncil, embeddedStore, TEMPLATES } from '../support/harness.ts';

const SUBMITTED = '2026-12-01T10:00:00.000Z';
const at = (iso: string) => new Date(iso);
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

/** Log lines, parsed, for the give-up event. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({}, { write: (line) => lines.push(JSON.parse(line)), env: { LOG_LEVEL: 'debug' } }) };
}

const ANSWERS: CaseAnswer[] = [
  { key: 'name', question: { en: 'What is your name?', cy: 'Beth yw eich enw?' }, text: ['Ann Resident'], value: { full: 'Ann Resident' } },
  { key: 'email', question: { en: 'What is your email address?', cy: 'Beth yw eich cyfeiriad e-bost?' }, text: ['ann@example.com'], value: 'ann@example.com' },
  { key: 'children', question: { en: 'Who lives with you?', cy: 'Pwy sy’n byw gyda chi?' }, text: ['Bob, 12', 'Cat, 9'], value: ['Bob, 12', 'Cat, 9'] },
  { key: 'health', question: { en: 'Describe your health condition', cy: 'Disgrifiwch eich cyflwr iechyd' }, text: ['Asthma and arthritis'], value: 'Asthma and arthritis', specialCategory: true },
  {
    key: 'evidence',
    question: { en: 'Upload your evidence', cy: 'Uwchlwythwch eich tystiolaeth' },
    text: ['tenancy.pdf'],
    value: { fileId: 'abcdefghijklmnop1234.pdf', name: 'tenancy.pdf', contentType: 'application/pdf', bytes: 1234 },
  },
];

/** The form as a council runs it: only what the outputs read matters here. */
function testForm(outputs: { webhook?: string; mailbox?: string }): ResolvedForm {
  return {
    id: 'test-form',
    version: 3,
    credit: { name: 'Test' },
    title: { en: 'Apply for a test', cy: 'Gwneud cais am brawf' },
    summary: { en: 'A test.' },
    start: [],
    contact: {},
    values: {},
    pages: [],
    confirmation: { whatHappensNext: [] },
    retentionDays: 30,
    source: 'catalogue/forms/test-form.ts',
    ...(outputs.webhook && { webhook: { url: outputs.webhook } }),
    ...(outputs.mailbox && { mailbox: { email: outputs.mailbox } }),
  };
}

let dynalite: Awaited<ReturnType<typeof embeddedStore>>;
let hackney: CouncilConfig;
let tables = 0;
beforeAll(async () => {
  dynalite = await embeddedStore();
  hackney = await loadCouncil('hackney');
});
afterAll(() => dynalite.close());

interface Setup {
  store: CouncilStore;
  secrets: LocalSecrets;
  outbox: OutboxNotifications;
  stored: StoredCase;
}

/** A fresh table holding one form case, as the journey stores it. */
async function submitted(lang: 'en' | 'cy' = 'en'): Promise<Setup> {
  const tableName = `test-forms-outputs-${process.pid}-${++tables}`;
  await ensureTable(createStoreClient({ endpoint: dynalite.endpoint }), tableName);
  const store = { client: createStoreClient({ endpoint: dynalite.endpoint, maxAttempts: 1 }), tableName };
  const secrets = new LocalSecrets();
  const outbox = new OutboxNotifications({ council: 'hackney', templates: TEMPLATES, clock: () => at(SUBMITTED) });
  const result = await createCase(
    store,
    {
      service: 'forms',
      type: 'test-form',
      submissionId: `draft-${tables}`,
      dedupeKey: `forms|draft-${tables}`,
      details: { name: 'Ann Resident', email: 'ann@example.com' },
      lang,
      retentionDays: 30,
      form: { id: 'test-form', version: 3, answers: ANSWERS },
    },
    at(SUBMITTED),
    secrets,
  );
  if (result.outcome !== 'created') throw new Error(result.outcome);
  return { store, secrets, outbox, stored: result.case };
}

const deps = (s: Setup, notifications: NotificationsPort = s.outbox) => ({ store: s.store, secrets: s.secrets, notifications });
const quiet = createLogger({}, { write: () => {} });

describe('a form webhook', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await new Receiver().start();
  });
  afterAll(() => receiver.close());

  it('posts the submission once, signed with the council’s webhook key, and records it delivered', async () => {
    receiver.requests.length = 0;
    receiver.reply = 204;
    const s = await submitted();

    const result = await afterSubmission(deps(s), hackney, testForm({ webhook: receiver.url }), s.stored, at(SUBMITTED), quiet);

    expect(result).toEqual({ webhook: 'delivered' });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const secret = await s.secrets.get('webhook-signing-key');
    expect(verifyWebhookSignature(request.body, request.headers['x-ldf-signature'] as string, secret)).toBe(true);
    expect(verifyWebhookSignature(request.body, request.headers['x-ldf-signature'] as string, 'another key')).toBe(false);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe(`hackney:${s.stored.reference}`);
    expect(request.headers['x-ldf-timestamp']).toBe(String(Date.parse(SUBMITTED) / 1000));
    const payload = JSON.parse(request.body) as WebhookPayload;
    expect(payload).toMatchObject({ formId: 'test-form', formVersion: 3, language: 'en', reference: s.stored.reference, submittedAt: SUBMITTED, idempotencyKey: `hackney:${s.stored.reference}` });
    expect(payload.answers[0]).toEqual({ key: 'name', question: 'What is your name?', answer: 'Ann Resident', value: { full: 'Ann Resident' } });
    expect(payload.answers.find((a) => a.key === 'children')).toMatchObject({ answer: 'Bob, 12; Cat, 9', value: ['Bob, 12', 'Cat, 9'] });
    // Special-category data never leaves the platform: the question is listed as withheld, with neither text nor value.
    expect(payload.answers.find((a) => a.key === 'health')).toEqual({ key: 'health', question: 'Describe your health condition', specialCategory: true, withheld: true });
    expect(request.body).not.toContain('Asthma');
    const [delivery] = await outputsOf(s.store, s.stored.reference, at(SUBMITTED));
    expect(delivery).toMatchObject({ kind: 'webhook', status: 'delivered', attempts: 1, deliveredAt: SUBMITTED, lastResult: 'HTTP 204' });
    expect(await dueOutputs(s.store, plus(SUBMITTED, 60 * 24), 25)).toEqual([]);
  });

  it('asks the question in the resident’s language for a Welsh submission', async () => {
    receiver.requests.length = 0;
    receiver.reply = 200;
    const s = await submitted('cy');

    await afterSubmission(deps(s), hackney, testForm({ webhook: receiver.url }), s.stored, at(SUBMITTED), quiet);

    const payload = JSON.parse(receiver.requests[0].body) as WebhookPayload;
    expect(payload.language).toBe('cy');
    expect(payload.answers[0].question).toBe('Beth yw eich enw?');
  });

  it('retries a failing receiver on the schedule with backoff, the same signed body and key every time, until it answers', async () => {
    receiver.requests.length = 0;
    receiver.reply = 500;
    const s = await submitted();
    const { lines, logger } = capturingLogger();
    const before = await getCase(s.store, s.stored.reference, at(SUBMITTED));

    // The resident's request: one try, which fails, and the submission is not affected.
    expect(await afterSubmission(deps(s), hackney, testForm({ webhook: receiver.url }), s.stored, at(SUBMITTED), logger)).toEqual({ webhook: 'retry' });
    const [waiting] = await outputsOf(s.store, s.stored.reference, at(SUBMITTED));
    expect(waiting).toMatchObject({ status: 'waiting', attempts: 1, lastResult: 'HTTP 500', dueAt: plus(SUBMITTED, 1).toISOString() });

    // Not due yet: the schedule leaves it alone.
    expect(await formsScheduled(hackney, { ...deps(s), logger }, plus(SUBMITTED, 0.5))).toEqual({ outputsDelivered: 0, outputsRetrying: 0, outputsFailed: 0 });
    expect(receiver.requests).toHaveLength(1);

    // Due after 1 minute, then 2 more: each try doubles the wait.
    expect(await formsScheduled(hackney, { ...deps(s), logger }, plus(SUBMITTED, 1))).toMatchObject({ outputsRetrying: 1 });
    expect(receiver.requests).toHaveLength(2);
    expect((await outputsOf(s.store, s.stored.reference))[0]).toMatchObject({ attempts: 2, dueAt: plus(SUBMITTED, 3).toISOString() });
    await formsScheduled(hackney, { ...deps(s), logger }, plus(SUBMITTED, 2));
    expect(receiver.requests).toHaveLength(2);

    receiver.reply = 200;
    expect(await formsScheduled(hackney, { ...deps(s), logger }, plus(SUBMITTED, 3))).toMatchObject({ outputsDelivered: 1 });
    expect(receiver.requests).toHaveLength(3);
    expect((await outputsOf(s.store, s.stored.reference))[0]).toMatchObject({ status: 'delivered', attempts: 3, deliveredAt: plus(SUBMITTED, 3).toISOString() });

    const secret = await s.secrets.get('webhook-signing-key');
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect(new Set(receiver.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(receiver.requests.every((r) => verifyWebhookSignature(r.body, r.headers['x-ldf-signature'] as string, secret))).toBe(true);
    expect(receiver.requests.map((r) => r.headers['x-ldf-timestamp'])).toEqual([0, 1, 3].map((m) => String(plus(SUBMITTED, m).getTime() / 1000)));
    // Nothing lost: the case is as it was stored.
    expect(await getCase(s.store, s.stored.reference, plus(SUBMITTED, 3))).toEqual(before);
    expect(lines.some((l) => l.event === FORM_OUTPUT_GAVE_UP_EVENT)).toBe(false);
  });

  it('gives up after its last attempt, logging it, and keeps the case', async () => {
    receiver.requests.length = 0;
    receiver.reply = 503;
    const s = await submitted();
    const { lines, logger } = capturingLogger();
    await afterSubmission(deps(s), hackney, testForm({ webhook: receiver.url }), s.stored, at(SUBMITTED), logger);

    let now = at(SUBMITTED);
    for (let attempts = 1; attempts < MAX_OUTPUT_ATTEMPTS; attempts++) {
      now = nextOutputAttempt(attempts, now)!;
      await formsScheduled(hackney, { ...deps(s), logger }, now);
    }

    expect(receiver.requests).toHaveLength(MAX_OUTPUT_ATTEMPTS);
    expect((await outputsOf(s.store, s.stored.reference))[0]).toMatchObject({ status: 'failed', attempts: MAX_OUTPUT_ATTEMPTS, lastResult: 'HTTP 503', dueAt: undefined });
    expect(lines.filter((l) => l.event === FORM_OUTPUT_GAVE_UP_EVENT)).toEqual([expect.objectContaining({ level: 'ERROR', reference: s.stored.reference, kind: 'webhook', attempts: MAX_OUTPUT_ATTEMPTS })]);
    // Off the schedule: a week later nothing is tried.
    await formsScheduled(hackney, { ...deps(s), logger }, plus(now.toISOString(), 7 * 24 * 60));
    expect(receiver.requests).toHaveLength(MAX_OUTPUT_ATTEMPTS);
    expect(await getCase(s.store, s.stored.reference, now)).toBeDefined();
  });

  it('counts a redirect, an unreachable endpoint and no answer in time as failures to retry', async () => {
    receiver.requests.length = 0;
    receiver.reply = 302;
    const s = await submitted();
    expect(await afterSubmission(deps(s), hackney, testForm({ webhook: receiver.url }), s.stored, at(SUBMITTED), quiet)).toEqual({ webhook: 'retry' });
    expect((await outputsOf(s.store, s.stored.reference))[0].lastResult).toBe('HTTP 302');
    // The redirect was not followed.
    expect(receiver.requests).toHaveLength(1);

    const closed = await new Receiver().start();
    const closedUrl = closed.url;
    await closed.close();
    expect(await postWebhook(closedUrl, '{}', { secret: 'k', idempotencyKey: 'x', now: at(SUBMITTED) })).toEqual({ ok: false, result: 'network error' });

    receiver.reply = 'hang';
    try {
      expect(await postWebhook(receiver.url, '{}', { secret: 'k', idempotencyKey: 'x', now: at(SUBMITTED), timeoutMs: 200 })).toEqual({ ok: false, result: 'timeout' });
    } finally {
      receiver.reply = 302;
    }
  });

  it('is sent once when two schedules overlap, and once when the same submission is handled twice', async () => {
    receiver.requests.length = 0;
    receiver.reply = 500;
    const s = await submitted();
    const form = testForm({ webhook: receiver.url });
    await afterSubmission(deps(s), hackney, form, s.stored, at(SUBMITTED), quiet);
    expect(await afterSubmission(deps(s), hackney, form, s.stored, at(SUBMITTED), quiet)).toEqual({ webhook: 'already-queued' });
    expect(receiver.requests).toHaveLength(1);

    receiver.reply = 200;
    const runs = await Promise.all([1, 2, 3].map(() => formsScheduled(hackney, { ...deps(s), logger: quiet }, plus(SUBMITTED, 1))));

    expect(runs.reduce((n, r) => n + r.outputsDelivered, 0)).toBe(1);
    expect(receiver.requests).toHaveLength(2);
  });

  it('goes to the council file’s current webhook address when it has one for the form', async () => {
    receiver.requests.length = 0;
    receiver.reply = 200;
    const s = await submitted();
    const old = await new Receiver().start();
    old.reply = 500;
    try {
      await afterSubmission(deps(s), hackney, testForm({ webhook: old.url }), s.stored, at(SUBMITTED), quiet);
      const fixed = { ...hackney, services: { ...hackney.services, forms: { adopted: { 'test-form': { webhook: { url: receiver.url } } } } } } as CouncilConfig;

      await formsScheduled(fixed, { ...deps(s), logger: quiet }, plus(SUBMITTED, 1));

      expect(old.requests).toHaveLength(1);
      expect(receiver.requests).toHaveLength(1);
      expect((await outputsOf(s.store, s.stored.reference))[0].status).toBe('delivered');
    } finally {
      await old.close();
    }
  });

  it('never fails the resident’s request when the store cannot record it', async () => {
    const s = await submitted();
    const down = { client: createStoreClient({ endpoint: 'http://127.0.0.1:1', maxAttempts: 1 }), tableName: s.store.tableName };
    const { lines, logger } = capturingLogger();

    const result = await afterSubmission({ ...deps(s), store: down }, hackney, testForm({ webhook: receiver.url, mailbox: 'forms@hackney.example' }), s.stored, at(SUBMITTED), logger);

    expect(result).toEqual({ webhook: 'not-recorded', mailbox: 'not-recorded' });
    expect(lines.filter((l) => l.message === 'form output not recorded')).toHaveLength(2);
  });
});

/** Notify as the tests want it: failing until told otherwise. */
class FlakyNotify implements NotificationsPort {
  sent: EmailMessage[] = [];
  failing = true;
  async sendEmail(message: EmailMessage): Promise<void> {
    if (this.failing) throw new Error('Notify answered 500');
    this.sent.push(message);
  }
}

describe('the council mailbox email', () => {
  it('lists every answer as “question: answer”, names files only and leaves special-category answers out', async () => {
    const s = await submitted();

    const result = await afterSubmission(deps(s), hackney, testForm({ mailbox: 'forms@hackney.example' }), s.stored, at(SUBMITTED), quiet);

    expect(result).toEqual({ mailbox: 'delivered' });
    const [email] = s.outbox.sent();
    expect(email).toMatchObject({ to: 'forms@hackney.example', template: FORM_TO_COUNCIL_TEMPLATE, lang: 'en', reference: s.stored.reference });
    expect(email.subject).toBe(`New form: Apply for a test – ${s.stored.reference}`);
    const lines = email.body.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '# Apply for a test',
        `Reference: ${s.stored.reference}`,
        'Submitted: 1 December 2026 at 10:00',
        'What is your name?: Ann Resident',
        'What is your email address?: ann@example.com',
        'Who lives with you?: Bob, 12; Cat, 9',
        'Upload your evidence: tenancy.pdf (uploaded file: download it from the case in the back office)',
        'Some answers are special category data and are not in this email: read them on the case in the back office.',
      ]),
    );
    expect(email.body).not.toContain('Asthma');
    expect(email.body).not.toContain('health condition');
    expect(email.body).not.toContain('abcdefghijklmnop1234');
    expect((await outputsOf(s.store, s.stored.reference))[0]).toMatchObject({ kind: 'mailbox', status: 'delivered' });
  });

  it('links to the case in the back office when the council’s address is known, and says nothing of special category when there is none', async () => {
    const s = await submitted();
    const stored = { ...s.stored, form: { ...s.stored.form!, answers: ANSWERS.filter((a) => !a.specialCategory) } };

    await afterSubmission({ ...deps(s), publicBaseUrl: 'https://services.hackney.example' }, hackney, testForm({ mailbox: 'forms@hackney.example' }), stored, at(SUBMITTED), quiet);

    const [email] = s.outbox.sent();
    expect(email.body).toContain(`The case in the back office: https://services.hackney.example/staff/cases/${s.stored.reference}`);
    expect(email.body).not.toContain('special category');
  });

  it('is retried on the schedule when Notify fails, beside a webhook that went', async () => {
    const receiver = await new Receiver().start();
    try {
      const s = await submitted();
      const notify = new FlakyNotify();

      const result = await afterSubmission(deps(s, notify), hackney, testForm({ webhook: receiver.url, mailbox: 'forms@hackney.example' }), s.stored, at(SUBMITTED), quiet);

      expect(result).toEqual({ webhook: 'delivered', mailbox: 'retry' });
      notify.failing = false;
      expect(await formsScheduled(hackney, { ...deps(s, notify), logger: quiet }, plus(SUBMITTED, 1))).toEqual({ outputsDelivered: 1, outputsRetrying: 0, outputsFailed: 0 });
      expect(notify.sent).toHaveLength(1);
      expect(notify.sent[0].to).toBe('forms@hackney.example');
      expect(receiver.requests).toHaveLength(1);
      const statuses = Object.fromEntries((await outputsOf(s.store, s.stored.reference)).map((d) => [d.kind, d.status]));
      expect(statuses).toEqual({ webhook: 'delivered', mailbox: 'delivered' });
    } finally {
      await receiver.close();
    }
  });
});
