import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, expiryKeys, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';

/**
 * Answers to a journey with many steps (and a photo upload that leaves the site and comes back),
 * kept server-side for a day. A draft belongs to the browser that started it: its owner is a hash
 * of that browser's draft secret (its own HttpOnly cookie, see draft-session.ts; never the CSRF
 * token, which every form prints), so a draft's address alone opens nothing. A draft is taken
 * (deleted) when it is sent: the answers then live in the case only.
 */
export const DRAFT_LIFETIME_HOURS = 24;

const draftKey = (id: string) => ({ [TABLE_KEYS.partitionKey]: `DRAFT#${id}`, [TABLE_KEYS.sortKey]: 'DRAFT' });
/** The draft's place in the expiry index, where the retention sweep finds it (and its files) once it expires. */
const draftExpiryKeys = (id: string, expiresAt: number) => expiryKeys(expiresAt, `DRAFT#${id}`, 'DRAFT');

/** A draft as stored: its answers as JSON text, so any shape of answers round-trips unchanged. */
interface DraftItem {
  service: string;
  owner: string;
  data: string;
  [TABLE_KEYS.ttlAttribute]: number;
  /** Epoch seconds: the draft is kept at least until then (saved to come back to), whatever the day's expiry says. */
  keptUntil?: number;
}

function draftItem<T>(id: string, service: string, owner: string, data: T, now: Date, keptUntil?: Date) {
  const kept = keptUntil ? Math.floor(keptUntil.getTime() / 1000) : undefined;
  // A draft saved to come back to keeps its longer life when its answers are saved again.
  const expiresAt = Math.max(expiry(now), kept ?? 0);
  const item: DraftItem = {
    service,
    owner,
    data: JSON.stringify(data),
    [TABLE_KEYS.ttlAttribute]: expiresAt,
    ...(kept !== undefined && { keptUntil: kept }),
  };
  return { ...draftKey(id), ...item, ...draftExpiryKeys(id, expiresAt) };
}

function fromItem<T>(id: string, item: DraftItem): Draft<T> {
  const draft: Draft<T> = { id, service: item.service, data: JSON.parse(item.data) as T };
  if (typeof item.keptUntil === 'number') draft.keptUntil = new Date(item.keptUntil * 1000);
  return draft;
}

/** The owner value stored on a draft: never the browser's draft secret itself. */
export function draftOwner(draftSecret: string): string {
  return createHash('sha256').update(`draft-owner\u0000${draftSecret}`).digest('base64url');
}

export const DRAFT_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export interface Draft<T> {
  id: string;
  service: string;
  data: T;
  /** Set once the draft is kept past its day (see keepDraftUntil); saveDraft and restoreDraft keep it. */
  keptUntil?: Date;
}

function expiry(now: Date): number {
  return Math.floor(now.getTime() / 1000) + DRAFT_LIFETIME_HOURS * 3600;
}

/** Starts a draft; one write. */
export async function createDraft<T>(store: CouncilStore, service: string, owner: string, data: T, now: Date): Promise<Draft<T>> {
  const id = randomBytes(16).toString('base64url');
  await storeCall(() =>
    documentClient(store).send(new PutCommand({ TableName: store.tableName, Item: draftItem(id, service, owner, data, now), ConditionExpression: 'attribute_not_exists(pk)' })),
  );
  return { id, service, data };
}

/** The draft, when it exists, is this owner's, is for this service and has not expired; one read. */
export async function getDraft<T>(store: CouncilStore, id: string, service: string, owner: string, now: Date): Promise<Draft<T> | undefined> {
  if (!DRAFT_ID_PATTERN.test(id)) return undefined;
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: draftKey(id), ConsistentRead: true })));
  const item = Item as DraftItem | undefined;
  if (!item || item.owner !== owner || item.service !== service || typeof item.data !== 'string') return undefined;
  if ((item[TABLE_KEYS.ttlAttribute] ?? 0) <= now.getTime() / 1000) return undefined;
  return fromItem<T>(id, item);
}

