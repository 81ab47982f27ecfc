import { Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Function } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { NOTIFICATION_GAVE_UP_EVENT } from '../../functions/core/notifications/delivery.ts';
import { FORM_OUTPUT_GAVE_UP_EVENT } from '../../functions/modules/forms/outputs/send.ts';

export interface CouncilAlarmsProps {
  readonly councilId: string;
  readonly operationsEmail: string;
  readonly api: HttpApi;
  readonly fn: Function;
  /** The function's log group, where a notification that gives up writes its line. */
  readonly functionLogs: ILogGroup;
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
  private readonly alarmNames: string[] = [];

  constructor(scope: Construct, id: string, props: CouncilAlarmsProps) {
    super(scope, id);
    const { councilId } = props;
    this.topic = new Topic(this, 'Topic', {
      topicName: `ldf-${councilId}-alarms`,
      displayName: `Local Digital Factory alarms: ${councilId}`,
      masterKey: props.key,
      enforceSSL: true,
    });
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

    // A resident's email that could not be sent after a day of tries: someone has to tell them.
    const gaveUp = new MetricFilter(this, 'NotificationsGaveUpFilter', {
      logGroup: props.functionLogs,
      filterPattern: FilterPattern.stringValue('$.event', '=', NOTIFICATION_GAVE_UP_EVENT),
      metricNamespace: `LDF/${councilId}`,
      metricName: 'NotificationsGaveUp',
      metricValue: '1',
    });
    this.add(
      'NotificationsGaveUp',
      `ldf-${councilId}-notifications-gave-up`,
      gaveUp.metric({ period: PERIOD, statistic: 'Sum' }),
      1,
      1,
      'An email to a resident was not sent after its last attempt: the function log names the case reference',
    );

    // A form submission's webhook or council mailbox email that gave up after a day of tries: the case
    // is kept and staff can try again from it, but the council's system has not got it.
    const outputsGaveUp = new MetricFilter(this, 'FormOutputsGaveUpFilter', {
      logGroup: props.functionLogs,
      filterPattern: FilterPattern.stringValue('$.event', '=', FORM_OUTPUT_GAVE_UP_EVENT),
      metricNamespace: `LDF/${councilId}`,
      metricName: 'FormOutputsGaveUp',
      metricValue: '1',
    });
    this.add(
      'FormOutputsGaveUp',
      `ldf-${councilId}-form-outputs-gave-up`,
      outputsGaveUp.metric({ period: PERIOD, statistic: 'Sum' }),
      1,
      1,
      'A form submission was not delivered to the council’s webhook or mailbox after its last attempt: the function log names the case reference; retry it from the case page',
    );

    // CloudWatch publishes to the encrypted topic, so it needs the key: a data key to encrypt with,
    // nothing more, and only for these alarms in this account (no confused deputy). The alarms are
    // named, not referenced: the key cannot depend on alarms that depend on its topic. Lazy, so an
    // alarm added later through `add` is covered too.
    const { region, account } = Stack.of(this);
    props.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnEquals: { 'aws:SourceArn': Lazy.list({ produce: () => this.alarmNames.map((name) => `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`) }) },
        },
      }),
    );
  }

  /**
   * Adds an alarm that emails the council's operations contact when it fires and when it clears.
   *
   * @example
   * stack.alarms.add('PhotoErrors', `ldf-${id}-photo-errors`, metric, 1, 1, 'Photos could not be stored');
   */
  add(id: string, alarmName: string, metric: IMetric, threshold: number, periods: number, description: string): void {
    this.alarmNames.push(alarmName);
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
