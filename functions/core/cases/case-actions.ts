/**
 * What officers (and integrators) do to a case: change its state, add a public update (emailed to
 * the resident), add an internal note, assign it, mark it a duplicate; and the history timeline.
 * Each action goes through applyCaseChange: one conditional write of the case, idempotent by the
 * action id the caller passes (a form's hidden random id), so a repeated or double-clicked action
 * applies once; with `expectedVersion` (the version the page showed) an action made on a stale page
 * is refused with CaseChangedError instead of overwriting a colleague's change.
 */
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { Logger } from '../logger.ts';
import { localise } from '../localised-text.ts';
import { deliverNewCaseNotification } from '../notifications/delivery.ts';
import type { NotificationsPort } from '../notifications/port.ts';
import type { CouncilStore } from '../store/store.ts';
import {
  applyCaseChange,
  getCase,
  readHistory,
  stateOfUpdate,
  type Actor,
  type CaseChangeResult,
  type HistoryEntry,
  type StaffRef,
  type StoredCase,
} from './case-store.ts';
import { caseUpdateTemplate } from './email-template.ts';
import { enabledStateFor, isStateEnabled, stateLabel, STATE_OPEN311_CODES, statusOf, type CaseKind, type CaseState } from './lifecycle.ts';
import { normaliseReference } from './reference.ts';

/** The longest public update, note or comment kept (FixMyStreet's updates are of this order). */
export const MAX_ACTION_TEXT_LENGTH = 5000;

/** What every action names: its id (idempotency), who makes it and, from a page, the version it showed. */
export interface ActionInput {
  actionId: string;
  by: Actor;
  expectedVersion?: number;
}

/** An action the council's file or the case does not allow (a dropped state, an empty note, a duplicate of itself). */
export class CaseActionError extends Error {
  override name = 'CaseActionError';
  constructor(
    readonly reason: 'state-not-enabled' | 'text-required' | 'text-too-long' | 'duplicate-unknown' | 'duplicate-self' | 'same-state',
    message: string,
  ) {
    super(message);
  }
}

type Council = Pick<CouncilConfig, 'cases' | 'name'>;

/** The state must be one the council uses for the case's type (`cases.types`), else its own. */
function requireState(council: Council, c: StoredCase, state: CaseState): void {
  if (!isStateEnabled(council, state, c)) throw new CaseActionError('state-not-enabled', `The council does not use the state ${state} for ${c.service} cases of type ${c.type}`);
}

function requireText(text: string | undefined, required: boolean): string | undefined {
  const trimmed = text?.trim() ?? '';
  if (required && !trimmed) throw new CaseActionError('text-required', 'Write something');
  if (trimmed.length > MAX_ACTION_TEXT_LENGTH) throw new CaseActionError('text-too-long', `Write at most ${MAX_ACTION_TEXT_LENGTH} characters`);
  return trimmed || undefined;
}

/**
 * Moves a case to another state, with no words for the resident (a history entry, not published).
 *
 * @example
 * await changeState(store, council, found, { state: 'investigating', actionId: form.actionId, by: staffActor(staff), expectedVersion: Number(form.version) }, now);
 */
export async function changeState(store: CouncilStore, council: Council, c: StoredCase, input: ActionInput & { state: CaseState }, now: Date): Promise<CaseChangeResult> {
  requireState(council, c, input.state);
  if (input.state === 'duplicate') throw new CaseActionError('duplicate-unknown', 'Mark a case a duplicate with the reference of the case it duplicates');
  return applyCaseChange(store, c, { actionId: input.actionId, kind: 'state', at: now.toISOString(), by: input.by, state: input.state, expectedVersion: input.expectedVersion }, now);
}

/**
 * Adds a public update: the resident sees it when tracking and is emailed it in the language they
 * used (the module's case-update template, queued claimed by this request: send it with
 * deliverActionEmail, or the retry job will). The update may move the case to a state; it is
 * published in Open311 (for cases with a public side) with the state's extension code.
 *
 * @example
 * const result = await addPublicUpdate(store, council, found, { text, state: 'fixed', actionId, by }, now);
 * await deliverActionEmail(store, deps.notifications, result, now, log);
 */
export async function addPublicUpdate(
  store: CouncilStore,
  council: Council,
  c: StoredCase,
  input: ActionInput & { text: string; state?: CaseState },
  now: Date,
): Promise<CaseChangeResult> {
  const text = requireText(input.text, true)!;
  const state = input.state ?? c.state;
  if (input.state) requireState(council, c, input.state);
  const at = now.toISOString();
  const email = c.details.email;
  return applyCaseChange(
    store,
    c,
    {
      actionId: input.actionId,
      kind: 'update',
      at,
      by: input.by,
      state,
      text,
      lang: c.lang,
      expectedVersion: input.expectedVersion,
      update: { id: input.actionId, status: statusOf(state), state, description: text, createdAt: at, externalStatusCode: STATE_OPEN311_CODES[state] },
      notification: email
        ? {
            template: caseUpdateTemplate(c.service),
            lang: c.lang,
            to: email,
            personalisation: { update: text, state: stateLabel(council, state, c.lang, c), council: localise(council.name, c.lang) },
          }
        : undefined,
    },
    now,
  );
}

/** Sends the email an action queued (addPublicUpdate), in this request; a failure is left to the retry job. */
export async function deliverActionEmail(store: CouncilStore, port: NotificationsPort, result: CaseChangeResult, now: Date, logger: Logger): Promise<'sent' | 'failed' | 'skipped'> {
  if (result.outcome !== 'applied' || !result.notificationClaim) return 'skipped';
  return deliverNewCaseNotification(store, port, { outcome: 'created', case: result.case, notificationClaim: result.notificationClaim }, now, logger);
}

