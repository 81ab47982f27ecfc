/**
 * Browser test support for the back office: the local host with staff sign-in through the embedded
 * OpenID provider (as `npm start` runs it), served on a free loopback port, and the steps a member
 * of staff takes in Chromium (signing in by clicking through the provider's account chooser).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerType } from '@hono/node-server';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import type { CreateCaseResult } from '../../functions/core/cases/case-store.ts';
import type { Language } from '../../functions/core/language.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { deliverNewCaseNotification } from '../../functions/core/notifications/delivery.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { SECRETS, type SecretName } from '../../functions/core/secrets/port.ts';
import { serviceConfig } from '../../functions/core/service-config.ts';
import { serveLocalHost } from '../../functions/local/http-server.ts';
import type { SampleStaff } from '../../functions/local/oidc-dev-provider.ts';
import { createLocalHost, localStaffSignIn, startEmbeddedStore, type LocalHost, type LocalStaffSignIn } from '../../functions/local/server.ts';
import { createProblemReport } from '../../functions/modules/report/reports.ts';
import { navigate } from './support.ts';

/**
 * The clock of a staff browser test: fixed, at the real time the file started (to the second), and
 * moved only by the test. The embedded provider signs its ID tokens with the real time and the app
 * checks them against its own clock, so the app's time must stay near the tokens' (they last an
 * hour): tests move it by minutes at most.
 */
