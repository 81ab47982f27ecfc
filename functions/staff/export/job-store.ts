import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { JOB_ID } from '../../core/exports/export-jobs.ts';
import type { StoredExport } from '../../core/exports/port.ts';
import { LANGUAGES, type Language } from '../../core/language.ts';
import { documentClient, storeCall, type CouncilStore } from '../../core/store/store.ts';
import { ROLES, type Role } from '../auth/roles.ts';

/**
 * Background exports' job items, in the council's table: pk `EXPORTJOB#<id>`, sk `JOB`. The request
 * writes one (queued), the council's jobs function claims it (running) and records the outcome
 * (done, with the stored file's key, or failed). Kept for a day (TTL), as the file is.
 */

export type ExportJobState = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJob {
  id: string;
  /** Who asked: only they may see the job or download its file. */
  who: { sub: string; name: string };
  /** The queue's filters, as the export link's query string (filtersQuery). */
  filters: string;
  /** Whether the file holds the resident's name, email and phone: the asker's role, when they asked. */
  personal: boolean;
  /**
   * The asker's roles when they asked: which restricted (care) cases the file lists and whether it
   * holds special-category answers are theirs, not the jobs function's. A job recorded without them
   * (before they were) lists no restricted case and no special-category answer.
   */
  roles: Role[];
  /** The language of the file's headings: the page's the export was asked for from. */
  lang: Language;
  requestedAt: string;
  state: ExportJobState;
  /** The file, once done. */
  stored?: StoredExport;
  finishedAt?: string;
}

/** A job item lives a day, like the file in the export bucket. */
export const EXPORT_JOB_SECONDS = 86_400;

/**
 * A job that has run this long without an outcome has died: the jobs function's timeout is 15
 * minutes, and it is not retried (a retry would find the job running and leave it).
 */
export const EXPORT_JOB_GIVE_UP_MS = 16 * 60_000;

const key = (id: string) => ({ pk: `EXPORTJOB#${id}`, sk: 'JOB' });

/**
 * Records a new export job, queued.
 *
 * @example
 * const job = await createExportJob(deps.store, { who, filters: 'state=submitted', personal: true, roles: staff.roles, lang: 'en' }, now);
 */
export async function createExportJob(store: CouncilStore, input: Pick<ExportJob, 'who' | 'filters' | 'personal' | 'roles' | 'lang'>, now: Date): Promise<ExportJob> {
  const job: ExportJob = { id: randomUUID(), ...input, requestedAt: now.toISOString(), state: 'queued' };
  await storeCall(() =>
    documentClient(store).send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...key(job.id), kind: 'export-job', ...job, expiresAt: Math.floor(now.getTime() / 1000) + EXPORT_JOB_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  return job;
}

/** The job with this id, or undefined (an id that is no UUID is never looked up). */
export async function getExportJob(store: CouncilStore, id: string, now: Date): Promise<ExportJob | undefined> {
  if (!JOB_ID.test(id)) return undefined;
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: key(id), ConsistentRead: true })));
  // The TTL deletes expired items within days, not at once.
  if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 <= now.getTime())) return undefined;
  return toJob(Item);
}

/**
 * Moves a queued job to running; false when it is not queued (a duplicate delivery of its event).
 */
export async function claimExportJob(store: CouncilStore, id: string): Promise<boolean> {
  try {
    await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: key(id),
          UpdateExpression: 'SET #state = :running',
          ConditionExpression: '#state = :queued',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':running': 'running', ':queued': 'queued' },
        }),
      ),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Records a running job's outcome: done with its file, or failed. */
export async function finishExportJob(store: CouncilStore, id: string, outcome: { state: 'done'; stored: StoredExport } | { state: 'failed' }, now: Date): Promise<void> {
  const values: Record<string, NativeAttributeValue> = { ':state': outcome.state, ':at': now.toISOString(), ':running': 'running' };
  if (outcome.state === 'done') values[':stored'] = outcome.stored;
  await storeCall(() =>
    documentClient(store).send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: key(id),
        UpdateExpression: `SET #state = :state, finishedAt = :at${outcome.state === 'done' ? ', #stored = :stored' : ''}`,
        ConditionExpression: '#state = :running',
        ExpressionAttributeNames: { '#state': 'state', ...(outcome.state === 'done' && { '#stored': 'stored' }) },
        ExpressionAttributeValues: values,
      }),
    ),
  );
}

/** What the waiting page shows: a job that ran past the jobs function's timeout has failed. */
export function exportJobState(job: ExportJob, now: Date): ExportJobState {
  if ((job.state === 'queued' || job.state === 'running') && now.getTime() - Date.parse(job.requestedAt) > EXPORT_JOB_GIVE_UP_MS) return 'failed';
  return job.state;
}

function toJob(item: Record<string, NativeAttributeValue>): ExportJob {
  const stored = item.stored as StoredExport | undefined;
  return {
    id: String(item.id),
    who: { sub: String(item.who?.sub), name: String(item.who?.name) },
    filters: String(item.filters ?? ''),
    personal: item.personal === true,
    roles: (Array.isArray(item.roles) ? item.roles : []).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    lang: (LANGUAGES as readonly string[]).includes(item.lang) ? (item.lang as Language) : 'en',
    requestedAt: String(item.requestedAt),
    state: item.state as ExportJobState,
    ...(stored && { stored: { key: String(stored.key), filename: String(stored.filename), contentType: String(stored.contentType) } }),
    ...(typeof item.finishedAt === 'string' && { finishedAt: item.finishedAt }),
  };
}
