/**
 * Checks a cloud assembly against CloudFormation's per-stack limits and for physical names that two
 * stacks in the same account and region would both claim.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** CloudFormation quotas (per stack) and the template size limits. */
export const CFN_LIMITS = {
  /** The platform's own goal: CloudFormation allows 500, but a council stack should stay well clear. */
  resourcesPerCouncilStack: 100,
  outputs: 200,
  parameters: 200,
  mappings: 200,
  /** A template uploaded to S3 first, as `cdk deploy` does. */
  templateBytesViaS3: 1_000_000,
  /** A template passed in the CreateStack call itself. */
  templateBytesDirect: 51_200,
} as const;

/** The resource properties that set a physical name, for the types the platform names itself. */
export const PHYSICAL_NAME_PROPERTIES: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::CloudWatch::CompositeAlarm': 'AlarmName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Events::Rule': 'Name',
  'AWS::ApiGatewayV2::Api': 'Name',
};

/**
 * Account-wide default quotas (per account and region, adjustable) that many councils in one account
 * approach. Not CloudFormation template limits: reported for information.
 */
export const ACCOUNT_QUOTAS = {
  stacks: 2000,
  /** EventBridge rules per event bus; every council adds one scheduled rule to the default bus. */
  eventRulesPerBus: 300,
  /** API Gateway custom domain names. */
  customDomains: 120,
  /** Lambda concurrent executions; at least 100 must stay unreserved. */
  lambdaConcurrency: 1000,
} as const;

export interface EnvironmentFigures {
  stacks: number;
  eventRules: number;
  customDomains: number;
  reservedConcurrency: number;
}

export interface StackFigures {
  stack: string;
  environment: string;
  resources: number;
  outputs: number;
  parameters: number;
  mappings: number;
  templateBytes: number;
}

export interface NameClash {
  environment: string;
  type: string;
  name: string;
  /** Stack/logical id of each claimant. */
  claimedBy: string[];
}

export interface AssemblyReport {
  dir: string;
  councilStacks: number;
  otherStacks: string[];
  resources: { max: number; min: number; maxStack: string; minStack: string };
  resourceTypes: Record<string, number>;
  templateBytes: { max: number; min: number; maxStack: string; total: number; overDirectUpload: number };
  outputs: { max: number };
  parameters: { max: number };
  mappings: { max: number };
  environments: Record<string, number>;
  /** Every stack (the Platform stack too) counted towards account-wide quotas, per environment. */
  perEnvironment: Record<string, EnvironmentFigures>;
  names: { checked: number; unresolved: number; clashes: NameClash[]; byType: Record<string, number> };
  assemblyBytes: number;
  assemblyFiles: number;
  /** Councils whose stacks are over a limit, by limit. */
  overLimits: { resources: string[]; templateBytes: string[]; outputs: string[]; parameters: string[]; mappings: string[] };
  stacks: StackFigures[];
}

interface Manifest {
  artifacts?: Record<string, { type: string; environment?: string; properties?: { templateFile?: string } }>;
}

interface Template {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
}

async function dirSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes, files };
}

/**
 * Reads every stack in the assembly at `dir`. Council stacks are those named `Council-*`; the others
 * (the Platform stack) count only towards name clashes, since they share the platform's account.
 * An environment-agnostic stack (`aws://unknown-account/...`) is deployed to the platform's account.
 */
