import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { Language } from '../language.ts';
import { TABLE_KEYS } from '../store/store.ts';
import { isCaseState, type CaseState } from './lifecycle.ts';

/** A staff member as the case remembers them: the IdP's subject and the name shown. */
export interface StaffRef {
  sub: string;
  name: string;
}

/** Who made a change: an officer, an integrator's key, a resident (perhaps through an integrator), or the platform. */
export type Actor =
  | { kind: 'staff'; sub: string; name: string }
  | { kind: 'integrator'; keyId: string; name: string }
  | { kind: 'resident'; name?: string; email?: string; via?: { keyId: string; name: string } }
  | { kind: 'system' };

export const HISTORY_KINDS = ['created', 'state', 'update', 'note', 'assignment', 'duplicate', 'resident-comment'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** One item of a case's history timeline. */
export interface HistoryEntry {
  /** The action's id (idempotency key); for `created`, the case's submission id. */
  id: string;
  kind: HistoryKind;
  at: string;
  by: Actor;
  /** The state after the change (state, update, duplicate), and before it. */
  state?: CaseState;
  previousState?: CaseState;
  /** The words: a public update (published), a note or a resident's comment (never published). */
  text?: string;
  /** The language a public update was written for (the resident's). */
  lang?: Language;
  /** Assignment: the new assignee, or null for "unassigned". */
  assignedTo?: StaffRef | null;
  duplicateOf?: string;
  /** Only `update` entries are published (tracking page, Open311). */
  public: boolean;
}

type Item = Record<string, NativeAttributeValue>;

export const HISTORY_PREFIX = 'HIST#';

/** Digits of the version in a history sort key: a case changes far fewer than 10^10 times. */
const VERSION_DIGITS = 10;

/**
 * The sort key of a history entry: ordered by time within its case, then, for changes made at the
 * same instant, by the case's version after the change (zero-padded, so it sorts as a number), so
 * they list in the order they were applied rather than by their random ids. Items written before
 * the version was in the key (`HIST#<at>#<id>`) still read, in time order.
 *
 * @example
 * historySortKey('2026-12-01T10:00:00.000Z', 3, 'form-7f3a'); // 'HIST#2026-12-01T10:00:00.000Z#0000000003#form-7f3a'
 */
export const historySortKey = (at: string, version: number, id: string) => `${HISTORY_PREFIX}${at}#${String(version).padStart(VERSION_DIGITS, '0')}#${id}`;

/**
 * A history entry as its item under the case's partition (so it goes when the case goes), for the
 * case `c` as the change left it (its version orders the entry; see historySortKey). A public
 * update's entry is also the published update: it carries the update's fields and, for cases with a
 * public side, the updates index keys Open311's GET servicerequestupdates reads.
 */
export function historyItem(
  c: { reference: string; service: string; expiresAt: number; public?: unknown; version: number },
  entry: HistoryEntry,
  update?: Item,
): Item {
  return {
    [TABLE_KEYS.partitionKey]: `CASE#${c.reference}`,
    [TABLE_KEYS.sortKey]: historySortKey(entry.at, c.version, entry.id),
    reference: c.reference,
    service: c.service,
    kind: entry.kind,
    at: entry.at,
    by: entry.by,
    state: entry.state,
    previousState: entry.previousState,
    text: entry.text,
    lang: entry.lang,
    assignedTo: entry.assignedTo,
    duplicateOf: entry.duplicateOf,
    isPublic: entry.public,
    ...update,
    // The entry's own id last: a public update's id is the same id.
    id: entry.id,
    [TABLE_KEYS.ttlAttribute]: c.expiresAt,
    ...(entry.public &&
      update &&
      c.public !== undefined && {
        [TABLE_KEYS.updatesIndex.partitionKey]: `UPDATES#${c.service}`,
        [TABLE_KEYS.updatesIndex.sortKey]: `${entry.at}#${c.reference}#${entry.id}`,
      }),
  };
}

export function historyFromItem(item: Item): HistoryEntry {
  const kind = (HISTORY_KINDS as readonly unknown[]).includes(item.kind) ? (item.kind as HistoryKind) : 'update';
  const assigned = item.assignedTo as StaffRef | null | undefined;
  return {
    id: String(item.id),
    kind,
    at: String(item.at ?? item.createdAt),
    by: (item.by as Actor | undefined) ?? { kind: 'system' },
    state: isCaseState(item.state) ? item.state : undefined,
    previousState: isCaseState(item.previousState) ? item.previousState : undefined,
    text: typeof item.text === 'string' ? item.text : typeof item.description === 'string' ? item.description : undefined,
    lang: item.lang as Language | undefined,
    assignedTo: assigned === null ? null : assigned && typeof assigned.sub === 'string' ? { sub: assigned.sub, name: String(assigned.name) } : undefined,
    duplicateOf: typeof item.duplicateOf === 'string' ? item.duplicateOf : undefined,
    public: item.isPublic === true,
  };
}
