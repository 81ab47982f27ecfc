import path from 'node:path';
import middy from '@middy/core';
import type { Context as LambdaContext } from 'aws-lambda';
import { getConnInfo, handle } from 'hono/aws-lambda';
import { createCouncilApp } from './app.ts';
import type { CouncilConfig } from './config/council-schema.ts';
import { createLogger } from './core/logger.ts';
import { notificationsFromConfig } from './core/notifications/select-adapter.ts';
import { createFieldCipher } from './core/crypto/encryption-sdk-cipher.ts';
import type { FieldCipher } from './core/crypto/field-cipher.ts';
import { DirectExportDelivery } from './core/exports/direct-export-delivery.ts';
import { isExportJobEvent } from './core/exports/export-jobs.ts';
import { LambdaExportJobs } from './core/exports/lambda-export-jobs.ts';
import { S3ExportDelivery } from './core/exports/s3-export-delivery.ts';
import { AwsSecrets } from './core/secrets/aws-secrets.ts';
import { S3FileStorage } from './core/files/s3-file-storage.ts';
import { S3PhotoStorage } from './core/photos/s3-photo-storage.ts';
import { createStoreClient, tableNameFor } from './core/store/store.ts';
import { EMAIL_TEMPLATES, enabledModules, platformNeedIds } from './modules/index.ts';

/** The scheduled event (EventBridge) that asks the function to retry due notifications. */
export interface RetryNotificationsEvent {
  'ldf-task': 'retry-notifications';
}

/**
 * The Lambda entry for one council. The council is fixed by its stack: its file is validated at
 * synthesis and reaches the function as data in its config layer, checked here against the
 * COUNCIL_ID the stack sets; it never comes from the request. Validating before deployment keeps
 * the schema library out of the cold start.
 */
export function createLambdaHandler(council: CouncilConfig, env: NodeJS.ProcessEnv = process.env) {
  if (env.COUNCIL_ID && env.COUNCIL_ID !== council.id) {
    throw new Error(`This function's config layer serves ${council.id} but COUNCIL_ID is ${env.COUNCIL_ID}`);
  }
  const logger = createLogger({ council: council.id });
  const store = { client: createStoreClient(), tableName: env.TABLE_NAME ?? tableNameFor(council.id) };
  const secrets = new AwsSecrets({ councilId: council.id, region: env.AWS_REGION ?? 'eu-west-2' });
  const notifications = notificationsFromConfig(council, EMAIL_TEMPLATES, secrets);
  const needs = platformNeedIds(council);
  const photos = needs.has('photos') && env.PHOTO_BUCKET && env.AWS_REGION ? new S3PhotoStorage({ bucket: env.PHOTO_BUCKET, region: env.AWS_REGION }) : undefined;
  const exportBucket = env.EXPORT_BUCKET ? new S3ExportDelivery({ bucket: env.EXPORT_BUCKET, region: env.AWS_REGION ?? 'eu-west-2' }) : undefined;
  const app = createCouncilApp(council, {
    store,
    notifications,
    secrets,
    clock: () => new Date(),
    basePath: '',
    assetsDir: env.ASSETS_DIR ?? path.join(import.meta.dirname, 'assets'),
    logger,
    clientIp: (c) => getConnInfo(c).remote.address,
    // The council's photo bucket: its stack makes one and sets PHOTO_BUCKET when a module needs photos.
    photos,
    // The council's file bucket: its stack makes one and sets FILE_BUCKET when a module needs files (forms' file questions).
    files: needs.has('files') && env.FILE_BUCKET && env.AWS_REGION ? new S3FileStorage({ bucket: env.FILE_BUCKET, region: env.AWS_REGION }) : undefined,
    // The council's export bucket (EXPORT_BUCKET, set by its stack when it has a back office): a
    // buffered API Gateway integration fails responses over 6 MB, so exports are stored and linked to.
    exports: exportBucket ?? new DirectExportDelivery(),
    // The council's jobs function (EXPORT_JOBS_FUNCTION, set by its stack): a request ends at the
    // gateway's 30 seconds, so exports are built there in the background and stored in the bucket.
    exportJobs: exportBucket && env.EXPORT_JOBS_FUNCTION ? new LambdaExportJobs({ functionName: env.EXPORT_JOBS_FUNCTION, region: env.AWS_REGION ?? 'eu-west-2', storage: exportBucket }) : undefined,
    // Special-category answers, sealed under the council's own KMS key (COUNCIL_KEY_ARN, set by its
    // stack); the Encryption SDK loads on the first seal or open, not at a cold start.
    cipher: env.COUNCIL_KEY_ARN ? createFieldCipher({ keyring: 'kms', keyArn: env.COUNCIL_KEY_ARN }) : undefined,
    // The council's domain or API URL, set by its stack: staff sign-in's redirect URI starts here.
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
  });
  const http = handle(app);

  return middy(async (event: unknown, context: LambdaContext) => {
    if ((event as Partial<RetryNotificationsEvent>)['ldf-task'] === 'retry-notifications') {
      // The schedule's code (the case store, the queue's counts) loads on its event: a resident's
      // cold start never evaluates it.
      const [{ retryDueNotifications }, { tallyNewCases }] = await Promise.all([import('./core/notifications/delivery.ts'), import('./core/cases/queue.ts')]);
      const now = new Date();
      const result = await retryDueNotifications(store, notifications, now, logger.with({ module: 'notifications' }));
      // The same schedule brings the back office's counts per state up to date with new cases
      // (counting them at creation would cost every resident's submission a write).
      const counted = await tallyNewCases(store, Object.keys(council.services), now);
      // Each module's own scheduled work (a form's webhook retries), one module's failure not stopping the rest.
      const modules: Record<string, number> = {};
      for (const m of enabledModules(council)) {
        if (!m.scheduled) continue;
        try {
          Object.assign(modules, await m.scheduled(council, { store, notifications, secrets, photos, logger: logger.with({ module: m.id }) }, now));
        } catch (error) {
          logger.error('scheduled work failed', { module: m.id, error: (error as Error).name });
        }
      }
      // Retention that deletes: what has expired goes, with its photos and files (TTL is lazy and
      // never touches the buckets). Bounded per run; a failure here stops none of the work above.
      const swept: Record<string, number> = {};
      try {
        const { sweepExpired } = await import('./core/retention/sweep.ts');
        const files = needs.has('files') && env.FILE_BUCKET && env.AWS_REGION ? new S3FileStorage({ bucket: env.FILE_BUCKET, region: env.AWS_REGION }) : undefined;
        const r = await sweepExpired({ store, photos, files, logger: logger.with({ module: 'retention' }) }, now);
        Object.assign(swept, { sweptCases: r.cases, sweptDrafts: r.drafts, sweptOther: r.other, sweptPhotos: r.photos, sweptFiles: r.files, sweepFailed: r.failed ?? 0 });
      } catch (error) {
        logger.error('scheduled work failed', { module: 'retention', error: (error as Error).name });
      }
      logger.info('scheduled tasks', { ...result, counted, ...modules, ...swept });
      // The sweep's numbers are in the log line only: the answer stays what the schedule's callers read.
      return { ...result, counted, ...modules };
    }
    return http(event as Parameters<typeof http>[0], context);
  });
}

