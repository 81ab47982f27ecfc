import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Function } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface CouncilAlarmsProps {
  readonly councilId: string;
  readonly operationsEmail: string;
  readonly api: HttpApi;
  readonly fn: Function;
  readonly table: TableV2;
  readonly key: Key;
}

const PERIOD = Duration.minutes(5);
/** The operations the platform uses; an alarm's math may hold at most 10 metrics. */
const STORE_OPERATIONS = [Operation.GET_ITEM, Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.DELETE_ITEM, Operation.QUERY];

/** Alarms on what residents would notice, sent to the council's operations contact. */
export class CouncilAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: CouncilAlarmsProps) {
    super(scope, id);
    const { councilId } = props;
    this.topic = new Topic(this, 'Topic', {
      topicName: `ldf-${councilId}-alarms`,
      displayName: `Local Digital Factory alarms: ${councilId}`,
      masterKey: props.key,
      enforceSSL: true,
    });
    // CloudWatch publishes to the encrypted topic, so it needs the key.
    props.key.grantEncryptDecrypt(new ServicePrincipal('cloudwatch.amazonaws.com'));
    this.topic.addSubscription(new EmailSubscription(props.operationsEmail));

    const serverErrorRate = new MathExpression({
      // Percent of requests answered 5xx; quiet periods (under 20 requests) do not alarm on one error.
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }),
        requests: props.api.metricCount({ period: PERIOD, statistic: 'Sum' }),
      },
      period: PERIOD,
      label: '5xx responses (%)',
    });
    this.add('ServerErrors', `ldf-${councilId}-5xx-rate`, serverErrorRate, 5, 2, 'More than 5% of requests failed with a server error');
    this.add('Throttles', `ldf-${councilId}-function-throttles`, props.fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }), 1, 1, 'The function was throttled: requests were refused');
    this.add('FunctionErrors', `ldf-${councilId}-function-errors`, props.fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), 5, 1, 'The function failed (uncaught errors or timeouts)');
    this.add(
      'StoreErrors',
      `ldf-${councilId}-dynamodb-errors`,
      props.table.metricSystemErrorsForOperations({ operations: STORE_OPERATIONS, period: PERIOD, statistic: 'Sum' }),
      1,
      1,
      'DynamoDB returned system errors',
    );
    this.add(
      'StoreThrottles',
      `ldf-${councilId}-dynamodb-throttles`,
      props.table.metricThrottledRequestsForOperations({ operations: STORE_OPERATIONS, period: PERIOD, statistic: 'Sum' }),
      1,
      1,
      'DynamoDB throttled requests',
    );
  }

  private add(id: string, alarmName: string, metric: IMetric, threshold: number, periods: number, description: string): void {
    const alarm = new Alarm(this, id, {
      alarmName,
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: periods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