export class StaffTestClock {
  private now = new Date(Math.floor(Date.now() / 1000) * 1000);
  readonly read = (): Date => new Date(this.now);
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

export interface StaffTestHost {
  /** e.g. http://127.0.0.1:41234, with no trailing slash; also the councils' public origin. */
  baseUrl: string;
  host: LocalHost;
  signIn: LocalStaffSignIn;
  councils: Map<string, CouncilConfig>;
  /** The council's secrets as its app reads them (the same file), for seeding cases. */
  secrets(councilId: string): LocalSecrets;
  close(): Promise<void>;
}

/**
 * The local host with every council, staff sign-in through the embedded provider (a client per
 * council, registered with this host's own redirect URIs), an in-memory store and a fixed clock.
 */
export async function startStaffTestHost(clock: StaffTestClock): Promise<StaffTestHost> {
  const store = await startEmbeddedStore();
  const dir = await mkdtemp(path.join(tmpdir(), 'ldf-staff-browser-'));
  let server: ServerType | undefined;
  let signIn: LocalStaffSignIn | undefined;
  try {
    const councils = await loadCouncils();
    // The redirect URIs registered at the provider name the host's port, so the port comes first;
    // requests wait for the host behind it.
    let app: LocalHost['app'] | undefined;
    const port = await new Promise<number>((resolve, reject) => {
      server = serveLocalHost(
        (request, env) => (app ? app.fetch(request, env) : new Response('Starting', { status: 503 })),
        { port: 0, hostname: '127.0.0.1' },
        (info: AddressInfo) => resolve(info.port),
      );
      server.once('error', reject);
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    // No environment: a developer's LDF_OIDC_* settings must not change the tests.
    signIn = await localStaffSignIn(councils, baseUrl, {});
    // Each council's generated secrets are made now, in the file its app reads, so cases seeded
    // here get the same reference and contact keys as those the app makes.
    const secretsDir = path.join(dir, 'secrets');
    const secrets = new Map<string, LocalSecrets>();
    for (const council of councils) {
      const own = new LocalSecrets({ file: path.join(secretsDir, `${council.id}.json`) });
      for (const name of Object.keys(SECRETS) as SecretName[]) if (SECRETS[name].generated) await own.get(name);
      secrets.set(council.id, own);
    }
    const host = await createLocalHost({
      councils,
      storeEndpoint: store.endpoint,
      photosDir: path.join(dir, 'photos'),
      secretsDir,
      clock: clock.read,
      postcodeLookupLimit: { max: 1000, windowSeconds: 60 },
      caseCreationLimit: { max: 1000, windowSeconds: 60 },
      staffSignIn: signIn,
    });
    app = host.app;
    const listening = server!;
    const provider = signIn;
    return {
      baseUrl,
      host,
      signIn: provider,
      councils: new Map(councils.map((c) => [c.id, c])),
      secrets: (id) => secrets.get(id)!,
      async close() {
        (listening as { closeAllConnections?: () => void }).closeAllConnections?.();
        await new Promise<void>((resolve) => listening.close(() => resolve()));
        await provider.close();
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    server?.close();
    await signIn?.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

let seeded = 0;

/**
 * A problem report made straight in the council's store, as the resident journey makes it (the
 * council's first category, on its first street), with its confirmation sent.
 */
export async function seedReport(
  target: StaffTestHost,
  councilId: string,
  now: Date,
  options: { lang?: Language; description?: string; contact?: { name?: string; email?: string; phone?: string } } = {},
): Promise<string> {
  const council = target.councils.get(councilId)!;
  const store = target.host.stores.get(councilId)!;
  const report = serviceConfig(council, 'report');
  const street = report.streets[0];
  const result: CreateCaseResult = await createProblemReport(
    store,
    council,
    {
      category: report.groups[0].categories[0],
      description: options.description ?? 'A deep hole by the bus stop',
      attributes: {},
      location: { lat: street.point[1], long: street.point[0], address: `${street.name}, ${street.locality}` },
      contact: options.contact ?? { name: 'Ann Resident', email: 'ann@example.com', phone: '020 7946 0000' },
      photos: [],
      lang: options.lang ?? 'en',
      submissionId: `browser-staff-${process.pid}-${++seeded}`,
      source: 'web',
    },
    now,
    target.secrets(councilId),
  );
  if (result.outcome !== 'created') throw new Error(`The seeded report was not created (${result.outcome})`);
  await deliverNewCaseNotification(store, target.host.outboxes.get(councilId)!, result, now, createLogger());
  return result.case.reference;
}

/** A council's sample member of staff of one kind, as the embedded provider lists them. */
export function sampleOf(target: StaffTestHost, councilId: string, kind: SampleStaff['kind']): SampleStaff {
  const found = target.signIn.staff.find((s) => s.councilId === councilId && s.kind === kind);
  if (!found) throw new Error(`No sample ${kind} at ${councilId}`);
  return found;
}

/** The page's visible text with runs of white space as one space. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * Signs in at `<prefix>/staff/` as the staff member, as a person would: the back office sends them
 * to its sign-in page, its button to the provider's account chooser, where they pick themselves and
 * press "Sign in". Returns the status of the page they end on (the landing page, or an error page).
 *
 * `signInButton` is the back office's button in the page's language.
 */
export async function signInThroughProvider(page: Page, target: StaffTestHost, prefix: string, staff: SampleStaff, signInButton: string): Promise<number | undefined> {
  await page.goto(`${target.baseUrl}${prefix}/staff/`);
  expect(new URL(page.url()).pathname).toBe(`${prefix}/staff/sign-in`);
  await navigate(page, () => page.getByRole('button', { name: signInButton, exact: true }).click());
  // The provider's account chooser, on its own origin.
  expect(new URL(page.url()).origin).toBe(target.signIn.issuer);
  await page.getByRole('radio', { name: `${staff.name} – ${staff.email} (${staff.kind})`, exact: true }).check();
  // Through the provider's redirects and the callback's, to the page the browser lands on: its
  // document's status is the last one that is not a redirect.
  let status: number | undefined;
  const onResponse = (response: Response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame() && (response.status() < 300 || response.status() >= 400)) status = response.status();
  };
  page.on('response', onResponse);
  try {
    await Promise.all([
      // Server redirects all the way: the page commits only the last URL (the callback itself when it refuses).
      page.waitForURL((url) => url.origin === target.baseUrl, { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
  } finally {
    page.off('response', onResponse);
  }
  return status;
}

/** A new context and page for one member of staff, signed in; `javaScriptEnabled: false` for a browser without scripts. */
export async function signedInContext(
  browser: Browser,
  target: StaffTestHost,
  prefix: string,
  staff: SampleStaff,
  signInButton: string,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; status: number | undefined }> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const status = await signInThroughProvider(page, target, prefix, staff, signInButton);
  return { context, page, status };
}
