/**
 * The performance report: bundle size, cold start, warm throughput and p99, and store requests per
 * page view, each against a baseline measured in the same run; what the warm bin-day page costs beyond
 * its bytes (against a bare route answering the same, bench/page-cost.ts); the report-a-problem journey's store
 * requests per step and its submission throughput against a conditional-PutItem baseline
 * (bench/report-journey.ts, bench/submissions.ts); and CDK synthesis of the whole app for
 * 1, 100 and 400 generated councils (bench/synth.ts), with the 400-council assembly checked against
 * CloudFormation's limits and for clashing physical names; and, for residents' data (bench/data-rights.ts),
 * the look-up of a resident's cases in the staff queue's 100,000-case table and the retention
 * sweep's items per second. `npm run bench` (add `-- --quick`
 * for a smoke check). Prints a table and writes bench/results/latest.json. Exits 0 whatever the
 * figures (it is a report) and non-zero only if a measurement could not be made.
 */
import './env.ts';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyseBundle, buildBaseline, buildCouncil, type BundleReport } from './bundles.ts';
import { measureColdStarts, type ColdResult } from './cold-start.ts';
import { goalRow, infoRow, kb, ms, section, table, type Row } from './report.ts';
import { startServers, type Servers } from './servers.ts';
import { round } from './stats.ts';
import { measureReportJourney, type JourneyRequest, type ReportJourneyResult } from './report-journey.ts';
import { measureStoreRequests, type StoreRequestsResult } from './store-requests.ts';
import { measureSubmissions, type SubmissionComparison, type SubmissionOptions } from './submissions.ts';
import { measureSynth, SYNTH_GOALS, synthDetails, synthRows, type SynthResults } from './synth.ts';
import { measureWarm, type WarmComparison, type WarmOptions } from './warm.ts';
import { measurePageCost, type PageCostResult } from './page-cost.ts';
import { measureOpen311List, OPEN311_LIST_GOAL, open311ListRows } from './open311-list.ts';
import { measureStaffQueue, STAFF_QUEUE_GOAL, staffQueueRows } from './staff-queue.ts';
import { adoptBenchForm, BENCH_FORM, withdrawBenchForm, measureFormRenderTime, measureFormsJourney, type FormsJourneyResult, type FormsPageView, type RenderTimeResult } from './forms-journey.ts';

const COUNCIL = 'hackney';
const GOALS = { coldStartRatioMax: 1.25, throughputRatioMin: 0.8, storeRequestsPerPageMax: 1, storeRequestsPerSubmissionMax: 3 };
/** Warm bin-day page req/s ÷ a bare Hono route answering its bytes (bench/page-cost.ts). */
const PAGE_COST_GOAL = { ratioMin: 0.25 };
/** The 20-page bench form (bench/forms-journey.ts), from issue 9: reads per page view, requests per answer. */
const FORMS_GOALS = { readsPerPageViewMax: 1, storeRequestsPerPageViewMax: 1, storeRequestsPerAnswerMax: 2 };
const RESULTS_DIR = path.join(import.meta.dirname, 'results');
const BUILD_DIR = path.join(RESULTS_DIR, 'build');

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = flags.quick ?? false;
const config: { coldRuns: number; warm: WarmOptions; submissions: SubmissionOptions; synthSizes: number[] } = quick
  ? {
      coldRuns: 3,
      warm: { connections: 10, durationS: 1, warmupS: 1, rounds: 2 },
      submissions: { perRound: 30, rounds: 1, warmup: 10, concurrency: 10 },
      synthSizes: [1, 100],
    }
  : {
      coldRuns: 10,
      warm: { connections: 10, durationS: 3, warmupS: 1, rounds: 6 },
      submissions: { perRound: 100, rounds: 4, warmup: 20, concurrency: 10 },
      synthSizes: [1, 100, 400],
    };

