import { RemovalPolicy } from 'aws-cdk-lib';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { secretId } from '../../functions/core/secrets/port.ts';

export interface CouncilSecretsProps {
  readonly councilId: string;
  readonly key: Key;
}

/**
 * The council's generated secrets, made by its stack: the reference key (the HMAC key behind
 * references that dedupe), the contact key (behind the search by email or phone) and the webhook signing key (behind each form webhook's signature). The Notify API key is not here: the platform team stores the one GOV.UK
 * Notify issues, under the same `ldf/<id>/` prefix, which the function may read (council-function.ts).
 */
export class CouncilSecrets extends Construct {
  readonly referenceKey: Secret;
  /** The HMAC key of the back office's search by email or phone (functions/core/cases/contact-keys.ts). */
  readonly contactKey: Secret;
  /** The HMAC key that signs each form webhook's body (functions/modules/forms/outputs/webhook.ts); the council's receiving system is given a copy. */
  readonly webhookSigningKey: Secret;

  constructor(scope: Construct, id: string, props: CouncilSecretsProps) {
    super(scope, id);
    this.referenceKey = new Secret(this, 'ReferenceKey', {
      secretName: secretId(props.councilId, 'reference-key'),
      description: `Local Digital Factory: ${props.councilId}'s key for case references that dedupe`,
      // 64 letters and digits: about 380 bits, and no character that needs escaping anywhere.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      encryptionKey: props.key,
      // References already given to residents are derived from it: losing it would break their dedupe.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.contactKey = new Secret(this, 'ContactKey', {
      secretName: secretId(props.councilId, 'contact-key'),
      description: `Local Digital Factory: ${props.councilId}'s key for finding cases by a resident's email or phone`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      encryptionKey: props.key,
      // The search index of every stored case is keyed by it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.webhookSigningKey = new Secret(this, 'WebhookSigningKey', {
      secretName: secretId(props.councilId, 'webhook-signing-key'),
      description: `Local Digital Factory: ${props.councilId}'s key for signing form webhooks`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      encryptionKey: props.key,
      // The council's receiving systems verify with it: a new one would need handing to each of them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
