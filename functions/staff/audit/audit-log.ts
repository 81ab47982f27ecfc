import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { randomToken } from '../../core/http/random-token.ts';
import { documentClient, storeCall, TABLE_KEYS, type CouncilStore } from '../../core/store/store.ts';

/**
 * The back office's audit: each view of a resident's personal data and every change staff make,
 * with who, when and what. Items are only ever put (never updated or deleted: no code path here
 * does either, and no route offers it), one per event, under the case's partition with the staff
 * member's partition in the sparse index, so both "the audit of a case" and "the audit of a member
 * of staff" are one query, newest first.
 *
 * Helper Q's core audit (functions/core/audit) had not landed when the case pages were built; this
 * is the small stand-in the case and audit pages use, in one place, so it can be swapped.
 */
export const AUDIT_ACTIONS = ['personal-data-viewed', 'state', 'update', 'note', 'assignment', 'duplicate', 'assisted-started', 'assisted-case'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  /** Who: the staff member's IdP subject and their name then. */
  by: { sub: string; name: string };
  action: AuditAction;
  /** The case it concerns (absent for events about no case, e.g. starting assisted digital). */
  reference?: string;
  /** A short account of what changed (a state id, an assignee's name); never the resident's details. */
  detail?: string;
}

export interface AuditRecord extends AuditEvent {
  id: string;
  at: string;
}

const casePartition = (reference: string) => `AUDIT#CASE#${reference}`;
const staffPartition = (sub: string) => `AUDIT#STAFF#${sub}`;
/** Events about no case are filed under the staff member only. */
const NO_CASE = 'AUDIT#NOCASE';

/**
 * Records one event. Append-only: the write refuses to replace an item.
 *
 * @example
 * await recordAudit(deps.store, { by: staff, action: 'personal-data-viewed', reference: 'ABCD-2345' }, deps.clock());
 */
export async function recordAudit(store: CouncilStore, event: AuditEvent, now: Date): Promise<AuditRecord> {
  const record: AuditRecord = { ...event, by: { sub: event.by.sub, name: event.by.name }, id: randomToken(12), at: now.toISOString() };
  const order = `${record.at}#${record.id}`;
  try {
    await storeCall(() =>
      documentClient(store).send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            [TABLE_KEYS.partitionKey]: record.reference ? casePartition(record.reference) : NO_CASE,
            [TABLE_KEYS.sortKey]: order,
            [TABLE_KEYS.index.partitionKey]: staffPartition(record.by.sub),
            [TABLE_KEYS.index.sortKey]: order,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  } catch (error) {
    // Only a clash of random ids could get here; the event is then recorded under a fresh id.
    if (error instanceof ConditionalCheckFailedException) return recordAudit(store, event, now);
    throw error;
  }
  return record;
}

export interface AuditPage {
  records: AuditRecord[];
  /** Where the next (older) page starts, when there is one: an opaque cursor for the query string. */
  next?: string;
}

function fromItem(item: Record<string, NativeAttributeValue>): AuditRecord {
  const by = (item.by ?? {}) as { sub?: unknown; name?: unknown };
  return {
    id: String(item.id),
    at: String(item.at),
    by: { sub: String(by.sub ?? ''), name: String(by.name ?? '') },
    action: (AUDIT_ACTIONS as readonly unknown[]).includes(item.action) ? (item.action as AuditAction) : 'state',
    reference: typeof item.reference === 'string' ? item.reference : undefined,
    detail: typeof item.detail === 'string' ? item.detail : undefined,
  };
}

/** A cursor is the sort key of the last record shown: `<iso>#<id>`. */
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
        // An unused name is an error to DynamoDB: the sort key's only when a cursor is given.
        ExpressionAttributeNames: { '#pk': keys.partitionKey, ...(after && { '#sk': keys.sortKey }) },
        ExpressionAttributeValues: { ':p': query.partition, ...(after && { ':after': after }) },
        ScanIndexForward: false,
        Limit: query.limit,
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
 * const { records, next } = await listCaseAudit(store, 'ABCD-2345', { limit: 50 });
 */
export function listCaseAudit(store: CouncilStore, reference: string, options: { limit: number; after?: string }): Promise<AuditPage> {
  return page(store, { index: false, partition: casePartition(reference), ...options });
}

/**
 * What a member of staff did, newest first, a page at a time.
 *
 * @example
 * const { records } = await listStaffAudit(store, 'hackney-officer', { limit: 50 });
 */
export function listStaffAudit(store: CouncilStore, sub: string, options: { limit: number; after?: string }): Promise<AuditPage> {
  return page(store, { index: true, partition: staffPartition(sub), ...options });
}
