import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { COUNCIL_ID_PATTERN, type CouncilConfig } from '../config/council-schema.ts';
import { checkBankHolidays } from '../config/bank-holiday-check.ts';
import { deployProblems, type CouncilProblem } from '../config/cross-council-checks.ts';
import { CouncilConfigError, councilFiles, loadCouncilFile } from '../config/load-councils.ts';
import { councilSource, NATIONS, schemaImportFrom, writeCouncilFile, type Language, type Nation } from './council-file.ts';
import { councilFile, councilIds, councilInput, councilsDir, exists, requireCouncilFile, shown } from './councils-folder.ts';
import { help, parseCommandArgs } from './args.ts';
import { CliError, nowOf, UsageError, type Io } from './io.ts';
import { table } from './output.ts';
import { COUNCIL_CHECK_USAGE, COUNCIL_LIST_USAGE, COUNCIL_NEW_USAGE, COUNCIL_REMOVE_USAGE } from './usage.ts';

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../config/define-council.ts');

/** One line per problem: `<file>: <field.path>: <message>`. */
export function problemLines(io: Io, error: CouncilConfigError): string {
  const file = shown(io, path.resolve(process.cwd(), error.file));
  return error.problems.map((p) => (p.path ? `${file}: ${p.path}: ${p.message}` : `${file}: ${p.message}`)).join('\n') + '\n';
}

const SHAPE = `a lower-case slug of 2 to 41 letters, digits and hyphens, starting with a letter (like south-cambridgeshire)`;

export async function councilNew(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      name: { type: 'string' },
      'name-cy': { type: 'string' },
      nation: { type: 'string' },
      languages: { type: 'string' },
      gss: { type: 'string' },
      from: { type: 'string' },
    },
    COUNCIL_NEW_USAGE,
  );
  if (values.help) return help(io, COUNCIL_NEW_USAGE);
  const misuse = (message: string) => new UsageError(message, COUNCIL_NEW_USAGE);
  if (positionals.length === 0) throw misuse('Give the new council’s id');
  if (positionals.length > 1) throw misuse(`Unexpected argument "${positionals[1]}" (quote a name with spaces)`);
  const id = positionals[0];
  if (!COUNCIL_ID_PATTERN.test(id)) throw misuse(`"${id}" is not a valid council id: use ${SHAPE}`);
  const name = values.name?.trim();
  if (!name) throw misuse('Give the council’s name in English with --name "…"');
  if (!values.nation) throw misuse(`Give the council’s nation with --nation (${NATIONS.join(', ')})`);
  if (!(NATIONS as readonly string[]).includes(values.nation)) {
    throw misuse(`Unknown nation "${values.nation}": use one of ${NATIONS.join(', ')}`);
  }
  const nation = values.nation as Nation;
  const languages = parseLanguages(values.languages ?? 'en', misuse);
  const bilingual = languages.includes('cy');
  const nameCy = values['name-cy']?.trim();
  if (bilingual && !nameCy) throw misuse('A council that lists cy must give its name in Welsh too: add --name-cy "…"');
  if (!bilingual && nameCy) throw misuse('--name-cy is only for a council that lists cy: add --languages en,cy');

  const dir = councilsDir(io);
  const ids = await councilIds(dir);
  const file = councilFile(dir, id);
  if (ids.includes(id) || (await exists(file))) throw new CliError(`A council "${id}" already exists: ${shown(io, file)}`);

  let from: { id: string; input: Awaited<ReturnType<typeof councilInput>> } | undefined;
  if (values.from) {
    const sourceFile = await requireCouncilFile(io, values.from);
    const input = await councilInput(sourceFile);
    if (bilingual && !(input.languages ?? ['en']).includes('cy')) {
      throw new CliError(
        `Cannot copy ${values.from}: it is English-only, so its services have no Welsh text, which ${id} (en,cy) needs. ` +
          'Copy a bilingual council instead, or create it without --from.',
      );
    }
    from = { id: values.from, input };
  }

  const { text, todos } = councilSource(
    { id, name: bilingual ? { en: name, cy: nameCy } : { en: name }, nation, languages, gss: values.gss, today: isoDate(nowOf(io)), from },
    schemaImportFrom(dir, SCHEMA_FILE),
  );
  try {
    await writeCouncilFile(file, text);
  } catch (error) {
    if (!(error instanceof CouncilConfigError)) throw error;
    io.stderr.write(`ldf: the new council’s file would not be valid, so it was not written:\n${problemLines(io, error)}`);
    return 1;
  }
  const where = shown(io, file);
  io.stdout.write(
    [
      `Created ${where}${from ? ` (services, addresses, notifications and AWS settings copied from ${from.id})` : ''}.`,
      '',
      'Next steps:',
      `  1. Edit ${where} and replace each TODO:`,
      ...todos.map((t) => `       ${t.path}: ${t.note}`),
      `  2. Check it: ldf council check ${id} (it fails, naming each field, until every placeholder is replaced)`,
      `  3. Deploy it: npx cdk deploy Council-${id}`,
      '',
    ].join('\n'),
  );
  return 0;
}

