import { describe, expect, it } from 'vitest';
import { staffSignInSchema } from '../../functions/staff/config-schema.ts';
import { rolesForToken } from '../../functions/staff/auth/roles.ts';
import { sampleStaff } from '../../functions/local/oidc-dev-provider.ts';
import { council } from '../support/harness.ts';

const TID = '3f8a6b2e-9c41-4d7a-8e5f-1b2c3d4e5f60';
const entra = (issuer: string) => ({
  provider: 'oidc',
  issuer,
  clientId: 'ldf-hackney',
  tenant: { claim: 'tid', value: TID },
  roleClaim: 'roles',
  roles: { 'LDF.Officer': ['officer'] },
});
const google = (roles: Record<string, string[]>) => ({
  provider: 'oidc',
  issuer: 'https://accounts.google.com',
  clientId: 'ldf-highland',
  tenant: { claim: 'hd', value: 'highland.gov.uk' },
  roleClaim: 'email',
  roles,
});

describe('the staff sign-in settings in a council file', () => {
  it.each([
    'https://login.microsoftonline.com/common/v2.0',
    'https://login.microsoftonline.com/organizations/v2.0',
    'https://login.microsoftonline.com/consumers/v2.0',
    'https://login.microsoftonline.com/Common/v2.0',
    'https://login.microsoftonline.com/{tenantid}/v2.0',
  ])('refuses the multi-tenant Entra ID issuer %s and asks for the tenant-specific one', (issuer) => {
    const result = staffSignInSchema.safeParse(entra(issuer));

    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('tenant-specific issuer');
  });

  it('accepts the tenant-specific Entra ID issuer', () => {
    expect(staffSignInSchema.safeParse(entra(`https://login.microsoftonline.com/${TID}/v2.0`)).success).toBe(true);
  });

  it('accepts Google Workspace roles by staff email address', () => {
    expect(staffSignInSchema.safeParse(google({ 'olu.officer@highland.gov.uk': ['officer'] })).success).toBe(true);
  });

  it('refuses a key that is not an email address when roles are mapped by email', () => {
    const result = staffSignInSchema.safeParse(google({ 'ldf-officers': ['officer'] }));

    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('email addresses');
  });
});

describe('roles from a Google-shaped ID token', () => {
  const signIn = { roleClaim: 'email' as const, roles: { 'Olu.Officer@highland.gov.uk': ['officer' as const], 'sam.supervisor@highland.gov.uk': ['supervisor' as const] } };

  it('maps a verified email address, compared lower-cased', () => {
    expect(rolesForToken({ email: 'OLU.officer@Highland.gov.uk', email_verified: true, hd: 'highland.gov.uk' }, signIn)).toEqual(['officer']);
  });

  it.each([
    ['false', { email_verified: false }],
    ['missing', {}],
    ['the string "true"', { email_verified: 'true' }],
  ])('gives no role when email_verified is %s', (_name, verified) => {
    expect(rolesForToken({ email: 'olu.officer@highland.gov.uk', hd: 'highland.gov.uk', ...verified }, signIn)).toEqual([]);
  });

  it('ignores a groups claim when the file maps roles by email', () => {
    expect(rolesForToken({ email: 'nobody@highland.gov.uk', email_verified: true, groups: ['sam.supervisor@highland.gov.uk'] }, signIn)).toEqual([]);
  });
});

describe('the embedded provider’s Google-shaped sample staff', () => {
  it('issues Highland’s samples email, email_verified and hd, and no groups or roles claim', async () => {
    const officer = sampleStaff(await council('highland')).find((s) => s.kind === 'officer')!;

    expect(officer.claims).toEqual({ email: 'olu.officer@highland.gov.uk', email_verified: true, hd: 'highland.gov.uk', name: 'Olu Officer' });
  });
});
