/**
 * Special-category answers never leave the platform through a form's outputs: the webhook lists
 * each one as withheld (its key and question, no text, no value, no ciphertext), and the council
 * mailbox's email leaves them out with a line saying where they are. A care request's sealed
 * answers, as the care form's case holds them.
 */
import { describe, expect, it } from 'vitest';
import type { StoredCase } from '../../functions/core/cases/case-store.ts';
import { caseSealContext, sealCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import { resolveForm } from '../../functions/modules/forms/definition/resolve.ts';
import { mailboxMessage } from '../../functions/modules/forms/outputs/mailbox.ts';
import { webhookBody, type WebhookPayload } from '../../functions/modules/forms/outputs/webhook.ts';
import { council, testCipher } from '../support/harness.ts';

const REFERENCE = 'H7K3-QX2M';
const HEALTH = 'Stroke in 2025; diabetes.';

async function careCase(): Promise<StoredCase> {
  const cipher = await testCipher();
  const answers = await sealCaseAnswers(
    cipher,
    [
      { key: 'person-name', question: { en: 'What is the person’s full name?' }, text: ['Doreen Okafor'], value: { full: 'Doreen Okafor' } },
      { key: 'health-conditions', question: { en: 'Health conditions' }, text: [HEALTH], value: HEALTH, specialCategory: true },
      { key: 'advocate', question: { en: 'Would they like an advocate?' }, text: ['Yes'], value: 'yes', specialCategory: true },
    ],
    caseSealContext('hackney', REFERENCE, 'care-needs-assessment'),
  );
  const at = '2026-12-01T10:00:00.000Z';
  return {
    reference: REFERENCE,
    service: 'forms',
    type: 'care-needs-assessment',
    submissionId: 'care-staff-outputs',
    details: { name: 'Doreen Okafor' },
    lang: 'en',
    retentionDays: 400,
    state: 'submitted',
    status: 'open',
    channel: 'online',
    version: 0,
    createdAt: at,
    updatedAt: at,
    updates: [],
    expiresAt: 0,
    notificationAttempts: 0,
    restrictedTo: 'care',
    form: { id: 'care-needs-assessment', version: 1, answers },
  };
}

describe('a care request’s outputs', () => {
  it('lists each special-category answer in the webhook as withheld, with neither its text, its value nor its ciphertext', async () => {
    const hackney = await council('hackney');
    const stored = await careCase();

    const body = webhookBody(hackney, stored);
    const payload = JSON.parse(body) as WebhookPayload;

    expect(payload.answers).toEqual([
      { key: 'person-name', question: 'What is the person’s full name?', answer: 'Doreen Okafor', value: { full: 'Doreen Okafor' } },
      { key: 'health-conditions', question: 'Health conditions', specialCategory: true, withheld: true },
      { key: 'advocate', question: 'Would they like an advocate?', specialCategory: true, withheld: true },
    ]);
    expect(body).not.toContain(HEALTH);
    for (const a of stored.form!.answers.filter((x) => x.sealed)) expect(body).not.toContain(a.sealed!);
  });

  it('leaves the special-category answers out of the mailbox email, saying they are in the back office', async () => {
    const hackney = await council('hackney');
    const stored = await careCase();
    const form = resolveForm(hackney, 'care-needs-assessment')!;

    const email = mailboxMessage(hackney, form, stored, 'care@hackney.example', 'https://hackney.example');

    expect(email.personalisation.answers).toBe('What is the person’s full name?: Doreen Okafor');
    expect(email.personalisation.withheld).toBe('Some answers are special category data and are not in this email: read them on the case in the back office.');
    expect(email.personalisation.case_link).toBe(`The case in the back office: https://hackney.example/staff/cases/${REFERENCE}`);
    expect(JSON.stringify(email)).not.toContain(HEALTH);
    expect(JSON.stringify(email)).not.toContain('advocate');
  });
});