/**
 * Adds an internal note: for officers only, never published, never in Open311.
 *
 * @example
 * await addInternalNote(store, found, { text: 'Called the resident back', actionId, by }, now);
 */
export async function addInternalNote(store: CouncilStore, c: StoredCase, input: ActionInput & { text: string }, now: Date): Promise<CaseChangeResult> {
  const text = requireText(input.text, true)!;
  return applyCaseChange(store, c, { actionId: input.actionId, kind: 'note', at: now.toISOString(), by: input.by, text, expectedVersion: input.expectedVersion }, now);
}

/**
 * Assigns a case to an officer, or (null) unassigns it.
 *
 * @example
 * await assignCase(store, found, { to: { sub: staff.sub, name: staff.name }, actionId, by }, now);
 */
export async function assignCase(store: CouncilStore, c: StoredCase, input: ActionInput & { to: StaffRef | null }, now: Date): Promise<CaseChangeResult> {
  const to = input.to ? { sub: input.to.sub, name: input.to.name } : null;
  return applyCaseChange(store, c, { actionId: input.actionId, kind: 'assignment', at: now.toISOString(), by: input.by, assignedTo: to, expectedVersion: input.expectedVersion }, now);
}

/**
 * Marks a case a duplicate of another existing case (state `duplicate`, closed): the reference is
 * checked, normalised, and may not be the case itself.
 *
 * @example
 * await markDuplicate(store, council, found, { of: 'ABCD-2345', actionId, by }, now);
 */
export async function markDuplicate(store: CouncilStore, council: Council, c: StoredCase, input: ActionInput & { of: string }, now: Date): Promise<CaseChangeResult> {
  requireState(council, c, 'duplicate');
  const reference = normaliseReference(input.of);
  if (!reference) throw new CaseActionError('duplicate-unknown', 'Enter the reference of the case it duplicates');
  if (reference === c.reference) throw new CaseActionError('duplicate-self', 'A case cannot duplicate itself');
  const original = await getCase(store, reference, now);
  if (!original) throw new CaseActionError('duplicate-unknown', `There is no case ${reference}`);
  return applyCaseChange(
    store,
    c,
    { actionId: input.actionId, kind: 'duplicate', at: now.toISOString(), by: input.by, state: 'duplicate', duplicateOf: reference, expectedVersion: input.expectedVersion },
    now,
  );
}

/**
 * A resident's comment passed on by a resident channel (FixMyStreet's POST servicerequestupdates):
 * for an officer to read and act on, a request (e.g. to reopen), not a state change; never published.
 */
export async function addResidentComment(store: CouncilStore, c: StoredCase, input: ActionInput & { text: string; at?: string }, now: Date): Promise<CaseChangeResult> {
  const text = requireText(input.text, false);
  return applyCaseChange(store, c, { actionId: input.actionId, kind: 'resident-comment', at: input.at ?? now.toISOString(), by: input.by, text }, now);
}

/**
 * A case's history, oldest first: its creation (from the case itself: made online, by Open311, or by
 * an officer for the resident), then every entry. Public updates stored before the history existed
 * are shown from the case's own list.
 *
 * @example
 * for (const entry of await listHistory(store, found)) render(entry.kind, entry.by, entry.at);
 */
export async function listHistory(store: CouncilStore, c: StoredCase): Promise<HistoryEntry[]> {
  const entries = await readHistory(store, c.reference);
  const known = new Set(entries.filter((e) => e.kind === 'update').map((e) => e.id));
  const legacy: HistoryEntry[] = c.updates
    .filter((u) => !known.has(u.id))
    .map((u) => ({ id: u.id, kind: 'update', at: u.createdAt, by: { kind: 'system' }, state: stateOfUpdate(u), text: u.description, public: true }));
  const by: Actor = c.madeBy ? { kind: 'staff', sub: c.madeBy.staff.sub, name: c.madeBy.staff.name } : { kind: 'resident', name: c.details.name };
  const created: HistoryEntry = { id: c.submissionId, kind: 'created', at: c.createdAt, by, state: 'submitted', public: false };
  return [created, ...[...entries, ...legacy].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))];
}

/** A staff member as an actor. */
export function staffActor(staff: { sub: string; name: string }): Actor {
  return { kind: 'staff', sub: staff.sub, name: staff.name };
}

/**
 * The state a works system's Open311 status code means, among the council's states: mySociety's
 * extension codes (OPEN, INVESTIGATING, FIXED, …); a code for a dropped state lands on the nearest
 * kept state with the same open/closed.
 */
export function stateForOpen311Code(council: Council, code: string, kind?: CaseKind): CaseState | undefined {
  const state = OPEN311_CODE_STATES[code.toUpperCase()];
  return state ? enabledStateFor(council, state, kind) : undefined;
}

const OPEN311_CODE_STATES: Record<string, CaseState> = {
  OPEN: 'submitted',
  REOPEN: 'submitted',
  FOR_TRIAGE: 'submitted',
  INVESTIGATING: 'investigating',
  IN_PROGRESS: 'in-progress',
  PLANNED: 'action-scheduled',
  ACTION_SCHEDULED: 'action-scheduled',
  FIXED: 'fixed',
  CLOSED: 'fixed',
  DUPLICATE: 'duplicate',
  NOT_COUNCILS_RESPONSIBILITY: 'not-responsible',
  NO_FURTHER_ACTION: 'no-further-action',
  CANCELLED: 'no-further-action',
  INTERNAL_REFERRAL: 'internal-referral',
};
