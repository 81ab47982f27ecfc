import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCouncilFile } from '../../functions/config/load-councils.ts';
import { ldf, REPO_ROOT, tempCouncilsDir } from './support.ts';

const run = promisify(execFile);
const NOW = new Date('2026-11-27T09:00:00Z');

let councils: Awaited<ReturnType<typeof tempCouncilsDir>>;
let env: Record<string, string>;
const fileOf = (id: string) => path.join(councils.dir, `${id}.ts`);
const shownFile = (id: string) => path.relative(REPO_ROOT, fileOf(id));

beforeAll(async () => {
  councils = await tempCouncilsDir(['hackney', 'ceredigion']);
  env = { LDF_COUNCILS_DIR: councils.dir };
});
afterAll(() => councils.remove());

/** A new council's file with every placeholder replaced, as an onboarding engineer would. */
function filledIn(text: string): string {
  return text
    .replace("gss: 'E00000000'", "gss: 'E09000025'")
    .replace("phone: '01632 960000'", "phone: '020 8430 2000'")
    .replace("outOfHoursPhone: '01632 960001'", "outOfHoursPhone: '020 8430 2001'")
    .replace("email: 'contact@example.gov.uk'", "email: 'customer.services@newham.gov.uk'")
    .replace("website: 'https://www.example.gov.uk'", "website: 'https://www.newham.gov.uk'")
    .replace(/address: \[[^\]]*\]/, "address: ['Newham Dockside', '1000 Dockside Road', 'London', 'E16 2QU']")
    .replace("icoRegistration: 'Z0000000'", "icoRegistration: 'Z5711347'")
    .replace("dataProtectionEmail: 'dpo@example.gov.uk'", "dataProtectionEmail: 'data.protection@newham.gov.uk'")
    .replace("notifications: { provider: 'outbox' }", `notifications: { provider: 'govuk-notify', templates: ${NOTIFY_IDS} }`);
}

/** Notify ids for the emails a council with no services yet still sends: Your requests and your data's. */
const NOTIFY_IDS = `{ ${['data-rights-code', 'data-rights-request-received', 'data-rights-erased', 'data-rights-refused'].map((name, i) => `'${name}': { en: '7c9e6f1a-3b2d-4e5f-8a6b-1c2d3e4f5a6${i}' }`).join(', ')} }`;

