/**
 * The platform's own pages (landing page and catalogue) get the same transport security as a
 * council's: HSTS over HTTPS, as they are served in AWS, and none over the local host's plain HTTP.
 * The landing page's service catalogue lists each shared service and catalogue form, what it does,
 * who wrote it and which councils run it, from the entries synthesis writes.
 */
import { handle } from 'hono/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_FORMS } from '../../catalogue/forms.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { ALL_MODULES } from '../../functions/modules/index.ts';
import { translator } from '../../functions/core/i18n.ts';
import { catalogueEntry, createPlatformApp, HSTS, type CatalogueEntry } from '../../functions/platform/platform-app.tsx';
import { WEB_DIST } from '../../web/build.ts';
import { textOf } from '../support/harness.ts';

const platform = () =>
  createPlatformApp({
    councils: [{ id: 'hackney', name: 'Hackney Council', nation: 'england', languages: ['en'], services: [], serviceIds: [], forms: [], url: 'https://hackney.example/' }],
    assetsDir: WEB_DIST,
  });

describe('the platform app', () => {
  it('sends HSTS over HTTPS, on its pages and its not-found answers', async () => {
    const app = platform();
    const page = await app.request('https://platform.example/');
    expect(page.status).toBe(200);
    expect(page.headers.get('strict-transport-security')).toBe(HSTS);
    expect(HSTS).toMatch(/^max-age=31536000\b/);
    expect((await app.request('https://platform.example/nowhere')).headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('sends it when run as its Lambda function, which is reached over HTTPS only', async () => {
    const handler = handle(platform());
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/',
      rawQueryString: '',
      headers: { host: 'abc.lambda-url.eu-west-2.on.aws' },
      requestContext: { http: { method: 'GET', path: '/', sourceIp: '198.51.100.7', protocol: 'HTTP/1.1', userAgent: 'test' }, domainName: 'abc.lambda-url.eu-west-2.on.aws' },
      isBase64Encoded: false,
    } as unknown as Parameters<typeof handler>[0];
    const res = (await handler(event)) as { statusCode: number; headers: Record<string, string> };
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBe(HSTS);
  });

  it('sends none over plain HTTP, where a browser would ignore it', async () => {
    expect((await platform().request('http://localhost/')).headers.get('strict-transport-security')).toBeNull();
  });
});

describe('the service catalogue on the landing page', () => {
  let councils: CouncilConfig[];
  /** The sample councils as synthesis writes them: Highland has no public address yet. */
  let entries: CatalogueEntry[];
  const byId = (id: string) => councils.find((c) => c.id === id)!;

  beforeAll(async () => {
    councils = await loadCouncils();
    entries = councils.map((c) => catalogueEntry(c, c.id === 'highland' ? undefined : `https://${c.id}.example/`));
  });

  const landing = async (list = entries) => {
    const res = await createPlatformApp({ councils: list, assetsDir: WEB_DIST }).request('https://platform.example/');
    expect(res.status).toBe(200);
    return res.text();
  };
  /** The HTML of one catalogue form's section. */
  const section = (html: string, formId: string) => {
    const start = html.indexOf(`<section class="govuk-!-margin-bottom-8" id="form-${formId}"`);
    expect(start, formId).toBeGreaterThanOrEqual(0);
    return html.slice(start, html.indexOf('</section>', start));
  };
  const serviceRow = (html: string, id: string) => {
    const start = html.indexOf(`<tr class="govuk-table__row" id="service-${id}">`);
    expect(start, id).toBeGreaterThanOrEqual(0);
    return html.slice(start, html.indexOf('</tr>', start));
  };

  it('gives each council’s entry its services’ ids and its adopted forms as it titles them, as plain JSON', () => {
    const hackney = catalogueEntry(byId('hackney'), 'https://hackney.example/');
    expect(hackney.serviceIds).toEqual(['bins', 'report', 'forms']);
    expect(hackney.forms).toEqual([
      { id: 'assisted-bin-collection', title: 'Apply for an assisted bin collection' },
      { id: 'single-person-discount', title: 'Council tax: tell us you now live on your own' },
      { id: 'dropped-kerb', title: 'Request a dropped kerb' },
      { id: 'new-bin-request', title: 'Request a new or replacement bin or box' },
      { id: 'care-needs-assessment', title: 'Ask for a care and support needs assessment' },
    ]);
    expect(catalogueEntry(byId('south-cambridgeshire'), undefined).forms.map((f) => f.id)).not.toContain('dropped-kerb');
    expect(JSON.parse(JSON.stringify(hackney))).toEqual(hackney);
  });

  it('gives a council without the forms service no forms', () => {
    const { forms: _, ...withoutForms } = byId('hackney').services;
    const entry = catalogueEntry({ ...byId('hackney'), services: withoutForms }, undefined);
    expect(entry.forms).toEqual([]);
    expect(entry.serviceIds).toEqual(['bins', 'report']);
  });

  it('lists every shared service with what it does and the councils that run it', async () => {
    const html = await landing();
    const t = translator(MESSAGES.en);
    for (const m of ALL_MODULES) {
      const row = textOf(serviceRow(html, m.id));
      expect(row).toContain(m.describe(t).name);
      expect(row).toContain(m.describe(t).description);
      for (const c of councils) expect(row).toContain(c.name.en);
    }
    expect(serviceRow(html, 'forms')).toContain('<a class="govuk-link" href="https://hackney.example/">London Borough of Hackney</a>');
    expect(serviceRow(html, 'forms')).not.toContain('href="https://highland.example/');
  });

  it('says so when no council runs a service', async () => {
    const html = await landing([{ ...entries[0], serviceIds: ['bins'], forms: [] }]);
    expect(textOf(serviceRow(html, 'report'))).toContain('No council yet');
    expect(textOf(serviceRow(html, 'bins'))).toContain(entries[0].name);
  });

  it('lists every catalogue form with what it does and who wrote it', async () => {
    const html = await landing();
    for (const form of CATALOGUE_FORMS) {
      const text = textOf(section(html, form.id));
      expect(text).toContain(form.title.en);
      expect(text).toContain(form.summary.en);
      expect(text).toContain(`Written by ${form.credit.name}`);
    }
  });

  it('links each council running a form to the form’s start page there, in Welsh too where the council is bilingual', async () => {
    const kerb = section(await landing(), 'dropped-kerb');
    expect(kerb).toContain('href="https://hackney.example/forms/dropped-kerb"');
    expect(kerb).toContain('href="https://ceredigion.example/forms/dropped-kerb"');
    expect(kerb).toContain('href="https://ceredigion.example/cy/forms/dropped-kerb" lang="cy" hreflang="cy"');
    expect(kerb).not.toContain('hackney.example/cy/');
    // Highland runs it but has no address yet: named, not linked
    expect(textOf(kerb)).toContain('The Highland Council');
    expect(kerb).not.toContain('highland');
    // South Cambridgeshire leaves dropped kerbs to the county
    expect(kerb).not.toContain('South Cambridgeshire');
  });

  it('names each link with the form as the council titles it, for screen readers', async () => {
    const retitled = entries.map((e) => (e.id === 'hackney' ? { ...e, forms: [{ id: 'dropped-kerb', title: 'Apply for a vehicle crossover' }] } : e));
    const kerb = section(await landing(retitled), 'dropped-kerb');
    expect(kerb).toContain('London Borough of Hackney<span class="govuk-visually-hidden">: Apply for a vehicle crossover</span>');
  });

  it('says so when no council runs a form', async () => {
    const html = await landing(entries.map((e) => ({ ...e, forms: e.forms.filter((f) => f.id !== 'new-bin-request') })));
    expect(textOf(section(html, 'new-bin-request'))).toContain('Run by No council runs it yet');
    expect(textOf(section(html, 'dropped-kerb'))).not.toContain('No council runs it yet');
  });
});
