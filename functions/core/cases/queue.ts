/**
 * The back office's queue: every module's cases, newest change first, filtered and paginated, its
 * counts per state, its search, and the rows of its CSV export.
 *
 * Cost. Each page is one Query of the index that serves its most selective filter (TABLE_KEYS:
 * by assignee, by module and type, by state, by module, or every case), all ordered by last change,
 * so a date range of changes is a key condition and the other filters a FilterExpression on what
 * that partition holds. A page reads its answer plus what the index's partition holds between its
 * matches — never the table — and a read budget caps a page whose filters the index does not serve
 * (it then returns fewer than a page, with a cursor to carry on). With the counts (one GetItem),
 * a queue page takes two store requests.
 *
 * Restricted cases (social care: `restrictedTo`) are left out for staff without the role by the
 * FilterExpression too (`restrictedVisible`). They are few among the cases an index serves, so such a
 * page still asks for a page and one more; only when that first read comes back short (the hidden
 * cases among it) does it read on in the larger steps of an unserved filter. The counts leave
 * restricted cases out altogether (see queueCounts).
 */
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { SecretsPort } from '../secrets/port.ts';
import { documentClient, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';
import {
  assignedPartition,
  CASE_COUNTS_KEY,
  countAttribute,
  emailPartition,
  fromItem,
  getCase,
  isLive,
  phonePartition,
  postcodePartition,
  servicePartition,
  statePartition,
  typePartition,
  type StoredCase,
} from './case-store.ts';
import { contactKeysOf, normalisePostcode } from './contact-keys.ts';
import { CASE_STATES, type CaseChannel, type CaseState } from './lifecycle.ts';
import { normaliseReference } from './reference.ts';

/** What a queue shows; every filter left out means "any". */
export interface QueueFilters {
  /** A module, e.g. "report". */
  service?: string;
  /** A case type of that module (a report's category code, "missed-collection"); needs `service`. */
  type?: string;
  /** One or several states. */
  states?: CaseState[];
  /** A staff member's sub, or "unassigned"; absent: anyone. */
  assigned?: string;
  /** Made within (ISO date-times, inclusive; either end may be open). */
  created?: { from?: string; to?: string };
  /** Last changed within. */
  changed?: { from?: string; to?: string };
  channels?: CaseChannel[];
  /**
   * The restrictions (`StoredCase.restrictedTo`, e.g. 'care') whose cases the reader may see; cases
   * with any other restriction are left out. `[]`: unrestricted cases only. Absent: every case (the
   * back office always sets it, from the member of staff's roles).
   */
  restrictedVisible?: readonly string[];
}

export interface QueueQuery {
  filters: QueueFilters;
  /** Cases per page, 1 to 500. */
  pageSize: number;
  /** From the previous page's `cursor`; absent for the first page. */
  cursor?: string;
}

export interface QueuePage {
  cases: StoredCase[];
  /** Pass it back for the next page; absent on the last page. Opaque to callers. */
  cursor?: string;
  /** Store requests and items read for this page (for the bench and the tests). */
  requests: number;
  itemsRead: number;
}

/** A cursor that is not one this queue gave for these filters (edited, or from another queue): the page is a 400. */
export class QueueCursorError extends Error {
  override name = 'QueueCursorError';
  constructor() {
    super('The page link is not valid: start again from the first page');
  }
}

export const MAX_QUEUE_PAGE_SIZE = 500;
/** The most items one page reads looking for matches its index does not serve. */
const PAGE_READ_BUDGET = 2000;
const MAX_QUERY_LIMIT = 1000;

type Index = { name: string; partitionKey: string; sortKey: string };
type Item = Record<string, NativeAttributeValue>;

/** The index and partition that serve a queue's filters best, and the filters left for a FilterExpression. */
function plan(filters: QueueFilters): { index: Index; partition: string; rest: QueueFilters } {
  const { assigned, service, type, states } = filters;
  if (assigned && assigned !== 'unassigned') return { index: TABLE_KEYS.assignedIndex, partition: assignedPartition(assigned), rest: { ...filters, assigned: undefined } };
  if (service && type) return { index: TABLE_KEYS.typeIndex, partition: typePartition(service, type), rest: { ...filters, service: undefined, type: undefined } };
  if (states?.length === 1) return { index: TABLE_KEYS.stateIndex, partition: statePartition(states[0]), rest: { ...filters, states: undefined } };
  if (assigned === 'unassigned') return { index: TABLE_KEYS.assignedIndex, partition: assignedPartition(undefined), rest: { ...filters, assigned: undefined } };
  if (service) return { index: TABLE_KEYS.serviceIndex, partition: servicePartition(service), rest: { ...filters, service: undefined } };
  return { index: TABLE_KEYS.dateIndex, partition: 'CASES', rest: filters };
}

/** The FilterExpression of the filters the index does not serve (and expiry: TTL deletion is lazy). */
function filterExpression(rest: QueueFilters, now: Date, names: Record<string, string>, values: Record<string, NativeAttributeValue>): string {
  const parts = ['#exp > :now'];
  names['#exp'] = TABLE_KEYS.ttlAttribute;
  values[':now'] = Math.floor(now.getTime() / 1000);
  const anyOf = (attr: string, list: readonly string[], prefix: string) => {
    names[`#${prefix}`] = attr;
    const keys = list.map((v, i) => {
      values[`:${prefix}${i}`] = v;
      return `:${prefix}${i}`;
    });
    parts.push(`#${prefix} IN (${keys.join(', ')})`);
  };
  if (rest.service) anyOf('service', [rest.service], 'svc');
  if (rest.type) anyOf('type', [rest.type], 'typ');
  if (rest.states?.length) anyOf('state', rest.states, 'st');
  if (rest.channels?.length) anyOf('channel', rest.channels, 'ch');
  if (rest.assigned === 'unassigned') parts.push('attribute_not_exists(assignedTo)');
  else if (rest.assigned) {
    names['#asg'] = TABLE_KEYS.assignedIndex.partitionKey;
    values[':asg'] = assignedPartition(rest.assigned);
    parts.push('#asg = :asg');
  }
  if (rest.created?.from) {
    values[':cfrom'] = rest.created.from;
    parts.push('createdAt >= :cfrom');
  }
  if (rest.created?.to) {
    values[':cto'] = rest.created.to;
    parts.push('createdAt <= :cto');
  }
  if (rest.restrictedVisible) parts.push(restrictionFilter(rest.restrictedVisible, names, values));
  return parts.join(' AND ');
}

/** The FilterExpression part that keeps unrestricted cases and those restricted to one of `visible`. */
function restrictionFilter(visible: readonly string[], names: Record<string, string>, values: Record<string, NativeAttributeValue>): string {
  names['#rst'] = 'restrictedTo';
  if (visible.length === 0) return 'attribute_not_exists(#rst)';
  const keys = visible.map((v, i) => {
    values[`:rst${i}`] = v;
    return `:rst${i}`;
  });
  return `(attribute_not_exists(#rst) OR #rst IN (${keys.join(', ')}))`;
}

/**
 * Whether a case is one a reader with these visible restrictions sees (the same rule as the queue's
 * FilterExpression, for what is read by key: a search by reference, email, phone or postcode).
 */
export function isVisibleCase(found: { restrictedTo?: string }, visible: readonly string[] | undefined): boolean {
  return visible === undefined || found.restrictedTo === undefined || visible.includes(found.restrictedTo);
}

function keyCondition(index: Index, partition: string, changed: QueueFilters['changed'], names: Record<string, string>, values: Record<string, NativeAttributeValue>): string {
  names['#qpk'] = index.partitionKey;
  values[':qpk'] = partition;
  if (changed?.from || changed?.to) names['#qsk'] = index.sortKey;
  // "#~" sorts after "#" and every reference: a case changed at `to` itself is in range.
  if (changed?.from && changed.to) {
    values[':from'] = changed.from;
    values[':to'] = `${changed.to}#~`;
    return '#qpk = :qpk AND #qsk BETWEEN :from AND :to';
  }
  if (changed?.from) {
    values[':from'] = changed.from;
    return '#qpk = :qpk AND #qsk >= :from';
  }
  if (changed?.to) {
    values[':to'] = `${changed.to}#~`;
    return '#qpk = :qpk AND #qsk <= :to';
  }
  return '#qpk = :qpk';
}

const keyOfItem = (index: Index, item: Item): Item => ({
  [TABLE_KEYS.partitionKey]: item[TABLE_KEYS.partitionKey],
  [TABLE_KEYS.sortKey]: item[TABLE_KEYS.sortKey],
  [index.partitionKey]: item[index.partitionKey],
  [index.sortKey]: item[index.sortKey],
});

function encodeCursor(index: Index, key: Item): string {
  return Buffer.from(JSON.stringify({ i: index.name, k: key })).toString('base64url');
}

/** The start key a cursor holds, checked to be a position in this very partition of this index. */
function decodeCursor(cursor: string, index: Index, partition: string): Item {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new QueueCursorError();
  }
  const { i, k } = (parsed ?? {}) as { i?: unknown; k?: Record<string, unknown> };
  const expected = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, index.partitionKey, index.sortKey];
  if (i !== index.name || !k || typeof k !== 'object' || Object.keys(k).sort().join() !== [...new Set(expected)].sort().join()) throw new QueueCursorError();
  if (!Object.values(k).every((v) => typeof v === 'string' && v.length > 0 && v.length <= 400)) throw new QueueCursorError();
  if (k[index.partitionKey] !== partition || !String(k[TABLE_KEYS.partitionKey]).startsWith('CASE#') || k[TABLE_KEYS.sortKey] !== 'CASE') throw new QueueCursorError();
  return k as Item;
}

