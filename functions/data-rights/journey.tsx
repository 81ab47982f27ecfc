import './messages/register.ts';
import type { Child } from 'hono/jsx';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CouncilConfig } from '../config/council-schema.ts';
import { todayIn, type IsoDate } from '../core/calendar/dates.ts';
import type { StoredCase } from '../core/cases/case-store.ts';
import { readDataSession } from '../core/data-rights/data-session.ts';
import { buildDataRecord, casesForEmail, type DataRecord } from '../core/data-rights/resident-record.ts';
import { sessionCookie } from '../core/http/csrf.ts';
import type { AppContext, CouncilAppDeps } from '../core/http/env.ts';
import { formatDate, type MessageKey, type Translate } from '../core/i18n.ts';
import type { Language } from '../core/language.ts';
import { localise } from '../core/localised-text.ts';
import { Button, CsrfField, type Errors } from '../../web/components.tsx';
import { Page } from '../../web/layout.tsx';
import { DATA_PROOF_COOKIE, DATA_SESSION_COOKIE } from './cookie-names.ts';
import type { YourDataMessageKey } from './messages/en.ts';

/** Where the pages live under the council (and under /cy for Welsh). */
export const BASE = '/your-data';

export const SESSION_COOKIE = DATA_SESSION_COOKIE;
export const PROOF_COOKIE = DATA_PROOF_COOKIE;

/** Every string these pages use: theirs (registered when they load) and the platform's. */
export type YourDataTranslate = Translate<YourDataMessageKey | MessageKey>;

/** The page's translator, which knows these pages' strings once messages/register.ts has run (imported above). */
export const tOf = (c: AppContext): YourDataTranslate => c.get('t') as unknown as YourDataTranslate;

/** A page of these pages in the page's language: href(c, '/code') → '/cy/your-data/code'. */
export const href = (c: AppContext, path = ''): string => c.get('paths').href(`${BASE}${path}`);

/** The same page as an absolute URL, for emails and the downloaded file. */
export function absoluteHref(c: AppContext, path: string): string {
  const deps = c.get('deps');
  const base = deps.publicBaseUrl ?? `${new URL(c.req.url).origin}${deps.basePath}`;
  return `${base}${c.get('lang') === 'cy' ? '/cy' : ''}${BASE}${path}`;
}

/**
 * The cookies these pages set: HttpOnly (no script reads them), SameSite=Lax, and named and scoped as
 * the platform's session cookies are (sessionCookie): over HTTPS `__Host-`, Secure and at `/` (the
 * prefix forbids any other path, and keeps sibling sites from planting one); over plain HTTP the
 * council's own path, so one council's session is never sent to another on the local host. No
 * Expires: they end with the browser session, and the store's expiry ends the data session sooner.
 */
export function setPageCookie(c: AppContext, name: string, value: string): void {
  const cookie = sessionCookie(c, name, c.get('deps').basePath);
  setCookie(c, name, value, { path: cookie.path, httpOnly: true, sameSite: 'Lax', secure: cookie.secure, prefix: cookie.prefix });
}

export function readPageCookie(c: AppContext, name: string): string | undefined {
  const cookie = sessionCookie(c, name, c.get('deps').basePath);
  return getCookie(c, name, cookie.prefix);
}

export function clearPageCookie(c: AppContext, name: string): void {
  const cookie = sessionCookie(c, name, c.get('deps').basePath);
  deleteCookie(c, name, { path: cookie.path, secure: cookie.secure, prefix: cookie.prefix, httpOnly: true, sameSite: 'Lax' });
}

/** A proved address's session, as the pages use it. */
export interface DataSession {
  email: string;
  expiresAt: Date;
}

/**
 * The session this browser holds, or the answer to give instead: back to the start page, saying the
 * session has ended when the browser had one (its cookie is cleared), without a word when it never had.
 */
export async function sessionOr(c: AppContext): Promise<DataSession | Response> {
  const { store, clock } = c.get('deps');
  const token = readPageCookie(c, SESSION_COOKIE);
  const session = token ? await readDataSession(store, token, clock()) : undefined;
  if (session) return session;
  if (!token) return c.redirect(href(c), 303);
  clearPageCookie(c, SESSION_COOKIE);
  return c.redirect(`${href(c)}?session=ended`, 303);
}

