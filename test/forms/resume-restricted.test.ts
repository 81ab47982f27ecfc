/**
 * Save and return for a restricted form (the catalogue's care-needs-assessment, a social care
 * request): the email names no form and its link (`/forms/resume/<token>`) names none either, so
 * whoever sees the inbox does not learn that the resident asked for care. The neutral link finds
 * the token's form without using it up and redirects to the form's own link, whose Continue carries
 * the draft on (a special-category answer too). A dead neutral link gives the expired page, naming
 * no form. A form that is not restricted keeps its email and link as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { notifyTemplateProblems } from '../../functions/config/notify-templates-check.ts';
import { answerAddress, next, pageText, startForm } from '../support/forms.ts';
import { council, embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

const NOW = '2026-05-12T09:00:00Z';
const FORM = '/forms/care-needs-assessment';
const LANGUAGE = 'Yoruba';
// Words of the form's title and id, in both languages, that must not reach the inbox.
const NEVER = ['care-needs-assessment', 'Ask for a care and support needs assessment', 'Gofyn am asesiad o anghenion gofal a chymorth', 'care', 'gofal', 'assessment', 'asesiad', LANGUAGE];

const PLACES = {
  hackney: { prefix: '', home: { postcode: 'E8 2NS', uprn: '10008200011' } },
  ceredigion: { prefix: '/cy', home: { postcode: 'SY23 1DE', uprn: '10009400001' } },
} as const;

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

const NEUTRAL_LINK = /https?:\/\/\S+\/resume\/[A-Za-z0-9_-]+/;

/** The care form from its start to the interpreter page, its language (a special-category answer) given; then saved. */
async function savedCareForm(app: TestApp, councilId: keyof typeof PLACES): Promise<{ base: string; session: Session }> {
  const { prefix, home } = PLACES[councilId];
  const session = new Session(app.app);
  const base = await startForm(session, FORM, 'what-you-want', prefix);
  await next(session, `${base}/what-you-want`, { 'what-you-want': 'assessment' });
  await next(session, `${base}/who-is-asking`, { 'who-is-asking': 'myself' });
  await next(session, `${base}/person-name`, { 'person-name': 'Doreen Okafor' });
  await next(session, `${base}/date-of-birth`, { 'date-of-birth-day': '3', 'date-of-birth-month': '7', 'date-of-birth-year': '1941' });
  await answerAddress(session, `${base}/person-address`, home, { key: 'person-address' });
  await next(session, `${base}/person-contact`, { 'person-phone': '020 7946 0123', 'person-email': 'doreen@example.com' });
  await next(session, `${base}/lives-with`, { 'lives-with': 'alone' });
  expect(await next(session, `${base}/language`, { 'preferred-language': LANGUAGE })).toBe(`${base}/interpreter`);
  expect(await next(session, `${base}/save`, { email: 'doreen@example.com' })).toBe(`${base}/save/sent`);
  return { base, session };
}

describe('a restricted form’s save and return email', () => {
  it.each([
    [
      'Welsh at Ceredigion',
      'ceredigion',
      'Parhau â’ch ffurflen',
      [
        'Rydych wedi cadw eich atebion i ffurflen.',
        '',
        'I barhau o’r man lle gwnaethoch adael, defnyddiwch y ddolen hon:',
        '((link))',
        '',
        'Mae’r ddolen yn gweithio unwaith, hyd at ddiwedd dydd Mawrth 26 Mai 2026. Ar ôl hynny, bydd eich atebion yn cael eu dileu a bydd angen i chi ddechrau eto.',
        '',
        'Os na wnaethoch ofyn am yr e-bost hwn, gallwch ei anwybyddu.',
        '',
        'Cyngor Sir Ceredigion',
      ],
      'Parhau â’ch ffurflen',
    ],
    [
      'English at Hackney',
      'hackney',
      'Carry on with your form',
      [
        'You saved your answers to a form.',
        '',
        'To carry on where you left off, use this link:',
        '((link))',
        '',
        'The link works once, until the end of Tuesday 26 May 2026. After that, your answers will be deleted and you will need to start again.',
        '',
        'If you did not ask for this email, you can ignore it.',
        '',
        'London Borough of Hackney',
      ],
      'Carry on with your form',
    ],
  ] as const)('in %s: names no form, and its neutral link carries the draft on in another browser, answers kept', async (_, councilId, subject, body, resumeTitle) => {
    const app = await testApp(councilId, { endpoint: server.endpoint, now: NOW });
    const { prefix } = PLACES[councilId];
    const { base, session } = await savedCareForm(app, councilId);

    const email = app.outbox.sent().at(-1)!;
    expect(email).toMatchObject({ to: 'doreen@example.com', lang: prefix ? 'cy' : 'en', template: 'form-resume-link-restricted', subject });
    const url = NEUTRAL_LINK.exec(email.body)![0];
    expect(url).toMatch(new RegExp(`^http://localhost${prefix}/forms/resume/[A-Za-z0-9_-]{43}$`));
    expect(email.body).toBe(body.join('\n').replace('((link))', url));
    const inbox = `${email.subject}\n${email.body}`.toLowerCase();
    for (const never of NEVER) expect(inbox).not.toContain(never.toLowerCase());

    // Another browser: the neutral link (opened as often as a mail scanner likes) goes to the form's link, which still works.
    const other = new Session(app.app);
    const neutral = new URL(url).pathname;
    const token = neutral.split('/').pop()!;
    for (let i = 0; i < 2; i++) {
      const redirect = await other.get(neutral);
      expect(redirect.status).toBe(303);
      expect(redirect.headers.get('location')).toBe(`${prefix}${FORM}/resume/${token}`);
    }
    const link = `${prefix}${FORM}/resume/${token}`;
    expect(await pageText(other, link)).toContain(resumeTitle);
    expect(await next(other, link, {})).toBe(`${base}/interpreter`);
    expect(await (await other.get(`${base}/language`)).text()).toContain(LANGUAGE);
    expect(await (await other.get(`${base}/person-name`)).text()).toContain('Doreen Okafor');
    // The first browser no longer has the draft; the link, used, no longer works.
    expect((await session.get(`${base}/interpreter`)).status).toBe(404);
    const used = await other.get(neutral);
    expect(used.status).toBe(404);
  });
});