/**
 * One page of the queue, newest change first.
 *
 * @throws QueueCursorError for a cursor this queue did not give
 * @example
 * const page = await listQueue(store, { filters: { service: 'report', states: ['submitted'], assigned: 'unassigned' }, pageSize: 50 }, now);
 * const next = page.cursor && `?cursor=${page.cursor}`;
 */
export async function listQueue(store: CouncilStore, query: QueueQuery, now: Date): Promise<QueuePage> {
  const pageSize = Math.max(1, Math.min(MAX_QUEUE_PAGE_SIZE, Math.floor(query.pageSize)));
  const { index, partition, rest } = plan(query.filters);
  const names: Record<string, string> = {};
  const values: Record<string, NativeAttributeValue> = {};
  const keyExpression = keyCondition(index, partition, query.filters.changed, names, values);
  const filter = filterExpression(rest, now, names, values);
  // Only expiry (and the restriction, which hides few) to test: the index serves the filters, so a
  // page and one more is all it reads.
  const served = filterExpression({ ...rest, restrictedVisible: undefined }, now, {}, {}) === '#exp > :now';
  const restricted = rest.restrictedVisible !== undefined;
  const unservedLimit = Math.min(MAX_QUERY_LIMIT, Math.max(4 * pageSize, 200));
  let start = query.cursor ? decodeCursor(query.cursor, index, partition) : undefined;
  const matched: Item[] = [];
  let requests = 0;
  let itemsRead = 0;
  do {
    const page = await storeCall(() =>
      documentClient(store).send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: index.name,
          KeyConditionExpression: keyExpression,
          FilterExpression: filter,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          // A restricted page the index serves that came back short reads on in larger steps: a
          // partition of hidden cases (a care type filtered by someone without the role) is not read 51 at a time.
          Limit: served && !(restricted && requests > 0) ? pageSize + 1 - matched.length : unservedLimit,
          ExclusiveStartKey: start,
        }),
      ),
    );
    requests++;
    itemsRead += page.ScannedCount ?? 0;
    matched.push(...(page.Items ?? []).filter((item) => isLive(item, now)));
    start = page.LastEvaluatedKey;
  } while (start && matched.length <= pageSize && itemsRead < PAGE_READ_BUDGET);
  const cases = matched.slice(0, pageSize);
  const more = matched.length > pageSize;
  const cursor = more ? encodeCursor(index, keyOfItem(index, cases.at(-1)!)) : start ? encodeCursor(index, keyOfItem(index, start)) : undefined;
  return { cases: cases.map(fromItem), cursor, requests, itemsRead };
}