/**
 * The Lambda entry of the council's jobs function (`ldf-<id>-jobs`, 15 minutes): background
 * exports, each started by the council's function with an asynchronous invocation. The job's code
 * loads on the first event, so this adds nothing to the council function's own cold start.
 *
 * @example
 * export const jobHandler = createJobHandler(council);
 */
export function createJobHandler(council: CouncilConfig, env: NodeJS.ProcessEnv = process.env) {
  // The store client and bucket, made on the first job and reused while the function stays warm.
  let jobContext: { store: { client: ReturnType<typeof createStoreClient>; tableName: string }; storage: S3ExportDelivery; cipher?: FieldCipher } | undefined;
  return async (event: unknown): Promise<{ outcome: string }> => {
    if (env.COUNCIL_ID && env.COUNCIL_ID !== council.id) throw new Error(`This function's config layer serves ${council.id} but COUNCIL_ID is ${env.COUNCIL_ID}`);
    const logger = createLogger({ council: council.id });
    if (!isExportJobEvent(event)) {
      logger.error('jobs: unknown event');
      return { outcome: 'ignored' };
    }
    if (!env.EXPORT_BUCKET) throw new Error('The jobs function has no EXPORT_BUCKET');
    jobContext ??= {
      store: { client: createStoreClient(), tableName: env.TABLE_NAME ?? tableNameFor(council.id) },
      storage: new S3ExportDelivery({ bucket: env.EXPORT_BUCKET, region: env.AWS_REGION ?? 'eu-west-2' }),
      // A care officer's export opens special-category answers with the council's own key, as the council's function does.
      cipher: env.COUNCIL_KEY_ARN ? createFieldCipher({ keyring: 'kms', keyArn: env.COUNCIL_KEY_ARN }) : undefined,
    };
    const { runExportJob } = await import('./staff/export/job.ts');
    const outcome = await runExportJob(council, { ...jobContext, clock: () => new Date(), logger }, event.jobId);
    return { outcome };
  };
}
