/**
 * Special-category answers are sealed with the Encryption SDK under the council's key, with the
 * council in the encryption context. The council's functions may use the key directly only for
 * their own council's context; every other use goes through a service (DynamoDB, S3, Secrets
 * Manager, Lambda's environment), so none of them can be used to open a data key directly.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { realCouncils, synthApp, variant } from './support.ts';

interface Statement {
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

const asList = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** The key operations that reveal or make a data key: what opening or sealing an answer needs. */
const DATA_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/** Whether an IAM action pattern (with * and ?) covers an action. */
function covers(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}

let councils: CouncilConfig[];
let stacks: { id: string; resources: Resources }[];

beforeAll(async () => {
  const real = await realCouncils();
  // An id that contains another's is where a careless pattern would let one council reach another.
  councils = [...real, variant(real[1], 'north', {})];
  const app = synthApp(councils);
  stacks = app.councils.map((s) => ({ id: s.stackName.replace(/^Council-/, ''), resources: Template.fromStack(s).toJSON().Resources as Resources }));
});

/** The logical id of the council's key. */
function keyId(resources: Resources): string {
  const keys = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::KMS::Key');
  expect(keys).toHaveLength(1);
  return keys[0][0];
}

/** The functions of a council's stack (its own and, with a back office, its jobs function) with their roles' statements. */
function functionRoles(resources: Resources): { name: string; role: string; environment: Record<string, unknown>; statements: Statement[] }[] {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function' && typeof r.Properties.FunctionName === 'string' && (r.Properties.FunctionName as string).startsWith('ldf-'))
    .map((fn) => {
      const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements: Statement[] = [];
      for (const r of Object.values(resources)) {
        if ((r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') && JSON.stringify(r.Properties.Roles ?? []).includes(`"${role}"`)) {
          statements.push(...(r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
        }
      }
      for (const p of (resources[role].Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? []) statements.push(...p.PolicyDocument.Statement);
      expect(resources[role].Properties.ManagedPolicyArns ?? []).toEqual([]);
      return { name: fn.Properties.FunctionName as string, role, environment: (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables, statements };
    });
}

/** Whether a statement's resources could include the key (its ARN, or any wildcard). */
function mayReachKey(statement: Statement, key: string): boolean {
  if (statement.NotResource !== undefined) return true;
  return asList(statement.Resource as unknown[] | unknown).some((r) => r === '*' || JSON.stringify(r).includes(`"${key}"`) || (typeof r === 'string' && r.includes('*') && r.includes('kms')));
}

function grantsDataKeys(statement: Statement): boolean {
  if (statement.NotAction !== undefined) return true;
  return asList(statement.Action).some((pattern) => DATA_KEY_ACTIONS.some((action) => covers(pattern, action)));
}

describe('the council key’s use by the council’s functions', () => {
  it('lets each council function generate and decrypt data keys directly only with its own council in the encryption context', () => {
    for (const { id, resources } of stacks) {
      const key = keyId(resources);
      const roles = functionRoles(resources);
      expect(roles.map((r) => r.name)).toContain(`ldf-${id}`);
      for (const { statements } of roles) {
        const direct = statements.filter((s) => s.Effect === 'Allow' && s.Condition?.StringEquals?.['kms:EncryptionContext:council'] !== undefined);
        expect(direct).toEqual([
          {
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: { 'Fn::GetAtt': [key, 'Arn'] },
            Condition: { StringEquals: { 'kms:EncryptionContext:council': id } },
          },
        ]);
      }
    }
  });

  it('has no statement that allows Decrypt or GenerateDataKey on the key without its council’s context or a service in between', () => {
    for (const { id, resources } of stacks) {
      const key = keyId(resources);
      for (const { name, statements } of functionRoles(resources)) {
        const unguarded = statements.filter((s) => {
          if (s.Effect !== 'Allow' || !grantsDataKeys(s) || !mayReachKey(s, key)) return false;
          const conditions = s.Condition ?? {};
          const ownContext = conditions.StringEquals?.['kms:EncryptionContext:council'] === id;
          const viaService = asList(conditions.StringEquals?.['kms:ViaService'] as string | string[] | undefined);
          const throughServices = viaService.length > 0 && viaService.every((v) => /^(dynamodb|s3|secretsmanager|lambda)\.[a-z0-9-]+\.amazonaws\.com$/.test(v));
          return !ownContext && !throughServices;
        });
        expect({ name, unguarded }).toEqual({ name, unguarded: [] });
      }
    }
  });

  it('lets the services use the key only in the council’s own region', () => {
    for (const { id, resources } of stacks) {
      const region = councils.find((c) => c.id === id)!.aws.region ?? 'eu-west-2';
      for (const { statements } of functionRoles(resources)) {
        const via = statements.flatMap((s) => asList(s.Condition?.StringEquals?.['kms:ViaService'] as string | string[] | undefined));
        expect(via.length).toBeGreaterThan(0);
        for (const service of via) expect(service).toMatch(new RegExp(`^(dynamodb|s3|secretsmanager|lambda)\\.${region}\\.amazonaws\\.com$`));
      }
    }
  });

  it('tells each function its council key’s ARN, for the Encryption SDK’s KMS keyring', () => {
    for (const { resources } of stacks) {
      const key = keyId(resources);
      for (const { environment } of functionRoles(resources)) expect(environment.COUNCIL_KEY_ARN).toEqual({ 'Fn::GetAtt': [key, 'Arn'] });
    }
  });

  it('leaves the decision to those role policies: the key’s own policy names no role, only the account and services', () => {
    for (const { resources } of stacks) {
      const policy = resources[keyId(resources)].Properties.KeyPolicy as { Statement: Statement[] };
      for (const statement of policy.Statement) {
        const principal = statement.Principal as { AWS?: unknown; Service?: unknown };
        if (principal.AWS !== undefined) expect(JSON.stringify(principal.AWS)).toMatch(/:root"/);
        else expect(principal.Service).toBeDefined();
      }
    }
  });
});
