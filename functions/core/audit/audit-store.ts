import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../cases/history-item.ts';
import { createLogger, type Logger } from '../logger.ts';
import { documentClient, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';

/**
 * Where each audit record's fingerprint goes: the function's own log group (CloudWatch Logs), whose
 * events nobody can edit or delete, not even the function. The table's copy serves the audit pages;
 * the log holds each record's id, action, case, actor id and SHA-256 (no names or free text), so a
 * record changed in the table no longer matches its fingerprint.
 */
let auditLog: Logger = createLogger({ module: 'audit' });

/** Tests read the fingerprints; hosts keep the default (standard output, i.e. the log group). */
export function setAuditLog(logger: Logger): void {
  auditLog = logger;
}

/** The SHA-256 of a record as stored, in a fixed key order. */
export function auditFingerprint(record: AuditRecord): string {
  const { id, at, who, action, caseRef, detail } = record;
  return createHash('sha256').update(JSON.stringify({ id, at, who, action, caseRef: caseRef ?? null, detail: detail ?? null })).digest('hex');
}

const actorId = (who: Actor) =>
  who.kind === 'staff' ? { kind: who.kind, sub: who.sub } : who.kind === 'integrator' ? { kind: who.kind, keyId: who.keyId } : who.kind === 'resident' ? { kind: who.kind, via: who.via?.keyId } : { kind: who.kind };

/**
 * The audit: each time staff view a resident's personal data, and every change, with who, when and
 * what. Append-only. Each event is its own item, put once with `attribute_not_exists` and never
 * updated or deleted: this file has no such call, and the council function's role is denied
 * UpdateItem, DeleteItem and BatchWriteItem on every item whose partition starts `AUDIT#`
 * (infra/constructs/council-function.ts). Events are filed under their case (`AUDIT#CASE#<ref>`,
 * or `AUDIT#NOCASE`), with the staff member's partition in the sparse index (`AUDIT#STAFF#<sub>`),
 * so "the audit of a case" and "what a member of staff did" are each one query, newest first.
 * Audit items have no expiry: the council's retention policy for its audit is applied outside the
 * function (a conditional put cannot be made to expire by anyone who can then shorten it).
 */
export interface AuditEvent {
  /** Who: a staff member (sub and name then), or an integrator, resident or the platform. */
  who: Actor;
  /** What, as a short id: "personal-data-viewed", "state", "update", "note", "assignment", "export", … */
  action: string;
  /** The case it concerns, when it concerns one. */
  caseRef?: string;
  /** A short account of what (a state id, an assignee's name, an export's filters); never the resident's details. */
  detail?: string;
  at: string;
  /**
   * Makes the record idempotent: events with the same key and time are one record (a retry of an
   * action whose audit write failed completes it, and never records it twice). A case action's key
   * is its action id with the case reference, and its time is the action's own (its history entry's).
   */
  once?: string;
}

export interface AuditRecord extends AuditEvent {
  id: string;
}

const ACTION = /^[a-z][a-z0-9-]{0,59}$/;
const MAX_DETAIL_LENGTH = 2000;

export const auditCasePartition = (reference: string) => `AUDIT#CASE#${reference}`;
export const auditStaffPartition = (sub: string) => `AUDIT#STAFF#${sub}`;
const NO_CASE = 'AUDIT#NOCASE';

type Item = Record<string, NativeAttributeValue>;

const staffSub = (who: Actor): string | undefined => (who.kind === 'staff' ? who.sub : undefined);

/**
 * Records one event, append-only: the put refuses to replace any item (a clash of random ids is
 * recorded again under a fresh one; with `once`, an item already there is this event, and the call
 * succeeds without writing).
 *
 * @example
 * await recordAudit(deps.store, { who: staffActor(staff), action: 'personal-data-viewed', caseRef: 'ABCD-2345', at: now.toISOString() });
 * await recordAudit(deps.store, { who, action: 'state', caseRef: 'ABCD-2345', detail: 'fixed', at: entry.at, once: `${actionId}:ABCD-2345` });
 */
export async function recordAudit(store: CouncilStore, event: AuditEvent): Promise<AuditRecord> {
  if (!ACTION.test(event.action)) throw new RangeError(`An audit action is a short lower-case id, not "${event.action}"`);
  const { once, ...rest } = event;
  const id = once === undefined ? randomBytes(9).toString('base64url') : onceId(once);
  const record: AuditRecord = { ...rest, detail: event.detail?.slice(0, MAX_DETAIL_LENGTH), id };
  const order = `${record.at}#${record.id}`;
  const sub = staffSub(record.who);
  try {
    await storeCall(() =>
      documentClient(store).send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            [TABLE_KEYS.partitionKey]: record.caseRef ? auditCasePartition(record.caseRef) : NO_CASE,
            [TABLE_KEYS.sortKey]: order,
            ...(sub && { [TABLE_KEYS.index.partitionKey]: auditStaffPartition(sub), [TABLE_KEYS.index.sortKey]: order }),
            id: record.id,
            at: record.at,
            by: record.who,
            action: record.action,
            reference: record.caseRef,
            detail: record.detail,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      // With a key, the item there is this event, recorded before: done. Without, a clash of random ids.
      if (once !== undefined) return record;
      return recordAudit(store, event);
    }
    throw error;
  }
  auditLog.info('audit record', { audit: { id: record.id, at: record.at, action: record.action, caseRef: record.caseRef, by: actorId(record.who), sha256: auditFingerprint(record) } });
  return record;
}

/** A record id from an idempotency key: 16 url-safe characters, so it fits the page cursor. */
const onceId = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 16);

