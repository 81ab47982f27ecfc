import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, expiryKeys, storeCall, TABLE_KEYS, type CouncilStore } from '../../../core/store/store.ts';

/**
 * The links emailed to carry on with a saved form. A link's token is 32 random bytes, shown once
 * (in the email) and never stored: the store keeps only its SHA-256, so reading the table opens no
 * draft. Two items per saved draft:
 * - `RESUME#<hash>`: the draft and form the token opens, until when; deleted when used (once only).
 * - `RESUMEOF#<draftId>`: the draft's one live link (its hash), when it lasts and where it was
 *   sent. Saving again points it at the new link, so an older link stops working even if deleting
 *   its own item failed.
 * Both carry the store's TTL attribute, so the table forgets them, and expiry keys, so the retention
 * sweep deletes them once they expire (the link item holds the address); expiry is checked on every
 * read all the same (DynamoDB deletes expired items only within a day or two).
 */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const tokenKey = (hash: string) => ({ [TABLE_KEYS.partitionKey]: `RESUME#${hash}`, [TABLE_KEYS.sortKey]: 'RESUME' });
const draftLinkKey = (draftId: string) => ({ [TABLE_KEYS.partitionKey]: `RESUMEOF#${draftId}`, [TABLE_KEYS.sortKey]: 'RESUME' });

interface TokenItem {
  draftId: string;
  formId: string;
  [TABLE_KEYS.ttlAttribute]: number;
}

interface DraftLinkItem {
  hash: string;
  email: string;
  [TABLE_KEYS.ttlAttribute]: number;
}

/** The SHA-256 of a token, as stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const expiryOf = (key: Record<string, string>, ttl: number) => expiryKeys(ttl, key[TABLE_KEYS.partitionKey], key[TABLE_KEYS.sortKey]);

/**
 * Makes a new link for a draft, replacing any earlier one (which stops working), and returns its
 * token, to be emailed and forgotten. Three or four store requests.
 *
 * @example
 * const token = await createResumeLink(store, { draftId, formId, email, expiresAt }, now);
 * const link = `${base}/forms/${formId}/resume/${token}`;
 */
export async function createResumeLink(store: CouncilStore, link: { draftId: string; formId: string; email: string; expiresAt: Date }): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = tokenHash(token);
  const client = documentClient(store);
  const ttl = seconds(link.expiresAt);
  const { Item: earlier } = await storeCall(() => client.send(new GetCommand({ TableName: store.tableName, Key: draftLinkKey(link.draftId), ConsistentRead: true })));
  const tokenItem: TokenItem = { draftId: link.draftId, formId: link.formId, [TABLE_KEYS.ttlAttribute]: ttl };
  await storeCall(() =>
    client.send(new PutCommand({ TableName: store.tableName, Item: { ...tokenKey(hash), ...tokenItem, ...expiryOf(tokenKey(hash), ttl) }, ConditionExpression: 'attribute_not_exists(pk)' })),
  );
  const draftLink: DraftLinkItem = { hash, email: link.email, [TABLE_KEYS.ttlAttribute]: ttl };
  await storeCall(() => client.send(new PutCommand({ TableName: store.tableName, Item: { ...draftLinkKey(link.draftId), ...draftLink, ...expiryOf(draftLinkKey(link.draftId), ttl) } })));
  const earlierHash = (earlier as DraftLinkItem | undefined)?.hash;
  if (typeof earlierHash === 'string' && earlierHash !== hash) {
    await storeCall(() => client.send(new DeleteCommand({ TableName: store.tableName, Key: tokenKey(earlierHash) })));
  }
  return token;
}

/** A draft's live link: where it was sent and until when (for the "saved" page); undefined when none. */
export async function draftResumeLink(store: CouncilStore, draftId: string, now: Date): Promise<{ email: string; expiresAt: Date } | undefined> {
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: draftLinkKey(draftId), ConsistentRead: true })));
  const item = Item as DraftLinkItem | undefined;
  if (!item || typeof item.email !== 'string' || item[TABLE_KEYS.ttlAttribute] <= seconds(now)) return undefined;
  return { email: item.email, expiresAt: new Date(item[TABLE_KEYS.ttlAttribute] * 1000) };
}

/** What a token opens, when it still works; `expired` for a link past its date; `unknown` for anything else (used, replaced, never made). */
export type LinkState = { state: 'live'; draftId: string; formId: string } | { state: 'expired' } | { state: 'unknown' };

