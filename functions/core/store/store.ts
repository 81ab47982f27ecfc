import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';

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

/** Key design shared by every module: one table per council, generic keys, one sparse index. */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** A sparse index for work that is waiting (e.g. notifications to retry). */
  index: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
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

/** Creates a council's table with the shared key design if it does not exist (local host and tests; CDK in AWS). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, index } = TABLE_KEYS;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: partitionKey, AttributeType: 'S' },
          { AttributeName: sortKey, AttributeType: 'S' },
          { AttributeName: index.partitionKey, AttributeType: 'S' },
          { AttributeName: index.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // dynalite creates tables asynchronously, as DynamoDB does.
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Table ${tableName} did not become active`);
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
