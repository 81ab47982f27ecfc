import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomToken } from '../http/random-token.ts';
import { documentClient, expiryKeys, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';

/**
 * The resident's data session: what a proved email address opens ("Your requests and your data"),
 * for this browser only and for a short time (council.dataRights.sessionMinutes). The token is 32
 * random bytes, held by the browser in an HttpOnly cookie; the store keeps only its SHA-256
 * (`DATASESSION#<hash>`), so reading the table (or a backup) opens nobody's data. The expiry is fixed
 * when the session is made (it does not slide), carried as the TTL with expiry keys, and checked on
 * every read (DynamoDB deletes expired items only within a day or two).
 */

/** Bytes of randomness in a session token (43 characters of base64url). */
export const DATA_SESSION_TOKEN_BYTES = 32;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const sessionKey = (hash: string) => ({ [TABLE_KEYS.partitionKey]: `DATASESSION#${hash}`, [TABLE_KEYS.sortKey]: 'DATASESSION' });

interface SessionItem {
  email: string;
  createdAt: string;
  [TABLE_KEYS.ttlAttribute]: number;
}

/** The SHA-256 of a session token, as stored. */
export function dataSessionHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Opens a session for a proved address, lasting `minutes` from now: the token goes in the cookie
 * and nowhere else. One write.
 *
 * @example
 * const { token, expiresAt } = await createDataSession(deps.store, { email: proved.email }, deps.clock(), council.dataRights.sessionMinutes);
 * setCookie(c, 'ldf-data', token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/your-data', expires: expiresAt });
 */
export async function createDataSession(store: CouncilStore, input: { email: string }, now: Date, minutes: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(DATA_SESSION_TOKEN_BYTES);
  const expiresAt = new Date((seconds(now) + Math.round(minutes * 60)) * 1000);
  const keys = sessionKey(dataSessionHash(token));
  const item: SessionItem = { email: input.email, createdAt: now.toISOString(), [TABLE_KEYS.ttlAttribute]: seconds(expiresAt) };
  await storeCall(() =>
    documentClient(store).send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...keys, ...item, ...expiryKeys(seconds(expiresAt), keys.pk, keys.sk) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  return { token, expiresAt };
}

/**
 * The session a token opens, while it lasts; undefined for no token, one that is not a token,
 * an ended or expired session. At most one read (none for a malformed token).
 *
 * @example
 * const session = await readDataSession(deps.store, getCookie(c, 'ldf-data'), deps.clock());
 * if (!session) return c.redirect(`${base}/your-data?expired=1`, 303);
 */
export async function readDataSession(store: CouncilStore, token: string | undefined, now: Date): Promise<{ email: string; expiresAt: Date } | undefined> {
  if (typeof token !== 'string' || !TOKEN.test(token)) return undefined;
  const { Item } = await storeCall(() =>
    documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: sessionKey(dataSessionHash(token)), ConsistentRead: true })),
  );
  const item = Item as SessionItem | undefined;
  const ttl = item?.[TABLE_KEYS.ttlAttribute];
  if (!item || typeof item.email !== 'string' || typeof ttl !== 'number' || ttl <= seconds(now)) return undefined;
  return { email: item.email, expiresAt: new Date(ttl * 1000) };
}

/**
 * Ends a session (sign out): its item is deleted, so the token opens nothing from now on, even if
 * the browser keeps the cookie. Nothing to do for no token. At most one delete.
 *
 * @example
 * await endDataSession(deps.store, getCookie(c, 'ldf-data'));
 */
export async function endDataSession(store: CouncilStore, token: string | undefined): Promise<void> {
  if (typeof token !== 'string' || !TOKEN.test(token)) return;
  await storeCall(() => documentClient(store).send(new DeleteCommand({ TableName: store.tableName, Key: sessionKey(dataSessionHash(token)) })));
}
