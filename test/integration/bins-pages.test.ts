import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

// South Cambridgeshire, CB23 6DW: 10033500001 is on round tuesday-a and pays for garden waste;
// 10033500002 is on the same round without it. Tuesday 1 December 2026 is a blue-bin week.
const SUBSCRIBER = '10033500001';
const NON_SUBSCRIBER = '10033500002';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let sc: TestApp;
let cy: TestApp;

beforeAll(async () => {
  store = await embeddedStore();
  sc = await testApp('south-cambridgeshire', { endpoint: store.endpoint, now: '2026-12-01T10:00:00Z' });
  cy = await testApp('ceredigion', { endpoint: store.endpoint, now: '2026-11-30T10:00:00Z' });
});
afterAll(() => store.close());

async function page(app: TestApp, path: string) {
  const res = await new Session(app.app).get(path);
  return { res, html: await res.text() };
}

describe('council pages', () => {
  it('shows the council home with its switched-on services and contact details', async () => {
    const { res, html } = await page(sc, '/');
    expect(res.status).toBe(200);
    const text = textOf(html);
    expect(html).toContain('<html lang="en"');
    expect(text).toContain('South Cambridgeshire District Council');
    expect(html).toContain('href="/bins"');
    expect(text).toContain('Find your bin collection day');
    expect(text).toContain(sc.council.contact.phone);
    expect(text).toContain(sc.council.contact.outOfHoursPhone);
    expect(html).toContain(`background-color:${sc.council.brand.colour}`);
  });

  it('offers the Welsh version of a bilingual council and keeps the user on the same page', async () => {
    const { html } = await page(cy, '/bins?x=1');
    expect(html).toContain('href="/cy/bins?x=1"');
    expect(html).toContain('hreflang="cy"');
    const welsh = await page(cy, '/cy/bins?x=1');
    expect(welsh.html).toContain('<html lang="cy"');
    expect(welsh.html).toContain('href="/bins?x=1"');
    expect(textOf(welsh.html)).toContain('Rhowch eich cod post');
  });

  it('has no Welsh pages for a council that does not offer Welsh', async () => {
    const { res, html } = await page(sc, '/cy/bins');
    expect(res.status).toBe(404);
    expect(html).not.toContain('govuk-language-navigation');
  });

  it('publishes an accessibility statement naming the council and its review date', async () => {
    const { res, html } = await page(cy, '/cy/accessibility');
    expect(res.status).toBe(200);
    const text = textOf(html);
    expect(text).toContain('Datganiad hygyrchedd');
    expect(text).toContain('Cyngor Sir Ceredigion');
    expect(text).toContain(cy.council.contact.email);
  });

  it('publishes a privacy notice with the controller and how long each service keeps data', async () => {
    const { html } = await page(sc, '/privacy');
    const text = textOf(html);
    expect(text).toContain(sc.council.privacy.controller);
    expect(text).toContain(sc.council.privacy.icoRegistration);
    expect(text).toContain(`${sc.council.services.bins!.missedCollections.retentionDays} days`);
    expect(text).toContain('Postcode look-ups are not stored');
  });

  it('lists the only cookie it sets on the cookies page, with no banner', async () => {
    const { html } = await page(sc, '/cookies');
    expect(textOf(html)).toContain('ldf_csrf');
    expect(html).not.toContain('govuk-cookie-banner');
  });

  it('answers an unknown page with a GOV.UK 404 page', async () => {
    const { res, html } = await page(sc, '/no-such-page');
    expect(res.status).toBe(404);
    expect(textOf(html)).toContain('Page not found');
  });
});