/**
 * Every case the filters match, newest change first, page by page: for the CSV export, which
 * streams them with no row limit.
 *
 * @example
 * for await (const c of queueRows(store, filters, now)) stream.write(csvRow(c));
 */
export async function* queueRows(store: CouncilStore, filters: QueueFilters, now: Date): AsyncGenerator<StoredCase> {
  let cursor: string | undefined;
  do {
    const page = await listQueue(store, { filters, pageSize: MAX_QUEUE_PAGE_SIZE, cursor }, now);
    yield* page.cases;
    cursor = page.cursor;
  } while (cursor);
}

export interface QueueCounts {
  counts: Record<CaseState, number>;
  /** New cases are counted up to this time (see tallyNewCases); undefined before the first tally. */
  countedUntil?: string;
}

/**
 * The number of cases in each state: one GetItem of the counts item.
 *
 * Consistency: the counts item is moved by every state change (applyCaseChange: ADD −1 to the old
 * state, +1 to the new, after the case's own write) and by tallyNewCases for new cases, which the
 * submission does not write (a resident's submission stays at its few store requests). So a count
 * lags new cases by up to the tally's period, a change whose counts write failed after its case
 * write is off by one until recountStates, and expired cases stay counted until then: good for a
 * queue's headline numbers, not for statistics (the export is exact).
 *
 * Restricted cases (social care: `restrictedTo`) are never counted: tallyNewCases and recountStates
 * pass over them and their state changes do not move the counts (applyCaseChange). The one counts
 * item is read by every member of staff, and a care case counted in it would show staff without the
 * care role a case arriving and moving that their list does not hold. Separate counts per
 * restriction, summed for those who may see them, would serve care staff better but cost a second
 * set of counters kept right on every path; the simpler rule is exact for everyone, and the queue
 * page tells care staff the counts leave care cases out.
 */
