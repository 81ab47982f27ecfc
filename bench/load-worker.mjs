// A long-lived worker thread that runs autocannon when asked, so the load generator neither shares
// the servers' event loop nor pays for a new thread on every run. Messages: autocannon options in,
// { ok, result | error } out.
import { parentPort } from 'node:worker_threads';
import autocannon from 'autocannon';
// Off the main thread autocannon hands back its raw result (histograms encoded), expecting its own
// manager to aggregate it; this does the same.
import aggregateResult from 'autocannon/lib/aggregateResult.js';

parentPort.on('message', async (options) => {
  try {
    const r = aggregateResult(await autocannon(options), options);
    parentPort.postMessage({
      ok: true,
      result: {
        duration: r.duration,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        statusCodeStats: r.statusCodeStats,
        latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, average: r.latency.average, max: r.latency.max },
        requests: { total: r.requests.total, average: r.requests.average, sent: r.requests.sent },
      },
    });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error?.stack ?? error) });
  }
});