describe('finding a bin collection day', () => {
  it('asks for a postcode', async () => {
    const { res, html } = await page(sc, '/bins');
    expect(res.status).toBe(200);
    expect(html).toMatch(/<label class="govuk-label govuk-label--l" for="postcode">Enter your postcode<\/label>/);
    expect(html).toContain('autocomplete="postal-code"');
  });

  it.each([
    ['', 'Enter a postcode'],
    ['XYZ', 'Enter a full UK postcode, like CB23 6DW'],
    ['CB1 1AA', 'CB1 1AA is not in the South Cambridgeshire District Council area'],
    ['CB23 9ZZ', 'We could not find any addresses for CB23 9ZZ'],
  ])('explains what is wrong with the postcode "%s" and keeps what was typed', async (typed, message) => {
    const { res, html } = await page(sc, `/bins/addresses?postcode=${encodeURIComponent(typed)}`);
    expect(res.status).toBe(400);
    expect(html).toMatch(/<title>Error: Find your bin collection day/);
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('href="#postcode"');
    expect(html).toContain('id="postcode-error"');
    expect(textOf(html)).toContain(message);
    expect(html).toContain(`value="${typed}"`);
  });

  it('accepts a postcode in any case and without its space', async () => {
    const { res, html } = await page(sc, '/bins/addresses?postcode=cb236dw');
    expect(res.status).toBe(200);
    const text = textOf(html);
    expect(text).toContain('addresses found for CB23 6DW');
    expect(text).toContain('3 Foxglove Way, Cambourne, Cambridge');
  });

  it('asks again when no address was chosen', async () => {
    const { res, html } = await page(sc, '/bins/addresses?postcode=CB23+6DW&choose=1');
    expect(res.status).toBe(400);
    expect(textOf(html)).toContain('Select your address');
    expect(html).toContain('href="#uprn"');
  });

  it('takes the chosen address to its bin-day page', async () => {
    const { res } = await page(sc, `/bins/addresses?postcode=CB23+6DW&choose=1&uprn=${SUBSCRIBER}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/bins/property/${SUBSCRIBER}`);
  });

  it('ignores an address from another postcode', async () => {
    const { res } = await page(sc, '/bins/addresses?postcode=CB22+5AX&choose=1&uprn=10033500001');
    expect(res.status).toBe(400);
  });

  it('shows each container with what goes in it and the next four weeks of collections', async () => {
    const { res, html } = await page(sc, `/bins/property/${SUBSCRIBER}`);
    expect(res.status).toBe(200);
    const text = textOf(html);
    expect(text).toMatch(/Black bin: General waste/i);
    expect(text).toContain('Green bin');
    expect(text).toContain('You subscribe to this collection');
    expect(text).toContain('Tuesday 1 December 2026 Today');
    expect(text).toContain('Tuesday 22 December 2026');
    expect(text).not.toContain('Tuesday 29 December 2026');
    expect(html).toContain(`href="/bins/property/${SUBSCRIBER}/calendar.ics"`);
    expect(html).toContain(`href="/bins/property/${SUBSCRIBER}/report"`);
  });

  it('leaves out a subscription container the property does not pay for', async () => {
    const { html } = await page(sc, `/bins/property/${NON_SUBSCRIBER}`);
    expect(textOf(html)).not.toContain('Green bin');
  });

  it('marks and explains a collection moved by a bank holiday', async () => {
    sc.setNow('2026-12-20T12:00:00Z');
    try {
      const { html } = await page(sc, `/bins/property/${SUBSCRIBER}`);
      const text = textOf(html);
      expect(text).toContain('Wednesday 30 December 2026');
      expect(text).toContain('Changed because of Boxing Day (substitute day): usually Tuesday 29 December 2026');
    } finally {
      sc.setNow('2026-12-01T10:00:00Z');
    }
  });

  it('names days and bank holidays in Welsh on Welsh pages', async () => {
    const { html } = await page(cy, '/cy/bins/property/10009400001');
    const text = textOf(html);
    expect(text).toContain('Dydd Llun 30 Tachwedd 2026');
    expect(text).toMatch(/Bagiau du/i);
  });

  it('gives each language its own collections table for the same schedule, one after the other', async () => {
    const english = textOf((await page(cy, '/bins/property/10009400001')).html);
    const welsh = textOf((await page(cy, '/cy/bins/property/10009400001')).html);
    const englishAgain = textOf((await page(cy, '/bins/property/10009400001')).html);
    expect(english).toContain('Monday 30 November 2026');
    expect(welsh).toContain('Dydd Llun 30 Tachwedd 2026');
    expect(welsh).not.toContain('Monday 30 November 2026');
    expect(englishAgain).toBe(english);
  });

  it('answers an unknown or malformed property with a 404 page', async () => {
    expect((await page(sc, '/bins/property/99999999')).res.status).toBe(404);
    expect((await page(sc, '/bins/property/not-a-uprn')).res.status).toBe(404);
  });
});

describe('the calendar feed', () => {
  it('is an iCalendar file with an all-day event for each collection for a year', async () => {
    const { res, html: body } = await page(sc, `/bins/property/${SUBSCRIBER}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(body.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(body).toContain('X-WR-CALNAME:South Cambridgeshire District Council bin collections');
    expect(body).toContain('DTSTART;VALUE=DATE:20261201');
    expect(body).toContain('SUMMARY:Blue bin collection');
    const uids = [...body.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]);
    expect(new Set(uids).size).toBe(uids.length);
    // Weekly food plus fortnightly black, blue and garden over 52 weeks.
    expect(uids.length).toBeGreaterThanOrEqual(52 + 26 * 3 - 3);
    // Every line is CRLF-terminated and at most 75 octets, as RFC 5545 requires.
    for (const line of body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(body.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('is in Welsh from the Welsh pages', async () => {
    const { html: body } = await page(cy, '/cy/bins/property/10009400001/calendar.ics');
    expect(body).toMatch(/SUMMARY:Casgliad|SUMMARY:.*(Bagiau|Bin|Blwch|Cadi)/);
  });
});