export async function analyseAssembly(dir: string, isCouncilStack = (name: string) => name.startsWith('Council-')): Promise<AssemblyReport> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks: StackFigures[] = [];
  const otherStacks: string[] = [];
  const resourceTypes: Record<string, number> = {};
  const environments: Record<string, number> = {};
  const perEnvironment: Record<string, EnvironmentFigures> = {};
  // environment -> type -> name -> claimants
  const claims = new Map<string, Map<string, string[]>>();
  let checked = 0;
  let unresolved = 0;
  const byType: Record<string, number> = {};

  for (const [name, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const environment = artifact.environment ?? 'aws://unknown-account/unknown-region';
    const file = path.join(dir, artifact.properties.templateFile);
    const text = await readFile(file, 'utf8');
    const template = JSON.parse(text) as Template;
    const resources = Object.entries(template.Resources ?? {});
    const env = (perEnvironment[environment] ??= { stacks: 0, eventRules: 0, customDomains: 0, reservedConcurrency: 0 });
    env.stacks++;
    for (const [, resource] of resources) {
      if (resource.Type === 'AWS::Events::Rule') env.eventRules++;
      if (resource.Type === 'AWS::ApiGatewayV2::DomainName' || resource.Type === 'AWS::ApiGateway::DomainName') env.customDomains++;
      const reserved = resource.Type === 'AWS::Lambda::Function' ? resource.Properties?.ReservedConcurrentExecutions : undefined;
      if (typeof reserved === 'number') env.reservedConcurrency += reserved;
    }

    for (const [logicalId, resource] of resources) {
      const property = PHYSICAL_NAME_PROPERTIES[resource.Type];
      if (!property) continue;
      const value = resource.Properties?.[property];
      if (value === undefined) continue;
      if (typeof value !== 'string') {
        unresolved++;
        continue;
      }
      checked++;
      byType[resource.Type] = (byType[resource.Type] ?? 0) + 1;
      // Names are case-sensitive for most of these, but a clash that differs only in case is still a mistake.
      const key = `${resource.Type}\u0000${value}`;
      let inEnv = claims.get(environment);
      if (!inEnv) claims.set(environment, (inEnv = new Map()));
      const by = inEnv.get(key) ?? [];
      by.push(`${name}/${logicalId}`);
      inEnv.set(key, by);
    }

    if (!isCouncilStack(name)) {
      otherStacks.push(name);
      continue;
    }
    environments[environment] = (environments[environment] ?? 0) + 1;
    for (const [, resource] of resources) resourceTypes[resource.Type] = (resourceTypes[resource.Type] ?? 0) + 1;
    stacks.push({
      stack: name,
      environment,
      resources: resources.length,
      outputs: Object.keys(template.Outputs ?? {}).length,
      parameters: Object.keys(template.Parameters ?? {}).length,
      mappings: Object.keys(template.Mappings ?? {}).length,
      templateBytes: Buffer.byteLength(text),
    });
  }
  if (stacks.length === 0) throw new Error(`No council stacks in the assembly at ${dir}`);

  const clashes: NameClash[] = [];
  for (const [environment, inEnv] of claims) {
    for (const [key, claimedBy] of inEnv) {
      if (claimedBy.length < 2) continue;
      const [type, name] = key.split('\u0000');
      clashes.push({ environment, type, name, claimedBy });
    }
  }

  const by = <K extends keyof StackFigures>(k: K) => [...stacks].sort((a, b) => (a[k] as number) - (b[k] as number));
  const byResources = by('resources');
  const byBytes = by('templateBytes');
  const max = (k: 'outputs' | 'parameters' | 'mappings') => Math.max(...stacks.map((s) => s[k]));
  const over = (k: 'resources' | 'templateBytes' | 'outputs' | 'parameters' | 'mappings', limit: number, inclusive: boolean) =>
    stacks.filter((s) => (inclusive ? s[k] >= limit : s[k] > limit)).map((s) => s.stack);
  const size = await dirSize(dir);

  return {
    dir,
    councilStacks: stacks.length,
    otherStacks,
    resources: {
      max: byResources.at(-1)!.resources,
      min: byResources[0].resources,
      maxStack: byResources.at(-1)!.stack,
      minStack: byResources[0].stack,
    },
    resourceTypes: Object.fromEntries(Object.entries(resourceTypes).map(([t, n]) => [t, Math.round((n / stacks.length) * 100) / 100])),
    templateBytes: {
      max: byBytes.at(-1)!.templateBytes,
      min: byBytes[0].templateBytes,
      maxStack: byBytes.at(-1)!.stack,
      total: stacks.reduce((s, x) => s + x.templateBytes, 0),
      overDirectUpload: stacks.filter((s) => s.templateBytes > CFN_LIMITS.templateBytesDirect).length,
    },
    outputs: { max: max('outputs') },
    parameters: { max: max('parameters') },
    mappings: { max: max('mappings') },
    environments,
    perEnvironment,
    names: { checked, unresolved, clashes, byType },
    assemblyBytes: size.bytes,
    assemblyFiles: size.files,
    overLimits: {
      // The counts' goals are "fewer than" (a stack at the limit is over it); a template may be exactly the size limit.
      resources: over('resources', CFN_LIMITS.resourcesPerCouncilStack, true),
      templateBytes: over('templateBytes', CFN_LIMITS.templateBytesViaS3, false),
      outputs: over('outputs', CFN_LIMITS.outputs, true),
      parameters: over('parameters', CFN_LIMITS.parameters, true),
      mappings: over('mappings', CFN_LIMITS.mappings, true),
    },
    stacks,
  };
}