describe('a neutral link that does not work', () => {
  it.each([
    ['English', '', 'This link has expired or has already been used', 'Find the form and start again'],
    ['Welsh', '/cy', 'Mae’r ddolen hon wedi dod i ben neu wedi cael ei defnyddio eisoes', 'Dod o hyd i’r ffurflen a dechrau eto'],
  ] as const)('in %s: never made or malformed, the expired page (404), naming no form and leading to the list of forms', async (_, prefix, title, findForm) => {
    const app = await testApp('ceredigion', { endpoint: server.endpoint, now: NOW });
    for (const token of ['A'.repeat(43), 'not-a-token', '%E0%A4%A', 'x'.repeat(500)]) {
      const res = await new Session(app.app).get(`${prefix}/forms/resume/${token}`);
      expect(res.status, token).toBe(404);
      const html = await res.text();
      const text = textOf(html);
      expect(text).toContain(title);
      expect(text).toContain(findForm);
      expect(html).toContain(`href="${prefix}/forms"`);
      for (const never of NEVER) expect(text.toLowerCase()).not.toContain(never.toLowerCase());
    }
  });

  it('expired: the expired page with 410, naming no form; replaced by a newer link: 404', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const { base, session } = await savedCareForm(app, 'hackney');
    const first = new URL(NEUTRAL_LINK.exec(app.outbox.sent().at(-1)!.body)![0]).pathname;
    await next(session, `${base}/save`, { email: 'doreen@example.com' });
    const second = new URL(NEUTRAL_LINK.exec(app.outbox.sent().at(-1)!.body)![0]).pathname;

    const replaced = await new Session(app.app).get(first);
    expect(replaced.status).toBe(404);
    expect(textOf(await replaced.text())).toContain('This link has expired or has already been used');

    // 14 days on, past the end of the last day.
    app.setNow('2026-05-27T00:00:00Z');
    const expired = await new Session(app.app).get(second);
    expect(expired.status).toBe(410);
    const text = textOf(await expired.text());
    expect(text).toContain('This link has expired or has already been used');
    for (const never of NEVER) expect(text.toLowerCase()).not.toContain(never.toLowerCase());
  });
});

describe('a form that is not restricted', () => {
  it('keeps its email, naming the form, with the form’s own link', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const session = new Session(app.app);
    const base = await startForm(session, '/forms/dropped-kerb', 'address');
    expect(await next(session, `${base}/save`, { email: 'ann@example.com' })).toBe(`${base}/save/sent`);

    const email = app.outbox.sent().at(-1)!;
    expect(email).toMatchObject({ template: 'form-resume-link', subject: 'Carry on with your form: Request a dropped kerb' });
    const url = NEUTRAL_LINK.exec(email.body)![0];
    expect(url).toMatch(/^http:\/\/localhost\/forms\/dropped-kerb\/resume\/[A-Za-z0-9_-]{43}$/);
    expect(email.body.split('\n')[0]).toBe('You saved your answers to Request a dropped kerb.');
    // Its token opens through the neutral route too (the route does not ask whether a form is restricted).
    const token = url.split('/').pop()!;
    expect((await new Session(app.app).get(`/forms/resume/${token}`)).headers.get('location')).toBe(`/forms/dropped-kerb/resume/${token}`);
  });
});

describe('the Notify readiness check', () => {
  it('asks for the restricted link email’s ids only of a council adopting a restricted form with save and return', async () => {
    const ceredigion = await council('ceredigion');
    expect(notifyTemplateProblems(ceredigion)).toEqual([]);
    const notify = ceredigion.notifications as { provider: 'govuk-notify'; templates: Record<string, { en: string; cy?: string }> };
    const others = Object.fromEntries(Object.entries(notify.templates).filter(([name]) => name !== 'form-resume-link-restricted'));
    const without = { ...ceredigion, notifications: { ...notify, templates: others } } as CouncilConfig;
    expect(notifyTemplateProblems(without).map((p) => p.path)).toEqual(['notifications.templates.form-resume-link-restricted']);

    const forms = ceredigion.services.forms as { adopted: Record<string, unknown> };
    const adopted = Object.fromEntries(Object.entries(forms.adopted).filter(([id]) => id !== 'care-needs-assessment'));
    const noCare = { ...without, services: { ...without.services, forms: { ...forms, adopted } } } as CouncilConfig;
    expect(notifyTemplateProblems(noCare)).toEqual([]);
  });
});
