import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MadeBy } from '../../core/cases/case-store.ts';
import type { CaseChannel } from '../../core/cases/lifecycle.ts';
import type { AppContext } from '../../core/http/env.ts';
import { documentClient, storeCall, TABLE_KEYS, type CouncilStore } from '../../core/store/store.ts';
import { recordAudit } from '../../core/audit/audit-store.ts';
import { staffActor } from '../../core/cases/case-actions.ts';
import { can } from '../auth/roles.ts';
import { STAFF_SESSION_DEFAULTS } from '../auth/session-limits.ts';
import { readStaffSession } from '../auth/sessions.ts';
import type { AssistedStamp } from './stamp.ts';

/** The channels an officer makes a report through on a resident's behalf. */
export const ASSISTED_CHANNELS = ['phone', 'face-to-face', 'email'] as const satisfies readonly CaseChannel[];
export type AssistedChannel = (typeof ASSISTED_CHANNELS)[number];

/**
 * The resident journeys an officer can go through for a resident, and where each starts. A module
 * with several services (forms: one per adopted form) offers each of its home page's entries.
 */
export const ASSISTED_SERVICES = { report: '/report', bins: '/bins', forms: '/forms' } as const;
export type AssistedService = keyof typeof ASSISTED_SERVICES;

/**
 * An officer's "I am making a report for this resident" marker, tied to their staff session. It
 * names the module (`service`, what the journey's submit step asks assistedStamp about), so a
 * form's marker is `forms`, whichever form: `start` says which form the officer began.
 */
export interface AssistedMarker {
  sub: string;
  name: string;
  service: AssistedService;
  /** Where the journey starts, under the council's path: `/report`, or a form's `/forms/<form-id>`. */
  start?: string;
  channel: AssistedChannel;
  forResident: string;
  startedAt: string;
}

/** How long a marker lasts: one call or visit. The staff session's own limits still apply. */
export const ASSISTED_MINUTES = 60;

const markerKey = (sessionId: string) => ({
  [TABLE_KEYS.partitionKey]: `ASSISTED#${createHash('sha256').update(sessionId).digest('hex')}`,
  [TABLE_KEYS.sortKey]: 'ASSISTED',
});

/**
 * Puts the session in assisted mode for one report: the next case the session's browser makes in
 * `service` records the channel and "made by <staff> for <resident>". Starting again replaces it.
 *
 * @example
 * await startAssisted(deps.store, c.get('staffSessionId'), { sub, name, service: 'report', channel: 'phone', forResident: 'Ann', startedAt }, now);
 */
export async function startAssisted(store: CouncilStore, sessionId: string, marker: AssistedMarker, now: Date): Promise<void> {
  await storeCall(() =>
    documentClient(store).send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...markerKey(sessionId), ...marker, [TABLE_KEYS.ttlAttribute]: Math.floor(now.getTime() / 1000) + ASSISTED_MINUTES * 60 },
      }),
    ),
  );
}

/** The session's live marker, if any. */
export async function readAssisted(store: CouncilStore, sessionId: string, now: Date): Promise<AssistedMarker | undefined> {
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: markerKey(sessionId), ConsistentRead: true })));
  if (!Item || Number(Item[TABLE_KEYS.ttlAttribute]) <= now.getTime() / 1000) return undefined;
  return {
    sub: String(Item.sub),
    name: String(Item.name),
    service: Item.service as AssistedService,
    ...(typeof Item.start === 'string' && { start: Item.start }),
    channel: Item.channel as AssistedChannel,
    forResident: String(Item.forResident),
    startedAt: String(Item.startedAt),
  };
}

/** Leaves assisted mode (done, or the officer stopped). */
export async function endAssisted(store: CouncilStore, sessionId: string): Promise<void> {
  await storeCall(() => documentClient(store).send(new DeleteCommand({ TableName: store.tableName, Key: markerKey(sessionId) })));
}

/**
 * What a resident journey's submit step stamps on the case it makes, for a browser holding a staff
 * session id: only a live session of this council whose roles still allow assisted digital, with a
 * live marker for this service. Loaded on demand by stamp.ts, so residents never load it.
 */
export async function readAssistedStamp(c: AppContext, sessionId: string, service: string): Promise<AssistedStamp | undefined> {
  const { store, clock } = c.get('deps');
  const council = c.get('council');
  const now = clock();
  const session = await readStaffSession(store, council.id, sessionId, now, council.staff?.session ?? STAFF_SESSION_DEFAULTS);
  if (!session || !can(session.roles, 'case:assisted')) return undefined;
  const marker = await readAssisted(store, sessionId, now);
  if (!marker || marker.service !== service || marker.sub !== session.sub) return undefined;
  const madeBy: MadeBy = { staff: { sub: session.sub, name: session.name }, forResident: marker.forResident };
  return {
    channel: marker.channel,
    madeBy,
    // One marker, one case: the officer starts again for the next resident.
    done: async (reference: string) => {
      await endAssisted(store, sessionId);
      await recordAudit(store, { who: staffActor(madeBy.staff), action: 'assisted-case', caseRef: reference, detail: marker.channel, at: clock().toISOString() });
    },
  };
}
