import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, storeCall, TABLE_KEYS, type CouncilStore } from '../../core/store/store.ts';

/**
 * A sign-in under way: what the callback needs to check the IdP's answer. Kept server-side, in the
 * council's table, under the hash of its `state`; the browser holds only the state itself, in a
 * short-lived HttpOnly cookie that ties the callback to the browser that started it. So the nonce and
 * the PKCE verifier never leave the server, and taking the record deletes it: a state works once,
 * however often its callback URL is replayed.
 */
export interface PendingSignIn {
  nonce: string;
  codeVerifier: string;
  /** Where to go after signing in: a staff path, checked before it was stored. */
  returnTo: string;
  createdAt: string;
}

/** How long someone has to get through their IdP's sign-in page. */
export const SIGN_IN_MINUTES = 10;

const keyOf = (state: string) => ({
  [TABLE_KEYS.partitionKey]: `STAFFSIGNIN#${createHash('sha256').update(state).digest('hex')}`,
  [TABLE_KEYS.sortKey]: 'SIGNIN',
});

export async function savePendingSignIn(store: CouncilStore, state: string, pending: PendingSignIn): Promise<void> {
  const expires = Date.parse(pending.createdAt) + SIGN_IN_MINUTES * 60_000;
  await storeCall(() =>
    documentClient(store).send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...keyOf(state), ...pending, [TABLE_KEYS.ttlAttribute]: Math.ceil(expires / 1000) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/**
 * Takes (reads and deletes, in one request) the sign-in for a state: undefined when there is none,
 * when it was taken before, or when it is older than SIGN_IN_MINUTES.
 */
export async function takePendingSignIn(store: CouncilStore, state: string, now: Date): Promise<PendingSignIn | undefined> {
  try {
    const { Attributes } = await storeCall(() =>
      documentClient(store).send(
        new DeleteCommand({ TableName: store.tableName, Key: keyOf(state), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD' }),
      ),
    );
    if (!Attributes) return undefined;
    const pending: PendingSignIn = {
      nonce: String(Attributes.nonce),
      codeVerifier: String(Attributes.codeVerifier),
      returnTo: String(Attributes.returnTo),
      createdAt: String(Attributes.createdAt),
    };
    if (now.getTime() - Date.parse(pending.createdAt) > SIGN_IN_MINUTES * 60_000) return undefined;
    return pending;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