async function readToken(store: CouncilStore, hash: string): Promise<TokenItem | undefined> {
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: tokenKey(hash), ConsistentRead: true })));
  const item = Item as TokenItem | undefined;
  return item && typeof item.draftId === 'string' && typeof item.formId === 'string' ? item : undefined;
}

/**
 * Looks at a token without using it up (a mail scanner may open the link before the resident):
 * live for this form, expired, or unknown. Two reads.
 */
export async function peekResumeLink(store: CouncilStore, token: string, formId: string, now: Date): Promise<LinkState> {
  return peek(store, token, now, formId);
}

/**
 * The form a token opens, looked at without using it up (as peekResumeLink, for any form): for the
 * neutral link `/forms/resume/<token>`, which names no form in an email about a restricted one.
 * Two reads.
 *
 * @example
 * const link = await resumeLinkFormId(store, token, now);
 * if (link.state === 'live') return c.redirect(`/forms/${link.formId}/resume/${token}`, 303);
 */
export async function resumeLinkFormId(store: CouncilStore, token: string, now: Date): Promise<LinkState> {
  return peek(store, token, now);
}

async function peek(store: CouncilStore, token: string, now: Date, formId?: string): Promise<LinkState> {
  if (!TOKEN.test(token)) return { state: 'unknown' };
  const hash = tokenHash(token);
  const item = await readToken(store, hash);
  if (!item || (formId !== undefined && item.formId !== formId)) return { state: 'unknown' };
  if (item[TABLE_KEYS.ttlAttribute] <= seconds(now)) return { state: 'expired' };
  const { Item: current } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: draftLinkKey(item.draftId), ConsistentRead: true })));
  if ((current as DraftLinkItem | undefined)?.hash !== hash) return { state: 'unknown' };
  return { state: 'live', draftId: item.draftId, formId: item.formId };
}

/**
 * Uses a token up: deletes it on condition that it is there, live and for this form, so that of
 * two requests with the same link only one succeeds; then retires it as the draft's live link, on
 * condition that it still is that (a newer link has not replaced it). The draft is the caller's to
 * hand over. The state when it was not live (as peekResumeLink).
 *
 * @example
 * const used = await useResumeLink(store, token, form.id, now);
 * if (used.state === 'live') await handDraftTo(store, used.draftId, 'forms', owner, now);
 */
export async function useResumeLink(store: CouncilStore, token: string, formId: string, now: Date): Promise<LinkState> {
  if (!TOKEN.test(token)) return { state: 'unknown' };
  const hash = tokenHash(token);
  const client = documentClient(store);
  let item: TokenItem;
  try {
    const { Attributes } = await storeCall(() =>
      client.send(
        new DeleteCommand({
          TableName: store.tableName,
          Key: tokenKey(hash),
          ConditionExpression: 'attribute_exists(pk) AND formId = :formId AND #exp > :now',
          ExpressionAttributeNames: { '#exp': TABLE_KEYS.ttlAttribute },
          ExpressionAttributeValues: { ':formId': formId, ':now': seconds(now) },
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    item = Attributes as TokenItem;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Not used now: tell an expired link (still there until the table forgets it) from the rest.
    const left = await readToken(store, hash);
    return left && left.formId === formId ? { state: 'expired' } : { state: 'unknown' };
  }
  try {
    await storeCall(() =>
      client.send(
        new DeleteCommand({
          TableName: store.tableName,
          Key: draftLinkKey(item.draftId),
          ConditionExpression: '#hash = :hash',
          ExpressionAttributeNames: { '#hash': 'hash' },
          ExpressionAttributeValues: { ':hash': hash },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { state: 'unknown' };
    throw error;
  }
  return { state: 'live', draftId: item.draftId, formId: item.formId };
}

/**
 * Forgets a draft's link, and the address it was sent to, once the draft is sent: the link would
 * open nothing, and the address is then the case's to keep, not this table's. Two or three requests.
 *
 * @example
 * // after the case is created from the draft
 * await forgetResumeLink(deps.store, draft.id);
 */
export async function forgetResumeLink(store: CouncilStore, draftId: string): Promise<void> {
  const client = documentClient(store);
  const { Attributes } = await storeCall(() => client.send(new DeleteCommand({ TableName: store.tableName, Key: draftLinkKey(draftId), ReturnValues: 'ALL_OLD' })));
  const hash = (Attributes as DraftLinkItem | undefined)?.hash;
  if (typeof hash === 'string') await storeCall(() => client.send(new DeleteCommand({ TableName: store.tableName, Key: tokenKey(hash) })));
}
