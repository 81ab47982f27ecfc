import { Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';

/**
 * The services that use the council's key on a function's behalf: its table (DynamoDB), its
 * buckets (S3), its secrets (Secrets Manager) and its encrypted environment (Lambda).
 */
export type KeyService = 'dynamodb' | 's3' | 'secretsmanager' | 'lambda';

/** What a service does with the key for its caller: data keys for the table's, buckets' and secrets' encryption. */
const SERVICE_KEY_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

/** The encryption context pair every special-category message carries (functions/core/crypto/). */
export const SPECIAL_CATEGORY_CONTEXT_KEY = 'kms:EncryptionContext:council';

/**
 * Lets a council's role use its key through the named services only (`kms:ViaService`), never
 * directly. An unconditioned Decrypt would open any data key made under the key, whatever its
 * encryption context says; the direct use, for special-category answers, is granted apart and only
 * with the council's own context (grantSpecialCategoryKeyUse). So the table's and buckets' grants
 * are made without the key permissions CDK's grant methods would add (council-function.ts,
 * council-photos.ts, council-export-jobs.ts).
 *
 * @example
 * grantKeyViaServices(role, key, ['dynamodb', 's3', 'secretsmanager', 'lambda']);
 */
export function grantKeyViaServices(role: IRole, key: IKey, services: readonly KeyService[]): void {
  const { region } = Stack.of(role);
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: SERVICE_KEY_ACTIONS,
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': services.map((service) => `${service}.${region}.amazonaws.com`) } },
    }),
  );
}

/**
 * Lets a council's role seal and open special-category answers with the Encryption SDK's KMS keyring
 * (GenerateDataKey to seal, Decrypt to open), and only for messages whose encryption context names
 * its own council: a ciphertext sealed for another council's context cannot be opened with this
 * role even under the same key.
 *
 * @example
 * grantSpecialCategoryKeyUse(role, key, 'hackney');
 */
export function grantSpecialCategoryKeyUse(role: IRole, key: IKey, councilId: string): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [key.keyArn],
      conditions: { StringEquals: { [SPECIAL_CATEGORY_CONTEXT_KEY]: councilId } },
    }),
  );
}
