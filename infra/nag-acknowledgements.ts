import { Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { councilSecretsArn } from './constructs/council-function.ts';
import type { CouncilStack } from './council-stack.ts';
import type { PlatformStack } from './platform-stack.ts';

/** The public web pages are for anyone: there is no one to authorise at the gateway. */
function acknowledgePublicApi(api: HttpApi, what: string): void {
  Validations.of(api).acknowledge({
    id: 'AwsSolutions::AwsSolutions-APIG4',
    reason: `${what} are public pages for residents, who do not sign in; forms carry CSRF tokens, postcode look-ups are rate-limited in the app and the stage is throttled. Integrator endpoints check API keys in the app.`,
  });
}

/**
 * cdk-nag findings the council stacks accept, each with its reason. Every other finding fails the
 * tests (test/infra/nag.test.ts).
 */
export function acknowledgeCouncilFindings(stack: CouncilStack): void {
  acknowledgePublicApi(stack.endpoint.api, "A council's services");
  const role = stack.function.fn.role!;
  const tableArn = stack.resolve(stack.data.table.tableArn) as { 'Fn::GetAtt': [string, string] };
  Validations.of(role).acknowledge(
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${tableArn['Fn::GetAtt'][0]}.Arn>/index/*]`,
      reason: "The wildcard covers only the indexes of the council's own table (grantReadWriteData's actions); its sparse indexes (queued emails and small lists, cases by last change, cases by creation) are queried by the function and hold only this council's items.",
    },
  );
  Validations.of(role).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagText(stack.resolve(councilSecretsArn(stack, stack.councilId)))}]`,
    reason: "GetSecretValue only, on the council's own secrets (ldf/<id>/, slash-terminated so no other council's name matches): the wildcard stands for the random suffix Secrets Manager adds to each name, and lets the function read the Notify API key the platform team stores there.",
  });
  Validations.of(stack.secrets.referenceKey).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SMG4',
    reason: 'The reference key is an HMAC key, not a credential: the references of stored cases are derived from it, so rotating it would make repeat reports stop finding their earlier case.',
  });
  Validations.of(stack.secrets.contactKey).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SMG4',
    reason: "The contact key is an HMAC key, not a credential: every stored case's search index entry (by email or phone) is derived from it, so rotating it would hide those cases from the back office's search.",
  });
  Validations.of(stack.secrets.webhookSigningKey).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SMG4',
    reason: "The webhook signing key is shared with the council's receiving systems, which verify each form webhook with it: an automatic rotation would make them refuse every delivery until they had the new key, so it is rotated by hand with the council (README: Forms: webhook payload).",
  });
  if (stack.photos) acknowledgePhotoFindings(stack);
  if (stack.files) acknowledgeFileFindings(stack);
  if (stack.exports) {
    const exportsArn = stack.resolve(stack.exports.bucket.bucketArn) as { 'Fn::GetAtt': [string, string] };
    Validations.of(stack.function.fn.role!).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${exportsArn['Fn::GetAtt'][0]}.Arn>/exports/*]`,
      reason: "Put, get and abort only, on the exports/ objects of the council's own export bucket: each export gets a random key there, written as it streams and read through a presigned link; no list, no delete, no other bucket.",
    });
  }
  if (stack.exportJobs && stack.exports) acknowledgeExportJobFindings(stack);
  Validations.of(stack.function.retryRole).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM5[Resource::${functionArnToken(stack)}:*]`,
    reason: "The email-retry schedule may invoke the council's own function and its versions (the scheduler target's grant); nothing else.",
  });
}

/**
 * The jobs function's role (CouncilExportJobs): the council's own table, key and export bucket. The
 * key's actions are listed one by one (council-key-use.ts), so they need no acknowledgement.
 */
function acknowledgeExportJobFindings(stack: CouncilStack): void {
  const tableArn = stack.resolve(stack.data.table.tableArn) as { 'Fn::GetAtt': [string, string] };
  const exportsArn = stack.resolve(stack.exports!.bucket.bucketArn) as { 'Fn::GetAtt': [string, string] };
  Validations.of(stack.exportJobs!.fn.role!).acknowledge(
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${tableArn['Fn::GetAtt'][0]}.Arn>/index/*]`,
      reason: "Read only (grantReadData's actions), on the indexes of the council's own table: a background export queries the queue's indexes (cases by last change, by creation), which hold only this council's items.",
    },
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${exportsArn['Fn::GetAtt'][0]}.Arn>/exports/*]`,
      reason: "Put, get and abort only, on the exports/ objects of the council's own export bucket: a background export is written there under a random key as it is built; no list, no delete, no other bucket.",
    },
  );
}

/**
 * The function's grant on the council's photo bucket (grantReadWrite's actions): CDK's grants
 * use action wildcards, and objects are named by the bucket's ARN and /*.
 */
function acknowledgePhotoFindings(stack: CouncilStack): void {
  const bucketArn = stack.resolve(stack.photos!.bucket.bucketArn) as { 'Fn::GetAtt': [string, string] };
  const scope = "on the council's own photo bucket and its objects only";
  Validations.of(stack.function.fn.role!).acknowledge(
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketArn['Fn::GetAtt'][0]}.Arn>/*]`,
      reason: "The objects of the council's own photo bucket: the function reads and deletes residents' uploads (uploads/) and writes and reads the stripped photos (photos/); no other bucket.",
    },
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:GetObject*]',
      reason: `Granted ${scope} (grantReadWrite's actions): the function reads uploads to check them and signs the short-lived links that show photos.`,
    },
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:GetBucket*]',
      reason: `Granted ${scope} (grantReadWrite's actions): bucket attributes the SDK may read, such as its location, for signing upload forms and links.`,
    },
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:List*]',
      reason: `Granted ${scope} (grantReadWrite's actions): with ListBucket a missing upload reads as not found rather than access denied.`,
    },
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      reason: `Granted ${scope} (grantReadWrite's actions): an upload is deleted once checked, whether it was kept as a photo or refused.`,
    },
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:Abort*]',
      reason: `Granted ${scope} (grantReadWrite's actions): aborting multipart uploads; the lifecycle also removes incomplete ones after a day.`,
    },
  );
}

/**
 * The function's grant on the council's file bucket (CouncilFiles): objects are named by the
 * bucket's ARN and a prefix with /*; the actions are listed one by one.
 */
function acknowledgeFileFindings(stack: CouncilStack): void {
  const bucket = `<${(stack.resolve(stack.files!.bucket.bucketArn) as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]}.Arn>`;
  Validations.of(stack.function.fn.role!).acknowledge(
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${bucket}/uploads/*]`,
      reason: "Put, get and delete on the uploads/ objects of the council's own file bucket: residents' upload forms are signed with put (each for one random key under its draft), and the function reads each upload to check it, then deletes it.",
    },
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${bucket}/pending/*]`,
      reason: "Put, get and delete on the pending/ objects of the council's own file bucket: checked files wait there, under random ids, until their form is sent; then they are copied to files/ and deleted.",
    },
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${bucket}/files/*]`,
      reason: "Put, tag, get and delete on the files/ objects of the council's own file bucket: kept files of sent forms, tagged with their retention for the lifecycle rules, read for staff downloads and deleted on erasure; no other bucket.",
    },
  );
}

/** A resolved CloudFormation value as cdk-nag writes it in a finding id: references as <Name> or <Id.Attr>. */
function nagText(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'].join('.')}>`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(nagText).join(v['Fn::Join'][0]);
  throw new Error(`Cannot name ${JSON.stringify(value)} in a cdk-nag finding`);
}

/** The function's ARN as cdk-nag writes it in a finding id. */
function functionArnToken(stack: CouncilStack): string {
  const arn = stack.resolve(stack.function.fn.functionArn) as { 'Fn::GetAtt': [string, string] };
  return `<${arn['Fn::GetAtt'][0]}.Arn>`;
}

export function acknowledgePlatformFindings(stack: PlatformStack): void {
  acknowledgePublicApi(stack.api, 'The landing page and catalogue');
}
