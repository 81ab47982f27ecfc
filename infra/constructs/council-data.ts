import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AttributeType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, tableNameFor } from '../../functions/core/store/store.ts';

export interface CouncilDataProps {
  readonly councilId: string;
}

/**
 * A council's data: its own table, encrypted with its own customer-managed key. Both are kept when
 * the stack is deleted, so offboarding never destroys a council's records by accident.
 */
export class CouncilData extends Construct {
  readonly key: Key;
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: CouncilDataProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: `alias/ldf/${props.councilId}`,
      description: `Local Digital Factory: ${props.councilId}'s data, logs and alarms`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // CloudWatch Logs encrypts the council's log groups with this key, and only those.
    const { region, account } = Stack.of(this);
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        // The encryption context names the log group; the source conditions keep another account's
        // CloudWatch Logs from using the key on this service's behalf (the confused deputy).
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${account}:log-group:/ldf/${props.councilId}/*`,
            'aws:SourceArn': `arn:aws:logs:${region}:${account}:log-group:/ldf/${props.councilId}/*`,
          },
          StringEquals: { 'aws:SourceAccount': account },
        },
      }),
    );
    this.table = new TableV2(this, 'Table', {
      tableName: tableNameFor(props.councilId),
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: [
        ...TABLE_INDEXES.map((index) => ({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          sortKey: { name: index.sortKey, type: AttributeType.STRING },
        })),
      ],
      // On-demand is TableV2's default billing.
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
