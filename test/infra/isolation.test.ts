import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { PLATFORM_ACCOUNT, realCouncils, synthApp, variant } from './support.ts';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
}

/** Actions on data or on the keys that protect it. */
const DATA_ACTION = /^(dynamodb|kms|s3|secretsmanager|ssm|sqs|sns):/;

let councils: CouncilConfig[];
let templates: { id: string; template: Record<string, unknown> }[];

beforeAll(async () => {
  const real = await realCouncils();
  // Ids that contain one another are the likeliest to leak through a careless wildcard.
  councils = [...real, variant(real[1], 'hackney-north', {}), variant(real[1], 'north', {})];
  const app = synthApp(councils);
  templates = app.councils.map((s) => ({ id: s.stackName.replace(/^Council-/, ''), template: Template.fromStack(s).toJSON() }));
});

/** Every statement of every identity policy (policies and roles' inline policies) in a template. */
function identityStatements(template: Record<string, unknown>): { resource: string; statement: Statement }[] {
  const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
  const out: { resource: string; statement: Statement }[] = [];
  for (const [logicalId, r] of Object.entries(resources)) {
    const documents: unknown[] = [];
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') documents.push(r.Properties.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role') for (const p of (r.Properties.Policies as { PolicyDocument: unknown }[] | undefined) ?? []) documents.push(p.PolicyDocument);
    for (const doc of documents) for (const statement of (doc as { Statement: Statement[] }).Statement) out.push({ resource: logicalId, statement });
  }
  return out;
}

const asList = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** CloudFormation's own parameters (AWS::Partition, AWS::AccountId…): the stack's own account and region, never another's. */
const isPseudo = (ref: string) => ref.startsWith('AWS::');

/** The logical ids a CloudFormation value points at, and its literal text. */
function references(value: unknown): { refs: string[]; text: string } {
  const refs: string[] = [];
  const text: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') text.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.Ref === 'string') refs.push(o.Ref);
      else if (Array.isArray(o['Fn::GetAtt'])) refs.push(o['Fn::GetAtt'][0] as string);
      else Object.values(o).forEach(walk);
    }
  };
  walk(value);
  return { refs, text: text.join(' ') };
}