describe('onboarding a council with ldf council new', () => {
  // The copies clash with their sources (same gazetteer), which later tests do not expect.
  afterAll(() => Promise.all(['powys', 'tower-hamlets'].map((id) => rm(fileOf(id), { force: true }))));

  it('writes a plain council file that passes the schema, with a TODO on every placeholder', async () => {
    const result = await ldf(['council', 'new', 'newham', '--name', 'London Borough of Newham', '--nation', 'england'], env, NOW);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const council = await loadCouncilFile(fileOf('newham'));
    expect(council).toMatchObject({
      id: 'newham',
      name: { en: 'London Borough of Newham' },
      gss: 'E00000000',
      nation: 'england',
      languages: ['en'],
      brand: { colour: '#1d70b8' },
      privacy: { controller: 'London Borough of Newham', icoRegistration: 'Z0000000' },
      accessibility: { lastReviewed: '2026-11-27' },
      services: {},
    });
    expect(council.addresses).toBeUndefined();

    const text = await readFile(fileOf('newham'), 'utf8');
    expect(text).toMatch(/^import \{ defineCouncil \} from '\.\.\/functions\/config\/define-council\.ts';\n/);
    expect(text).toContain('export default defineCouncil({');
    expect(text).toContain("  name: { en: 'London Borough of Newham' },");
    for (const field of ['gss', 'phone', 'outOfHoursPhone', 'email', 'website', 'address', 'icoRegistration', 'dataProtectionEmail']) {
      expect(text).toMatch(new RegExp(`// TODO: .*\\n\\s+${field}: `));
    }
    expect(result.stdout).toContain(`Created ${shownFile('newham')}`);
    expect(result.stdout).toContain('contact.phone: ');
    expect(result.stdout).toContain('ldf council check newham');
    expect(result.stdout).toContain('npx cdk deploy Council-newham');
  });

  it('copies services, addresses, notifications and AWS settings but not identity with --from', async () => {
    const result = await ldf(['council', 'new', 'tower-hamlets', '--name', 'London Borough of Tower Hamlets', '--nation', 'england', '--from', 'hackney', '--gss', 'E09000030'], env, NOW);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [copy, source] = await Promise.all([loadCouncilFile(fileOf('tower-hamlets')), loadCouncilFile(fileOf('hackney'))]);
    expect(copy.services).toEqual(source.services);
    expect(copy.addresses).toEqual(source.addresses);
    expect(copy.notifications).toEqual(source.notifications);
    expect(copy.aws).toEqual(source.aws);
    expect(copy).toMatchObject({ id: 'tower-hamlets', gss: 'E09000030', name: { en: 'London Borough of Tower Hamlets' } });
    // hackney is a shipped sample; a council made from it is not
    expect(source.sample).toBe(true);
    expect(copy.sample).toBe(false);
    expect(copy.contact.email).not.toBe(source.contact.email);
    const text = await readFile(fileOf('tower-hamlets'), 'utf8');
    expect(text).toContain('// TODO: copied from hackney: replace with this council’s own gazetteer');
    expect(text).not.toMatch(/TODO: the council’s ONS GSS code/);
  });

  it('writes a bilingual council with its Welsh name, copying a bilingual council', async () => {
    const result = await ldf(
      ['council', 'new', 'powys', '--name', 'Powys County Council', '--name-cy', 'Cyngor Sir Powys', '--nation', 'wales', '--languages', 'en,cy', '--from', 'ceredigion'],
      env,
      NOW,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const council = await loadCouncilFile(fileOf('powys'));
    expect(council).toMatchObject({ name: { en: 'Powys County Council', cy: 'Cyngor Sir Powys' }, gss: 'W00000000', languages: ['en', 'cy'] });
    expect(council.notifications.provider).toBe('govuk-notify');
    expect(council.services.bins?.containers[0].name.cy).toBe('Bagiau du');
  });

  it('fails ldf council check while placeholders are left, naming each field and why', async () => {
    const result = await ldf(['council', 'check', 'powys'], env, NOW);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('✗ powys\n');
    const file = shownFile('powys');
    for (const line of [
      `${file}: gss: W00000000 is a placeholder: use the council’s ONS GSS code`,
      `${file}: contact.phone: 01632 960000 is a placeholder phone number`,
      `${file}: contact.outOfHoursPhone: 01632 960001 is a placeholder phone number`,
      `${file}: contact.email: example.gov.uk is an example domain, not the council’s: use its own email address`,
      `${file}: contact.website: www.example.gov.uk is an example domain`,
      `${file}: contact.address.0: still says “TODO”`,
      `${file}: privacy.icoRegistration: Z0000000 is a placeholder`,
      `${file}: privacy.dataProtectionEmail: example.gov.uk is an example domain`,
      `${file}: addresses.postcodeDistricts: every postcode district here is also claimed by ceredigion: still ceredigion’s`,
      `${file}: addresses.properties: every property here is also in ceredigion’s gazetteer`,
    ]) {
      expect(result.stderr).toContain(line);
    }
    expect(result.stderr).toContain('1 of 1 council file has problems: a council cannot be deployed until they are fixed.');
  });

  it('fails ldf council check for all, naming the councils a copy clashes with', async () => {
    const all = await ldf(['council', 'check'], env, NOW);

    expect(all.code).toBe(1);
    for (const id of ['ceredigion', 'hackney', 'newham', 'powys', 'tower-hamlets']) expect(all.stdout).toContain(`✗ ${id}\n`);
    expect(all.stderr).toContain(`${shownFile('ceredigion')}: addresses.postcodeDistricts: every postcode district here is also claimed by powys`);
    expect(all.stderr).toContain(`${shownFile('hackney')}: addresses.properties: every property here is also in tower-hamlets’s gazetteer`);
    expect(all.stderr).toContain('5 of 5 council files have problems');
  });

  it('passes ldf council check once a new council’s placeholders are replaced', async () => {
    await writeFile(fileOf('newham'), filledIn(await readFile(fileOf('newham'), 'utf8')));

    const one = await ldf(['council', 'check', 'newham'], env, NOW);

    expect(one).toMatchObject({ code: 0, stdout: '✓ newham\n1 council file checked: no problems.\n', stderr: '' });
  });

  it('shows the new councils in ldf council list', async () => {
    const { code, stdout } = await ldf(['council', 'list'], env);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(['ID', 'NAME', 'NATION', 'LANGUAGES', 'SERVICES', 'ACCOUNT', 'REGION']);
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `))?.split(/\s{2,}/);
    expect(row('newham')).toEqual(['newham', 'London Borough of Newham', 'england', 'en', '(none)', 'platform default', 'eu-west-2']);
    expect(row('powys')).toEqual(['powys', 'Powys County Council', 'wales', 'en,cy', 'bins,report,forms', 'platform default', 'eu-west-2']);
    expect(row('tower-hamlets')?.[4]).toBe('bins,report,forms');
  });

  it('refuses to synthesise while a council has placeholders, naming the council and fields', { timeout: 180_000 }, async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'ldf-refused-'));
    const outdir = path.join(parent, 'cdk.out');
    const refused = await run('npx', ['tsx', 'infra/app.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, LDF_COUNCILS_DIR: councils.dir, CDK_VALIDATION: 'false', CDK_OUTDIR: outdir },
      timeout: 170_000,
    }).catch((e) => e);
    await rm(parent, { recursive: true, force: true });

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Cannot synthesise: council files are not ready to deploy (see ldf council check).');
    expect(refused.stderr).toContain('powys: gss: W00000000 is a placeholder');
    expect(refused.stderr).toContain('tower-hamlets: addresses.properties: every property here is also in hackney’s gazetteer');
    expect(refused.stderr).not.toContain('newham:');
  });

  it('synthesises a Council-<id> stack for a new council once it is filled in', { timeout: 180_000 }, async () => {
    const outdir = await mkdtemp(path.join(os.tmpdir(), 'ldf-cdk-out-'));
    const ready = await tempCouncilsDir(['hackney']);
    try {
      await writeFile(path.join(ready.dir, 'newham.ts'), await readFile(fileOf('newham'), 'utf8'));
      await run('npx', ['tsx', 'infra/app.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, LDF_COUNCILS_DIR: ready.dir, CDK_VALIDATION: 'false', CDK_OUTDIR: outdir },
        timeout: 170_000,
      });
      const templates = await readdir(outdir);
      for (const id of ['newham', 'hackney']) expect(templates).toContain(`Council-${id}.template.json`);
      const template = JSON.parse(await readFile(path.join(outdir, 'Council-newham.template.json'), 'utf8'));
      expect(JSON.stringify(template)).toContain('ldf-newham');
    } finally {
      await Promise.all([rm(outdir, { recursive: true, force: true }), ready.remove()]);
    }
  });

  it('explains removal and keeps the file without --yes, and deletes it with --yes', async () => {
    const explained = await ldf(['council', 'remove', 'newham'], env);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('npx cdk destroy Council-newham');
    expect(explained.stdout).toContain('ldf-newham');
    expect(explained.stdout).toContain('alias/ldf/newham');
    expect(explained.stdout).toContain('aws dynamodb export-table-to-point-in-time');
    expect(explained.stdout).toContain(`Run again with --yes to remove ${shownFile('newham')}`);
    expect(existsSync(fileOf('newham'))).toBe(true);

    const removed = await ldf(['council', 'remove', 'newham', '--yes'], env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Removed ${shownFile('newham')}.`);
    expect(existsSync(fileOf('newham'))).toBe(false);
  });
});