function parseLanguages(list: string, misuse: (message: string) => UsageError): Language[] {
  const languages = list.split(',').map((l) => l.trim());
  for (const l of languages) if (l !== 'en' && l !== 'cy') throw misuse(`Unknown language "${l}": use en, or en,cy`);
  if (new Set(languages).size !== languages.length) throw misuse(`--languages lists a language twice: ${list}`);
  if (languages[0] !== 'en') throw misuse('English must come first in --languages: every council serves pages in English (en,cy)');
  return languages as Language[];
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export async function councilCheck(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {}, COUNCIL_CHECK_USAGE);
  if (values.help) return help(io, COUNCIL_CHECK_USAGE);
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}"`, COUNCIL_CHECK_USAGE);
  const dir = councilsDir(io);
  await councilIds(dir);
  const every = await councilFiles(dir);
  const files = positionals[0] ? [await requireCouncilFile(io, positionals[0])] : every;
  // Every file is loaded even to check one: what a council claims is checked against the others.
  const loaded = new Map<string, CouncilConfig>();
  const invalid = new Map<string, CouncilConfigError>();
  for (const file of every) {
    try {
      loaded.set(file, await loadCouncilFile(file));
    } catch (error) {
      if (!(error instanceof CouncilConfigError)) throw error;
      invalid.set(file, error);
    }
  }
  const councils = [...loaded.values()];
  const holidays = checkBankHolidays(councils, nowOf(io));
  const problems = [...deployProblems(councils), ...holidays.problems];
  const of = (list: CouncilProblem[], id: string) => list.filter((p) => p.council === id);
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  let failed = 0;
  for (const file of files) {
    const council = loaded.get(file);
    const error = invalid.get(file) ?? (council && of(problems, council.id).length > 0 ? new CouncilConfigError(relative(file), of(problems, council.id)) : undefined);
    const id = path.basename(file, '.ts');
    if (error) {
      failed++;
      io.stdout.write(`✗ ${id}\n`);
      io.stderr.write(problemLines(io, error));
    } else {
      io.stdout.write(`✓ ${id}\n`);
    }
    const notes = council ? of(holidays.notes, council.id) : [];
    if (notes.length > 0) io.stderr.write(problemLines(io, new CouncilConfigError(relative(file), notes)).replace(/^(?=.)/gm, 'note: '));
  }
  const total = `${files.length} council file${files.length === 1 ? '' : 's'}`;
  if (failed > 0) {
    io.stderr.write(`${failed} of ${total} ${failed === 1 ? 'has' : 'have'} problems: a council cannot be deployed until they are fixed.\n`);
    return 1;
  }
  io.stdout.write(files.length === 0 ? `No council files in ${shown(io, dir)}.\n` : `${total} checked: no problems.\n`);
  return 0;
}

export async function councilList(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {}, COUNCIL_LIST_USAGE);
  if (values.help) return help(io, COUNCIL_LIST_USAGE);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`, COUNCIL_LIST_USAGE);
  const dir = councilsDir(io);
  await councilIds(dir);
  const councils: CouncilConfig[] = [];
  const broken: string[] = [];
  for (const file of await councilFiles(dir)) {
    try {
      councils.push(await loadCouncilFile(file));
    } catch (error) {
      if (!(error instanceof CouncilConfigError)) throw error;
      broken.push(path.basename(file, '.ts'));
    }
  }
  if (councils.length === 0 && broken.length === 0) {
    io.stdout.write(`No councils in ${shown(io, dir)} yet: add one with ldf council new.\n`);
    return 0;
  }
  const rows = councils.map((c) => [
    c.id,
    c.name.en,
    c.nation,
    c.languages.join(','),
    servicesOf(c).join(',') || '(none)',
    c.aws.account ?? 'platform default',
    c.aws.region,
  ]);
  io.stdout.write(table(['ID', 'NAME', 'NATION', 'LANGUAGES', 'SERVICES', 'ACCOUNT', 'REGION'], rows));
  if (broken.length > 0) {
    io.stderr.write(`Not listed, their files have problems: ${broken.join(', ')} (see ldf council check)\n`);
    return 1;
  }
  return 0;
}

function servicesOf(council: CouncilConfig): string[] {
  return Object.entries(council.services)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

export async function councilRemove(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { yes: { type: 'boolean' } }, COUNCIL_REMOVE_USAGE);
  if (values.help) return help(io, COUNCIL_REMOVE_USAGE);
  if (positionals.length === 0) throw new UsageError('Give the id of the council to remove', COUNCIL_REMOVE_USAGE);
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}"`, COUNCIL_REMOVE_USAGE);
  const id = positionals[0];
  const file = await requireCouncilFile(io, id);
  // Its region and account, for the commands below; a broken file can still be removed.
  const council = await loadCouncilFile(file).catch(() => undefined);
  const region = council?.aws.region ?? 'eu-west-2';
  const account = council?.aws.account ?? '<account>';
  const where = shown(io, file);
  io.stdout.write(
    [
      `Removing ${id} takes more than deleting ${where}. In this order:`,
      '',
      '  1. Export its data, if it is to be kept or handed over (point-in-time recovery is on for its table):',
      `       aws dynamodb export-table-to-point-in-time --region ${region} \\`,
      `         --table-arn arn:aws:dynamodb:${region}:${account}:table/ldf-${id} --s3-bucket <bucket>`,
      `  2. Destroy its stack while its file still exists (the CDK app only knows stacks that have a file):`,
      `       npx cdk destroy Council-${id}`,
      `     These are retained, so no data is lost by accident; delete them by hand once they are no longer needed:`,
      `       the DynamoDB table ldf-${id} (deletion protection is on)`,
      `       the KMS key alias/ldf/${id} (scheduled deletion waits 30 days)`,
      `       the log groups /ldf/${id}/function and /ldf/${id}/access`,
      `  3. Remove ${where}, then redeploy the Platform stack so its catalogue drops ${id}: npx cdk deploy Platform`,
      '',
    ].join('\n'),
  );
  if (!values.yes) {
    io.stdout.write(`Nothing was removed. Run again with --yes to remove ${where}\n`);
    return 0;
  }
  await unlink(file);
  io.stdout.write(`Removed ${where}.\n`);
  return 0;
}
