import { createServer, type IncomingMessage, type RequestListener, type ServerOptions } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { MAX_UPLOAD_BYTES } from '../core/photos/s3-photo-storage.ts';

/** The most of a body the host keeps for the app: an upload with its form around it. Larger ones are read and dropped. */
export const HOST_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;
/** Past this, the rest of a body is not read: the connection is closed, as any server would. */
export const HOST_DRAIN_BYTES = 256 * 1024 * 1024;

/**
 * Reads a request's whole body before the app sees it, and hands it over as `rawBody`
 * (@hono/node-server takes the body from there when a host has read it already).
 *
 * Why: the app refuses an over-limit body by its Content-Length, before reading it, and answers
 * 413. @hono/node-server then drains the unread rest for only 500 ms, and the request's web stream
 * (piped by mount()) competes with that drain; the socket is destroyed while the browser is still
 * sending, so it shows a reset connection instead of the 413 page. Read to the end first, the
 * request is complete before any answer is written, as browsers expect of HTTP/1.1.
 *
 * A body over HOST_BODY_BYTES is read and dropped: the app gets an empty body with the request's
 * own Content-Length, which its limits refuse.
 */
export function readWholeBody(incoming: IncomingMessage): Promise<void> {
  if (incoming.method === 'GET' || incoming.method === 'HEAD' || incoming.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onEnd);
      incoming.off('close', onEnd);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= HOST_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
      if (total > HOST_DRAIN_BYTES) {
        incoming.pause();
        (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = Buffer.alloc(0);
        finish();
      }
    };
    const onEnd = () => {
      // An aborted request is answered into the void; the app still sees what arrived.
      (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = total <= HOST_BODY_BYTES ? Buffer.concat(chunks, total) : Buffer.alloc(0);
      finish();
    };
    incoming.on('data', onData);
    incoming.once('end', onEnd);
    incoming.once('error', onEnd);
    incoming.once('close', onEnd);
  });
}

/**
 * Serves a fetch handler (the local host's app) over HTTP with @hono/node-server, each request's
 * body read in full first (see readWholeBody).
 *
 * @example
 * const server = serveLocalHost(host.app.fetch, { port: 3000, hostname: '127.0.0.1' }, (info) => console.log(info.port));
 */
export function serveLocalHost(
  fetch: Parameters<typeof serve>[0]['fetch'],
  options: { port: number; hostname: string },
  onListening?: (info: AddressInfo) => void,
): ServerType {
  return serve(
    {
      fetch,
      port: options.port,
      hostname: options.hostname,
      createServer: ((serverOptions: ServerOptions, listener: RequestListener) =>
        createServer(serverOptions, (incoming, outgoing) => {
          void readWholeBody(incoming).then(() => listener(incoming, outgoing));
        })) as typeof createServer,
    },
    onListening,
  );
}
