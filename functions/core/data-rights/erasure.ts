/**
 * A resident's request to delete their data (UK GDPR Art. 17), as a case for the council's data
 * protection role: made from "Your requests and your data" once the resident has proved their email
 * address, decided by a member of staff with `data-rights:work`. Approving anonymises every case of
 * that address (anonymise.ts); refusing sends the reason. The request itself is kept, with the
 * address and the decision, for `dataRights.requestRetentionDays`, as the record that it was asked
 * and answered.
 */
import { QueryCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { recordAudit } from '../audit/audit-store.ts';
import { bankHolidays, divisionFor, type Nation } from '../calendar/bank-holidays.ts';
import { isWorkingDay, todayIn, type IsoDate } from '../calendar/dates.ts';
import { CaseActionError, deliverActionEmail, MAX_ACTION_TEXT_LENGTH, staffActor } from '../cases/case-actions.ts';
import {
  applyCaseChange,
  CaseChangedError,
  createCase,
  emailPartition,
  fromItem,
  getCase,
  isLive,
  servicePartition,
  type CaseChangeResult,
  type CaseNotification,
  type StaffRef,
  type StoredCase,
} from '../cases/case-store.ts';
import { contactKeysOf } from '../cases/contact-keys.ts';
import { enabledStateFor, STATE_OPEN311_CODES, statusOf, type CaseState } from '../cases/lifecycle.ts';
import { normaliseReference } from '../cases/reference.ts';
import type { FileStorage } from '../files/port.ts';
import { randomToken } from '../http/random-token.ts';
import { formatDate } from '../i18n.ts';
import type { Language } from '../language.ts';
import { localise } from '../localised-text.ts';
import { createLogger, type Logger } from '../logger.ts';
import type { EmailMessage, NotificationsPort } from '../notifications/port.ts';
import type { PhotoStorage } from '../photos/port.ts';
import type { SecretsPort } from '../secrets/port.ts';
import { documentClient, queryAll, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';
import { anonymiseCase } from './anonymise.ts';
import { DATA_RIGHTS_ERASED_TEMPLATE, DATA_RIGHTS_REFUSED_TEMPLATE, DATA_RIGHTS_REQUEST_RECEIVED_TEMPLATE } from './email-templates.ts';

export const DATA_RIGHTS_SERVICE = 'data-rights';
export const ERASURE_TYPE = 'erasure';
/** The restriction (StoredCase.restrictedTo) of a data-rights request: only `data-rights:work` staff see it. */
export const DATA_PROTECTION_RESTRICTION = 'data-protection';

/** The most case references one request names (a resident's own cases: far fewer in practice). */
export const MAX_ERASURE_REFERENCES = 500;

/** The action ids of the two decisions: one each per request (a repeat of the same decision is recognised as itself). */
const APPROVED_ID = 'erasure-approved';
const REFUSED_ID = 'erasure-refused';

export type ErasureDecision = 'approved' | 'refused';

/** The request was decided already (approved or refused): a decision cannot be made, or changed, again. */
export class ErasureDecidedError extends Error {
  override name = 'ErasureDecidedError';
  constructor(
    readonly reference: string,
    readonly decision: ErasureDecision | undefined,
  ) {
    super(`The request ${reference} has been decided already${decision ? ` (${decision})` : ''}`);
  }
}

/** The case given is not a request to delete data (another service's case, or another kind of request). */
export class NotAnErasureRequestError extends Error {
  override name = 'NotAnErasureRequestError';
  constructor(readonly reference: string) {
    super(`The case ${reference} is not a request to delete data`);
  }
}

/** Whether a case is a request to delete data. */
export function isErasureRequest(c: Pick<StoredCase, 'service' | 'type'>): boolean {
  return c.service === DATA_RIGHTS_SERVICE && c.type === ERASURE_TYPE;
}

/** How a request was decided (by its decision's update), or undefined while it waits. */
export function erasureDecision(request: Pick<StoredCase, 'updates'>): ErasureDecision | undefined {
  if (request.updates.some((u) => u.id === APPROVED_ID)) return 'approved';
  if (request.updates.some((u) => u.id === REFUSED_ID)) return 'refused';
  return undefined;
}

/** The references of the cases a request named when it was made (approval covers every case of the address). */
export function erasureReferences(request: Pick<StoredCase, 'details'>): string[] {
  return (request.details.references ?? '').split(' ').filter(Boolean);
}

/** The day a request is due by ('YYYY-MM-DD'), as recorded when it was made. */
export function erasureDue(request: Pick<StoredCase, 'details'>): IsoDate | undefined {
  return request.details.dueDate || undefined;
}

/**
 * When an answer is due, as the ICO counts it: the same day of the next calendar month from the
 * day the request is received (in UK time), or that month's last day when it has no such day
 * (31 January → 28 or 29 February); a day that is not a working day (a weekend, a bank holiday of the
 * council's nation: Scotland and Northern Ireland have their own) moves on to the next working day.
 *
 * @example
 * erasureDueDate(council, new Date('2027-01-31T10:00:00Z')); // '2027-03-01' (28 February 2027 is a Sunday)
 * erasureDueDate(council, new Date('2026-03-03T10:00:00Z')); // '2026-04-03' is Good Friday: '2026-04-07'
 */
export function erasureDueDate(council: { nation: Nation }, received: Date): IsoDate {
  const day = todayIn(received, 'Europe/London');
  const [year, month, date] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  const last = new Date(Date.UTC(next.year, next.month, 0)).getUTCDate();
  let due = `${next.year}-${String(next.month).padStart(2, '0')}-${String(Math.min(date, last)).padStart(2, '0')}`;
  const holidays = new Set(bankHolidays(divisionFor(council.nation)).map((h) => h.date));
  while (!isWorkingDay(due, holidays)) due = addDay(due);
  return due;
}

const addDay = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

type Council = Pick<CouncilConfig, 'id' | 'name' | 'nation' | 'languages' | 'cases' | 'dataRights' | 'privacy'>;

/**
 * Makes a request to delete the data of an email address the resident has proved: a case of
 * service `data-rights`, type `erasure`, seen only by the data protection role, with the address,
 * the day it is due (erasureDueDate) and the references it names in its details, and contact keys
 * of the address (so the resident sees their own request). Kept for `dataRights.requestRetentionDays`.
 * With `submissionId` (the confirmation form's hidden id), a form sent twice makes one request.
 * The caller sends the `data-rights-request-received` email (erasureReceivedEmail).
 *
 * @example
 * const request = await requestErasure(deps.store, deps.secrets, council, { email: session.email, lang, references, submissionId }, now);
 * await deps.notifications.sendEmail(erasureReceivedEmail(council, request));
 */
export async function requestErasure(
  store: CouncilStore,
  secrets: SecretsPort,
  council: Council,
  input: { email: string; lang: Language; references: string[]; submissionId?: string },
  now: Date,
): Promise<StoredCase> {
  const email = input.email.trim();
  if (!email) throw new RangeError('A request to delete data needs the email address it is for');
  const references = [...new Set(input.references.map((r) => normaliseReference(r)).filter((r): r is string => !!r))].slice(0, MAX_ERASURE_REFERENCES);
  const submissionId = input.submissionId?.slice(0, 120) || randomToken(12);
  const result = await createCase(
    store,
    {
      service: DATA_RIGHTS_SERVICE,
      type: ERASURE_TYPE,
      ...(input.submissionId && { dedupeKey: `${DATA_RIGHTS_SERVICE}|${ERASURE_TYPE}|${submissionId}` }),
      submissionId,
      details: { email, dueDate: erasureDueDate(council, now), references: references.join(' ') },
      lang: input.lang,
      retentionDays: council.dataRights.requestRetentionDays,
      restrictedTo: DATA_PROTECTION_RESTRICTION,
      channel: 'online',
    },
    now,
    secrets,
  );
  return result.case;
}

/**
 * The `data-rights-request-received` email of a request, in the resident's language: its
 * reference and the day it is due.
 *
 * @example
 * await deps.notifications.sendEmail(erasureReceivedEmail(council, request));
 */
export function erasureReceivedEmail(council: Pick<CouncilConfig, 'name'>, request: StoredCase): EmailMessage {
  const due = erasureDue(request);
  return {
    template: DATA_RIGHTS_REQUEST_RECEIVED_TEMPLATE,
    lang: request.lang,
    to: request.details.email,
    reference: request.reference,
    personalisation: { reference: request.reference, due_date: due ? formatDate(due, request.lang) : '', council: localise(council.name, request.lang) },
  };
}

/**
 * Every live case an email address made, found by its contact key in the email index, every page:
 * its cost grows with that address's cases. Read from an index (eventually consistent): callers
 * that change a case read it again by reference first.
 */
async function casesOfEmail(store: CouncilStore, secrets: SecretsPort, email: string, now: Date): Promise<StoredCase[]> {
  const { email: key } = await contactKeysOf({ email }, secrets);
  if (!key) return [];
  const items = await queryAll(store, {
    IndexName: TABLE_KEYS.emailIndex.name,
    KeyConditionExpression: '#pk = :p',
    ExpressionAttributeNames: { '#pk': TABLE_KEYS.emailIndex.partitionKey },
    ExpressionAttributeValues: { ':p': emailPartition(key) },
    ScanIndexForward: false,
  });
  return items.filter((i) => isLive(i, now)).map(fromItem);
}

/** The request as it is now, checked to be an erasure request that is still waiting for a decision. */
async function waitingRequest(store: CouncilStore, request: StoredCase, now: Date): Promise<StoredCase> {
  if (!isErasureRequest(request)) throw new NotAnErasureRequestError(request.reference);
  const current = await getCase(store, request.reference, now);
  if (!current) throw new NotAnErasureRequestError(request.reference);
  if (current.status === 'closed' || erasureDecision(current)) throw new ErasureDecidedError(current.reference, erasureDecision(current));
  return current;
}

/** The outcome the resident reads on their request's page, in their language. */
const APPROVED_TEXT: Record<Language, string> = {
  en: 'We have deleted your personal data: your name, contact details, what you wrote, and any photos and files you sent us. This cannot be undone. We keep this request as a record that you asked.',
  cy: 'Rydym wedi dileu eich data personol: eich enw, eich manylion cyswllt, yr hyn a ysgrifennoch, ac unrhyw luniau a ffeiliau a anfonoch atom. Ni ellir dadwneud hyn. Rydym yn cadw’r cais hwn fel cofnod eich bod wedi gofyn.',
};

/**
 * Closes a request with its decision: a public update (the outcome the resident reads) moving it to a
 * closed state the council uses, and the decision's email queued on the request and sent now (the
 * retry job sends it if this send fails). A decision made meanwhile by someone else is refused.
 */
async function decide(
  deps: { store: CouncilStore; notifications: NotificationsPort; logger?: Logger },
  council: Council,
  request: StoredCase,
  decision: { id: string; state: CaseState; text: string; staff: StaffRef; notification: CaseNotification },
  now: Date,
): Promise<CaseChangeResult> {
  const at = now.toISOString();
  const state = enabledStateFor(council, decision.state, request);
  let result: CaseChangeResult;
  try {
    result = await applyCaseChange(
      deps.store,
      request,
      {
        actionId: decision.id,
        kind: 'update',
        at,
        by: staffActor(decision.staff),
        state,
        text: decision.text,
        lang: request.lang,
        expectedVersion: request.version,
        update: { id: decision.id, status: statusOf(state), state, description: decision.text, createdAt: at, externalStatusCode: STATE_OPEN311_CODES[state] },
        notification: decision.notification,
      },
      now,
    );
  } catch (error) {
    if (error instanceof CaseChangedError && (error.current.status === 'closed' || erasureDecision(error.current))) throw new ErasureDecidedError(request.reference, erasureDecision(error.current));
    throw error;
  }
  if (result.outcome === 'already-applied') throw new ErasureDecidedError(request.reference, erasureDecision(result.case));
  const logger = (deps.logger ?? createLogger()).with({ module: 'data-rights' });
  if (result.notificationSkipped) {
    // Another email of the request still waits in its slot: send this one directly, once.
    await deps.notifications.sendEmail({ ...decision.notification, personalisation: { ...decision.notification.personalisation, reference: request.reference }, reference: request.reference }).catch((error: unknown) => {
      logger.error('data rights decision email not sent', { reference: request.reference, error: (error as Error).name });
    });
  } else await deliverActionEmail(deps.store, deps.notifications, result, now, logger);
  return result;
}

export interface ApproveErasureOptions {
  /** A module's `details` keys that hold nothing personal (its `safeDetailKeys`), kept on its anonymised cases. */
  keepDetailKeys?: (service: string) => readonly string[] | undefined;
}

/**
 * Approves a request to delete data: every live case of the request's email address at this moment
 * is anonymised (anonymiseCase; not only those the request named, and never a data-rights request),
 * then the request is closed with the outcome and the resident emailed (`data-rights-erased`, in
 * their language). Audited (`erasure-approved`; each case's `anonymised`). The cases are anonymised
 * before the request closes, so an approval that fails part way is completed by trying again.
 *
 * @throws ErasureDecidedError when it was decided already (or is decided meanwhile), NotAnErasureRequestError
 * @example
 * const { anonymised } = await approveErasure(deps, council, request, staff, now);
 */
export async function approveErasure(
  deps: { store: CouncilStore; secrets: SecretsPort; photos?: PhotoStorage; files?: FileStorage; notifications: NotificationsPort; logger?: Logger },
  council: Council,
  request: StoredCase,
  staff: StaffRef,
  now: Date,
  options: ApproveErasureOptions = {},
): Promise<{ anonymised: string[] }> {
  const current = await waitingRequest(deps.store, request, now);
  const email = current.details.email;
  const by = staffActor(staff);
  const anonymised: string[] = [];
  for (const found of await casesOfEmail(deps.store, deps.secrets, email, now)) {
    if (found.service === DATA_RIGHTS_SERVICE) continue;
    // Read again by reference: the index may lag a change made since.
    const c = await getCase(deps.store, found.reference, now);
    if (!c) continue;
    await anonymiseCase(deps.store, { photos: deps.photos, files: deps.files }, c, by, now, {
      requestReference: current.reference,
      keepDetailKeys: options.keepDetailKeys?.(c.service),
      languages: council.languages,
    });
    anonymised.push(c.reference);
  }
  await decide(
    deps,
    council,
    current,
    {
      id: APPROVED_ID,
      state: 'fixed',
      text: APPROVED_TEXT[current.lang] ?? APPROVED_TEXT.en,
      staff,
      notification: { template: DATA_RIGHTS_ERASED_TEMPLATE, lang: current.lang, to: email, personalisation: { council: localise(council.name, current.lang) } },
    },
    now,
  );
  await recordAudit(deps.store, { who: by, action: 'erasure-approved', caseRef: current.reference, detail: `${anonymised.length}`, at: now.toISOString(), once: `${APPROVED_ID}:${current.reference}` });
  return { anonymised };
}

/**
 * Refuses a request to delete data, with the reason (the resident reads it on their request's page
 * and in the `data-rights-refused` email, as written): the request closes, nothing is deleted.
 * Audited (`erasure-refused`).
 *
 * @throws CaseActionError ('text-required', 'text-too-long') for the reason; ErasureDecidedError, NotAnErasureRequestError
 * @example
 * await refuseErasure(deps, council, request, staff, form.reason, now);
 */
export async function refuseErasure(
  deps: { store: CouncilStore; notifications: NotificationsPort; logger?: Logger },
  council: Council,
  request: StoredCase,
  staff: StaffRef,
  reason: string,
  now: Date,
): Promise<void> {
  const text = reason.trim();
  if (!text) throw new CaseActionError('text-required', 'Say why the request is refused');
  if (text.length > MAX_ACTION_TEXT_LENGTH) throw new CaseActionError('text-too-long', `Write at most ${MAX_ACTION_TEXT_LENGTH} characters`);
  const current = await waitingRequest(deps.store, request, now);
  await decide(
    deps,
    council,
    current,
    {
      id: REFUSED_ID,
      state: 'no-further-action',
      text,
      staff,
      notification: {
        template: DATA_RIGHTS_REFUSED_TEMPLATE,
        lang: current.lang,
        to: current.details.email,
        personalisation: { reason: text, data_protection_email: council.privacy.dataProtectionEmail, council: localise(council.name, current.lang) },
      },
    },
    now,
  );
  await recordAudit(deps.store, { who: staffActor(staff), action: 'erasure-refused', caseRef: current.reference, at: now.toISOString(), once: `${REFUSED_ID}:${current.reference}` });
}

export interface DataRightsRequestsOptions {
  /** Only waiting (open) or decided (closed) requests; absent: both. */
  status?: 'open' | 'closed';
  /** The most requests returned (default and cap 1000). */
  limit?: number;
}

/**
 * The data protection role's queue: data-rights requests, newest change first, from the service
 * index (`SERVICE#data-rights`): it reads that partition only, never the table.
 *
 * @example
 * const waiting = await dataRightsRequests(deps.store, now, { status: 'open' });
 */
export async function dataRightsRequests(store: CouncilStore, now: Date, options: DataRightsRequestsOptions = {}): Promise<StoredCase[]> {
  const limit = Math.max(1, Math.min(1000, options.limit ?? 1000));
  const found: StoredCase[] = [];
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await storeCall(() =>
      documentClient(store).send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: TABLE_KEYS.serviceIndex.name,
          KeyConditionExpression: '#pk = :p',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.serviceIndex.partitionKey },
          ExpressionAttributeValues: { ':p': servicePartition(DATA_RIGHTS_SERVICE) },
          ScanIndexForward: false,
          Limit: limit + 1 - found.length,
          ExclusiveStartKey: start,
        }),
      ),
    );
    for (const item of page.Items ?? []) {
      if (!isLive(item, now)) continue;
      const c = fromItem(item);
      if (options.status && c.status !== options.status) continue;
      found.push(c);
    }
    start = page.LastEvaluatedKey;
  } while (start && found.length < limit);
  return found.slice(0, limit);
}
