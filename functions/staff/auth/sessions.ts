import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { documentClient, queryAll, storeCall, TABLE_KEYS, type CouncilStore } from '../../core/store/store.ts';
import { ROLES, type Role } from './roles.ts';
import type { SessionLimits } from './session-limits.ts';

/** Who is signed in, as every staff route sees them: `c.get('staff')`. */
export interface StaffMember {
  /** The IdP's stable subject id: the key for assignment, audit and "sign out everywhere". */
  sub: string;
  email: string;
  name: string;
  roles: Role[];
}

/** A session as the store keeps it (the id itself is never stored, only its hash). */
export interface StaffSession extends StaffMember {
  /** sha256 of the session id, hex: names the session in the admin's list. */
  handle: string;
  councilId: string;
  createdAt: string;
  lastSeenAt: string;
  /** When it ends whatever happens (the absolute timeout). */
  endsAt: string;
}


/** How often lastSeenAt is written: each request would be a write; a minute is close enough for a 30-minute idle timeout. */
const TOUCH_EVERY_MS = 60_000;

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
const sessionKey = (handle: string) => ({ [TABLE_KEYS.partitionKey]: `STAFFSESSION#${handle}`, [TABLE_KEYS.sortKey]: 'SESSION' });
const memberKey = (sub: string) => ({ [TABLE_KEYS.partitionKey]: `STAFF#${sub}`, [TABLE_KEYS.sortKey]: 'PROFILE' });
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
/** The sparse list of staff members who have signed in, for the admin's pages. */
const MEMBERS_PARTITION = 'STAFFMEMBERS';

function toSession(item: Record<string, NativeAttributeValue>): StaffSession {
  return {
    handle: String(item.handle),
    councilId: String(item.councilId),
    sub: String(item.sub),
    email: String(item.email),
    name: String(item.name),
    roles: (Array.isArray(item.roles) ? item.roles : []).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    createdAt: String(item.createdAt),
    lastSeenAt: String(item.lastSeenAt),
    endsAt: String(item.endsAt),
  };
}

function isLive(session: StaffSession, now: Date, limits: SessionLimits): boolean {
  const idleEnd = Date.parse(session.lastSeenAt) + limits.idleMinutes * 60_000;
  return now.getTime() < idleEnd && now.getTime() < Date.parse(session.endsAt);
}

/**
 * Opens a session for a member of staff who has just signed in: a new random id every time (never
 * one the browser brought), kept in the council's own table under its hash, so a leaked table holds
 * no usable session. Also records the member for the admin's list.
 *
 * @example
 * const { id } = await createStaffSession(store, 'hackney', member, deps.clock(), council.staff.session);
 */
export async function createStaffSession(
  store: CouncilStore,
  councilId: string,
  member: StaffMember,
  now: Date,
  limits: SessionLimits,
): Promise<{ id: string; session: StaffSession }> {
  const id = randomBytes(32).toString('base64url');
  const handle = hashOf(id);
  const endsAt = new Date(now.getTime() + limits.absoluteHours * 3_600_000);
  const session: StaffSession = { ...member, handle, councilId, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), endsAt: endsAt.toISOString() };
  const doc = documentClient(store);
  await storeCall(() =>
    doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...sessionKey(handle),
          ...session,
          [TABLE_KEYS.index.partitionKey]: `STAFF#${member.sub}`,
          [TABLE_KEYS.index.sortKey]: `SESSION#${session.createdAt}#${handle}`,
          [TABLE_KEYS.ttlAttribute]: Math.ceil(endsAt.getTime() / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  await storeCall(() =>
    doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...memberKey(member.sub),
          sub: member.sub,
          email: member.email,
          name: member.name,
          roles: member.roles,
          lastSignInAt: session.createdAt,
          [TABLE_KEYS.index.partitionKey]: MEMBERS_PARTITION,
          [TABLE_KEYS.index.sortKey]: `${member.email.toLowerCase()}#${member.sub}`,
        },
      }),
    ),
  );
  return { id, session };
}

/**
 * The live session for a session id from a cookie, or undefined: unknown, from another council,
 * idle too long or past its absolute end (such a session is deleted). One read, and a write at
 * most once a minute to keep it alive.
 */
export async function readStaffSession(
  store: CouncilStore,
  councilId: string,
  id: string,
  now: Date,
  limits: SessionLimits,
  /** Items the page needs too, read in the same request (e.g. the queue's counts). */
  alsoRead: StoreKey[] = [],
  prefetched: Map<string, Record<string, NativeAttributeValue>> = new Map(),
): Promise<StaffSession | undefined> {
  if (!SESSION_ID.test(id)) return undefined;
  const handle = hashOf(id);
  const doc = documentClient(store);
  const Item = alsoRead.length === 0 ? await getOne(store, sessionKey(handle)) : await getWith(store, sessionKey(handle), alsoRead, prefetched);
  if (!Item) return undefined;
  const session = toSession(Item);
  if (session.councilId !== councilId) return undefined;
  if (!isLive(session, now, limits)) {
    await deleteByHandle(store, handle);
    return undefined;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
    try {
      await storeCall(() =>
        doc.send(
          new UpdateCommand({
            TableName: store.tableName,
            Key: sessionKey(handle),
            UpdateExpression: 'SET lastSeenAt = :now',
            // Not if it was revoked meanwhile: the update would bring it back.
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':now': now.toISOString() },
          }),
        ),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
    session.lastSeenAt = now.toISOString();
  }
  return session;
}

/** A table key: partition and sort key values. */
export type StoreKey = Record<string, string>;

/** Where a prefetched item is kept: its keys, joined. */
export const storeKeyId = (key: StoreKey) => `${key[TABLE_KEYS.partitionKey]}\u0000${key[TABLE_KEYS.sortKey]}`;

async function getOne(store: CouncilStore, key: StoreKey) {
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true })));
  return Item;
}

