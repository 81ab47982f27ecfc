import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesWithDueNotifications, createCase, getCase, MAX_NOTIFICATION_ATTEMPTS, type CreateCaseResult, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { createLogger, type Logger } from '../../functions/core/logger.ts';
import { deliverCaseNotification, deliverNewCaseNotification, NOTIFICATION_GAVE_UP_EVENT, retryDueNotifications } from '../../functions/core/notifications/delivery.ts';
import type { EmailMessage, NotificationsPort } from '../../functions/core/notifications/port.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import type { CouncilStore } from '../../functions/core/store/store.ts';
import { embeddedStore, testApp } from '../support/harness.ts';

const CREATED = '2026-12-01T10:00:00.000Z';
const at = (iso: string) => new Date(iso);
const quiet = createLogger({}, { write: () => {} });

/** Notify as the tests want it: each send waits until `release()` (when held), then succeeds or fails. */
class ControlledNotify implements NotificationsPort {
  calls: EmailMessage[] = [];
  failing = false;
  private gate?: Promise<void>;
  private open?: () => void;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  async sendEmail(message: EmailMessage): Promise<void> {
    this.calls.push(message);
    await this.gate;
    if (this.failing) throw new Error('Notify answered 500');
  }
}

let dynalite: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  dynalite = await embeddedStore();
});
afterAll(() => dynalite.close());

/** A fresh council table holding one new case whose confirmation email is queued, as a submission leaves it. */
async function queuedCase(): Promise<{ store: CouncilStore; c: StoredCase; created: Extract<CreateCaseResult, { outcome: 'created' }> }> {
  const { store } = await testApp('south-cambridgeshire', { endpoint: dynalite.endpoint, now: CREATED });
  const result = await createCase(
    store,
    {
      service: 'bins',
      type: 'missed-collection',
      submissionId: '6c1f0a4e-2b7d-4e8f-9a3c-5d6e7f8a9b0c',
      details: { email: 'resident@example.com' },
      lang: 'en',
      retentionDays: 90,
      notification: { template: 'missed-collection-confirmation', lang: 'en', to: 'resident@example.com', personalisation: { address: '1 High Street' } },
    },
    at(CREATED),
    new LocalSecrets(),
  );
  if (result.outcome !== 'created') throw new Error(`expected a new case, got ${result.outcome}`);
  return { store, c: result.case, created: result };
}

function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({}, { write: (line) => lines.push(JSON.parse(line)), env: { LOG_LEVEL: 'debug' } }) };
}

