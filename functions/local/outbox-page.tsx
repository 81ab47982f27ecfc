import type { Context } from 'hono';
import type { OutboxEntry, OutboxNotifications } from '../core/notifications/outbox-adapter.ts';
import { readOutboxFile } from '../core/notifications/outbox-adapter.ts';
import { PlatformPage } from '../platform/platform-app.tsx';

/** Every email the local host has "sent", in full: the developer's view of GOV.UK Notify. */
export async function outboxPage(c: Context, file: string | undefined, outboxes: Map<string, OutboxNotifications>) {
  const entries: OutboxEntry[] = file
    ? await readOutboxFile(file)
    : [...outboxes.values()].flatMap((o) => [...o.sent()]).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  const page = (
    <PlatformPage title="Outbox" nonce={c.get('secureHeadersNonce')}>
      <span class="govuk-caption-l">Local development only</span>
      <h1 class="govuk-heading-xl">Outbox</h1>
      <p class="govuk-body">Emails the platform would have sent through GOV.UK Notify, newest first.</p>
      {entries.length === 0 && <p class="govuk-body">No emails yet.</p>}
      {entries.map((e) => (
        <section class="govuk-!-margin-bottom-8" aria-label={e.subject}>
          <h2 class="govuk-heading-m">{e.subject}</h2>
          <dl class="govuk-summary-list">
            {(
              [
                ['To', e.to],
                ['Council', e.council],
                ['Language', e.lang],
                ['Template', e.template],
                ['Reference', e.reference],
                ['Sent', e.sentAt],
              ] as const
            ).map(([k, v]) => (
              <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                <dt class="govuk-summary-list__key">{k}</dt>
                <dd class="govuk-summary-list__value">{v}</dd>
              </div>
            ))}
          </dl>
          <pre class="govuk-body app-email-body" lang={e.lang}>{e.body}</pre>
        </section>
      ))}
    </PlatformPage>
  );
  return c.html(`<!DOCTYPE html>${String(page)}`);
}