function fromItem(item: Item): AuditRecord {
  const by = (item.by ?? {}) as Partial<Actor> & { sub?: unknown; name?: unknown };
  // Items written by the back office's first audit held only a staff member's sub and name.
  const who: Actor = by.kind ? (by as Actor) : { kind: 'staff', sub: String(by.sub ?? ''), name: String(by.name ?? '') };
  return {
    id: String(item.id),
    at: String(item.at),
    who,
    action: String(item.action),
    caseRef: typeof item.reference === 'string' ? item.reference : undefined,
    detail: typeof item.detail === 'string' ? item.detail : undefined,
  };
}

export interface AuditPage {
  records: AuditRecord[];
  /** Where the next (older) page starts: pass it back as `after`. */
  next?: string;
}

/** A cursor is the sort key of the last record shown: `<iso>#<id>`; anything else starts from the newest. */
const CURSOR = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z#[A-Za-z0-9_-]{1,40}$/;

async function page(store: CouncilStore, query: { index: boolean; partition: string; limit: number; after?: string }): Promise<AuditPage> {
  const keys = query.index ? TABLE_KEYS.index : { partitionKey: TABLE_KEYS.partitionKey, sortKey: TABLE_KEYS.sortKey };
  const after = query.after && CURSOR.test(query.after) ? query.after : undefined;
  const { Items = [], LastEvaluatedKey } = await storeCall(() =>
    documentClient(store).send(
      new QueryCommand({
        TableName: store.tableName,
        ...(query.index && { IndexName: TABLE_KEYS.index.name }),
        KeyConditionExpression: after ? '#pk = :p AND #sk < :after' : '#pk = :p',
        ExpressionAttributeNames: { '#pk': keys.partitionKey, ...(after && { '#sk': keys.sortKey }) },
        ExpressionAttributeValues: { ':p': query.partition, ...(after && { ':after': after }) },
        ScanIndexForward: false,
        Limit: Math.max(1, Math.min(500, query.limit)),
      }),
    ),
  );
  const records = Items.map(fromItem);
  const last = records.at(-1);
  return { records, next: LastEvaluatedKey && last ? `${last.at}#${last.id}` : undefined };
}

/**
 * The audit of a case, newest first, a page at a time.
 *
 * @example
 * const { records, next } = await listAuditForCase(store, 'ABCD-2345', { limit: 50 });
 */
export function listAuditForCase(store: CouncilStore, reference: string, options: { limit: number; after?: string }): Promise<AuditPage> {
  return page(store, { index: false, partition: auditCasePartition(reference), ...options });
}

/**
 * What a member of staff did, newest first, a page at a time.
 *
 * @example
 * const { records } = await listAuditByStaff(store, staff.sub, { limit: 50 });
 */
export function listAuditByStaff(store: CouncilStore, sub: string, options: { limit: number; after?: string }): Promise<AuditPage> {
  return page(store, { index: true, partition: auditStaffPartition(sub), ...options });
}
