import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { documentClient, expiryKeys, queryAll, storeCall, TABLE_KEYS, type CouncilStore } from '../../core/store/store.ts';
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
/**
 * A session id is 32 random bytes and the member's sub, both base64url: `<random>.<sub>`.
 *
 * Why the sub is in it: "sign out everywhere" finds sessions through the table's index, which in
 * AWS is eventually consistent, so a session made seconds before can be missed and survive. So it
 * also writes `revokedBefore` on the member's record, and every read refuses a session made before
 * that. To keep that one store request per staff page, the member's key must be known before the
 * session is read: hence the sub in the id, read in the same BatchGetItem as the session. A tampered
 * sub cannot dodge the check: the handle hashes the whole id, so it names no session (and the
 * session item's own sub must match it too). (A check only for young
 * sessions would not be sound: a session the index missed is just as alive an hour later.) The sub is
 * the IdP's opaque id of the browser's own user, and the cookie is HttpOnly.
 */
const SESSION_ID = /^[A-Za-z0-9_-]{43}\.([A-Za-z0-9_-]{1,400})$/;
const subOf = (id: string) => {
  const match = SESSION_ID.exec(id);
  return match ? Buffer.from(match[1], 'base64url').toString('utf8') : undefined;
};
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
  const id = `${randomBytes(32).toString('base64url')}.${Buffer.from(member.sub, 'utf8').toString('base64url')}`;
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
          // The retention sweep deletes it at its absolute end (it names the member), not TTL's day or two later.
          ...expiryKeys(Math.ceil(endsAt.getTime() / 1000), sessionKey(handle)[TABLE_KEYS.partitionKey], 'SESSION'),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  // An update, not a put: the record's revokedBefore must outlive signing in again, or signing in on
  // one device would bring back a session the index missed on another.
  await storeCall(() =>
    doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: memberKey(member.sub),
        UpdateExpression: 'SET #sub = :sub, #email = :email, #name = :name, #roles = :roles, #last = :last, #ipk = :ipk, #isk = :isk',
        ExpressionAttributeNames: {
          '#sub': 'sub',
          '#email': 'email',
          '#name': 'name',
          '#roles': 'roles',
          '#last': 'lastSignInAt',
          '#ipk': TABLE_KEYS.index.partitionKey,
          '#isk': TABLE_KEYS.index.sortKey,
        },
        ExpressionAttributeValues: {
          ':sub': member.sub,
          ':email': member.email,
          ':name': member.name,
          ':roles': member.roles,
          ':last': session.createdAt,
          ':ipk': MEMBERS_PARTITION,
          ':isk': `${member.email.toLowerCase()}#${member.sub}`,
        },
      }),
    ),
  );
  return { id, session };
}

/**
 * The live session for a session id from a cookie, or undefined: unknown, from another council,
 * idle too long, past its absolute end, or made before its member was signed out everywhere (such a
 * session is deleted). One read (the session, its member's record and `alsoRead` in one
 * BatchGetItem), and a write at most once a minute to keep it alive.
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
  const sub = subOf(id);
  if (sub === undefined) return undefined;
  const handle = hashOf(id);
  const doc = documentClient(store);
  const member = memberKey(sub);
  const { item: Item, unread } = await getWith(store, sessionKey(handle), [member, ...alsoRead], prefetched);
  if (!Item) return undefined;
  const session = toSession(Item);
  if (session.councilId !== councilId || session.sub !== sub) return undefined;
  // Only when the store left the member's record unread (throttled): never skip the check.
  const record = unread.has(storeKeyId(member)) ? await getOne(store, member) : prefetched.get(storeKeyId(member));
  if (!isLive(session, now, limits) || revokedBy(session, record)) {
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

/** Whether the member was signed out everywhere after this session was made. */
function revokedBy(session: StaffSession, member: Record<string, NativeAttributeValue> | undefined): boolean {
  const before = typeof member?.revokedBefore === 'string' ? Date.parse(member.revokedBefore) : NaN;
  return Number.isFinite(before) && Date.parse(session.createdAt) < before;
}

/** A table key: partition and sort key values. */
export type StoreKey = Record<string, string>;

/** Where a prefetched item is kept: its keys, joined. */
export const storeKeyId = (key: StoreKey) => `${key[TABLE_KEYS.partitionKey]}\u0000${key[TABLE_KEYS.sortKey]}`;

async function getOne(store: CouncilStore, key: StoreKey) {
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true })));
  return Item;
}

/**
 * The session and the page's other items in one BatchGetItem (unprocessed keys are asked again).
 * `unread` names the keys still unprocessed after that: not in `into`, though they may exist.
 */
async function getWith(store: CouncilStore, session: StoreKey, others: StoreKey[], into: Map<string, Record<string, NativeAttributeValue>>) {
  // BatchGetItem refuses a request naming one key twice.
  const unique = new Map([session, ...others].map((key) => [storeKeyId(key), key]));
  let keys: StoreKey[] = [...unique.values()];
  for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
    const answer = await storeCall(() =>
      documentClient(store).send(new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: keys, ConsistentRead: true } } })),
    );
    for (const item of answer.Responses?.[store.tableName] ?? []) into.set(storeKeyId(item as StoreKey), item);
    keys = (answer.UnprocessedKeys?.[store.tableName]?.Keys ?? []) as StoreKey[];
  }
  const unread = new Set(keys.map(storeKeyId));
  if (unread.has(storeKeyId(session))) {
    unread.delete(storeKeyId(session));
    return { item: await getOne(store, session), unread };
  }
  return { item: into.get(storeKeyId(session)), unread };
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
 * Refuses, from now on, every session of the member made before `now` (see SESSION_ID): the part of
 * "sign out everywhere" that does not depend on the index. Written on the member's own record (the
 * one listStaffMembers reads), with a strongly consistent write that every session read sees.
 *
 * @example
 * await revokeStaffSessionsBefore(store, 'hackney-officer', deps.clock());
 */
export async function revokeStaffSessionsBefore(store: CouncilStore, sub: string, now: Date): Promise<void> {
  try {
    await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: memberKey(sub),
          UpdateExpression: 'SET revokedBefore = :now',
          // Someone who never signed in has no sessions; no stray record for them.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Ends every session of a member of staff ("sign out everywhere"): each of their browsers is signed
 * out at its next request, including one made seconds before that the index does not list yet.
 * Returns how many sessions the index listed.
 *
 * @example
 * const count = await revokeAllStaffSessions(deps.store, member.sub, deps.clock());
 */
export async function revokeAllStaffSessions(
  store: CouncilStore,
  sub: string,
  /** The app's clock (`deps.clock()`), the one sessions' createdAt come from. */
  now: Date,
): Promise<number> {
  // The marker first: from here on no older session is accepted, whatever the index says next.
  await revokeStaffSessionsBefore(store, sub, now);
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
