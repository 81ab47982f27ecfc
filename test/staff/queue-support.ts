import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { caseItem, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { contactKeys } from '../../functions/core/cases/contact-keys.ts';
import { randomReference } from '../../functions/core/cases/reference.ts';
import { statusOf } from '../../functions/core/cases/lifecycle.ts';
import type { SecretsPort } from '../../functions/core/secrets/port.ts';
import { documentClient, type CouncilStore } from '../../functions/core/store/store.ts';
import type { StaffBrowser } from './support.ts';

let seeded = 0;

/** A case as a module stores it, with the fields a test sets; contact keys made with the council's secret. */
export async function caseOf(secrets: SecretsPort, over: Partial<StoredCase> & { at: Date }): Promise<StoredCase> {
  const { at, ...rest } = over;
  const iso = at.toISOString();
  const state = rest.state ?? 'submitted';
  const details = rest.details ?? {};
  const i = ++seeded;
  return {
    reference: randomReference(),
    service: 'report',
    type: 'pothole',
    submissionId: `queue-test-${process.pid}-${i}`,
    details,
    public:
      rest.service === 'bins'
        ? undefined
        : { serviceCode: rest.type ?? 'pothole', serviceName: 'Pothole', description: `A pothole (${i})`, lat: 51.55544, long: -0.05348, address: 'Linscott Road, London' },
    lang: 'en',
    retentionDays: 400,
    channel: 'online',
    version: 0,
    createdAt: iso,
    updatedAt: iso,
    updates: [],
    expiresAt: Math.floor(at.getTime() / 1000) + 400 * 86_400,
    notificationAttempts: 0,
    ...rest,
    state,
    status: statusOf(state),
    contactKeys: await contactKeys(details, secrets),
  };
}

/** Writes cases in batches of 25, as the bench does. */
export async function putCases(store: CouncilStore, cases: StoredCase[]): Promise<void> {
  const doc = documentClient(store);
  for (let i = 0; i < cases.length; i += 25) {
    let items = cases.slice(i, i + 25).map((c) => ({ PutRequest: { Item: caseItem(c) } }));
    while (items.length > 0) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: items } }));
      items = (out.UnprocessedItems?.[store.tableName] ?? []) as typeof items;
    }
  }
}

/** A POST with repeated fields (StaffBrowser.post takes one value per name), through the browser's cookies. */
export async function postForm(browser: StaffBrowser, app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, path: string, body: URLSearchParams): Promise<Response> {
  if (!browser.cookies.has('ldf_csrf')) await browser.get('/staff/signed-out');
  body.set('csrf', browser.cookies.get('ldf_csrf') ?? '');
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.request(path, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
}

/** The references a queue page lists, in order. */
export const referencesOn = (html: string) => [...html.matchAll(/<tr class="govuk-table__row" data-reference="([A-Z0-9-]+)"/g)].map((m) => m[1]);

/** The "Next" link of a queue page, unescaped. */
export const nextLink = (html: string) => /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
export const previousLink = (html: string) => /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="prev"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

/** Parses a CSV as RFC 4180 writes it (quoted cells, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
