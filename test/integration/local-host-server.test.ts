/**
 * The local host as `npm start` runs it: one process per data folder, and over-limit bodies
 * answered with their 413 page over a real socket, as a browser would see them.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../functions/app.ts';
import { FolderInUseError } from '../../functions/local/folder-lock.ts';
import { serveLocalHost } from '../../functions/local/http-server.ts';
import { createLocalHost, startEmbeddedStore, type LocalHost } from '../../functions/local/server.ts';
import { council, textOf } from '../support/harness.ts';
import { phoneJpeg } from '../support/images.ts';

const run = promisify(execFile);
const NOW = new Date('2026-12-01T10:00:00Z');

describe('the embedded store’s data folder', () => {
  it('cannot be used by a second store while the first runs, and says so plainly', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'ldf-lock-')), 'dynalite');
    const first = await startEmbeddedStore(folder);
    try {
      const second = startEmbeddedStore(folder);
      await expect(second).rejects.toBeInstanceOf(FolderInUseError);
      await expect(second).rejects.toThrow(`Another local host (process ${process.pid}) is already running on ${folder}`);
    } finally {
      await first.close();
    }
    // Free again once the first has stopped.
    const again = await startEmbeddedStore(folder);
    await again.close();
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });

  it('is taken over from a process that stopped without releasing it', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'ldf-lock-')), 'dynalite');
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(`${folder}.lock`, `${gone}\n`);
    const store = await startEmbeddedStore(folder);
    expect(readFileSync(`${folder}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await store.close();
  });

  it('makes a second `npm start` on the same folder exit with a message, not crash later', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ldf-data-'));
    const first = await startEmbeddedStore(path.join(dataDir, 'dynalite'));
    try {
      const error = await run('npx', ['tsx', 'functions/local/server.ts'], { env: { ...process.env, LDF_DATA_DIR: dataDir, PORT: '0' }, timeout: 60_000 }).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(error?.code).toBe(1);
      expect(error?.stderr).toContain(`Cannot start: another \`npm start\` is already running on ${dataDir} (process ${process.pid})`);
      expect(error?.stderr).not.toMatch(/Database is (closed|not open)/);
    } finally {
      await first.close();
    }
  }, 90_000);
});

describe('an over-limit body sent to the local host over HTTP', () => {
  let store: Awaited<ReturnType<typeof startEmbeddedStore>>;
  let host: LocalHost;
  const servers: ServerType[] = [];
  beforeAll(async () => {
    store = await startEmbeddedStore();
    host = await createLocalHost({ councils: [await council('hackney')], storeEndpoint: store.endpoint, photosDir: mkdtempSync(path.join(tmpdir(), 'ldf-photos-')), clock: () => NOW });
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await store.close();
  });

  const listen = (start: (onListening: (info: AddressInfo) => void) => ServerType) =>
    new Promise<string>((resolve) => {
      servers.push(start((info) => resolve(`http://127.0.0.1:${info.port}`)));
    });

  /** Posts bodies of several sizes and kinds, several times over kept-alive connections; what came back. */
  async function postLargeBodies(origin: string): Promise<string[]> {
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const size of [MAX_BODY_BYTES + 1, 1_000_000, 10_000_000]) {
        for (const kind of ['form', 'stream']) {
          const body = kind === 'form' ? new URLSearchParams({ csrf: 'x', description: 'x'.repeat(size) }) : new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array(size)), c.close()) });
          try {
            const res = await fetch(`${origin}/hackney/report`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, duplex: 'half' } as RequestInit);
            const text = textOf(await res.text());
            outcomes.push(`${res.status}${/too large|too big/i.test(text) ? ' page' : ''}`);
          } catch (error) {
            outcomes.push(`failed: ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`);
          }
        }
      }
    }
    return outcomes;
  }

  it('gets its 413 page every time, never a reset connection', async () => {
    const origin = await listen((onListening) => serveLocalHost(host.app.fetch, { port: 0, hostname: '127.0.0.1' }, onListening));
    const outcomes = await postLargeBodies(origin);
    expect(outcomes).toEqual(outcomes.map(() => '413 page'));
  }, 60_000);

  it('still hands bodies within the limits to the app, an upload included', async () => {
    const origin = await listen((onListening) => serveLocalHost(host.app.fetch, { port: 0, hostname: '127.0.0.1' }, onListening));
    const photos = host.photos.get('hackney')!;
    const upload = await photos.uploadForm({ draftId: 'AbCdEfGhIjKlMnOpQrStUv', redirectUrl: '/hackney/report/photo', now: NOW });
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([phoneJpeg() as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'IMG_0001.jpg');
    const res = await fetch(`${origin}${upload.action}`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(303);
    const key = new URL(res.headers.get('location')!, origin).searchParams.get('key')!;
    expect(await photos.ingest({ key, draftId: 'AbCdEfGhIjKlMnOpQrStUv' })).toMatchObject({ ok: true });
    // A small form reaches the council's app (refused there for its missing token, not by the host).
    const small = await fetch(`${origin}/hackney/report`, { method: 'POST', body: new URLSearchParams({ csrf: 'x' }) });
    expect(small.status).toBe(403);
  }, 60_000);
});
