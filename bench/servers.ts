/**
 * The warm-path setup: an in-memory dynalite, the local host with every council on it (counting
 * store requests), and the baseline app on the same store, each served by @hono/node-server.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { CouncilConfig } from '../functions/config/council-schema.ts';
import { loadCouncils } from '../functions/config/load-councils.ts';
import { createLocalHost, startEmbeddedStore } from '../functions/local/server.ts';
import { createBaselineApp } from './baseline-server.ts';

export interface StoreCounter {
  total: number;
  byCommand: Record<string, number>;
  reset(): void;
}

export interface Servers {
  councils: CouncilConfig[];
  councilOrigin: string;
  /** One council's own app served alone, as its Lambda serves it (no local-host mount in front). */
  councilAppOrigin(id: string): Promise<string>;
  baselineOrigin: string;
  counter: StoreCounter;
  /** Waits until both servers have finished the requests they are handling. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface Listening {
  server: ServerType;
  origin: string;
  /** Resolves when no request is being handled (a load generator may hang up on requests still running). */
  idle(): Promise<void>;
}

type Fetch = (req: Request, env?: unknown) => Response | Promise<Response>;

/** Serves `fetch` on a free loopback port, counting requests in flight. */
export function listen(fetch: Fetch): Promise<Listening> {
  let inFlight = 0;
  // The env (Node's incoming/outgoing) is passed on: getConnInfo reads the client address from it.
  const counted = async (req: Request, env?: unknown) => {
    inFlight++;
    try {
      return await fetch(req, env);
    } finally {
      inFlight--;
    }
  };
  const idle = async () => {
    for (let i = 0; i < 300 && inFlight > 0; i++) await new Promise((r) => setTimeout(r, 10));
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: counted, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ server, origin: `http://127.0.0.1:${info.port}`, idle });
    });
    server.once('error', reject);
  });
}

/** Stops accepting connections and lets requests in flight finish (so none hits a closed store), then gives up after 3 s. */
export function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, 3000);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

export interface StartOptions {
  /** Changes the loaded (and checked) council files before the local host is made from them, e.g. adopting a bench-only form. */
  prepare?(councils: CouncilConfig[]): void | Promise<void>;
}

export async function startServers(options: StartOptions = {}): Promise<Servers> {
  const counter: StoreCounter = {
    total: 0,
    byCommand: {},
    reset() {
      this.total = 0;
      this.byCommand = {};
    },
  };
  const councils = await loadCouncils();
  await options.prepare?.(councils);
  const store = await startEmbeddedStore();
  const host = await createLocalHost({
    councils,
    storeEndpoint: store.endpoint,
    // Load comes from one address; the limit is not what is being measured.
    postcodeLookupLimit: { max: 1_000_000_000, windowSeconds: 1 },
    caseCreationLimit: { max: 1_000_000_000, windowSeconds: 1 },
    onStoreRequest: (command) => {
      counter.total++;
      counter.byCommand[command] = (counter.byCommand[command] ?? 0) + 1;
    },
  });
  // Creating the tables went through the counted client: if nothing was counted, zeros later would mean nothing.
  if (counter.total === 0) throw new Error('The store request counter saw no requests while the tables were created: onStoreRequest is not wired');
  const baselineApp = await createBaselineApp(store.endpoint);
  const council = await listen(host.app.fetch);
  const baseline = await listen(baselineApp.fetch);
  const direct = new Map<string, Listening>();
  counter.reset();
  return {
    councils,
    councilOrigin: council.origin,
    async councilAppOrigin(id) {
      let served = direct.get(id);
      if (!served) {
        const app = host.apps.get(id);
        if (!app) throw new Error(`No council ${id} on the local host`);
        served = await listen(app.fetch);
        direct.set(id, served);
      }
      return served.origin;
    },
    baselineOrigin: baseline.origin,
    counter,
    async settle() {
      await Promise.all([council.idle(), baseline.idle(), ...[...direct.values()].map((d) => d.idle())]);
    },
    async close() {
      await Promise.all([closeServer(council.server), closeServer(baseline.server), ...[...direct.values()].map((d) => closeServer(d.server))]);
      await Promise.all([council.idle(), baseline.idle()]);
      await store.close();
    },
  };
}