/** Every live case the session's address made here, newest first (a query on the email index). */
export function sessionCases(c: AppContext, session: DataSession): Promise<StoredCase[]> {
  const { store, secrets, clock } = c.get('deps');
  return casesForEmail(store, secrets, session.email, clock());
}

/**
 * The resident's record of those cases, in the page's language: photos and files linked to these
 * pages (checked against the session's cases when fetched), relative for a page, absolute in the file.
 */
export function recordOf(c: AppContext, session: DataSession, cases: StoredCase[], options: { absolute?: boolean } = {}): DataRecord {
  const link = (path: string) => (options.absolute ? absoluteHref(c, path) : href(c, path));
  return buildDataRecord(
    { email: session.email },
    cases,
    {
      lang: c.get('lang'),
      t: c.get('t'),
      council: c.get('council'),
      photoUrl: (id) => link(`/photos/${encodeURIComponent(id)}`),
      fileUrl: (id) => link(`/files/${encodeURIComponent(id)}`),
    },
    c.get('deps').clock(),
  );
}

/** A date as the council's residents read it: its day in the UK, GOV.UK style. */
export function dayOf(iso: string, lang: Language, options: { weekday?: boolean } = {}): string {
  return formatDate(todayIn(new Date(iso)), lang, { weekday: options.weekday ?? false });
}

/** A day within a sentence ("by Monday 4 January 2027"): Welsh writes the weekday lower-case there ("erbyn dydd Llun"). */
export function dayInSentence(day: IsoDate, lang: Language): string {
  const text = formatDate(day, lang);
  return lang === 'cy' ? text.charAt(0).toLocaleLowerCase('cy') + text.slice(1) : text;
}

/** The time of day in the UK, 24-hour ("14:05"). */
export function timeOf(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(date);
}

/** The status of a request as a GOV.UK tag: blue while open, green once closed. */
export function StatusTag(props: { status: 'open' | 'closed'; label: string }) {
  return <strong class={props.status === 'closed' ? 'govuk-tag govuk-tag--green' : 'govuk-tag govuk-tag--blue'}>{props.label}</strong>;
}

/** Text of several lines (an address, a list of answers) with its line breaks kept. */
export function Lines(props: { text: string }) {
  return (
    <>
      {props.text.split('\n').map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

/** GOV.UK's notification banner (role="region": it is not an error). */
export function NotificationBanner(props: { title: string; children: Child }) {
  return (
    <div class="govuk-notification-banner" role="region" aria-labelledby="govuk-notification-banner-title" data-module="govuk-notification-banner">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">
          {props.title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{props.children}</p>
      </div>
    </div>
  );
}

/** Who is signed in and until when, with the button that ends it: at the foot of every page of a session. */
function SessionFooter(props: { c: AppContext; session: DataSession }) {
  const { c, session } = props;
  const t = tOf(c);
  return (
    <form method="post" action={href(c, '/sign-out')} class="govuk-!-margin-top-8" novalidate>
      <CsrfField token={c.get('csrfToken')} />
      <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
      <p class="govuk-body-s">{t('yourData.session.provedAs', { email: session.email, time: timeOf(session.expiresAt, c.get('lang')) })}</p>
      <Button text={t('yourData.signOut.button')} secondary />
    </form>
  );
}

export interface PageOptions {
  errors?: Errors;
  back?: string;
  status?: 200 | 400 | 404 | 429 | 503;
  /** The session the page shows, for its footer (who, until when, sign out). */
  session?: DataSession;
}

/** One of these pages in the GOV.UK layout; a page with errors answers 400 unless told. */
export function dataPage(c: AppContext, title: string, body: Child, options: PageOptions = {}): Response | Promise<Response> {
  const hasErrors = !!options.errors && Object.keys(options.errors).length > 0;
  return c.html(
    `<!DOCTYPE html>${String(
      <Page c={c} title={title} errors={options.errors} backLink={options.back} noindex>
        {body}
        {options.session && <SessionFooter c={c} session={options.session} />}
      </Page>,
    )}`,
    options.status ?? (hasErrors ? 400 : 200),
  );
}

/** The council's name in the page's language. */
export const councilName = (c: AppContext): string => localise(c.get('council').name, c.get('lang'));

/** Shared by the step files: built once in the routes factory. */
export interface DataRightsJourney {
  council: CouncilConfig;
  deps: CouncilAppDeps;
}