describe('isolation between councils', () => {
  it('checks every council stack', () => {
    expect(templates.map((t) => t.id).sort()).toEqual(councils.map((c) => c.id).sort());
  });

  it('gives no council stack an identity policy with a * resource for a data action', () => {
    for (const { id, template } of templates) {
      for (const { resource, statement } of identityStatements(template)) {
        const dataActions = asList(statement.Action).filter((a) => DATA_ACTION.test(a) || a === '*');
        if (dataActions.length === 0) continue;
        for (const r of asList(statement.Resource)) expect(r, `${id} ${resource} ${dataActions.join(',')}`).not.toBe('*');
      }
    }
  });

  it('lets every identity policy reach only resources of its own stack', () => {
    for (const { id, template } of templates) {
      const own = new Set(Object.keys(template.Resources as object));
      for (const { resource, statement } of identityStatements(template)) {
        const { refs, text } = references(statement.Resource);
        for (const ref of refs.filter((r) => !isPseudo(r))) expect(own.has(ref), `${id} ${resource} points at ${ref}`).toBe(true);
        // Literal ARNs would be the way to name another council's resources: there must be none.
        expect(text, `${id} ${resource}`).not.toMatch(/arn:aws/);
      }
    }
  });

  it('names no other council anywhere in a council stack’s policies', () => {
    for (const { id, template } of templates) {
      const others = councils.map((c) => c.id).filter((other) => other !== id);
      const policies = JSON.stringify(identityStatements(template).map((s) => s.statement));
      for (const other of others) {
        // Match whole names: "ldf-north" must not be found inside "ldf-hackney-north".
        expect(policies, `${id} mentions ${other}`).not.toMatch(new RegExp(`(^|[^a-z0-9-])(ldf-)?${other}([^a-z0-9-]|$)`));
      }
    }
  });

  it('lets policies reach the council’s own table and indexes, key, log group and function only', () => {
    for (const { id, template } of templates) {
      const resources = template.Resources as Record<string, { Type: string }>;
      const statements = identityStatements(template).map((s) => s.statement);
      const reached = new Set(statements.flatMap((s) => references(s.Resource).refs).filter((r) => !isPseudo(r)));
      const types = [...reached].map((ref) => resources[ref].Type).sort();
      // The function is reached by the email-retry schedule's role, to invoke it; the photo bucket by the function, when the council takes reports;
      // the export bucket by the function, when the council has a back office.
      const takesReports = councils.find((c) => c.id === id)!.services.report !== undefined;
      const hasStaff = councils.find((c) => c.id === id)!.staff !== undefined;
      // And the file bucket by the function, when the council runs forms (their uploads).
      const runsForms = councils.find((c) => c.id === id)!.services.forms !== undefined;
      const buckets = (takesReports ? 1 : 0) + (hasStaff ? 1 : 0) + (runsForms ? 1 : 0);
      // With a back office, also the jobs function (invoked by the function) and its log group.
      const jobs = hasStaff ? 1 : 0;
      expect(types, id).toEqual([
        'AWS::DynamoDB::GlobalTable',
        'AWS::KMS::Key',
        ...Array<string>(1 + jobs).fill('AWS::Lambda::Function'),
        ...Array<string>(1 + jobs).fill('AWS::Logs::LogGroup'),
        ...Array<string>(buckets).fill('AWS::S3::Bucket'),
      ]);
      const s3 = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('s3:')));
      // Its own buckets only: photos, exports, files.
      expect(new Set(s3.flatMap((s) => references(s.Resource).refs)).size, id).toBe(buckets);
      const dynamo = statements.filter((s) => s.Effect === 'Allow' && asList(s.Action).some((a) => a.startsWith('dynamodb:')));
      // The function's table and indexes; the jobs function's read of both, its update of export jobs and its audit records.
      expect(dynamo.flatMap((s) => asList(s.Resource)).length, id).toBe(2 + 4 * jobs);
    }
  });

  it('lets the function invoke its own council’s jobs function only, and the jobs function write export jobs only', () => {
    for (const { id, template } of templates) {
      if (councils.find((c) => c.id === id)!.staff === undefined) continue;
      const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
      const statements = identityStatements(template).map((s) => s.statement as Statement & { Condition?: unknown });
      const jobsFn = Object.keys(resources).find((r) => resources[r].Type === 'AWS::Lambda::Function' && resources[r].Properties.FunctionName === `ldf-${id}-jobs`)!;
      const councilFn = Object.keys(resources).find((r) => resources[r].Type === 'AWS::Lambda::Function' && resources[r].Properties.FunctionName === `ldf-${id}`)!;
      const invokesJobs = identityStatements(template).filter(({ statement }) => references(statement.Resource).refs.includes(jobsFn));
      expect(invokesJobs.length, id).toBe(1);
      // Only the council function's role, only InvokeFunction, only the jobs function itself.
      const [{ resource: policy, statement: invoke }] = invokesJobs;
      expect((resources[policy].Properties.Roles as unknown[])[0], id).toEqual(resources[councilFn].Properties.Role && { Ref: (resources[councilFn].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0] });
      expect(invoke.Action, id).toBe('lambda:InvokeFunction');
      expect(invoke.Resource, id).toEqual({ 'Fn::GetAtt': [jobsFn, 'Arn'] });
      // No other council's jobs function is named anywhere (see "names no other council"); nothing invokes it but its own council.
      const writes = statements.filter((s) => s.Effect === 'Allow' && asList(s.Action).some((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)));
      // The function's table writes; the jobs function's update of export-job items, and its audit
      // records of the special-category answers a care officer's export opens (new items only).
      expect(writes.length, id).toBe(3);
      const jobWrites = writes.filter((s) => s.Condition !== undefined);
      expect(jobWrites.map((s) => [asList(s.Action), s.Condition]), id).toEqual([
        [['dynamodb:UpdateItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EXPORTJOB#*'] } }],
        [['dynamodb:PutItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#CASE#*'] } }],
      ]);
    }
  });

  it('denies the function any change or removal of an audit item, so the audit stays append-only', () => {
    for (const { id, template } of templates) {
      const resources = template.Resources as Record<string, { Type: string }>;
      const denies = identityStatements(template)
        .map((s) => s.statement as Statement & { Condition?: Record<string, Record<string, unknown>> })
        .filter((s) => s.Effect === 'Deny' && asList(s.Action).some((a) => a.startsWith('dynamodb:')));
      expect(denies.length, id).toBe(1);
      const [deny] = denies;
      expect(asList(deny.Action).sort(), id).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLUpdate', 'dynamodb:UpdateItem']);
      expect(deny.Condition, id).toEqual({ 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } });
      // On the council's own table (every item of it whose partition is an audit's).
      const reached = references(deny.Resource).refs;
      expect(reached.map((r) => resources[r].Type), id).toEqual(['AWS::DynamoDB::GlobalTable']);
    }
  });

  it('lets the function read its own council’s secrets only, by name, in its own account and region', () => {
    for (const { id, template } of templates) {
      const council = councils.find((c) => c.id === id)!;
      const account = council.aws.account ?? PLATFORM_ACCOUNT;
      const secrets = identityStatements(template).filter(({ statement }) => asList(statement.Action).some((a) => a.startsWith('secretsmanager:')));
      expect(secrets.length, id).toBe(1);
      const [{ statement }] = secrets;
      expect(statement.Action, id).toBe('secretsmanager:GetSecretValue');
      const resources = asList(statement.Resource);
      expect(resources.length, id).toBe(1);
      // The name ends in a slash before the wildcard: ldf/north/* cannot match ldf/hackney-north/….
      expect(resources[0], id).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:secretsmanager:${council.aws.region}:${account}:secret:ldf/${id}/*`]] });
    }
  });

  it('keeps every secret out of the function’s environment', () => {
    for (const { id, template } of templates) {
      const fns = Object.values(template.Resources as Record<string, { Type: string; Properties: { Environment?: unknown } }>).filter((r) => r.Type === 'AWS::Lambda::Function');
      for (const fn of fns) expect(JSON.stringify(fn.Properties.Environment ?? {}), id).not.toMatch(/secretsmanager|resolve:|API_KEY/i);
    }
  });

  it('scopes the key’s grant to CloudWatch Logs to the council’s own log groups', () => {
    for (const { id, template } of templates) {
      const keys = Object.values(template.Resources as Record<string, { Type: string; Properties: { KeyPolicy: { Statement: (Statement & { Condition?: unknown })[] } } }>).filter(
        (r) => r.Type === 'AWS::KMS::Key',
      );
      const logs = keys.flatMap((k) => k.Properties.KeyPolicy.Statement).filter((s) => JSON.stringify(s.Principal).includes('logs.'));
      expect(logs.length, id).toBe(1);
      expect(JSON.stringify(logs[0].Condition), id).toContain(`log-group:/ldf/${id}/*`);
    }
  });
});
