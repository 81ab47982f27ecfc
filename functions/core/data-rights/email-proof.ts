import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { normaliseEmail } from '../cases/contact-keys.ts';
import { randomToken } from '../http/random-token.ts';
import type { SecretsPort } from '../secrets/port.ts';
import { documentClient, expiryKeys, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';

/**
 * Proving an email address for "Your requests and your data": a one-time code sent to the address,
 * typed back on the next page.
 *
 * - The code is 6 digits from the CSPRNG and never stored: the store keeps an HMAC of it under the
 *   council's contact key, bound to its proof id, so reading the table (or a backup) does not give
 *   the code, and a hash cannot be replayed against another proof.
 * - One item per code, `DATAPROOF#<proofId>`: the address (to send the code and open the session),
 *   the hash, the tries left and the TTL with expiry keys (the retention sweep deletes it).
 *   A wrong code takes a try by a conditional update; the right one deletes it on condition, so of
 *   two requests with the same code only one proves.
 * - Limits per address and per client are counters in the store (Lambda instances do not share
 *   memory), one item per fixed window, keyed by an HMAC of the address or client, never the address.
 * - Enumeration: nothing here looks at cases, so the answer and the store work are the same for an
 *   address that has requests and one that has none.
 */

/** How long a code works. */
export const CODE_MINUTES = 15;
/** Wrong codes allowed before a code is used up (the 5th wrong one uses it up). */
export const CODE_TRIES = 5;
/** How many digits a code has. */
export const CODE_DIGITS = 6;

export interface ProofLimit {
  max: number;
  windowSeconds: number;
}

/** Codes sent to one address: 3 in 15 minutes… */
export const ADDRESS_LIMIT_SHORT: ProofLimit = { max: 3, windowSeconds: 15 * 60 };
/** …and 10 a day, so a mailbox cannot be flooded slowly either. */
export const ADDRESS_LIMIT_DAY: ProofLimit = { max: 10, windowSeconds: 24 * 60 * 60 };
/** Codes one client (an IPv4 address, an IPv6 /64) asks for, whatever the addresses: 10 in 15 minutes. */
export const CLIENT_LIMIT: ProofLimit = { max: 10, windowSeconds: 15 * 60 };
/** Every limit, in the order they are counted. */
export const EMAIL_PROOF_LIMITS = { client: [CLIENT_LIMIT], address: [ADDRESS_LIMIT_SHORT, ADDRESS_LIMIT_DAY] } as const;

const PROOF_ID = /^[A-Za-z0-9_-]{22}$/;
const proofKey = (proofId: string) => ({ [TABLE_KEYS.partitionKey]: `DATAPROOF#${proofId}`, [TABLE_KEYS.sortKey]: 'DATAPROOF' });

interface ProofItem {
  email: string;
  codeHash: string;
  triesLeft: number;
  createdAt: string;
  [TABLE_KEYS.ttlAttribute]: number;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const hmac = (key: string, value: string) => createHmac('sha256', key).update(value).digest('base64url');
const codeHash = (key: string, proofId: string, code: string) => hmac(key, `data-proof:${proofId}:${code}`);

export type StartEmailProofResult =
  | { outcome: 'send'; code: string; proofId: string; expiresAt: Date }
  | { outcome: 'rate-limited'; by: 'client' | 'address'; retryAfterSeconds: number };

/**
 * Counts one code against a fixed window: one conditional update that adds 1 unless the window is
 * full (a refused request does not count, so the window ends when it says). The window's start is
 * in the key, so a new window is a new item and an old one is never read again; the TTL forgets it.
 * Returns the seconds left in the window when it is full.
 */
async function take(store: CouncilStore, subject: string, limit: ProofLimit, now: Date): Promise<number | undefined> {
  const t = seconds(now);
  const start = t - (t % limit.windowSeconds);
  const end = start + limit.windowSeconds;
  const pk = `DATALIMIT#${subject}`;
  const sk = `${limit.windowSeconds}#${start}`;
  const expiry = expiryKeys(end, pk, sk);
  try {
    await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: sk },
          UpdateExpression: 'ADD #count :one SET #ttl = :ttl, #epk = :epk, #esk = :esk',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
          ExpressionAttributeNames: {
            '#count': 'count',
            '#ttl': TABLE_KEYS.ttlAttribute,
            '#epk': TABLE_KEYS.expiryIndex.partitionKey,
            '#esk': TABLE_KEYS.expiryIndex.sortKey,
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ':max': limit.max,
            ':ttl': end,
            ':epk': expiry[TABLE_KEYS.expiryIndex.partitionKey],
            ':esk': expiry[TABLE_KEYS.expiryIndex.sortKey],
          },
        }),
      ),
    );
    return undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return Math.max(1, end - t);
    throw error;
  }
}

/**
 * Makes a code for an address, when neither the client nor the address is over its limits: the
 * caller emails `code` to `email` and keeps `proofId` (in an HttpOnly cookie, not the URL). Never
 * looks at cases, so it answers the same, with the same store requests (one per limit counted and
 * one write), for any address. The address should already be checked as an email address.
 *
 * @example
 * const started = await startEmailProof(deps.store, deps.secrets, { email, clientKey: clientKey(c, deps.clientIp(c)) }, deps.clock());
 * if (started.outcome === 'rate-limited') return tooManyPage(c, started.retryAfterSeconds);
 * await deps.notifications.send({ template: 'data-rights-code', to: email, lang, personalisation: { code: started.code } });
 */
