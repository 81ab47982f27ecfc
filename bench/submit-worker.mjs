// A long-lived worker thread that fires a list of POSTs with bounded concurrency and times each,
// so the client neither shares the servers' event loop nor pays for a new thread on every batch.
// Message in: { requests: [{ url, headers, body }], concurrency }.
// Message out: { ok, result: { elapsedMs, latenciesMs, statuses, locations, errors } | error }.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', async ({ requests, concurrency }) => {
  try {
    const n = requests.length;
    const latenciesMs = new Array(n).fill(0);
    const statuses = new Array(n).fill(0);
    const locations = new Array(n).fill('');
    const errors = [];
    let next = 0;
    const lane = async () => {
      while (next < n) {
        const i = next++;
        const r = requests[i];
        const started = performance.now();
        try {
          const res = await fetch(r.url, { method: 'POST', headers: r.headers, body: r.body, redirect: 'manual' });
          await res.arrayBuffer();
          statuses[i] = res.status;
          locations[i] = res.headers.get('location') ?? '';
        } catch (error) {
          errors.push(String(error?.cause ?? error));
        }
        latenciesMs[i] = performance.now() - started;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
    const elapsedMs = performance.now() - started;
    parentPort.postMessage({ ok: true, result: { elapsedMs, latenciesMs, statuses, locations, errors } });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error?.stack ?? error) });
  }
});
