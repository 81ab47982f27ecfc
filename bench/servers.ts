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
  baselineOrigin: string;
  counter: StoreCounter;
  close(): Promise<void>;
}

function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<{ server: ServerType; origin: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ server, origin: `http://127.0.0.1:${info.port}` });
    });
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}

export async function startServers(): Promise<Servers> {
  const counter: StoreCounter = {
    total: 0,
    byCommand: {},
    reset() {
      this.total = 0;
      this.byCommand = {};
    },
  };
  const councils = await loadCouncils();
  const store = await startEmbeddedStore();
  const host = await createLocalHost({
    councils,
    storeEndpoint: store.endpoint,
    // Load comes from one address; the limit is not what is being measured.
    postcodeLookupLimit: { max: 1_000_000_000, windowSeconds: 1 },
    onStoreRequest: (command) => {
      counter.total++;
      counter.byCommand[command] = (counter.byCommand[command] ?? 0) + 1;
    },
  });
  const baselineApp = await createBaselineApp(store.endpoint);
  const council = await listen(host.app.fetch);
  const baseline = await listen(baselineApp.fetch);
  counter.reset();
  return {
    councils,
    councilOrigin: council.origin,
    baselineOrigin: baseline.origin,
    counter,
    async close() {
      await Promise.all([closeServer(council.server), closeServer(baseline.server)]);
      await store.close();
    },
  };
}
