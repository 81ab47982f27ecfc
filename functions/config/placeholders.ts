/**
 * Placeholders: values that pass the schema but are plainly not a real council's, so a file holding
 * one must not be deployed. `ldf council new` writes only values recognised here, and the same
 * detection catches the usual hand-written stand-ins (example.com addresses, 01234 567890, all-zero
 * codes, a TODO left in text).
 */
import type { CouncilConfig } from './council-schema.ts';

/** A field of one council file that is not ready, and why. */
export interface ConfigProblem {
  /** The field's path, dotted like the schema's errors (`contact.email`, `addresses.properties.3.uprn`). */
  path: string;
  message: string;
}

type Nation = CouncilConfig['nation'];

/** A GSS code of the nation's letter that passes the schema but is plainly not real. */
export const GSS_PLACEHOLDERS: Record<Nation, string> = {
  england: 'E00000000',
  wales: 'W00000000',
  scotland: 'S00000000',
  'northern-ireland': 'N00000000',
};

/**
 * What `ldf council new` writes where the engineer must put the council's own value. The phone
 * numbers are from Ofcom's range kept for drama, so they can never ring a real line; the domain is
 * never a council's; the rest say TODO.
 */
export const NEW_COUNCIL_PLACEHOLDERS = {
  icoRegistration: 'Z0000000',
  phone: '01632 960000',
  outOfHoursPhone: '01632 960001',
  email: 'contact@example.gov.uk',
  website: 'https://www.example.gov.uk',
  dataProtectionEmail: 'dpo@example.gov.uk',
  address: ['TODO: building', 'TODO: street', 'TODO: town', 'TODO: postcode'],
} as const;

// RFC 2606 and RFC 6761 reserve these for documentation and testing; example.gov.uk and its kin
// are the usual UK stand-ins.
const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost']);
const EXAMPLE_DOMAIN = /(^|\.)example\.(com|net|org|uk|gov\.uk|co\.uk|org\.uk|gov\.wales|gov\.scot)$/;

/** Whether a host name is reserved for examples (`www.example.gov.uk`, `x.test`, `localhost`). */
export function isExampleHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || RESERVED_TLDS.has(h.split('.').at(-1)!) || EXAMPLE_DOMAIN.test(h);
}

// Ofcom keeps these blocks of 1,000 numbers for TV, radio and film (each prefix + 3 digits).
const DRAMA_PREFIXES = [
  '01632960', '02079460', '01134960', '01144960', '01154960', '01164960', '01174960', '01184960', '01214960',
  '01314960', '01414960', '01514960', '01614960', '01914980', '02896496', '02920180', '07700900', '08081570',
  '09098790', '03069990',
];

// What people type when they have no number yet (and what `ldf council new` wrote before it used Ofcom's).
const PLACEHOLDER_NUMBERS = new Set(['01234567890', '01234567891', '0123456789', '1234567890']);

/** Whether a UK phone number is a stand-in: an Ofcom drama number, 01234 567890 and the like, or one digit repeated. */
export function isPlaceholderPhone(phone: string): boolean {
  const digits = phone.replace(/^\s*\+44\s*(\(0\))?/, '0').replace(/\D/g, '');
  if (digits.length === 11 && DRAMA_PREFIXES.some((p) => digits.startsWith(p))) return true;
  if (PLACEHOLDER_NUMBERS.has(digits)) return true;
  return /^0?(\d)\1+$/.test(digits);
}

const TODO = /\b(TODO|FIXME|TBC|XXX)\b/;
const EMAIL = /[^\s@<>()"',;]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;
const URL_HOST = /\bhttps?:\/\/([^/\s:?#'"]+)/gi;
const BARE_DOMAIN = /^([a-z0-9-]+\.)+[a-z]{2,}$/i;
// A run of digits that could be a phone number: a leading 0 or +44 and at least ten digits in all.
const PHONE_IN_TEXT = /(?:\+44\s?(?:\(0\)\s?)?|\b0)\d[\d ]{8,13}\d/g;

/** Every placeholder in a council's (parsed) config, each with its field path and what is wrong. */
export function findPlaceholders(council: CouncilConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (/^[ENSW]0{8}$/.test(council.gss)) add('gss', `${council.gss} is a placeholder: use the council’s ONS GSS code (ONS Open Geography Portal)`);
  if (/^Z0{7}$/.test(council.privacy.icoRegistration)) {
    add('privacy.icoRegistration', `${council.privacy.icoRegistration} is a placeholder: use the council’s ICO registration number (ico.org.uk)`);
  }
  for (const [path, value] of strings(council, [])) {
    if (TODO.test(value)) {
      add(path, `still says “${value.match(TODO)![0]}”: replace it with the council’s own text`);
      continue;
    }
    const hosts = [...value.matchAll(EMAIL)].map((m) => m[1]).concat([...value.matchAll(URL_HOST)].map((m) => m[1]));
    if (BARE_DOMAIN.test(value)) hosts.push(value);
    const example = hosts.find(isExampleHost);
    if (example) {
      add(path, `${example} is an example domain, not the council’s: use its own ${value.includes('@') ? 'email address' : 'web address'}`);
      continue;
    }
    const phone = [...value.matchAll(PHONE_IN_TEXT)].map((m) => m[0]).find(isPlaceholderPhone);
    if (phone) add(path, `${phone.trim()} is a placeholder phone number: use the council’s own`);
  }
  return problems;
}

/** Every string in a value, with its dotted path. */
function strings(value: unknown, at: string[]): [string, string][] {
  if (typeof value === 'string') return [[at.join('.'), value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...at, String(i)]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, [...at, k]));
}
