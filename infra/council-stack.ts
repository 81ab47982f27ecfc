import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { CouncilConfig } from '../functions/config/council-schema.ts';
import { CouncilAlarms } from './constructs/council-alarms.ts';
import { CouncilData } from './constructs/council-data.ts';
import { CouncilEndpoint } from './constructs/council-endpoint.ts';
import { CouncilExportJobs } from './constructs/council-export-jobs.ts';
import { CouncilExports } from './constructs/council-exports.ts';
import { CouncilFiles } from './constructs/council-files.ts';
import { CouncilFunction } from './constructs/council-function.ts';
import { CouncilPhotos } from './constructs/council-photos.ts';
import { platformNeeds } from '../functions/modules/index.ts';
import { adoptedForms } from '../functions/modules/forms/definition/resolve.ts';
import { CouncilSecrets } from './constructs/council-secrets.ts';

export interface CouncilStackProps extends StackProps {
  readonly council: CouncilConfig;
  readonly bundleDir: string;
  readonly configLayerDir: string;
}

/** The platform's default home for a council: eu-west-2 (London). */
export const DEFAULT_REGION = 'eu-west-2';

export function councilStackName(councilId: string): string {
  return `Council-${councilId}`;
}

/** Everything one council runs on: its data, its function, its endpoint and its alarms. */
export class CouncilStack extends Stack {
  readonly councilId: string;
  readonly data: CouncilData;
  readonly function: CouncilFunction;
  readonly endpoint: CouncilEndpoint;
  readonly alarms: CouncilAlarms;
  readonly secrets: CouncilSecrets;
  /** Residents' photos, when one of the council's modules needs them. */
  readonly photos?: CouncilPhotos;
  /** Residents' files for forms' file questions, when one of the council's modules needs them. */
  readonly files?: CouncilFiles;
  /** The back office's CSV exports, when the council has one. */
  readonly exports?: CouncilExports;
  /** The jobs function that builds those exports in the background, past a request's 30 seconds. */
  readonly exportJobs?: CouncilExportJobs;

  constructor(scope: Construct, props: CouncilStackProps) {
    const { council } = props;
    super(scope, councilStackName(council.id), {
      ...props,
      // A sample council (a shipped demonstration) says so wherever its stack is listed.
      description: `Local Digital Factory${council.sample ? ' (sample)' : ''}: ${council.name.en} (${council.gss})`,
    });
    this.councilId = council.id;
    this.data = new CouncilData(this, 'Data', { councilId: council.id });
    this.secrets = new CouncilSecrets(this, 'Secrets', { councilId: council.id, key: this.data.key });
    this.function = new CouncilFunction(this, 'App', {
      council,
      bundleDir: props.bundleDir,
      configLayerDir: props.configLayerDir,
      table: this.data.table,
      key: this.data.key,
    });
    // Resources the council's modules need (ServiceModule.needs), sized by what those modules keep.
    const needs = platformNeeds(council);
    const photos = needs.get('photos');
    if (photos) {
      this.photos = new CouncilPhotos(this, 'Photos', {
        councilId: council.id,
        retentionDays: photos.retentionDays,
        logRetentionDays: council.aws.logRetentionDays,
        key: this.data.key,
        fn: this.function.fn,
      });
    }
    const files = needs.get('files');
    if (files) {
      this.files = new CouncilFiles(this, 'Files', {
        councilId: council.id,
        // A lifecycle rule per period the council's forms keep submissions for; the modules' longest catches any other.
        // Sent forms' files for their form's retention; a saved form's for its saved days and one more.
        retentionPeriods: [files.retentionDays, ...adoptedForms(council).flatMap((f) => [f.retentionDays, ...(f.saveAndReturn ? [f.saveAndReturn.days + 1] : [])])].filter((days) => days > 0),
        logRetentionDays: council.aws.logRetentionDays,
        key: this.data.key,
        fn: this.function.fn,
      });
    }
    // The gateway's buffered integration fails responses over 6 MB: staff exports go through a bucket.
    if (council.staff) {
      this.exports = new CouncilExports(this, 'Exports', { councilId: council.id, logRetentionDays: council.aws.logRetentionDays, key: this.data.key, fn: this.function.fn });
      // A request ends at the gateway's 30 seconds; an export of every case can take longer.
      this.exportJobs = new CouncilExportJobs(this, 'ExportJobs', {
        council,
        bundleDir: props.bundleDir,
        configLayerDir: props.configLayerDir,
        table: this.data.table,
        key: this.data.key,
        bucket: this.exports.bucket,
        starter: this.function.fn,
      });
    }
    this.endpoint = new CouncilEndpoint(this, 'Endpoint', { council, fn: this.function.fn, key: this.data.key });
    // Staff sign-in's redirect URI is built from this, never from a request's Host header. The HTTP
    // API itself does not depend on the function (only its integration does), so this makes no cycle.
    // The OIDC client secret is not made here: the council's IdP issues it, and the platform team
    // stores it as ldf/<id>/oidc-client-secret, which the function already may read (council-function.ts).
    // Emailed links (save and return) are built from it too, so every council has it.
    this.function.fn.addEnvironment('PUBLIC_BASE_URL', council.aws.domain ? `https://${council.aws.domain.name}` : this.endpoint.api.apiEndpoint);
    this.alarms = new CouncilAlarms(this, 'Alarms', {
      councilId: council.id,
      operationsEmail: council.aws.operationsEmail ?? council.contact.email,
      api: this.endpoint.api,
      fn: this.function.fn,
      functionLogs: this.function.logGroup,
      table: this.data.table,
      key: this.data.key,
    });
    // Cost attribution: every resource carries the council and its nation.
    Tags.of(this).add('council', council.id);
    Tags.of(this).add('nation', council.nation);
    if (council.sample) Tags.of(this).add('sample', 'true');
    new CfnOutput(this, 'Url', { value: this.endpoint.url, description: 'Where residents reach the council’s services' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
  }
}
