/**
 * The care-needs-assessment form in a real browser: the sample councils it is tried at (English at
 * Hackney, Welsh at Ceredigion, Highland's own list), each route's pages and answers in order, and
 * filling in a page as a resident does (typing, ticking, choosing, pressing Continue).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import CARE_FORM from '../../catalogue/forms/care-needs-assessment.ts';
import { documentClient, TABLE_KEYS, type CouncilStore } from '../../functions/core/store/store.ts';
import { ALL_MESSAGES } from '../../functions/modules/all-messages.ts';
import type { MessageKey } from '../../functions/modules/index.ts';

export const CARE_FORM_ID = 'care-needs-assessment';

/** A page's answers by field name: a list ticks boxes, a radio's or select's value chooses it, else it is typed. */
export type Fields = Record<string, string | string[]>;

export interface Step {
  page: string;
  fields: Fields;
}

export interface CareSite {
  name: string;
  council: string;
  lang: 'en' | 'cy';
  /** Where the council's pages in this language start. */
  prefix: string;
  m: Record<MessageKey, string>;
  postcode: string;
  uprn: string;
  /** From the council's file (values of its adoption) and its contact. */
  safeguardingPhone: string;
  outOfHoursPhone: string;
  contactPhone: string;
  responseTime: string;
  /** Two of the needs it offers (values), their texts, and needs it must not offer. */
  needs: { value: string; text: string }[];
  notOffered: string[];
  exitTitles: { danger: string; safeguarding: string; noAgreement: string };
}

const { en, cy } = ALL_MESSAGES;

export const HACKNEY: CareSite = {
  name: 'in English at Hackney',
  council: 'hackney',
  lang: 'en',
  prefix: '/hackney',
  m: en,
  postcode: 'E8 2NS',
  uprn: '10008200011',
  safeguardingPhone: '020 8356 3000',
  outOfHoursPhone: '020 8356 2300',
  contactPhone: '020 8356 3000',
  responseTime: 'We will contact you within 5 working days.',
  needs: [
    { value: 'personal-hygiene', text: 'Personal hygiene' },
    { value: 'home-safety', text: 'Using the home safely' },
  ],
  // Wales' outcomes, and Highland's
  notOffered: ['Communicating', 'Being protected from abuse or neglect', 'Staying safe from harm, abuse or neglect'],
  exitTitles: {
    danger: 'If someone is in immediate danger, call 999',
    safeguarding: 'Tell us you are worried someone is being abused or neglected',
    noAgreement: 'Ask the person first',
  },
};

export const CEREDIGION_CY: CareSite = {
  name: 'in Welsh at Ceredigion',
  council: 'ceredigion',
  lang: 'cy',
  prefix: '/ceredigion/cy',
  m: cy,
  postcode: 'SY23 1DE',
  uprn: '10009400001',
  safeguardingPhone: '01545 570881',
  outOfHoursPhone: '01970 625277',
  contactPhone: '01545 570881',
  responseTime: 'Byddwn yn cysylltu â chi o fewn 5 diwrnod gwaith.',
  needs: [
    { value: 'communication', text: 'Cyfathrebu' },
    { value: 'protection', text: 'Cael eu hamddiffyn rhag camdriniaeth neu esgeulustod' },
  ],
  // England's outcomes
  notOffered: ['Hylendid personol', 'Rheoli anghenion tŷ bach', "Defnyddio'r cartref yn ddiogel"],
  exitTitles: {
    danger: 'Os oes rhywun mewn perygl uniongyrchol, ffoniwch 999',
    safeguarding: 'Rhowch wybod i ni eich bod yn poeni bod rhywun yn cael ei gam-drin neu ei esgeuluso',
    noAgreement: "Gofynnwch i'r person yn gyntaf",
  },
};

export const HIGHLAND: CareSite = {
  name: 'in English at Highland',
  council: 'highland',
  lang: 'en',
  prefix: '/highland',
  m: en,
  postcode: 'IV3 5PS',
  uprn: '13000700001',
  safeguardingPhone: '01349 886606',
  outOfHoursPhone: '0800 090 1004',
  contactPhone: '01349 886606',
  responseTime: 'We will contact you within 10 working days.',
  needs: [
    { value: 'staying-safe', text: 'Staying safe from harm, abuse or neglect' },
    { value: 'moving-safely', text: 'Moving around the home safely' },
  ],
  notOffered: ['Personal hygiene', 'Communicating', 'Being protected from abuse or neglect'],
  exitTitles: HACKNEY.exitTitles,
};

/** The page's heading as the form gives it: its title, else its one question's label (marked optional when it is). */
export function headingOf(pageId: string, lang: 'en' | 'cy'): string {
  const page = CARE_FORM.pages.find((p) => p.id === pageId);
  if (!page) throw new Error(`No page ${pageId}`);
  const text = (page.title ?? page.questions[0].label) as { en: string; cy?: string };
  const optional = !page.title && (page.questions[0] as { optional?: boolean }).optional;
  const heading = lang === 'cy' ? text.cy! : text.en;
  return optional ? `${heading} ${ALL_MESSAGES[lang]['common.optional']}` : heading;
}

