/**
 * `ldf form list|adopt|check`: the shared catalogue's forms, which councils adopt them, adopting one
 * (an edit to the council's file, checked before it is kept), and validating forms and adoptions.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { CATALOGUE_FORMS } from '../../catalogue/forms.ts';
import type { CouncilConfig } from '../config/council-schema.ts';
import { NEW_COUNCIL_PLACEHOLDERS } from '../config/placeholders.ts';
import { CouncilConfigError, councilFiles, loadCouncilFile } from '../config/load-councils.ts';
import { catalogueFileProblems } from '../modules/forms/config.ts';
import type { FormAdoption } from '../modules/forms/definition/types.ts';
import { help, parseCommandArgs } from './args.ts';
import { problemLines } from './council-commands.ts';
import { councilIds, councilsDir, requireCouncilFile, shown } from './councils-folder.ts';
import { CliError, UsageError, type Io } from './io.ts';
import { table } from './output.ts';
import { propertyKey } from './ts-literal.ts';
import { FORM_ADOPT_USAGE, FORM_CHECK_USAGE, FORM_LIST_USAGE } from './usage.ts';

const adoptedBy = (council: CouncilConfig): string[] =>
  Object.keys((council.services as { forms?: { adopted?: Record<string, FormAdoption> } }).forms?.adopted ?? {});

/** Every council file that loads, and the ids of those that do not. */
async function councilsOf(io: Io): Promise<{ councils: CouncilConfig[]; broken: { file: string; error: CouncilConfigError }[] }> {
  const dir = councilsDir(io);
  await councilIds(dir);
  const councils: CouncilConfig[] = [];
  const broken: { file: string; error: CouncilConfigError }[] = [];
  for (const file of await councilFiles(dir)) {
    try {
      councils.push(await loadCouncilFile(file));
    } catch (error) {
      if (!(error instanceof CouncilConfigError)) throw error;
      broken.push({ file, error });
    }
  }
  return { councils, broken };
}

export async function formList(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {}, FORM_LIST_USAGE);
  if (values.help) return help(io, FORM_LIST_USAGE);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`, FORM_LIST_USAGE);
  const { councils, broken } = await councilsOf(io);
  if (CATALOGUE_FORMS.length === 0) io.stdout.write('The catalogue has no forms yet: add one in catalogue/forms/ and list it in catalogue/forms.ts.\n');
  else {
    const rows = CATALOGUE_FORMS.map((f) => [
      f.id,
      f.title.en,
      f.credit.name,
      councils.filter((c) => adoptedBy(c).includes(f.id)).map((c) => c.id).join(',') || '(none)',
    ]);
    io.stdout.write(table(['ID', 'TITLE', 'CREDIT', 'ADOPTED BY'], rows));
  }
  if (broken.length > 0) {
    io.stderr.write(`Not counted, their files have problems: ${broken.map((b) => path.basename(b.file, '.ts')).join(', ')} (see ldf council check)\n`);
    return 1;
  }
  return 0;
}

export async function formAdopt(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { council: { type: 'string' } }, FORM_ADOPT_USAGE);
  if (values.help) return help(io, FORM_ADOPT_USAGE);
  if (positionals.length === 0) throw new UsageError('Give the id of the form to adopt', FORM_ADOPT_USAGE);
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}"`, FORM_ADOPT_USAGE);
  if (!values.council) throw new UsageError('Give the council with --council <id>', FORM_ADOPT_USAGE);
  const formId = positionals[0];
  const form = CATALOGUE_FORMS.find((f) => f.id === formId);
  if (!form) {
    const ids = CATALOGUE_FORMS.map((f) => f.id);
    throw new CliError(`There is no form "${formId}" in the catalogue. ${ids.length ? `The forms are: ${ids.join(', ')}` : 'The catalogue has no forms yet'}.`);
  }
  const file = await requireCouncilFile(io, values.council);
  const where = shown(io, file);
  const council = await loadCouncilFile(file);
  if (adoptedBy(council).includes(formId)) throw new CliError(`${where} already adopts ${formId}.`);

  const before = await readFile(file, 'utf8');
  const owed = councilValues(form);
  const after = withAdoption(before, formId, where, owed.body);
  await writeFile(file, after);
  try {
    await loadCouncilFile(file);
  } catch (error) {
    // A file that does not validate is not left behind: put the council's own file back.
    await writeFile(file, before);
    if (error instanceof CouncilConfigError) {
      throw new CliError(`${where} was not changed: adopting ${formId} would give it these problems:\n${problemLines(io, error).trimEnd()}`);
    }
    throw error;
  }
  io.stdout.write(
    `${where} now adopts ${formId} (${form.title.en}) under services.forms.adopted.\n` +
      `Residents will find it at /${council.id}/forms/${formId}. Its texts, contact, values, hidden questions, webhook and mailbox can be set there: see catalogue/forms/${formId}.ts.\n` +
      owed.names.map((name) => `Put the council's own ${name} in services.forms.adopted.${formId}.values.${name}: it holds a placeholder number, which ldf council check reports until it is replaced.\n`).join(''),
  );
  return 0;
}

