import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { documentClient, queryAll, storeCall, TABLE_KEYS, type CouncilStore } from './store/store.ts';

/**
 * What an integrator is, which decides what its POSTed service request updates mean:
 * - `works-system`: the council's own (a works or CRM system): its updates set the case's state and
 *   are published as the council's word;
 * - `resident-channel`: a channel passing on residents' comments (FixMyStreet, in mySociety's
 *   extension): its updates are resident comments for an officer to read, not state changes, never published.
 */
export const API_KEY_KINDS = ['works-system', 'resident-channel'] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/** An integrator's key as the council sees it: never the secret, which is shown once and stored hashed. */
export interface ApiKeyRecord {
  keyId: string;
  name: string;
  /** Keys made before kinds existed are works systems (what every update was taken as then). */
  kind: ApiKeyKind;
  createdAt: string;
  revokedAt?: string;
}

/** Revoking a key that does not exist. */
export class ApiKeyNotFoundError extends Error {
  override name = 'ApiKeyNotFoundError';
  constructor(readonly keyId: string) {
    super(`No API key ${keyId}`);
  }
}

const LIST_PARTITION = 'APIKEY';
const KEY_PATTERN = /^ldf_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

const keyOf = (keyId: string) => ({ [TABLE_KEYS.partitionKey]: `APIKEY#${keyId}`, [TABLE_KEYS.sortKey]: 'APIKEY' });

function hash(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

function fromItem(item: Record<string, NativeAttributeValue>): ApiKeyRecord {
  return {
    keyId: String(item.keyId),
    name: String(item.name),
    kind: item.kind === 'resident-channel' ? 'resident-channel' : 'works-system',
    createdAt: String(item.createdAt),
    revokedAt: typeof item.revokedAt === 'string' ? item.revokedAt : undefined,
  };
}

/**
 * Makes a key for one of the council's integrators. The whole key is returned once; the table keeps
 * only a hash of its secret part, so a leaked table does not leak keys.
 *
 * @example
 * const { key } = await createApiKey(store, 'Confirm CRM', new Date()); // ldf_k3j…_Xy…
 * const { key: fms } = await createApiKey(store, 'FixMyStreet', new Date(), 'resident-channel');
 */
export async function createApiKey(store: CouncilStore, name: string, now: Date, kind: ApiKeyKind = 'works-system'): Promise<{ key: string; record: ApiKeyRecord }> {
  const keyId = randomBytes(8).toString('hex').slice(0, 10);
  const secret = randomBytes(32).toString('base64url');
  const record: ApiKeyRecord = { keyId, name, kind, createdAt: now.toISOString() };
  await storeCall(() =>
    documentClient(store).send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...keyOf(keyId),
          keyId,
          name,
          kind,
          createdAt: record.createdAt,
          secretHash: hash(secret),
          [TABLE_KEYS.index.partitionKey]: LIST_PARTITION,
          [TABLE_KEYS.index.sortKey]: `${record.createdAt}#${keyId}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  return { key: `ldf_${keyId}_${secret}`, record };
}

/** The key's record when the key is genuine and not revoked; undefined otherwise. One read. */
export async function verifyApiKey(store: CouncilStore, key: string): Promise<ApiKeyRecord | undefined> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: keyOf(match[1]), ConsistentRead: true })));
  if (!(Item?.secretHash instanceof Uint8Array) || Item.revokedAt) return undefined;
  const expected = Buffer.from(Item.secretHash);
  if (expected.length !== 32) return undefined;
  return timingSafeEqual(expected, hash(match[2])) ? fromItem(Item) : undefined;
}

/** Stops a key working at once; the record stays, for the audit trail. */
export async function revokeApiKey(store: CouncilStore, keyId: string, now: Date): Promise<ApiKeyRecord> {
  try {
    const { Attributes } = await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keyOf(keyId),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return fromItem(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ApiKeyNotFoundError(keyId);
    throw error;
  }
}

/** Every key the council has made, oldest first, revoked ones included. */
export async function listApiKeys(store: CouncilStore): Promise<ApiKeyRecord[]> {
  const items = await queryAll(store, {
    IndexName: TABLE_KEYS.index.name,
    KeyConditionExpression: '#pk = :p',
    ExpressionAttributeNames: { '#pk': TABLE_KEYS.index.partitionKey },
    ExpressionAttributeValues: { ':p': LIST_PARTITION },
  });
  return items.map(fromItem);
}
