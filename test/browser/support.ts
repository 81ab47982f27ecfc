/**
 * Browser test support: a real Chromium (playwright-core, no bundled browsers), the local host on a
 * loopback port with every council and a fixed clock, and axe-core checks with readable failures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { expect } from 'vitest';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import { serveLocalHost } from '../../functions/local/http-server.ts';
import { createLocalHost, startEmbeddedStore, type LocalHost } from '../../functions/local/server.ts';

/**
 * Does something that makes the page navigate (a click, a submit) and waits until the new page has
 * loaded, scripts included; returns its response (after any redirects), so its status can be checked.
 */
export async function navigate(page: Page, act: () => Promise<unknown>): Promise<Response | null> {
  // waitForNavigation is the one wait that covers a form posted back to its own URL and redirects alike.
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), act()]);
  return response;
}

/** The WCAG levels every page must meet: 2.0, 2.1 and 2.2, A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Chromium, headless, quiet on the network: Debian's by default, or CHROMIUM_PATH. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface TestHost {
  /** e.g. http://127.0.0.1:41234, with no trailing slash. */
  baseUrl: string;
  host: LocalHost;
  close(): Promise<void>;
}

/** The local host, every council, an in-memory store and the clock fixed at `now`, served on a free port. */
export async function startTestHost(now: string): Promise<TestHost> {
  const store = await startEmbeddedStore();
  const photosDir = await mkdtemp(path.join(tmpdir(), 'ldf-test-photos-'));
  let server: ServerType | undefined;
  try {
    const councils = await loadCouncils();
    const host = await createLocalHost({
      councils,
      storeEndpoint: store.endpoint,
      photosDir,
      clock: () => new Date(now),
      // Tests look up many postcodes from one address; the limit has its own tests elsewhere.
      postcodeLookupLimit: { max: 1000, windowSeconds: 60 },
      // The journeys send many reports from one address; the case limit has its own tests.
      caseCreationLimit: { max: 1000, windowSeconds: 60 },
    });
    const port = await new Promise<number>((resolve, reject) => {
      // The same server as npm start, so browsers see what residents would.
      server = serveLocalHost(host.app.fetch, { port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
      server.once('error', reject);
    });
    const listening = server!;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      host,
      async close() {
        // Browsers keep connections alive; drop them so close() does not wait for their timeout.
        (listening as { closeAllConnections?: () => void }).closeAllConnections?.();
        await new Promise<void>((resolve) => listening.close(() => resolve()));
        await store.close();
        await rm(photosDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    server?.close();
    await store.close();
    await rm(photosDir, { recursive: true, force: true });
    throw error;
  }
}

export interface A11yViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is now, for the WCAG 2.2 AA tags; returns the violations. */
export async function checkA11y(page: Page): Promise<A11yViolation[]> {
  // Legacy mode runs axe.run() in the page itself instead of runPartial() here and finishRun() in a
  // fresh blank page: the same rules and results for pages without cross-origin frames (ours have no
  // frames at all), in half the time, which keeps the suite fast.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  return results.violations;
}

/** Violations as a person reads them: rule, help, and each failing node's selector. */
export function formatViolations(violations: A11yViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ')}`).join('\n');
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Fails with a readable list when axe finds any WCAG A/AA violation on the page. */
export async function expectNoViolations(page: Page, label: string): Promise<void> {
  const violations = await checkA11y(page);
  if (violations.length > 0) {
    expect.fail(`${label} (${page.url()}) has ${violations.length} accessibility violation(s):\n${formatViolations(violations)}`);
  }
}