/**
 * The values a form leaves to each council, as the adoption `ldf form adopt` writes: a phone number
 * gets Ofcom's drama number (`ldf council new`'s placeholder: it passes the schema, and the readiness
 * check reports it until the council's own is given). Others have no stand-in: the check asks for them.
 */
function councilValues(form: (typeof CATALOGUE_FORMS)[number]): { body: string; names: string[] } {
  const names = Object.entries(form.values ?? {}).flatMap(([name, v]) => (v.value === undefined && v.format === 'uk-phone' ? [name] : []));
  if (names.length === 0) return { body: '{}', names };
  return { body: `{ values: { ${names.map((name) => `${propertyKey(name)}: '${NEW_COUNCIL_PLACEHOLDERS.phone}'`).join(', ')} } }`, names };
}

/**
 * The council file's text with `'<form>': {}` (or `body`) added under services.forms.adopted, creating
 * `forms` and `adopted` where missing. An edit of the text, not a rewrite, so the file's layout
 * and comments stay as they are.
 */
export function withAdoption(text: string, formId: string, where: string, body = '{}'): string {
  const source = ts.createSourceFile(where, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const council = councilObject(source);
  if (!council) throw new CliError(`${where} does not read export default defineCouncil({ ... }): add the form by hand`);
  const entry = `${propertyKey(formId)}: ${body}`;
  const services = property(council, 'services');
  if (!services) return insert(text, source, council, `services: { forms: { adopted: { ${entry} } } }`);
  if (!ts.isObjectLiteralExpression(services)) throw new CliError(`${where}: services is not written as an object: add the form by hand`);
  const forms = property(services, 'forms');
  if (!forms) return insert(text, source, services, `forms: { adopted: { ${entry} } }`);
  if (!ts.isObjectLiteralExpression(forms)) throw new CliError(`${where}: services.forms is not written as an object: add the form by hand`);
  const adopted = property(forms, 'adopted');
  if (!adopted) return insert(text, source, forms, `adopted: { ${entry} }`);
  if (!ts.isObjectLiteralExpression(adopted)) throw new CliError(`${where}: services.forms.adopted is not written as an object: add the form by hand`);
  return insert(text, source, adopted, entry);
}

function councilObject(source: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const statement of source.statements) {
    if (!ts.isExportAssignment(statement)) continue;
    let e: ts.Expression = statement.expression;
    while (ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isCallExpression(e) && e.arguments[0] && ts.isObjectLiteralExpression(e.arguments[0])) return e.arguments[0];
    if (ts.isObjectLiteralExpression(e)) return e;
  }
  return undefined;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
    if (key === name) return p.initializer;
  }
  return undefined;
}

/** Adds a property to an object literal in the text, in the object's own style (one line, or one property a line). */
function insert(text: string, source: ts.SourceFile, object: ts.ObjectLiteralExpression, property: string): string {
  const props = object.properties;
  const close = object.getEnd() - 1; // the closing brace
  if (props.length === 0) return `${text.slice(0, object.getStart(source))}{ ${property} }${text.slice(object.getEnd())}`;
  const last = props[props.length - 1];
  const line = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const multiline = line(object.getStart(source)) !== line(close);
  // After the last property and its comma, when it has one.
  let at = last.getEnd();
  const comma = props.hasTrailingComma;
  if (comma) at = text.indexOf(',', at) + 1;
  if (!multiline) return `${text.slice(0, at)}${comma ? '' : ','} ${property}${comma ? ',' : ''}${text.slice(at)}`;
  const lastLine = text.slice(text.lastIndexOf('\n', last.getStart(source)) + 1, last.getStart(source));
  const indent = /^\s*/.exec(lastLine)![0];
  return `${text.slice(0, at)}${comma ? '' : ','}\n${indent}${property},${text.slice(at)}`;
}

export async function formCheck(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {}, FORM_CHECK_USAGE);
  if (values.help) return help(io, FORM_CHECK_USAGE);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`, FORM_CHECK_USAGE);
  const lines: string[] = [];
  for (const p of await catalogueFileProblems()) lines.push(p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`);
  const { councils, broken } = await councilsOf(io);
  const others: string[] = [];
  for (const { file, error } of broken) {
    const forms = error.problems.filter((p) => p.path === 'services.forms' || p.path.startsWith('services.forms.'));
    if (forms.length > 0) lines.push(problemLines(io, new CouncilConfigError(error.file, forms)).trimEnd());
    if (forms.length < error.problems.length) others.push(shown(io, file));
  }
  if (others.length > 0) lines.push(`Not checked, their files have other problems: ${others.join(', ')} (see ldf council check)`);
  if (lines.length > 0) {
    io.stderr.write(`${lines.join('\n')}\n`);
    return 1;
  }
  const adoptions = councils.reduce((n, c) => n + adoptedBy(c).length, 0);
  io.stdout.write(`${CATALOGUE_FORMS.length} catalogue form${CATALOGUE_FORMS.length === 1 ? '' : 's'} and ${adoptions} adoption${adoptions === 1 ? '' : 's'} in ${councils.length} council file${councils.length === 1 ? '' : 's'} checked: no problems.\n`);
  return 0;
}