/** The session and the page's other items in one BatchGetItem (unprocessed keys are asked again). */
async function getWith(store: CouncilStore, session: StoreKey, others: StoreKey[], into: Map<string, Record<string, NativeAttributeValue>>) {
  let keys: StoreKey[] = [session, ...others];
  for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
    const answer = await storeCall(() =>
      documentClient(store).send(new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: keys, ConsistentRead: true } } })),
    );
    for (const item of answer.Responses?.[store.tableName] ?? []) into.set(storeKeyId(item as StoreKey), item);
    keys = (answer.UnprocessedKeys?.[store.tableName]?.Keys ?? []) as StoreKey[];
  }
  if (keys.length > 0) return getOne(store, session);
  return into.get(storeKeyId(session));
}

async function deleteByHandle(store: CouncilStore, handle: string): Promise<void> {
  await storeCall(() => documentClient(store).send(new DeleteCommand({ TableName: store.tableName, Key: sessionKey(handle) })));
}

/** Ends one session (signing out); ending one that is gone already is not an error. */
export async function deleteStaffSession(store: CouncilStore, id: string): Promise<void> {
  if (SESSION_ID.test(id)) await deleteByHandle(store, hashOf(id));
}

async function sessionItemsOf(store: CouncilStore, sub: string): Promise<Record<string, NativeAttributeValue>[]> {
  return queryAll(store, {
    IndexName: TABLE_KEYS.index.name,
    KeyConditionExpression: '#pk = :p AND begins_with(#sk, :s)',
    ExpressionAttributeNames: { '#pk': TABLE_KEYS.index.partitionKey, '#sk': TABLE_KEYS.index.sortKey },
    ExpressionAttributeValues: { ':p': `STAFF#${sub}`, ':s': 'SESSION#' },
  });
}

/** A member of staff's live sessions, newest first. */
export async function listStaffSessions(store: CouncilStore, sub: string, now: Date, limits: SessionLimits): Promise<StaffSession[]> {
  return (await sessionItemsOf(store, sub))
    .map(toSession)
    .filter((s) => isLive(s, now, limits))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Ends every session of a member of staff ("sign out everywhere"): each of their browsers is signed
 * out at its next request. Returns how many sessions there were.
 */
export async function revokeAllStaffSessions(store: CouncilStore, sub: string): Promise<number> {
  const items = await sessionItemsOf(store, sub);
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((item) => ({ DeleteRequest: { Key: sessionKey(String(item.handle)) } }));
    let pending: typeof batch | undefined = batch;
    // Unprocessed deletes are retried: a session left behind would keep someone signed in.
    for (let attempt = 0; pending?.length && attempt < 5; attempt++) {
      const result = await storeCall(() => documentClient(store).send(new BatchWriteCommand({ RequestItems: { [store.tableName]: pending! } })));
      pending = result.UnprocessedItems?.[store.tableName] as typeof batch | undefined;
    }
    if (pending?.length) throw new Error('Some sessions could not be ended');
  }
  return items.length;
}

/** A member of staff as last seen signing in. */
export interface StaffMemberRecord extends StaffMember {
  lastSignInAt: string;
}

const toMember = (item: Record<string, NativeAttributeValue>): StaffMemberRecord => ({
  sub: String(item.sub),
  email: String(item.email),
  name: String(item.name),
  roles: (Array.isArray(item.roles) ? item.roles : []).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
  lastSignInAt: String(item.lastSignInAt),
});

/** Everyone who has signed in to the council's back office, by email. (Also the list to assign cases to.) */
export async function listStaffMembers(store: CouncilStore): Promise<StaffMemberRecord[]> {
  const items = await queryAll(store, {
    IndexName: TABLE_KEYS.index.name,
    KeyConditionExpression: '#pk = :p',
    ExpressionAttributeNames: { '#pk': TABLE_KEYS.index.partitionKey },
    ExpressionAttributeValues: { ':p': MEMBERS_PARTITION },
  });
  return items.map(toMember);
}

/** One member of staff by their sub, if they have ever signed in. */
export async function getStaffMember(store: CouncilStore, sub: string): Promise<StaffMemberRecord | undefined> {
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: memberKey(sub) })));
  return Item ? toMember(Item) : undefined;
}
