import { RemovalPolicy } from 'aws-cdk-lib';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { DomainName, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Function } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';

export interface CouncilEndpointProps {
  readonly council: CouncilConfig;
  readonly fn: Function;
  readonly key: Key;
}

/**
 * The council's public HTTPS entry point: an HTTP API with access logs and the council's own
 * throttle, and its custom domain when the council file names one.
 */
export class CouncilEndpoint extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** The address residents use: the custom domain, or the API's own. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: CouncilEndpointProps) {
    super(scope, id);
    const { council } = props;
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/ldf/${council.id}/access`,
      retention: council.aws.logRetentionDays as RetentionDays,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new HttpApi(this, 'Api', {
      apiName: `ldf-${council.id}`,
      description: `Local Digital Factory: ${council.name.en}`,
      defaultIntegration: new HttpLambdaIntegration('Function', props.fn),
      createDefaultStage: false,
      // With a custom domain, residents use only that name.
      disableExecuteApiEndpoint: council.aws.domain !== undefined,
    });
    const domain = council.aws.domain ? this.customDomain(council.aws.domain) : undefined;
    this.stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: council.aws.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // What a resident looked up must not be stored: no query strings (postcodes) and no raw path
        // (/bins/property/<uprn>, /bins/report/<reference>). The route would be the safe stand-in, but
        // every request reaches the app through the one $default route, so it says nothing; the app's
        // error lines name the route pattern (/bins/property/:uprn) instead. Without the path, the
        // source IP shows only that an address used the service, which abuse investigation needs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
      domainMapping: domain ? { domainName: domain } : undefined,
    });
    this.url = council.aws.domain ? `https://${council.aws.domain.name}/` : this.api.apiEndpoint;
  }

  private customDomain(config: NonNullable<CouncilConfig['aws']['domain']>): DomainName {
    const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: config.hostedZoneId, zoneName: config.zoneName });
    const certificate = new Certificate(this, 'Certificate', {
      domainName: config.name,
      validation: CertificateValidation.fromDns(zone),
    });
    const domain = new DomainName(this, 'Domain', { domainName: config.name, certificate });
    new ARecord(this, 'Record', {
      zone,
      recordName: config.name,
      target: RecordTarget.fromAlias(new ApiGatewayv2DomainProperties(domain.regionalDomainName, domain.regionalHostedZoneId)),
    });
    return domain;
  }
}
