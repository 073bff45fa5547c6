/**
 * Part 6 — apply lag: from an accepted event (the 202 of `POST /v1/events`) until the
 * case view (`GET /v1/cases/{caseNo}`) reflects it, in local mode as `npm start` runs it
 * (store and queue journal in a data directory, the queue's 200 ms batching window).
 *
 * Eight court systems post the first half of their months' hourly syncs at once. Each
 * posts a request, then reads the view of every case in it until the view is the one
 * that request leads to, then posts its next request. "The one it leads to" is known from a reference run:
 * the same requests posted one at a time on a fresh system, each drained before its views
 * are read. A case belongs to one court and each court posts in order, so the view after
 * a court's k-th request is the same in both runs (the system's clock is fixed).
 *
 * The lag of an event is the time from its request's 202 to the answer of the first
 * read that shows its case's expected view; reads repeat every `POLL_MS` per case.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DAY_MS, HOUR_MS, type Instant } from '../lib/time.js';
import { startLocalSystem } from '../local/system.js';
import { BENCH_LIMITS, courts, courtSecrets, courtsMonth, getCaseView, postEvents, type SyncRequest, syncRequests } from './support/courts.js';
import type { Report } from './support/report.js';
import { percentile } from './support/stats.js';

const POSTERS = 8;
const HALF_MONTH_MS = 16 * DAY_MS;
const SEED = 6_000;
/** How often a waiting court system reads a case view again. */
const POLL_MS = 25;
/** A view not reflecting its request after this long fails the bench. */
const GIVE_UP_MS = 60_000;

/** Events per case in a request. */
function casesOf(request: SyncRequest): Map<string, number> {
  const cases = new Map<string, number>();
  for (const e of request.events) cases.set(e.caseNo, (cases.get(e.caseNo) ?? 0) + 1);
  return cases;
}

/** The view of every case of every request after it, posting one request at a time. */
async function expectedViews(requests: readonly SyncRequest[], secrets: Record<string, string>, now: Instant): Promise<Array<Map<string, string>>> {
  const system = await startLocalSystem({ port: 0, limits: BENCH_LIMITS, courtSecrets: secrets, clock: () => now, queue: { batchWindowMs: 0 } });
  const url = system.url ?? '';
  const out: Array<Map<string, string>> = [];
  try {
    for (const request of requests) {
      const posted = await postEvents(url, request);
      if (posted.status !== 202 || posted.accepted !== request.events.length) throw new Error(`bench: reference post answered ${posted.status}`);
      await system.drain();
      const views = new Map<string, string>();
      for (const caseNo of casesOf(request).keys()) {
        const view = await getCaseView(url, request.court, caseNo, now);
        if (view.status !== 200) throw new Error(`bench: reference view of ${caseNo} answered ${view.status}`);
        views.set(caseNo, view.body);
      }
      out.push(views);
    }
  } finally {
    await system.close();
  }
  return out;
}

interface LagRun {
  /** One sample per accepted event, in milliseconds. */
  readonly lags: number[];
  readonly reads: number;
  readonly seconds: number;
}

async function measureLag(requests: readonly SyncRequest[], expected: ReadonlyArray<Map<string, string>>, secrets: Record<string, string>, now: Instant): Promise<LagRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-apply-lag-'));
  const system = await startLocalSystem({ dataDir, port: 0, limits: BENCH_LIMITS, courtSecrets: secrets, clock: () => now });
  const url = system.url ?? '';
  const lags: number[] = [];
  let reads = 0;
  const started = performance.now();
  try {
    const posters = [...new Set(requests.map((r) => r.court.id))];
    await Promise.all(
      posters.map(async (courtId) => {
        for (let i = 0; i < requests.length; i++) {
          const request = requests[i] as SyncRequest;
          if (request.court.id !== courtId) continue;
          const posted = await postEvents(url, request);
          const acceptedAt = performance.now();
          if (posted.status !== 202 || posted.accepted !== request.events.length) throw new Error(`bench: post answered ${posted.status}`);
          const waiting = casesOf(request);
          const views = expected[i] as Map<string, string>;
          while (waiting.size) {
            for (const [caseNo, events] of waiting) {
              const view = await getCaseView(url, request.court, caseNo, now);
              reads++;
              if (view.status === 200 && view.body === views.get(caseNo)) {
                const lag = performance.now() - acceptedAt;
                for (let e = 0; e < events; e++) lags.push(lag);
                waiting.delete(caseNo);
              }
            }
            if (!waiting.size) break;
            if (performance.now() - acceptedAt > GIVE_UP_MS) throw new Error(`bench: ${[...waiting.keys()].join(', ')} not reflected after ${GIVE_UP_MS} ms`);
            await sleep(POLL_MS);
          }
        }
      }),
    );
  } finally {
    await system.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return { lags, reads, seconds: (performance.now() - started) / 1000 };
}

export async function applyLag(report: Report): Promise<void> {
  const list = courts(POSTERS);
  // The first half of the courts' months: enough requests for a p99, in about a minute.
  const month = courtsMonth(list, SEED);
  const stream = month.filter((e) => e.at < (month[0]?.at ?? 0) + HALF_MONTH_MS);
  // One clock for all, after the month: every event is in the past, every signature fresh.
  const now = (stream.at(-1)?.at ?? 0) + HOUR_MS;
  const requests = syncRequests(stream, HOUR_MS).map((r) => ({ ...r, at: now }));
  const secrets = courtSecrets(list);
  const expected = await expectedViews(requests, secrets, now);
  const run = await measureLag(requests, expected, secrets, now);
  report.figure('apply-lag-p50-ms', percentile(run.lags, 50));
  report.figure('apply-lag-p99-ms', percentile(run.lags, 99));
  report.figure('apply-lag-max-ms', percentile(run.lags, 100));
  report.figure('apply-lag-events', run.lags.length);
  report.figure('apply-lag-requests', requests.length);
  report.figure('apply-lag-view-reads', run.reads);
  report.figure('apply-lag-run-seconds', run.seconds);
}