/** The forms render time: sequential requests per target per round, in alternating rounds. */
const formsRender = quick ? { rounds: 3, perRound: 50 } : { rounds: 6, perRound: 200 };

const started = performance.now();
const progress = (message: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
const ratio = (n: number) => `${n.toFixed(2)}x`;

interface Results {
  bundle: { council: BundleReport; baseline: BundleReport };
  coldStart: { council: ColdResult; baseline: ColdResult; ratio: number; cpuRatio: number };
  /** A report page cold, beside the bin page above: both must stay within the goal (the social care issue). */
  reportColdStart: { council: ColdResult; baseline: ColdResult; ratio: number; cpuRatio: number };
  storeRequests: StoreRequestsResult;
  reportJourney: ReportJourneyResult;
  warm: WarmComparison;
  pageCost: PageCostResult;
  submissions: SubmissionComparison;
  synth: SynthResults;
  forms: FormsResults;
}

interface FormsResults {
  /** The forms the cold-start bundle's council adopts (its config file, as the Lambda reads it). */
  coldStartAdopted: string[];
  /** A resident opening a form cold: the council bundle's GET /forms/<id> against the baseline, in their own alternating runs. */
  coldStart: { council: ColdResult; baseline: ColdResult; ratio: number; cpuRatio: number };
  journey: FormsJourneyResult;
  render: RenderTimeResult;
}

async function measure(): Promise<Omit<Results, 'synth'>> {
  progress(`building the ${COUNCIL} bundle and the baseline bundle`);
  const councilBundle = await buildCouncil(COUNCIL, path.join(BUILD_DIR, COUNCIL));
  const baselineBundle = await buildBaseline(path.join(BUILD_DIR, 'baseline'));
  const bundle = { council: await analyseBundle(councilBundle), baseline: await analyseBundle(baselineBundle) };

  progress(`cold starts: ${config.coldRuns} of each, alternating`);
  const [coldCouncil, coldBaseline] = await measureColdStarts(
    [
      { name: `${COUNCIL} bundle`, entry: councilBundle.entry, path: '/bins', env: { COUNCIL_CONFIG_FILE: councilBundle.configFile } },
      { name: 'baseline bundle', entry: baselineBundle.entry, path: '/' },
    ],
    config.coldRuns,
  );
  const coldStart = {
    council: coldCouncil,
    baseline: coldBaseline,
    ratio: coldCouncil.medianMs / coldBaseline.medianMs,
    cpuRatio: coldCouncil.medianCpuMs / coldBaseline.medianCpuMs,
  };
  progress(`cold starts of a report page (/report): ${config.coldRuns} of each, alternating`);
  const [coldReport, coldReportBaseline] = await measureColdStarts(
    [
      { name: `${COUNCIL} bundle, report`, entry: councilBundle.entry, path: '/report', env: { COUNCIL_CONFIG_FILE: councilBundle.configFile } },
      { name: 'baseline bundle', entry: baselineBundle.entry, path: '/' },
    ],
    config.coldRuns,
  );
  const reportColdStart = {
    council: coldReport,
    baseline: coldReportBaseline,
    ratio: coldReport.medianMs / coldReportBaseline.medianMs,
    cpuRatio: coldReport.medianCpuMs / coldReportBaseline.medianCpuMs,
  };
  // The figure above is with the forms module on: the bundle's council file adopts forms.
  const bundled = JSON.parse(await readFile(councilBundle.configFile, 'utf8')) as { services?: { forms?: { adopted?: Record<string, unknown> } } };
  const coldStartAdopted = Object.keys(bundled.services?.forms?.adopted ?? {});
  if (coldStartAdopted.length === 0) throw new Error(`The ${COUNCIL} bundle's council adopts no form: the cold start would not have the forms module on`);
  const coldForm = `/forms/${coldStartAdopted[0]}`;
  progress(`cold starts opening a form (${coldForm}): ${config.coldRuns} of each, alternating`);
  const [coldFormCouncil, coldFormBaseline] = await measureColdStarts(
    [
      { name: `${COUNCIL} bundle, form start page`, entry: councilBundle.entry, path: coldForm, env: { COUNCIL_CONFIG_FILE: councilBundle.configFile } },
      { name: 'baseline bundle', entry: baselineBundle.entry, path: '/' },
    ],
    config.coldRuns,
  );
  const formsColdStart = {
    council: coldFormCouncil,
    baseline: coldFormBaseline,
    ratio: coldFormCouncil.medianMs / coldFormBaseline.medianMs,
    cpuRatio: coldFormCouncil.medianCpuMs / coldFormBaseline.medianCpuMs,
  };

  progress('starting dynalite, the local host and the baseline server');
  let servers: Servers | undefined;
  try {
    // The 20-page bench form joins the catalogue and the council adopts it before the host is made.
    servers = await startServers({ prepare: (councils) => adoptBenchForm(councils, COUNCIL) });
    progress('store requests per page view');
    const binPages = await measureStoreRequests(servers, COUNCIL);
    progress('report a problem: store requests of each step');
    const reportJourney = await measureReportJourney(servers, COUNCIL);
    // Its resident page views join the per-page-view rows (and their maximum).
    const pages = [...binPages.pages, ...reportJourney.pageViews];
    const storeRequests: StoreRequestsResult = { ...binPages, pages, max: Math.max(...pages.map((p) => p.storeRequests)) };

    const council = servers.councils.find((c) => c.id === COUNCIL)!;
    if (council.addresses?.provider !== 'gazetteer') throw new Error(`${COUNCIL} has no gazetteer property to load`);
    const uprn = council.addresses.properties[0].uprn;
    const w = config.warm;
    progress(`warm load: ${w.rounds} alternating rounds of ${w.durationS}s per target, ${w.connections} connections, after ${w.warmupS}s warm-up each`);
    const warm = await measureWarm(
      { name: `${COUNCIL} bin-day page`, url: `${servers.councilOrigin}/${COUNCIL}/bins/property/${uprn}` },
      { name: 'baseline GetItem', url: `${servers.baselineOrigin}/` },
      { ...w, beforeEach: () => servers!.settle() },
    );
    progress(`warm page cost: the bin-day page against a bare route with its bytes, ${w.rounds} alternating rounds of ${w.durationS}s`);
    // The council's app as its Lambda serves it: the local host's mount (which rebuilds each request
    // under /<id>/) is not part of the page's cost in AWS.
    const pageCost = await measurePageCost(await servers.councilAppOrigin(COUNCIL), `/bins/property/${uprn}`, { ...w, beforeEach: () => servers!.settle() });
    const s = config.submissions;
    progress(`submissions: ${s.rounds} alternating rounds of ${s.perRound} per target, ${s.concurrency} in flight, after ${s.warmup} warm-up each`);
    const submissions = await measureSubmissions(servers, COUNCIL, reportJourney.uprn, { ...s, progress });
    progress(`forms: the ${BENCH_FORM.pages.length}-page bench form walked once, counting store requests`);
    const journey = await measureFormsJourney(servers, COUNCIL);
    progress(`forms: a question page with a draft against a bare route with its bytes, ${formsRender.rounds} rounds of ${formsRender.perRound} sequential requests`);
    const render = await measureFormRenderTime(servers, COUNCIL, formsRender);
    const forms: FormsResults = { coldStartAdopted, coldStart: formsColdStart, journey, render };
    return { bundle, coldStart, reportColdStart, storeRequests, reportJourney, warm, pageCost, submissions, forms };
  } finally {
    await servers?.close();
    withdrawBenchForm();
  }
}

function summaryRows(r: Results): Row[] {
  const { council: cb, baseline: bb } = r.bundle;
  const cs = r.coldStart;
  const w = r.warm;
  const warmClean = w.council.errors + w.council.non2xx === 0;
  const rows: Row[] = [
    infoRow(`Bundle: index.mjs (${COUNCIL})`, `${kb(cb.entryBytes)} (${cb.entryBytes} B)`),
    infoRow(`Bundle: chunks (${cb.chunks.length} files)`, `${kb(cb.chunkBytes)} (${cb.chunkBytes} B)`),
    infoRow('Bundle: loaded at cold start, council / baseline', `${kb(cb.coldLoadedBytes)} / ${kb(bb.coldLoadedBytes)} = ${ratio(cb.coldLoadedBytes / bb.coldLoadedBytes)}`),
    infoRow('Bundle: all JS, council / baseline', `${kb(cb.totalJsBytes)} / ${kb(bb.totalJsBytes)} = ${ratio(cb.totalJsBytes / bb.totalJsBytes)}`),
    infoRow(`Cold start: council GET /bins (median of ${cs.council.samples.length})`, `${ms(cs.council.medianMs)} (import ${ms(cs.council.medianImportMs)}, invoke ${ms(cs.council.medianInvokeMs)})`),
    infoRow(`Cold start: baseline GET / (median of ${cs.baseline.samples.length})`, `${ms(cs.baseline.medianMs)} (import ${ms(cs.baseline.medianImportMs)}, invoke ${ms(cs.baseline.medianInvokeMs)})`),
    goalRow('Cold start: ratio council / baseline', ratio(cs.ratio), `<= ${GOALS.coldStartRatioMax}`, cs.ratio <= GOALS.coldStartRatioMax),
    infoRow('Cold start: CPU time, council / baseline', `${ms(cs.council.medianCpuMs)} / ${ms(cs.baseline.medianCpuMs)} = ${ratio(cs.cpuRatio)}`),
    goalRow(
      `Cold start: report page GET /report / baseline (median of ${r.reportColdStart.council.samples.length})`,
      `${ms(r.reportColdStart.council.medianMs)} / ${ms(r.reportColdStart.baseline.medianMs)} = ${ratio(r.reportColdStart.ratio)} (CPU ${ratio(r.reportColdStart.cpuRatio)})`,
      `<= ${GOALS.coldStartRatioMax}`,
      r.reportColdStart.ratio <= GOALS.coldStartRatioMax,
    ),
    infoRow(
      'Cold start: with the social care form on',
      r.forms.coldStartAdopted.includes('care-needs-assessment') ? `yes (${COUNCIL} adopts care-needs-assessment)` : `no: ${COUNCIL} does not adopt care-needs-assessment`,
    ),
    infoRow('Warm: council bin-day page', `${w.council.reqPerSec.toFixed(0)} req/s, p99 ${ms(w.council.p99Ms)}${warmClean ? '' : `, ${w.council.errors} errors, ${w.council.non2xx} non-2xx`}`),
    infoRow('Warm: baseline one GetItem', `${w.baseline.reqPerSec.toFixed(0)} req/s, p99 ${ms(w.baseline.p99Ms)}`),
    goalRow(
      `Warm: throughput ratio council / baseline (median of ${w.pairRatios.length} rounds)`,
      `${ratio(w.throughputRatio)} (rounds ${ratio(Math.min(...w.pairRatios))}-${ratio(Math.max(...w.pairRatios))}; overall ${ratio(w.aggregateRatio)})` +
        (warmClean ? '' : ' (council had errors)'),
      `>= ${GOALS.throughputRatioMin}`,
      w.throughputRatio >= GOALS.throughputRatioMin && warmClean,
    ),
    infoRow('Warm: p99 ratio council / baseline', ratio(w.p99Ratio)),
    ...pageCostRows(r.pageCost),
  ];
  for (const p of r.storeRequests.pages) {
    const commands = Object.entries(p.byCommand).map(([k, n]) => `${k.replace(/Command$/, '')} x${n}`).join(', ');
    rows.push(
      goalRow(
        `Store requests: ${p.page} [${p.status}]`,
        `${p.storeRequests}${commands ? ` (${commands})` : ''}`,
        `<= ${GOALS.storeRequestsPerPageMax}`,
        p.storeRequests <= GOALS.storeRequestsPerPageMax,
      ),
    );
  }
  rows.push(goalRow('Store requests: max per page view', String(r.storeRequests.max), `<= ${GOALS.storeRequestsPerPageMax}`, r.storeRequests.max <= GOALS.storeRequestsPerPageMax));
  for (const s of r.storeRequests.submissions) rows.push(goalRow(`Store requests: ${s.page}`, `${s.storeRequests} (${commandList(s.byCommand)})`, `<= ${GOALS.storeRequestsPerSubmissionMax}`, s.storeRequests <= GOALS.storeRequestsPerSubmissionMax && s.status === 303));
  rows.push(...reportRows(r));
  rows.push(...formsRows(r));
  rows.push(...synthRows(r.synth));
  return rows;
}

/** Warm page cost: the bin-day page through the full app against a bare route answering the same bytes. */
function pageCostRows(p: PageCostResult): Row[] {
  const clean = p.council.errors + p.council.non2xx === 0;
  return [
    infoRow(`Page cost: bin-day page, full app (${kb(p.bytes)})`, `${p.council.reqPerSec.toFixed(0)} req/s, p99 ${ms(p.council.p99Ms)}${clean ? '' : `, ${p.council.errors} errors, ${p.council.non2xx} non-2xx`}`),
    infoRow('Page cost: same bytes and headers, bare Hono route', `${p.baseline.reqPerSec.toFixed(0)} req/s, p99 ${ms(p.baseline.p99Ms)}`),
    goalRow(
      `Page cost: ratio page / bare route (median of ${p.pairRatios.length} rounds)`,
      `${ratio(p.throughputRatio)} (rounds ${ratio(Math.min(...p.pairRatios))}-${ratio(Math.max(...p.pairRatios))}; overall ${ratio(p.aggregateRatio)})` + (clean ? '' : ' (page had errors)'),
      `>= ${PAGE_COST_GOAL.ratioMin}`,
      p.throughputRatio >= PAGE_COST_GOAL.ratioMin && clean,
    ),
  ];
}

const commandList = (byCommand: Record<string, number>) =>
  Object.entries(byCommand)
    .map(([k, n]) => `${k.replace(/Command$/, '')} x${n}`)
    .join(', ');
const requestCount = (x: JourneyRequest) => `${x.storeRequests}${x.storeRequests > 0 ? ` (${commandList(x.byCommand)})` : ''}${x.status === 200 || x.status === 303 ? '' : ` [${x.status}]`}`;

/** Report a problem: the submission's store requests, every step's, and submission throughput. */
function reportRows(r: Results): Row[] {
  const j = r.reportJourney;
  const sub = j.submission;
  const rows: Row[] = [
    goalRow(
      'Store requests: problem submission (POST check -> confirmation redirect)',
      requestCount(sub),
      `<= ${GOALS.storeRequestsPerSubmissionMax}`,
      sub.storeRequests <= GOALS.storeRequestsPerSubmissionMax && sub.status === 303,
    ),
  ];
  // One row per step: its page (GET) and its answer (POST), in journey order.
  const steps = [...new Set(j.requests.filter((x) => x !== sub).map((x) => x.step))];
  for (const step of steps) {
    const parts = j.requests
      .filter((x) => x.step === step && x !== sub)
      .map((x) => `${x.method === 'GET' ? 'page' : 'answer'} ${requestCount(x)}`);
    rows.push(infoRow(`Store requests: problem journey, ${step}`, parts.join('; ')));
  }
  const s = r.submissions;
  const c = s.council;
  const b = s.baseline;
  const fails = (x: { failures: number; failureSamples: string[] }) => (x.failures ? `, ${x.failures} failed (${x.failureSamples[0]})` : '');
  const n = `${c.requests} in ${c.rounds.length} round${c.rounds.length === 1 ? '' : 's'}, ${s.concurrency} in flight`;
  rows.push(
    infoRow(`Submissions: council POST check (${n})`, `${c.perSec.toFixed(0)} submissions/s, p99 ${ms(c.p99Ms)}, p50 ${ms(c.p50Ms)}${fails(c)}`),
    infoRow('Submissions: baseline one conditional PutItem', `${b.perSec.toFixed(0)} req/s, p99 ${ms(b.p99Ms)}, p50 ${ms(b.p50Ms)}${fails(b)}`),
    infoRow(
      `Submissions: throughput ratio council / baseline (median of ${s.pairRatios.length} round${s.pairRatios.length === 1 ? '' : 's'})`,
      `${ratio(s.throughputRatio)} (rounds ${ratio(Math.min(...s.pairRatios))}-${ratio(Math.max(...s.pairRatios))}; overall ${ratio(s.aggregateRatio)})`,
    ),
    infoRow('Submissions: p99 ratio council / baseline', ratio(s.p99Ratio)),
    infoRow('Submissions: store requests per submission under load', c.storeRequestsPerSubmission.toFixed(2)),
  );
  return rows;
}

/** Forms (issue 9): the bench form's store requests per page view and per answer, its render time, cold starts with forms on. */
function formsRows(r: Results): Row[] {
  const f = r.forms;
  const j = f.journey;
  const g = FORMS_GOALS;
  const ok = (x: FormsPageView) => x.status === 200 || x.status === 303;
  const stats = (xs: FormsPageView[], of: (x: FormsPageView) => number) => ({ max: Math.max(...xs.map(of)), mean: xs.reduce((n, x) => n + of(x), 0) / xs.length });
  const views = stats(j.pageViews, (x) => x.storeRequests);
  const reads = stats(j.pageViews, (x) => x.reads);
  const answers = stats(j.answers, (x) => x.storeRequests);
  const worst = (xs: FormsPageView[]) => xs.reduce((a, b) => (b.storeRequests > a.storeRequests ? b : a));
  const cs = f.coldStart;
  const rt = f.render;
  const name = `${j.pages}-page bench form`;
  const rows: Row[] = [
    infoRow(
      `Forms: cold start above is with forms on (${COUNCIL} adopts ${f.coldStartAdopted.length} form${f.coldStartAdopted.length === 1 ? '' : 's'})`,
      f.coldStartAdopted.join(', '),
    ),
    goalRow(
      `Forms: cold start GET ${cs.council.path} / baseline (median of ${cs.council.samples.length})`,
      `${ms(cs.council.medianMs)} / ${ms(cs.baseline.medianMs)} = ${ratio(cs.ratio)} (CPU ${ratio(cs.cpuRatio)})`,
      `<= ${GOALS.coldStartRatioMax}`,
      cs.ratio <= GOALS.coldStartRatioMax,
    ),
    goalRow(
      `Forms: reads per page view, ${name} (${j.pageViews.length} GETs; max, mean)`,
      `${reads.max}, ${reads.mean.toFixed(2)}`,
      `<= ${g.readsPerPageViewMax}`,
      reads.max <= g.readsPerPageViewMax && j.pageViews.every(ok),
    ),
    goalRow(
      `Forms: store requests per page view, ${name} (max, mean; worst: ${worst(j.pageViews).step})`,
      `${views.max}, ${views.mean.toFixed(2)} (${commandList(worst(j.pageViews).byCommand)})`,
      `<= ${g.storeRequestsPerPageViewMax}`,
      views.max <= g.storeRequestsPerPageViewMax,
    ),
    goalRow(
      `Forms: store requests per answer, ${name} (${j.answers.length} POSTs -> 303; max, mean; worst: ${worst(j.answers).step})`,
      `${answers.max}, ${answers.mean.toFixed(2)} (${commandList(worst(j.answers).byCommand)})`,
      `<= ${g.storeRequestsPerAnswerMax}`,
      answers.max <= g.storeRequestsPerAnswerMax && j.answers.every(ok),
    ),
    ...j.lookups.map((x) => infoRow(`Forms: address look-up POST (postcode -> list, 200), ${x.step}`, requestCount(x))),
    infoRow('Forms: start page (GET, no draft yet)', requestCount(j.start)),
    infoRow('Forms: Start now (POST -> first page, makes the draft)', requestCount(j.startNow)),
    goalRow('Forms: check answers page', requestCount(j.checkAnswers), `<= ${g.storeRequestsPerPageViewMax}`, j.checkAnswers.storeRequests <= g.storeRequestsPerPageViewMax && ok(j.checkAnswers)),
    goalRow(
      'Forms: send (POST check-answers -> confirmation redirect)',
      requestCount(j.send),
      `<= ${GOALS.storeRequestsPerSubmissionMax}`,
      j.send.storeRequests <= GOALS.storeRequestsPerSubmissionMax && j.send.status === 303,
    ),
    infoRow('Forms: confirmation page', requestCount(j.confirmation)),
    infoRow(
      `Forms: render, question page with a draft (${rt.path}, ${kb(rt.bytes)}), council app`,
      `${rt.pageMedianMs.toFixed(2)} ms per request (median of ${rt.rounds} rounds of ${rt.perRound} sequential)`,
    ),
    infoRow('Forms: render, same bytes and headers from a bare Hono route', `${rt.bareMedianMs.toFixed(2)} ms per request`),
    infoRow('Forms: render, the baseline one GetItem (the page makes one such read)', `${rt.getItemMedianMs.toFixed(2)} ms per request`),
    infoRow(
      `Forms: render time ratio question page / bare route (median of ${rt.rounds} rounds)`,
      `${ratio(rt.ratio)} (rounds ${ratio(Math.min(...rt.roundRatios))}-${ratio(Math.max(...rt.roundRatios))}); page less one GetItem: ${(rt.pageMedianMs - rt.getItemMedianMs).toFixed(2)} ms`,
    ),
  ];
  return rows;
}

function printReport(r: Results, rows: Row[]): void {
  const out: string[] = [];
  out.push(section(`Performance report${quick ? ' (--quick: fewer runs, shorter loads)' : ''}`));
  out.push(table(rows.map((x) => [x.metric, x.value, x.goal, x.status]), ['Metric', 'Value', 'Goal', 'Result']));
  const total = r.bundle.council.totalJsBytes;
  const top = r.bundle.council.packages.filter((p) => p.name !== '(app source)').slice(0, 10);
  const app = r.bundle.council.packages.find((p) => p.name === '(app source)');
  out.push(section(`Largest packages in the ${COUNCIL} bundle (all JS outputs, from esbuild's metafile)`));
  out.push(
    table(
      [...top, ...(app ? [app] : [])].map((p) => [p.name, kb(p.bytes), `${((p.bytes / total) * 100).toFixed(1)}%`]),
      ['Package', 'Bytes', 'Share'],
    ),
  );
  out.push(section('Chunks'));
  out.push(table(r.bundle.council.chunks.map((c) => [c.file, kb(c.bytes), c.loadedAtColdStart ? 'yes' : 'on demand']), ['Chunk', 'Bytes', 'At cold start']));
  const synth = synthDetails(r.synth);
  out.push(section(`Synthesis: createLdfApp + app.synth(), one fresh process per N${quick ? ' (--quick: 1 and 100 councils)' : ''}`));
  out.push(table(synth.rows, synth.header));
  out.push(...synth.notes);
  out.push(`\nDetails page: ${r.storeRequests.detailsNote}`);
  out.push(
    `Forms: the bench form (${r.forms.journey.formId}, bench/forms-journey.ts) joins the catalogue and ${COUNCIL} adopts it on the local host only; ` +
      `walked once as a browser would (reference ${r.forms.journey.reference}), every page GET and answer POST counted, in order:\n` +
      r.forms.journey.requests.map((x) => `  ${x.method} ${x.step}: ${requestCount(x)}`).join('\n'),
  );
  out.push(
    `Report a problem: ${r.reportJourney.requests.length} requests walked once as a browser would (reference ${r.reportJourney.reference}). ` +
      `Submissions: drafts answered up to the check page first (not timed), then their POST check fired ${r.submissions.concurrency} at a time from a worker thread; ` +
      `the baseline POST /submit (one raw PutItem with a condition expression on the same store) fired the same way in the same rounds.`,
  );
  const load = os.loadavg()[0];
  if (load > os.cpus().length * 0.5) {
    out.push(`Note: load average ${load.toFixed(2)} on ${os.cpus().length} CPUs; other work on this machine adds noise to the timings.`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

const environment = () => ({
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  loadAverage: os.loadavg().map((n) => round(n)),
});

async function writeJson(data: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, 'latest.json');
  await writeFile(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

const envAtStart = environment();
try {
  const measured = await measure();
  // After the servers have stopped, so synthesis does not compete with the load runs.
  progress(`synthesis: ${config.synthSizes.join(', ')} councils`);
  const results: Results = { ...measured, synth: await measureSynth({ sizes: config.synthSizes, progress }) };
  // On its own store, after the rest: seeding 100,000 cases would disturb the timings above.
  const open311List = await measureOpen311List({ sizes: quick ? [1000, 10_000] : [1000, 10_000, 100_000], perDay: 100, calls: quick ? 5 : 20, progress });
  const staffQueue = await measureStaffQueue({ sizes: quick ? [1000, 10_000] : [10_000, 100_000], calls: quick ? 5 : 60, pageSize: 50, progress });
  const { residentLookupRows, measureSweep, sweepRows } = await import('./data-rights.ts');
  const rows = [...summaryRows(results), ...open311ListRows(open311List), ...staffQueueRows(staffQueue), ...residentLookupRows(staffQueue.residentLookup)];
  rows.push(...(await import('./staff-pages.ts').then(async (m) => m.staffPagesRows(await m.measureStaffPages({ sizes: quick ? [1000, 10_000] : [10_000, 100_000], calls: quick ? 5 : 20, progress })))));
  // Special-category answers sealed and opened per case (local keyring), in-process after the rest.
  rows.push(...(await import('./special-category.ts').then(async (m) => m.specialCategoryRows(await m.measureSpecialCategory({ cases: quick ? 20 : 200, answersPerCase: 12, progress })))));
  // The retention sweep on a table of its own: expired cases, each with a history entry and a photo.
  const sweep = await measureSweep({ cases: quick ? 100 : 500, progress });
  rows.push(...sweepRows(sweep));
  printReport(results, rows);
  const file = await writeJson({
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    council: COUNCIL,
    config,
    goals: { ...GOALS, pageCost: PAGE_COST_GOAL, synth: SYNTH_GOALS },
    environment: { atStart: envAtStart, atEnd: environment() },
    runtimeSeconds: round((performance.now() - started) / 1000, 1),
    summary: rows,
    ...results,
    open311List: { goal: OPEN311_LIST_GOAL, ...open311List },
    staffQueue: { goal: STAFF_QUEUE_GOAL, ...staffQueue },
    dataRights: { residentLookup: staffQueue.residentLookup, sweep },
  });
  progress(`wrote ${path.relative(process.cwd(), file)}`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`\nThe bench could not complete: ${(error as Error).stack ?? String(error)}\n`);
  await writeJson({ generatedAt: new Date().toISOString(), mode: quick ? 'quick' : 'full', environment: envAtStart, error: String((error as Error).stack ?? error) }).catch(() => undefined);
  process.exit(1);
}