describe('a queued email', () => {
  it('is sent once when two senders that read the same case send it at the same time', async () => {
    const { store } = await queuedCase();
    const notify = new ControlledNotify();
    // The request that stored it never sent it; after its claim, two overlapping retries both read it from the queue.
    const later = at('2026-12-01T10:03:00Z');
    const [c] = await casesWithDueNotifications(store, later);

    const outcomes = await Promise.all([deliverCaseNotification(store, notify, c, later, quiet), deliverCaseNotification(store, notify, c, later, quiet)]);

    expect(notify.calls).toHaveLength(1);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    expect((await getCase(store, c.reference, later))?.notificationDueAt).toBeUndefined();
  });

  it('is sent by the request that stored it with one store write, and by no other sender meanwhile', async () => {
    const { store, c, created } = await queuedCase();
    const notify = new ControlledNotify();
    const writes: string[] = [];
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        writes.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countWrites' },
    );

    // Another sender holding a copy of the new case (read before its send) tries at the same moment as the inline send.
    const outcomes = await Promise.all([deliverNewCaseNotification(store, notify, created, at(CREATED), quiet), deliverCaseNotification(store, notify, c, at(CREATED), quiet)]);

    expect(outcomes).toEqual(['sent', 'skipped']);
    expect(notify.calls).toHaveLength(1);
    // The inline send's only write is its outcome; the other sender's refused claim is the other request.
    expect(writes.sort()).toEqual(['UpdateItemCommand', 'UpdateItemCommand']);
    expect((await getCase(store, c.reference, at(CREATED)))?.notificationDueAt).toBeUndefined();
    expect(await retryDueNotifications(store, notify, at('2026-12-01T12:00:00Z'), quiet)).toEqual({ sent: 0, failed: 0 });
    expect(notify.calls).toHaveLength(1);
  });

  it('is not sent by the scheduled retry while the inline send may still be in flight', async () => {
    const { store, created } = await queuedCase();
    const notify = new ControlledNotify();
    notify.hold();

    const inline = deliverNewCaseNotification(store, notify, created, at(CREATED), quiet);
    await expect.poll(() => notify.calls.length).toBe(1);
    // The schedule fires 90 seconds later, while Notify has still not answered the inline send.
    const retried = await retryDueNotifications(store, notify, at('2026-12-01T10:01:30Z'), quiet);
    notify.release();

    expect(retried).toEqual({ sent: 0, failed: 0 });
    expect(await inline).toBe('sent');
    expect(notify.calls).toHaveLength(1);
    expect(await retryDueNotifications(store, notify, at('2026-12-01T12:00:00Z'), quiet)).toEqual({ sent: 0, failed: 0 });
    expect(notify.calls).toHaveLength(1);
  });

  it('is left to the request that stored it for a grace period, then retried if that request never sent it', async () => {
    const { store, c } = await queuedCase();
    const notify = new ControlledNotify();

    // The request stored the case and has not reached its send yet (or its function was stopped there).
    expect(await retryDueNotifications(store, notify, at('2026-12-01T10:00:20Z'), quiet)).toEqual({ sent: 0, failed: 0 });
    // The last moment of the claim the case was stored with: still the request's.
    expect(await retryDueNotifications(store, notify, at('2026-12-01T10:01:59.999Z'), quiet)).toEqual({ sent: 0, failed: 0 });
    expect(notify.calls).toHaveLength(0);

    // The claim has lapsed: the request is certainly gone, so the retry sends it, once.
    expect(await retryDueNotifications(store, notify, at('2026-12-01T10:02:00Z'), quiet)).toEqual({ sent: 1, failed: 0 });
    expect(notify.calls.map((m) => m.reference)).toEqual([c.reference]);
    expect(await retryDueNotifications(store, notify, at('2026-12-01T10:05:00Z'), quiet)).toEqual({ sent: 0, failed: 0 });
    expect(notify.calls).toHaveLength(1);
  });

  it('logs one structured error, without the address, when it gives up after its last attempt', async () => {
    const { store, c, created } = await queuedCase();
    const notify = new ControlledNotify();
    notify.failing = true;
    const { logger, lines } = capturingLogger();

    expect(await deliverNewCaseNotification(store, notify, created, at(CREATED), logger)).toBe('failed');
    // The backoff never waits more than 6 hours, so a retry every 7 hours finds it due each time.
    for (let i = 1; i <= MAX_NOTIFICATION_ATTEMPTS + 2; i++) {
      await retryDueNotifications(store, notify, new Date(Date.parse(CREATED) + i * 7 * 3_600_000), logger);
    }

    expect(notify.calls).toHaveLength(MAX_NOTIFICATION_ATTEMPTS);
    const gaveUp = lines.filter((l) => l.event === NOTIFICATION_GAVE_UP_EVENT);
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]).toMatchObject({ level: 'ERROR', reference: c.reference, attempts: MAX_NOTIFICATION_ATTEMPTS, template: 'missed-collection-confirmation' });
    expect(JSON.stringify(lines)).not.toContain('resident@example.com');
    const stored = await getCase(store, c.reference, at('2026-12-10T00:00:00Z'));
    expect(stored?.notificationDueAt).toBeUndefined();
    expect(stored?.notificationAttempts).toBe(MAX_NOTIFICATION_ATTEMPTS);
  });
});