/** What the resident types into special-category questions: made distinctive per journey, so a raw item can be searched for them. */
export function markedAnswers(tag: string) {
  return {
    capacity: `Advanced Korsakoff syndrome ${tag}`,
    language: `Tigrinya ${tag}`,
    communication: `Needs a loop system ${tag}`,
    details: [`Cannot lift her arms above the shoulder ${tag}`, `Fell twice on the stairs in October ${tag}`],
    health: `Parkinsonian tremor and glaucoma ${tag}`,
    gp: `Wickham Lane Surgery ${tag}`,
  };
}

export type Route = 'myself' | 'someone-else' | 'unable-to-decide' | 'professional';

/**
 * The pages of a route from "What do you want to do?" to the last question, with the answers that
 * take it there. A professional is asked their organisation and role, then their own details and
 * whether the person agrees, as someone asking for another adult is.
 */
export function routeSteps(route: Route, site: CareSite, marked: ReturnType<typeof markedAnswers>, options: { carer?: boolean; unableToDecide?: boolean } = {}): Step[] {
  const unable = route === 'unable-to-decide' || (route === 'professional' && options.unableToDecide);
  const forSomeoneElse = route !== 'myself';
  const steps: Step[] = [
    { page: 'what-you-want', fields: { 'what-you-want': 'assessment' } },
    { page: 'who-is-asking', fields: { 'who-is-asking': route === 'myself' ? 'myself' : route === 'professional' ? 'professional' : 'someone-else' } },
  ];
  if (route === 'professional') steps.push({ page: 'professional', fields: { organisation: 'Homerton Community Nursing', role: 'District nurse' } });
  if (forSomeoneElse) {
    steps.push({ page: 'your-details', fields: { 'requester-name': 'Samira Haddad', 'requester-phone': '07700 900123', 'requester-email': 'samira@example.com' } });
    steps.push({ page: 'agreement', fields: { agreement: unable ? 'unable-to-decide' : 'yes' } });
  }
  if (unable) steps.push({ page: 'capacity', fields: { 'capacity-explanation': marked.capacity, 'power-of-attorney': 'yes' } });
  steps.push(
    { page: 'person-name', fields: { 'person-name': 'Doreen Okafor' } },
    { page: 'date-of-birth', fields: { 'date-of-birth-day': '3', 'date-of-birth-month': '7', 'date-of-birth-year': '1941' } },
    { page: 'person-address', fields: {} },
    { page: 'person-contact', fields: { 'person-phone': '020 7946 0123', 'person-email': forSomeoneElse ? '' : 'doreen@example.com' } },
    { page: 'lives-with', fields: { 'lives-with': 'alone' } },
    { page: 'language', fields: { 'preferred-language': marked.language } },
    { page: 'interpreter', fields: { interpreter: 'spoken' } },
    { page: 'communication-needs', fields: { 'communication-needs': marked.communication } },
    { page: 'advocate', fields: { advocate: 'yes' } },
    { page: 'needs', fields: { needs: site.needs.map((n) => n.value) } },
    { page: 'needs-details', fields: Object.fromEntries(site.needs.map((n, i) => [`needs-details-${n.value}`, marked.details[i]])) },
    { page: 'unpaid-carer', fields: { 'unpaid-carer': options.carer ? 'yes' : 'no' } },
  );
  if (options.carer) {
    steps.push(
      { page: 'carer-assessment', fields: { 'carer-assessment': 'yes' } },
      { page: 'carer-details', fields: { 'carer-name': 'Tunde Okafor', 'carer-phone': '07700 900456' } },
    );
  }
  steps.push(
    { page: 'health-conditions', fields: { 'health-conditions': marked.health } },
    { page: 'gp-practice', fields: { 'gp-practice': marked.gp } },
    { page: 'how-to-contact', fields: { 'contact-method': forSomeoneElse ? 'through-requester' : 'phone', 'contact-time': 'Weekday mornings' } },
  );
  return steps;
}

/** Fills a page's fields as a resident does: ticks boxes, chooses a radio or an option, types the rest. */
export async function fill(page: Page, fields: Fields): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const first = page.locator(`[name="${name}"]`).first();
    expect(await first.count(), `a field named ${name}`).toBe(1);
    const { tag, type } = await first.evaluate((el) => ({ tag: el.tagName.toLowerCase(), type: (el as HTMLInputElement).type }));
    if (type === 'checkbox') {
      for (const v of [value].flat()) await page.locator(`[name="${name}"][value="${v}"]`).check();
    } else if (type === 'radio') {
      await page.locator(`[name="${name}"][value="${value}"]`).check();
    } else if (tag === 'select') {
      await first.selectOption(String(value));
    } else {
      await first.fill(String(value));
    }
  }
}

/** The raw item of a case as it rests in the council's table. */
export async function rawCase(store: CouncilStore, reference: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: { [TABLE_KEYS.partitionKey]: `CASE#${reference}`, [TABLE_KEYS.sortKey]: 'CASE' } }));
  return Item;
}

/** Every special-category text in `marked`, flattened. */
export const markedTexts = (marked: ReturnType<typeof markedAnswers>): string[] => Object.values(marked).flat();