/** Saves a draft's answers (its day starts again); false when it has gone or is not this owner's. */
export async function saveDraft<T>(store: CouncilStore, draft: Draft<T>, owner: string, now: Date): Promise<boolean> {
  try {
    await storeCall(() =>
      documentClient(store).send(
        new PutCommand({
          TableName: store.tableName,
          Item: draftItem(draft.id, draft.service, owner, draft.data, now, draft.keptUntil),
          ConditionExpression: 'attribute_exists(pk) AND #owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Takes the draft to send it: reads and deletes it in one request (so sending costs no extra store
 * request), when it is this owner's, for this service and live. Undefined when it is not there,
 * e.g. because it was sent already.
 *
 * @example
 * const draft = await takeDraft<ReportDraft>(store, id, 'report', owner, now);
 * try { await createCase(...) } catch (e) { await restoreDraft(store, draft, owner, now); throw e; }
 */
export async function takeDraft<T>(store: CouncilStore, id: string, service: string, owner: string, now: Date): Promise<Draft<T> | undefined> {
  if (!DRAFT_ID_PATTERN.test(id)) return undefined;
  try {
    const { Attributes } = await storeCall(() =>
      documentClient(store).send(
        new DeleteCommand({
          TableName: store.tableName,
          Key: draftKey(id),
          ConditionExpression: '#owner = :owner AND #service = :service AND #exp > :now',
          ExpressionAttributeNames: { '#owner': 'owner', '#service': 'service', '#exp': TABLE_KEYS.ttlAttribute },
          ExpressionAttributeValues: { ':owner': owner, ':service': service, ':now': Math.floor(now.getTime() / 1000) },
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    const item = Attributes as DraftItem | undefined;
    if (typeof item?.data !== 'string') return undefined;
    return fromItem<T>(id, item);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Puts a taken draft back when what it was taken for failed, unless the browser has started it again meanwhile. */
export async function restoreDraft<T>(store: CouncilStore, draft: Draft<T>, owner: string, now: Date): Promise<void> {
  try {
    await storeCall(() =>
      documentClient(store).send(
        new PutCommand({ TableName: store.tableName, Item: draftItem(draft.id, draft.service, owner, draft.data, now, draft.keptUntil), ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

const live = (now: Date) => Math.floor(now.getTime() / 1000);

/**
 * Keeps this owner's live draft until `until` (a resident saved it to come back to): its expiry
 * moves there, and later saves of its answers keep it (never shortened to a day again). False when
 * the draft has gone or is not this owner's. One write.
 *
 * @example
 * const until = new Date(now.getTime() + form.saveAndReturn.days * 86_400_000);
 * if (!(await keepDraftUntil(store, draft.id, 'forms', owner, until, now))) throw httpErrors.notFound('Draft gone');
 */
export async function keepDraftUntil(store: CouncilStore, id: string, service: string, owner: string, until: Date, now: Date): Promise<boolean> {
  if (!DRAFT_ID_PATTERN.test(id)) return false;
  const kept = Math.floor(until.getTime() / 1000);
  const keys = draftExpiryKeys(id, kept);
  const place = { partition: keys[TABLE_KEYS.expiryIndex.partitionKey], sort: keys[TABLE_KEYS.expiryIndex.sortKey] };
  try {
    await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: draftKey(id),
          // Its place in the expiry index moves with it: the sweep must not find it at its old day.
          UpdateExpression: 'SET #exp = :kept, keptUntil = :kept, #xpk = :xpk, #xsk = :xsk',
          ConditionExpression: '#owner = :owner AND #service = :service AND #exp > :now',
          ExpressionAttributeNames: {
            '#owner': 'owner',
            '#service': 'service',
            '#exp': TABLE_KEYS.ttlAttribute,
            '#xpk': TABLE_KEYS.expiryIndex.partitionKey,
            '#xsk': TABLE_KEYS.expiryIndex.sortKey,
          },
          ExpressionAttributeValues: {
            ':owner': owner,
            ':service': service,
            ':now': live(now),
            ':kept': kept,
            ':xpk': place.partition,
            ':xsk': place.sort,
          },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Hands a live draft to a new owner, whoever held it (the caller has proved the right to it, e.g.
 * with a link emailed to carry on): from now on only `owner`'s browser opens it. Undefined when
 * the draft has gone (sent, expired) or is another service's. One write.
 *
 * @example
 * const draft = await handDraftTo<FormDraft>(store, draftId, 'forms', draftOwnerOf(c, { create: true })!, now);
 */
export async function handDraftTo<T>(store: CouncilStore, id: string, service: string, owner: string, now: Date): Promise<Draft<T> | undefined> {
  if (!DRAFT_ID_PATTERN.test(id)) return undefined;
  try {
    const { Attributes } = await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: draftKey(id),
          UpdateExpression: 'SET #owner = :owner',
          ConditionExpression: '#service = :service AND #exp > :now',
          ExpressionAttributeNames: { '#owner': 'owner', '#service': 'service', '#exp': TABLE_KEYS.ttlAttribute },
          ExpressionAttributeValues: { ':owner': owner, ':service': service, ':now': live(now) },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    const item = Attributes as DraftItem | undefined;
    if (typeof item?.data !== 'string') return undefined;
    return fromItem<T>(id, item);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
