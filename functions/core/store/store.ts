import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type NativeAttributeValue, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** The store could not be reached or did not answer: the caller may retry later, and nothing was written. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(cause: unknown) {
    super('The data store is unavailable', { cause });
  }
}

/** A council's table: the only data a council's code can reach. */
export interface CouncilStore {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

/** The table name for a council, the same locally and in AWS. */
export function tableNameFor(councilId: string): string {
  return `ldf-${councilId}`;
}

/** Key design shared by every module: one table per council, generic keys, sparse indexes. */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** A sparse index for work that is waiting (e.g. notifications to retry) and small lists (API keys). */
  index: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Cases by when they last changed (creation or latest update), for back-office views. */
  dateIndex: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /**
   * Cases by when they were made, one partition per module: Open311's list of requests reads a
   * date range of it (`BETWEEN start AND end`), so its cost grows with the answer, not the table.
   */
  createdIndex: { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  /**
   * Public case updates by when they were made, one partition per module: each update is its own
   * small item, so Open311's list of updates reads a date range of them (`BETWEEN start AND end`),
   * not every case changed since the range began.
   */
  updatesIndex: { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  /*
   * The back office's queue (functions/core/cases/queue.ts): cases by when they last changed, one
   * partition per value of the filter each index serves, so a filtered page reads its answer rather
   * than the table. The unfiltered queue is the date index.
   */
  /** Cases by state: `STATE#<state>`, `<updatedAt>#<reference>`. */
  stateIndex: { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  /** Cases by who they are assigned to: `ASSIGNED#<sub>` (or `ASSIGNED#-`), `<updatedAt>#<reference>`. */
  assignedIndex: { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk' },
  /** Cases by module and type: `TYPE#<service>#<type>`, `<updatedAt>#<reference>`. */
  typeIndex: { name: 'gsi7', partitionKey: 'gsi7pk', sortKey: 'gsi7sk' },
  /** Cases by module: `SERVICE#<service>`, `<updatedAt>#<reference>`. */
  serviceIndex: { name: 'gsi8', partitionKey: 'gsi8pk', sortKey: 'gsi8sk' },
  /**
   * Search by the resident's email, phone or postcode: an HMAC of the normalised email or phone under
   * the council's contact key (never the address itself), the postcode as written; `<createdAt>#<reference>`.
   */
  emailIndex: { name: 'gsi9', partitionKey: 'gsi9pk', sortKey: 'gsi9sk' },
  phoneIndex: { name: 'gsi10', partitionKey: 'gsi10pk', sortKey: 'gsi10sk' },
  postcodeIndex: { name: 'gsi11', partitionKey: 'gsi11pk', sortKey: 'gsi11sk' },
  /**
   * What expires, by when: `EXPIRES#<yyyy-mm-dd>` (the UTC day it expires), `<expiresAt, 12 digits>#<pk>#<sk>`
   * (expiryKeys). The retention sweep (functions/core/retention/) reads the days that have passed, so
   * its cost grows with what has expired, not the table: DynamoDB's TTL deletes lazily (typically
   * within 48 hours) and never touches a case's photos and files in S3.
   */
  expiryIndex: { name: 'gsi12', partitionKey: 'gsi12pk', sortKey: 'gsi12sk' },
  /** Epoch seconds after which an item has expired (DynamoDB TTL in AWS; reads filter it everywhere). */
  ttlAttribute: 'expiresAt',
} as const;

export interface StoreClientOptions {
  endpoint?: string;
  region?: string;
  /** Fail fast when the store is unreachable instead of retrying for long. */
  maxAttempts?: number;
  /** Called for every request sent, to count store requests per page view. */
  onRequest?: (command: string) => void;
}

/** A DynamoDB client; with an endpoint it talks to the embedded local store. */
export function createStoreClient(options: StoreClientOptions = {}): DynamoDBClient {
  const config: DynamoDBClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? 'eu-west-2',
    maxAttempts: options.maxAttempts ?? 3,
  };
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    // The embedded store accepts any credentials; these keep the SDK from searching for real ones.
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const client = new DynamoDBClient(config);
  if (options.onRequest) {
    const onRequest = options.onRequest;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        onRequest(String(context.commandName));
        return next(args);
      },
      { step: 'finalizeRequest', name: 'countStoreRequests' },
    );
  }
  return client;
}

/** Every index of the table, as ensureTable and the CDK table create them. */
export const TABLE_INDEXES = [
  TABLE_KEYS.index,
  TABLE_KEYS.dateIndex,
  TABLE_KEYS.createdIndex,
  TABLE_KEYS.updatesIndex,
  TABLE_KEYS.stateIndex,
  TABLE_KEYS.assignedIndex,
  TABLE_KEYS.typeIndex,
  TABLE_KEYS.serviceIndex,
  TABLE_KEYS.emailIndex,
  TABLE_KEYS.phoneIndex,
  TABLE_KEYS.postcodeIndex,
  TABLE_KEYS.expiryIndex,
] as const;
const INDEXES = TABLE_INDEXES;

/**
 * The created-index keys of a case: partition per module, sorted by creation time then reference.
 *
 * @example
 * casesCreatedKeys('report', '2026-12-01T10:00:00.000Z', 'ABCD-2345'); // { gsi3pk: 'CREATED#report', gsi3sk: '2026-12-01T10:00:00.000Z#ABCD-2345' }
 */
export function casesCreatedKeys(service: string, createdAt: string, reference: string): Record<string, string> {
  return { [TABLE_KEYS.createdIndex.partitionKey]: `CREATED#${service}`, [TABLE_KEYS.createdIndex.sortKey]: `${createdAt}#${reference}` };
}

/** The expiry index's partition of a UTC day (`EXPIRES#2026-12-01`). */
export const expiryPartition = (day: string) => `EXPIRES#${day}`;

/**
 * The expiry-index keys of an item that expires at `expiresAt` (epoch seconds): what the retention
 * sweep finds once that time has passed. Put them on every item that holds personal data and has an
 * expiry (cases, drafts, resident sessions and codes), beside the TTL attribute.
 *
 * @example
 * expiryKeys(1796083200, 'CASE#ABCD-2345', 'CASE'); // { gsi12pk: 'EXPIRES#2026-12-01', gsi12sk: '001796083200#CASE#ABCD-2345#CASE' }
 */
export function expiryKeys(expiresAt: number, pk: string, sk: string): Record<string, string> {
  const day = new Date(expiresAt * 1000).toISOString().slice(0, 10);
  return {
    [TABLE_KEYS.expiryIndex.partitionKey]: expiryPartition(day),
    [TABLE_KEYS.expiryIndex.sortKey]: `${String(Math.floor(expiresAt)).padStart(12, '0')}#${pk}#${sk}`,
  };
}

/**
 * A case item from before the created index, or before the queue's indexes, gets their keys when its
 * local table is rebuilt (a case stored before states is in the state its status meant: see case-store.ts).
 */
function withCreatedKeys(item: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const isCase = item[TABLE_KEYS.partitionKey]?.S?.startsWith('CASE#') && item[TABLE_KEYS.sortKey]?.S === 'CASE';
  if (!isCase || !item.service?.S || !item.createdAt?.S || !item.reference?.S) return item;
  const keys: Record<string, string> = item[TABLE_KEYS.createdIndex.partitionKey] ? {} : casesCreatedKeys(item.service.S, item.createdAt.S, item.reference.S);
  if (!item[TABLE_KEYS.stateIndex.partitionKey] && item.type?.S) {
    const changed = `${item.updatedAt?.S ?? item.createdAt.S}#${item.reference.S}`;
    const state = item.state?.S ?? (item.status?.S === 'closed' ? 'fixed' : 'submitted');
    Object.assign(keys, {
      [TABLE_KEYS.stateIndex.partitionKey]: `STATE#${state}`,
      [TABLE_KEYS.assignedIndex.partitionKey]: `ASSIGNED#${item.assignedTo?.M?.sub?.S ?? '-'}`,
      [TABLE_KEYS.typeIndex.partitionKey]: `TYPE#${item.service.S}#${item.type.S}`,
      [TABLE_KEYS.serviceIndex.partitionKey]: `SERVICE#${item.service.S}`,
      ...Object.fromEntries([TABLE_KEYS.stateIndex, TABLE_KEYS.assignedIndex, TABLE_KEYS.typeIndex, TABLE_KEYS.serviceIndex].map((i) => [i.sortKey, changed])),
    });
  }
  const expiresAt = Number(item[TABLE_KEYS.ttlAttribute]?.N);
  if (!item[TABLE_KEYS.expiryIndex.partitionKey] && Number.isFinite(expiresAt)) Object.assign(keys, expiryKeys(expiresAt, item[TABLE_KEYS.partitionKey].S!, 'CASE'));
  return { ...item, ...Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, { S: v }])) };
}