export async function startEmailProof(
  store: CouncilStore,
  secrets: SecretsPort,
  input: { email: string; clientKey?: string },
  now: Date,
): Promise<StartEmailProofResult> {
  const email = input.email.trim();
  if (!email) throw new RangeError('startEmailProof: no email address');
  const key = await secrets.get('contact-key');
  // The client first: a client over its limit does not use up the address's codes.
  if (input.clientKey) {
    const subject = `client#${hmac(key, `data-proof-client:${input.clientKey}`)}`;
    for (const limit of EMAIL_PROOF_LIMITS.client) {
      const wait = await take(store, subject, limit, now);
      if (wait !== undefined) return { outcome: 'rate-limited', by: 'client', retryAfterSeconds: wait };
    }
  }
  // Its own HMAC, not the case index's contact key, so a counter cannot be joined to the cases.
  const subject = `address#${hmac(key, `data-proof-address:${normaliseEmail(email)}`)}`;
  for (const limit of EMAIL_PROOF_LIMITS.address) {
    const wait = await take(store, subject, limit, now);
    if (wait !== undefined) return { outcome: 'rate-limited', by: 'address', retryAfterSeconds: wait };
  }
  const proofId = randomToken(16);
  const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
  const expiresAt = new Date((seconds(now) + CODE_MINUTES * 60) * 1000);
  const keys = proofKey(proofId);
  const item: ProofItem = { email, codeHash: codeHash(key, proofId, code), triesLeft: CODE_TRIES, createdAt: now.toISOString(), [TABLE_KEYS.ttlAttribute]: seconds(expiresAt) };
  await storeCall(() =>
    documentClient(store).send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...keys, ...item, ...expiryKeys(seconds(expiresAt), keys.pk, keys.sk) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  return { outcome: 'send', code, proofId, expiresAt };
}

export type CheckEmailProofResult =
  | { outcome: 'proved'; email: string }
  | { outcome: 'wrong'; triesLeft: number }
  | { outcome: 'expired' | 'used-up' | 'unknown' };

async function readProof(store: CouncilStore, proofId: string): Promise<ProofItem | undefined> {
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: proofKey(proofId), ConsistentRead: true })));
  const item = Item as ProofItem | undefined;
  return item && typeof item.email === 'string' && typeof item.codeHash === 'string' && typeof item.triesLeft === 'number' ? item : undefined;
}

/** Why a proof cannot be used (now): gone, past its time, or out of tries. */
function unusable(item: ProofItem | undefined, now: Date): 'expired' | 'used-up' | 'unknown' | undefined {
  if (!item) return 'unknown';
  if (item[TABLE_KEYS.ttlAttribute] <= seconds(now)) return 'expired';
  if (item.triesLeft <= 0) return 'used-up';
  return undefined;
}

/**
 * Checks a code typed for a proof. The right code proves once: the proof is deleted on condition
 * that it is still live, so a second use (or a race) finds it `unknown`. A wrong code takes one try
 * (`triesLeft` is what is left); the 5th wrong one gives `used-up`, as does any code after it.
 * Spaces and hyphens in the code are ignored; anything else that is not the code is wrong.
 * `unknown`: no such proof (never made, already used, or a proof id that is not one).
 *
 * @example
 * const checked = await checkEmailProof(deps.store, deps.secrets, { proofId, code: form.code }, deps.clock());
 * if (checked.outcome === 'proved') { const s = await createDataSession(deps.store, { email: checked.email }, now, council.dataRights.sessionMinutes); … }
 */
export async function checkEmailProof(store: CouncilStore, secrets: SecretsPort, input: { proofId: string; code: string }, now: Date): Promise<CheckEmailProofResult> {
  if (typeof input.proofId !== 'string' || !PROOF_ID.test(input.proofId)) return { outcome: 'unknown' };
  const { proofId } = input;
  const item = await readProof(store, proofId);
  const reason = unusable(item, now);
  if (reason) return { outcome: reason };
  const key = await secrets.get('contact-key');
  const code = String(input.code ?? '').replace(/[\s-]/g, '');
  const given = Buffer.from(codeHash(key, proofId, code));
  const stored = Buffer.from(item!.codeHash);
  const right = given.length === stored.length && timingSafeEqual(given, stored);
  const client = documentClient(store);
  const live = {
    ConditionExpression: 'attribute_exists(pk) AND triesLeft > :zero AND #ttl > :now',
    ExpressionAttributeNames: { '#ttl': TABLE_KEYS.ttlAttribute },
  };
  try {
    if (right) {
      const { Attributes } = await storeCall(() =>
        client.send(
          new DeleteCommand({
            TableName: store.tableName,
            Key: proofKey(proofId),
            ...live,
            ExpressionAttributeValues: { ':zero': 0, ':now': seconds(now) },
            ReturnValues: 'ALL_OLD',
          }),
        ),
      );
      return { outcome: 'proved', email: (Attributes as ProofItem).email };
    }
    const { Attributes } = await storeCall(() =>
      client.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: proofKey(proofId),
          UpdateExpression: 'SET triesLeft = triesLeft - :one',
          ...live,
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':now': seconds(now) },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    const triesLeft = Number((Attributes as { triesLeft?: number } | undefined)?.triesLeft ?? 0);
    return triesLeft > 0 ? { outcome: 'wrong', triesLeft } : { outcome: 'used-up' };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Another request used it, or took its last try, between the read and the write: say which.
    return { outcome: unusable(await readProof(store, proofId), now) ?? 'unknown' };
  }
}