export async function queueCounts(store: CouncilStore): Promise<QueueCounts> {
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: CASE_COUNTS_KEY })));
  return queueCountsFrom(Item);
}

/** The counts from the counts item, read elsewhere (e.g. with the staff session, in one request). */
export function queueCountsFrom(Item: Record<string, unknown> | undefined): QueueCounts {
  const counts = Object.fromEntries(CASE_STATES.map((s) => [s, Math.max(0, Number(Item?.[countAttribute(s)] ?? 0))])) as Record<CaseState, number>;
  return { counts, countedUntil: typeof Item?.countedUntil === 'string' ? Item.countedUntil : undefined };
}

/** New cases are tallied only once they are this old: a case is stored within its request (≤ 29 s) of its creation time. */
const TALLY_LAG_MS = 60_000;

/**
 * Counts the unrestricted cases made since the last tally as submitted (see queueCounts): run it on a schedule
 * (the notification retry job's). It reads the created index since its watermark, so it costs the
 * new cases, and moves the watermark in the same conditional write as the counts, so two tallies
 * at once count each case once.
 *
 * @example
 * await tallyNewCases(store, Object.keys(council.services), now);
 */
export async function tallyNewCases(store: CouncilStore, services: string[], now: Date): Promise<number> {
  const { countedUntil } = await queueCounts(store);
  const from = countedUntil ?? '';
  const upTo = new Date(now.getTime() - TALLY_LAG_MS).toISOString();
  if (upTo <= from) return 0;
  let total = 0;
  for (const service of services) {
    let start: Item | undefined;
    do {
      const page = await storeCall(() =>
        documentClient(store).send(
          new QueryCommand({
            TableName: store.tableName,
            IndexName: TABLE_KEYS.createdIndex.name,
            KeyConditionExpression: '#pk = :p AND #sk BETWEEN :from AND :to',
            // Restricted cases are not counted (see queueCounts): Count is of the items the filter keeps.
            FilterExpression: 'attribute_not_exists(#rst)',
            ExpressionAttributeNames: { '#pk': TABLE_KEYS.createdIndex.partitionKey, '#sk': TABLE_KEYS.createdIndex.sortKey, '#rst': 'restrictedTo' },
            // After every case at the watermark itself ("#~" sorts after "#" and every reference).
            ExpressionAttributeValues: { ':p': `CREATED#${service}`, ':from': `${from}#~`, ':to': `${upTo}#~` },
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        ),
      );
      total += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
  }
  try {
    await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: CASE_COUNTS_KEY,
          UpdateExpression: 'SET countedUntil = :upTo ADD #submitted :n',
          ConditionExpression: countedUntil === undefined ? 'attribute_not_exists(countedUntil)' : 'countedUntil = :seen',
          ExpressionAttributeNames: { '#submitted': countAttribute('submitted') },
          ExpressionAttributeValues: { ':upTo': upTo, ':n': total, ...(countedUntil !== undefined && { ':seen': countedUntil }) },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 0; // another tally counted them
    throw error;
  }
  return total;
}

/**
 * Counts every live unrestricted case's state afresh and writes the counts (a repair; it reads each
 * state's partition of the state index, so it costs the table: run it by hand or rarely). Restricted
 * cases are left out, as the tally and the state changes leave them out (see queueCounts). The
 * watermark becomes `now` minus the tally's lag.
 */
export async function recountStates(store: CouncilStore, now: Date): Promise<Record<CaseState, number>> {
  const counts = {} as Record<CaseState, number>;
  const upTo = new Date(now.getTime() - TALLY_LAG_MS).toISOString();
  for (const state of CASE_STATES) {
    counts[state] = 0;
    let start: Item | undefined;
    do {
      const page = await storeCall(() =>
        documentClient(store).send(
          new QueryCommand({
            TableName: store.tableName,
            IndexName: TABLE_KEYS.stateIndex.name,
            KeyConditionExpression: '#pk = :p',
            FilterExpression: '#exp > :now AND createdAt <= :upTo AND attribute_not_exists(#rst)',
            ExpressionAttributeNames: { '#pk': TABLE_KEYS.stateIndex.partitionKey, '#exp': TABLE_KEYS.ttlAttribute, '#rst': 'restrictedTo' },
            ExpressionAttributeValues: { ':p': statePartition(state), ':now': Math.floor(now.getTime() / 1000), ':upTo': `${upTo}` },
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        ),
      );
      counts[state] += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
  }
  const names = Object.fromEntries(CASE_STATES.map((s, i) => [`#s${i}`, countAttribute(s)]));
  const values = Object.fromEntries(CASE_STATES.map((s, i) => [`:s${i}`, counts[s]]));
  await storeCall(() =>
    documentClient(store).send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: CASE_COUNTS_KEY,
        // recountedAt: the retention sweep takes an expired case off its count only when the count was made before it expired.
        UpdateExpression: `SET countedUntil = :upTo, recountedAt = :now, ${CASE_STATES.map((_, i) => `#s${i} = :s${i}`).join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ':upTo': upTo, ':now': now.toISOString() },
      }),
    ),
  );
  return counts;
}

/** What the back office searches by. */
export type CaseSearch = { reference: string } | { email: string } | { phone: string } | { postcode: string };

/** The most cases one search returns, newest first. */
export const MAX_SEARCH_RESULTS = 100;

/**
 * Finds cases by reference (one GetItem), or by the resident's email or phone (one Query of the
 * contact index, by an HMAC of the normalised value: the address itself is in no key), or by
 * postcode (one Query). Newest first; at most MAX_SEARCH_RESULTS. `restrictedVisible` as the
 * queue's: a restricted case the reader may not see is not found, whichever way it is searched for.
 *
 * @example
 * const found = await searchCases(store, { email: 'Ann@Example.com ' }, deps.secrets, now, visibleRestrictions(staff.roles));
 */
export async function searchCases(store: CouncilStore, search: CaseSearch, secrets: SecretsPort, now: Date, restrictedVisible?: readonly string[]): Promise<StoredCase[]> {
  if ('reference' in search) {
    const reference = normaliseReference(search.reference);
    const found = reference ? await getCase(store, reference, now) : undefined;
    return found && isVisibleCase(found, restrictedVisible) ? [found] : [];
  }
  let index: Index;
  let partition: string | undefined;
  if ('postcode' in search) {
    index = TABLE_KEYS.postcodeIndex;
    const postcode = normalisePostcode(search.postcode);
    partition = postcode && postcodePartition(postcode);
  } else if ('email' in search) {
    index = TABLE_KEYS.emailIndex;
    const { email } = await contactKeysOf({ email: search.email }, secrets);
    partition = email && emailPartition(email);
  } else {
    index = TABLE_KEYS.phoneIndex;
    const { phone } = await contactKeysOf({ phone: search.phone }, secrets);
    partition = phone && phonePartition(phone);
  }
  if (!partition) return [];
  const { Items = [] } = await storeCall(() =>
    documentClient(store).send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :p',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: MAX_SEARCH_RESULTS,
      }),
    ),
  );
  return Items.filter((i) => isLive(i, now))
    .map(fromItem)
    .filter((c) => isVisibleCase(c, restrictedVisible));
}