async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey } = TABLE_KEYS;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: partitionKey, AttributeType: 'S' },
        { AttributeName: sortKey, AttributeType: 'S' },
        ...INDEXES.flatMap((i) => [
          { AttributeName: i.partitionKey, AttributeType: 'S' as const },
          { AttributeName: i.sortKey, AttributeType: 'S' as const },
        ]),
      ],
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: INDEXES.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function waitFor(client: DynamoDBClient, tableName: string, state: 'ACTIVE' | 'GONE'): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const table = await describe(client, tableName);
    if (state === 'GONE' ? !table : table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Table ${tableName} did not become ${state.toLowerCase()}`);
}

/**
 * Creates a council's table with the shared key design if it does not exist (local host and tests;
 * CDK does this in AWS). A local table made by an older version, without an index the design now
 * has, is rebuilt with its items (dynalite cannot add an index to a table).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const existing = await describe(client, tableName);
  if (existing) {
    const names = new Set((existing.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
    if (INDEXES.every((i) => names.has(i.name))) return waitFor(client, tableName, 'ACTIVE');
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    await waitFor(client, tableName, 'GONE');
    await createTable(client, tableName);
    await waitFor(client, tableName, 'ACTIVE');
    for (const item of items) await client.send(new PutItemCommand({ TableName: tableName, Item: withCreatedKeys(item) }));
    return;
  }
  try {
    await createTable(client, tableName);
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitFor(client, tableName, 'ACTIVE');
}

const documentClients = new WeakMap<DynamoDBClient, DynamoDBDocumentClient>();

/**
 * The store's client speaking plain JavaScript values (lib-dynamodb), made once per client. It
 * sends through the same client, so its middleware (request counting) and retries apply.
 *
 * @example
 * const { Item } = await documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: { pk: 'CASE#ABCD-2345', sk: 'CASE' } }));
 */
export function documentClient(store: CouncilStore): DynamoDBDocumentClient {
  let doc = documentClients.get(store.client);
  if (!doc) {
    doc = DynamoDBDocumentClient.from(store.client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
    documentClients.set(store.client, doc);
  }
  return doc;
}

/**
 * Every item a Query matches, page after page (a page stops at 1 MB). For lists that are small by
 * design (a member of staff's sessions, the council's API keys); a list that can grow with the
 * table reads only the page it shows instead.
 *
 * @example
 * const keys = await queryAll(store, { IndexName: 'gsi1', KeyConditionExpression: '#pk = :p', ... });
 */
export async function queryAll(store: CouncilStore, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, NativeAttributeValue>[]> {
  const items: Record<string, NativeAttributeValue>[] = [];
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await storeCall(() => documentClient(store).send(new QueryCommand({ ...input, TableName: store.tableName, ExclusiveStartKey: start })));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** True for errors that mean the store could not be reached or was overloaded, not that the request was wrong. */
export function isStoreUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown; cause?: unknown };
  if (!e || typeof e !== 'object') return false;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e.name === 'TimeoutError' || e.name === 'ProvisionedThroughputExceededException' || e.name === 'ThrottlingException' || e.name === 'RequestLimitExceeded' || e.name === 'InternalServerError' || e.name === 'ServiceUnavailable') return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return e.cause ? isStoreUnavailable(e.cause) : false;
}

/** Runs a store call, turning "cannot reach the store" into StoreUnavailableError. */
export async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isStoreUnavailable(error)) throw new StoreUnavailableError(error);
    throw error;
  }
}