describe('ldf council check and the bank-holiday data', () => {
  it('fails when the bin pages look past the last bank holiday the platform knows', async () => {
    const result = await ldf(['council', 'check', 'hackney'], env, new Date('2028-01-10T09:00:00Z'));

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('✗ hackney\n');
    expect(result.stderr).toContain(
      `${shownFile('hackney')}: services.bins: the bank-holiday data (functions/core/calendar/bank-holidays.ts) must cover this council’s bin pages and calendar feed to 2029-01-07, but it ends on 2028-12-31: add 2029`,
    );
  });

  it('passes with a note while the pages reach only the year computed from the rules', async () => {
    const result = await ldf(['council', 'check', 'ceredigion'], env, new Date('2027-03-01T09:00:00Z'));

    expect(result).toMatchObject({ code: 0, stdout: '✓ ceredigion\n1 council file checked: no problems.\n' });
    expect(result.stderr).toBe(
      `note: ${shownFile('ceredigion')}: services.bins: bank holidays for 2028, which this council’s bin pages and calendar feed reach, are computed from the statutory rules and not yet confirmed by GOV.UK’s published list (functions/core/calendar/bank-holidays.ts)\n`,
    );
  });
});

describe('misusing ldf council', () => {
  const NEW = ['council', 'new'];

  async function expectNothingWritten(): Promise<void> {
    expect((await readdir(councils.dir)).filter((f) => f.startsWith('bad-') || f.startsWith('x-'))).toEqual([]);
  }

  it('refuses an id that is not a lower-case slug, with usage and exit code 2', async () => {
    for (const id of ['Bad_Id', '1council', 'x', 'a'.repeat(42)]) {
      const result = await ldf([...NEW, id, '--name', 'X', '--nation', 'england'], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`"${id}" is not a valid council id`);
      expect(result.stderr).toContain('Usage: ldf council new <id>');
    }
  });

  it('refuses an id that already has a file', async () => {
    const result = await ldf([...NEW, 'hackney', '--name', 'Hackney again', '--nation', 'england'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`A council "hackney" already exists: ${shownFile('hackney')}`);
    expect(await readFile(fileOf('hackney'), 'utf8')).toBe(await readFile(path.join(REPO_ROOT, 'councils/hackney.ts'), 'utf8'));
  });

  it('refuses an unknown nation and names the nations', async () => {
    const result = await ldf([...NEW, 'x-mars', '--name', 'X', '--nation', 'mars'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown nation "mars": use one of england, wales, scotland, northern-ireland');
  });

  it('refuses a bilingual council without --name-cy', async () => {
    const result = await ldf([...NEW, 'x-wales', '--name', 'X', '--nation', 'wales', '--languages', 'en,cy'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--name-cy');
    await expectNothingWritten();
  });

  it('refuses languages that do not put English first', async () => {
    const result = await ldf([...NEW, 'x-cy', '--name', 'X', '--name-cy', 'Y', '--nation', 'wales', '--languages', 'cy,en'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('English must come first');
  });

  it('names the available councils when --from names none', async () => {
    const result = await ldf([...NEW, 'x-from', '--name', 'X', '--nation', 'england', '--from', 'nowhere'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/There is no council "nowhere".*The councils are: ceredigion, hackney/);
    await expectNothingWritten();
  });

  it('refuses to copy an English-only council into a bilingual one', async () => {
    const result = await ldf([...NEW, 'x-bilingual', '--name', 'X', '--name-cy', 'Y', '--nation', 'wales', '--languages', 'en,cy', '--from', 'hackney'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot copy hackney: it is English-only');
    await expectNothingWritten();
  });

  it('leaves nothing half-written when the new file would not validate', async () => {
    const result = await ldf([...NEW, 'bad-gss', '--name', 'X', '--nation', 'england', '--gss', 'Q123'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${shownFile('bad-gss')}: gss: A GSS code is a letter E, N, S or W and 8 digits`);
    await expectNothingWritten();
  });

  it('shows usage and exits 2 for an unknown command, an unknown flag or a missing argument', async () => {
    for (const argv of [[], ['frob'], ['council'], ['council', 'frob'], [...NEW], [...NEW, 'x-flag', '--name', 'X', '--nation', 'england', '--bogus'], [...NEW, 'x-name', '--nation', 'england'], ['council', 'new', 'x-value', '--name'], ['council', 'remove'], ['council', 'list', 'extra']]) {
      const result = await ldf(argv, env);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toContain('Usage: ldf');
    }
    await expectNothingWritten();
  });

  it('prints help for ldf --help and ldf council --help', async () => {
    const top = await ldf(['--help'], env);
    expect(top).toMatchObject({ code: 0, stderr: '' });
    expect(top.stdout).toContain('ldf api-key create --council <id>');
    const council = await ldf(['council', '--help'], env);
    expect(council.code).toBe(0);
    expect(council.stdout).toContain('Usage: ldf council <command>');
    const newHelp = await ldf(['council', 'new', '--help'], env);
    expect(newHelp.stdout).toContain('--name-cy <text>');
  });

  it('names the available councils when check or remove names none', async () => {
    for (const argv of [['council', 'check', 'nowhere'], ['council', 'remove', 'nowhere', '--yes']]) {
      const result = await ldf(argv, env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('There is no council "nowhere"');
      expect(result.stderr).toContain('The councils are: ceredigion, hackney');
    }
  });

  it('prints each problem of a broken file with its file and field path, and exits 1', async () => {
    const hackney = await readFile(fileOf('hackney'), 'utf8');
    const broken = hackney.replace("id: 'hackney'", "id: 'broken'").replace("email: 'info@hackney.gov.uk'", "email: 'not an email'").replace("gss: 'E09000012'", "gss: 'X1'");
    await writeFile(fileOf('broken'), broken);
    try {
      const one = await ldf(['council', 'check', 'broken'], env, NOW);
      expect(one.code).toBe(1);
      const file = shownFile('broken');
      expect(one.stderr).toContain(`${file}: gss: A GSS code is a letter E, N, S or W and 8 digits\n`);
      expect(one.stderr).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}: contact\\.email: \\S`));
      const all = await ldf(['council', 'check'], env, NOW);
      expect(all.code).toBe(1);
      expect(all.stdout).toContain('✓ hackney');
      expect(all.stdout).toContain('✗ broken');
      expect(all.stderr).toContain(`${file}: gss: `);
      expect(all.stderr).toMatch(/1 of \d+ council files has problems/);
      const list = await ldf(['council', 'list'], env);
      expect(list.code).toBe(1);
      expect(list.stdout).toContain('hackney');
      expect(list.stderr).toContain('broken');
    } finally {
      await rm(fileOf('broken'));
    }
  });
});
