/**
 * Writes a new council's file: readable TypeScript in the style of the others, with a `// TODO` on
 * every value an onboarding engineer must replace. A file that does not validate is not left behind.
 */
import { unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CouncilConfig, CouncilInput } from '../config/council-schema.ts';
import { loadCouncilFile } from '../config/load-councils.ts';
import { GSS_PLACEHOLDERS, NEW_COUNCIL_PLACEHOLDERS } from '../config/placeholders.ts';
import { printValue } from './ts-literal.ts';

export { GSS_PLACEHOLDERS };

export const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const satisfies readonly CouncilConfig['nation'][];
export type Nation = (typeof NATIONS)[number];
export type Language = CouncilConfig['languages'][number];

export const DEFAULT_BRAND_COLOUR = '#1d70b8';
export const DEFAULT_REGION = 'eu-west-2';

export interface NewCouncil {
  id: string;
  name: { en: string; cy?: string };
  nation: Nation;
  languages: Language[];
  gss?: string;
  /** Today, as YYYY-MM-DD: the accessibility statement's review date. */
  today: string;
  /** The council whose services, addresses, notifications and AWS settings are copied. */
  from?: { id: string; input: CouncilInput };
}

/** A value the engineer must replace: where it is and what it should be. */
export interface Todo {
  path: string;
  note: string;
}

export interface CouncilSource {
  text: string;
  todos: Todo[];
}

/** AWS settings that belong to one council (its account, domain, alarm email) and so are never copied. */
const OWN_AWS_SETTINGS = ['account', 'domain', 'operationsEmail'] as const;

/** The import of the schema as a council file in `dir` must write it. */
export function schemaImportFrom(dir: string, schemaFile: string): string {
  const relative = path.relative(dir, schemaFile).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** The new council's file: its data, with a comment above each value to check or replace. */
export function councilSource(council: NewCouncil, schemaImport: string): CouncilSource {
  const todos: Todo[] = [];
  const comments = new Map<string, string>();
  const todo = (at: string, note: string) => {
    todos.push({ path: at, note });
    comments.set(at, `TODO: ${note}`);
  };
  const from = council.from;

  if (!council.gss) todo('gss', 'the council’s ONS GSS code, like E07000012 (ONS Open Geography Portal)');
  todo('brand', `the council’s brand colour: white text on it needs 4.5:1 contrast (${DEFAULT_BRAND_COLOUR} is GOV.UK blue)`);
  todo('contact.phone', 'the council’s main phone number');
  todo('contact.outOfHoursPhone', 'the out-of-hours (emergency) phone number');
  todo('contact.email', 'the council’s public contact email');
  todo('contact.website', 'the council’s website (https)');
  todo('contact.address', 'the council’s postal address, one line each, postcode last');
  comments.set('privacy.controller', 'The data controller, exactly as registered with the ICO');
  todo('privacy.icoRegistration', 'the council’s ICO registration number (ico.org.uk/ESDWebPages/Search)');
  todo('privacy.dataProtectionEmail', 'the email of the council’s data protection officer');
  comments.set('accessibility', 'When the accessibility statement was last reviewed');

  let addresses: CouncilInput['addresses'];
  let services: CouncilInput['services'] = {};
  let notifications: CouncilInput['notifications'] = { provider: 'outbox' };
  let aws: NonNullable<CouncilInput['aws']> = { region: DEFAULT_REGION };
  if (from) {
    const source = structuredClone(from.input);
    if (source.addresses) {
      addresses = source.addresses;
      todo('addresses', `copied from ${from.id}: replace with this council’s own gazetteer (postcode districts and properties)`);
    }
    services = source.services;
    if (Object.keys(services).length > 0) {
      todo('services', `copied from ${from.id}: check every container, round, date and text against this council’s own`);
    }
    if (source.notifications) notifications = source.notifications;
    if (source.aws) {
      const dropped = OWN_AWS_SETTINGS.filter((k) => source.aws?.[k] !== undefined);
      for (const key of OWN_AWS_SETTINGS) delete source.aws[key];
      aws = { region: DEFAULT_REGION, ...source.aws };
      const note = dropped.length ? ` (not its ${dropped.join(', ')}: those are ${from.id}’s own)` : '';
      comments.set('aws', `Copied from ${from.id}${note}. Deployed to the platform’s own AWS account unless account is set`);
    }
  }
  if (!comments.has('aws')) comments.set('aws', 'Deployed to the platform’s own AWS account; set account (12 digits) to use the council’s own');
  if (notifications.provider === 'outbox') {
    todo('notifications', 'trial mode: messages are kept, not sent. Before go-live, switch to GOV.UK Notify (provider: \'govuk-notify\')');
  } else {
    todo('notifications', `copied from ${from?.id}: use this council’s own GOV.UK Notify templates and API key`);
  }
  if (Object.keys(services).length === 0) comments.set('services', 'No services yet: add them here (bins also needs addresses, a gazetteer)');

  // Never `sample`, whatever it was copied from: a new council is a real one, held to every check.
  const data: CouncilInput = {
    id: council.id,
    name: council.name,
    gss: council.gss ?? GSS_PLACEHOLDERS[council.nation],
    nation: council.nation,
    languages: council.languages,
    brand: { colour: DEFAULT_BRAND_COLOUR },
    // Each placeholder is one `ldf council check` recognises (functions/config/placeholders.ts), so
    // the file cannot be deployed until every one is replaced.
    contact: {
      phone: NEW_COUNCIL_PLACEHOLDERS.phone,
      outOfHoursPhone: NEW_COUNCIL_PLACEHOLDERS.outOfHoursPhone,
      email: NEW_COUNCIL_PLACEHOLDERS.email,
      website: NEW_COUNCIL_PLACEHOLDERS.website,
      address: [...NEW_COUNCIL_PLACEHOLDERS.address],
    },
    privacy: {
      controller: council.name.en,
      icoRegistration: NEW_COUNCIL_PLACEHOLDERS.icoRegistration,
      dataProtectionEmail: NEW_COUNCIL_PLACEHOLDERS.dataProtectionEmail,
    },
    accessibility: { lastReviewed: council.today },
    addresses,
    aws,
    notifications,
    services,
  };

  const opening = 'export default defineCouncil(';
  const text = [
    `import { defineCouncil } from '${schemaImport}';`,
    '',
    `// Written by \`ldf council new\` on ${council.today}${from ? `, copying ${from.id}’s services and settings` : ''}.`,
    `// Replace every TODO, then run: ldf council check ${council.id}`,
    `${opening}${printValue(data, { column: opening.length, comments })});`,
    '',
  ].join('\n');
  return { text, todos };
}

/**
 * Writes the file (never over an existing one) and validates it as the platform will load it; an
 * invalid file is deleted and the validation error thrown.
 */
export async function writeCouncilFile(file: string, text: string): Promise<CouncilConfig> {
  await writeFile(file, text, { flag: 'wx' });
  try {
    return await loadCouncilFile(file);
  } catch (error) {
    await unlink(file);
    throw error;
  }
}
