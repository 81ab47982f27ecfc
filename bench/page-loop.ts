/**
 * A load loop for profiling the warm bin-day page in one process, without HTTP: the local host's
 * app answers the page with `app.request()` as fast as it can for a few seconds, then the same
 * bytes and headers from a bare Hono route, and the two rates are printed.
 *
 *   node --import tsx --cpu-prof --cpu-prof-dir=bench/results/profiles bench/page-loop.ts [seconds] [page]
 *
 * `page` loads only the page (a cleaner profile). `http` instead runs the bench's own figure alone
 * (bench/page-cost.ts: both served over HTTP from this process, autocannon in a worker thread):
 *
 *   npx tsx bench/page-loop.ts 3 http
 */
import './env.ts';
import { loadCouncils } from '../functions/config/load-councils.ts';
import { createLocalHost, startEmbeddedStore } from '../functions/local/server.ts';
import { bareCopy, capturePage, measurePageCost } from './page-cost.ts';
import { startServers } from './servers.ts';

const seconds = Number(process.argv[2] ?? 5);
const mode = process.argv[3] ?? 'both';
if (mode === 'http') {
  const servers = await startServers();
  try {
    const r = await measurePageCost(await servers.councilAppOrigin('hackney'), '/bins/property/10008200001', {
      connections: 10,
      durationS: seconds,
      warmupS: 1,
      rounds: 4,
      beforeEach: () => servers.settle(),
    });
    const f = (n: number) => n.toFixed(0);
    process.stdout.write(
      `page ${f(r.council.reqPerSec)} req/s (p99 ${r.council.p99Ms} ms, ${r.council.errors + r.council.non2xx} bad), ` +
        `bare ${f(r.baseline.reqPerSec)} req/s, ratio ${r.throughputRatio.toFixed(3)}x (rounds ${r.pairRatios.map((x) => x.toFixed(3)).join(' ')}), ${r.bytes} B\n`,
    );
  } finally {
    await servers.close();
  }
  process.exit(0);
}
const councils = await loadCouncils();
const council = councils.find((c) => c.id === 'hackney')!;
if (council.addresses?.provider !== 'gazetteer') throw new Error('hackney has no gazetteer');
const path = `/hackney/bins/property/${council.addresses.properties[0].uprn}`;
const store = await startEmbeddedStore();
try {
  const host = await createLocalHost({ councils, storeEndpoint: store.endpoint, postcodeLookupLimit: { max: 1e9, windowSeconds: 1 } });
  const fetchPage = async (p: string) => host.app.request(p, { headers: { accept: 'text/html' } });
  const page = await capturePage((p) => fetchPage(p), path);
  const bare = bareCopy(page);

  async function loop(name: string, request: () => Response | Promise<Response>): Promise<number> {
    // Warm-up, then measure.
    for (let i = 0; i < 500; i++) await (await request()).arrayBuffer();
    let n = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    const until = start + seconds * 1000;
    while (performance.now() < until) {
      for (let i = 0; i < 50; i++) {
        const res = await request();
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
      }
      n += 50;
    }
    const rate = n / ((performance.now() - start) / 1000);
    // CPU time as well as wall time: on a shared machine it is the steadier of the two.
    const used = process.cpuUsage(cpu);
    const cpuUs = (used.user + used.system) / n;
    process.stdout.write(`${name}: ${rate.toFixed(0)} req/s, ${(1e6 / rate).toFixed(1)} us wall, ${cpuUs.toFixed(1)} us CPU per request\n`);
    return 1e6 / cpuUs;
  }

  const pageRate = await loop('bin-day page (full app, in process)', () => fetchPage(path));
  if (mode !== 'page') {
    const bareRate = await loop('same bytes from a bare Hono route', () => bare.request('/'));
    process.stdout.write(`ratio (by CPU time): ${(pageRate / bareRate).toFixed(3)}x (${page.body.length} B)\n`);
  }
} finally {
  await store.close();
}
