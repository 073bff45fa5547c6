/**
 * Part 6 — the leadership metrics (docs/METRICS.md):
 *
 * - **A page view**: what `GET /v1/metrics` reads for periods of 31, 92 and 366 days
 *   ending today, and for a month a year back (its pending caseload needs the days
 *   since), in courts of 200 and 2,000 cases filed over three years — items and read
 *   units. The promise: it grows with the days, not with the court.
 * - **The roll-up**: what the pass after each scan writes and reads per accepted event,
 *   for two courts' months synced hourly (the stream of part 2), a pass after each sync
 *   — the least a pass can gather, so the most it costs per event.
 */
import { generateMonth, seededRandom } from '../events/generate-month.js';
import { mapLimit } from '../lib/app/concurrency.js';
import { metricsOf } from '../lib/app/metrics-read.js';
import { rollUp, rollupPass } from '../lib/app/metrics-rollup.js';
import { planRecord, type Rules } from '../lib/app/case-records.js';
import { foldCase } from '../lib/case-state.js';
import { eventRef, type StoredEvent, validateEvent } from '../lib/events.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import type { CaseRecord } from '../lib/ports.js';
import { addDays, chinaDateOf, DAY_MS, HOUR_MS, type Instant, parseOffsetDateTime, toChinaIso } from '../lib/time.js';
import { startLocalSystem } from '../local/system.js';
import { DynamoMeter, writeUnits } from './support/dynamo-meter.js';
import type { Report } from './support/report.js';
import { replaySyncs } from './support/sync-replay.js';

const TODAY: Instant = parseOffsetDateTime('2026-11-18T10:00:00+08:00') as Instant;
const HISTORY_DAYS = 3 * 365;
const CLOSING_KINDS = [
  ['performed', 0.5],
  ['terminatedThisRound', 0.35],
  ['withdrawn', 0.1],
  ['other', 0.05],
] as const;

/** A court's history: the month generator's case timelines, filed over three years, most of them closed. */
function courtHistory(court: string, cases: number, rules: Rules, seed: number): CaseRecord[] {
  const random = seededRandom(seed);
  const timelines: Array<Array<{ type: string; at: Instant; data?: Record<string, unknown> }>> = [];
  for (let s = seed; timelines.length < cases; s++) {
    const byCase = new Map<string, Array<{ type: string; at: Instant; data?: Record<string, unknown> }>>();
    for (const e of generateMonth(s)) byCase.set(e.caseNo, [...(byCase.get(e.caseNo) ?? []), { type: e.type, at: Date.parse(e.occurredAt), ...(e.data ? { data: e.data } : {}) }]);
    timelines.push(...byCase.values());
  }
  return timelines.slice(0, cases).map((timeline, i) => {
    const filing = timeline.find((e) => e.type === 'case.filed')?.at ?? 0;
    // Whole days back, so each event keeps its time of day: filed 1 to HISTORY_DAYS days before today.
    const shift = (Math.floor((TODAY - filing) / DAY_MS) - 1 - Math.floor(random() * HISTORY_DAYS)) * DAY_MS;
    const moved = timeline.map((e) => ({ ...e, at: e.at + shift }));
    if (!moved.some((e) => e.type === 'case.closed') && random() < 0.8) {
      let pick = random();
      const kind = CLOSING_KINDS.find(([, p]) => (pick -= p) < 0)?.[0] ?? 'other';
      moved.push({ type: 'case.closed', at: filing + shift + Math.round(10 + random() * 290) * DAY_MS + 10 * HOUR_MS, data: { kind } });
    }
    const caseNo = `(2024)豫0823执${i + 1}号`;
    const events = moved
      .filter((e) => e.at <= TODAY)
      .map((e, seq) => {
        const v = validateEvent({ eventId: `${court}-${i}-${seq}`, type: e.type, caseNo, occurredAt: toChinaIso(e.at), ...(e.data ? { data: e.data } : {}) }, TODAY);
        if (!v.ok) throw new Error(`bench: generated event refused: ${JSON.stringify(v.errors)}`);
        return { ...v.event, court } as StoredEvent;
      });
    const state = foldCase(events, { limits: rules.limits, calendar: rules.calendar });
    if (!state) throw new Error('bench: a generated case has no filing');
    return { ...planRecord(undefined, state, {}, {}, rules, TODAY), eventRefs: events.map(eventRef) };
  });
}

async function pageViews(report: Report, cases: number): Promise<void> {
  const meter = new DynamoMeter();
  const system = await startLocalSystem({ limits: DEFAULT_LIMITS, courtSecrets: {}, decorate: { dynamo: (client) => meter.attach(client) } });
  try {
    const court = 'wuzhi';
    const records = courtHistory(court, cases, system.rules, 7_000 + cases);
    await mapLimit(records, 16, (r) => system.stores.snapshots.putCase(r, undefined));
    const deps = { ...system.stores, rules: system.rules };
    for (let i = 0; i < records.length; i += 1_000) await rollUp(deps, records.slice(i, i + 1_000));
    meter.take();
    const today = chinaDateOf(TODAY);
    const views = [
      ['31', { from: addDays(today, -30), to: addDays(today, 1) }],
      ['92', { from: addDays(today, -91), to: addDays(today, 1) }],
      ['366', { from: addDays(today, -365), to: addDays(today, 1) }],
      ['month-a-year-back', { from: addDays(today, -395), to: addDays(today, -364) }],
    ] as const;
    for (const [name, query] of views) {
      const m = await metricsOf({ metrics: system.stores.metrics, now: () => TODAY }, court, query);
      const usage = meter.take();
      report.figure(`metrics-page-${name}-days-items-${cases}`, usage.itemsRead);
      report.figure(`metrics-page-${name}-days-read-units-${cases}`, usage.readUnits);
      if (name === '366') report.figure(`metrics-page-year-filed-${cases}`, m.filed);
    }
  } finally {
    await system.close();
  }
}

async function rollupCost(report: Report): Promise<void> {
  let events = 0;
  let passes = 0;
  let passWrite = 0;
  let passRead = 0;
  let rolled = 0;
  await replaySyncs(2, 2026, HOUR_MS, async ({ request, posted, system, meter }) => {
    events += posted.accepted;
    passes++;
    rolled += (await rollupPass({ ...system.stores, rules: system.rules }, { now: request.at })).rolled;
    const usage = meter.take();
    passWrite += writeUnits(usage);
    passRead += usage.readUnits;
  });
  report.figure('metrics-rollup-write-units-per-event', passWrite / events);
  report.figure('metrics-rollup-read-units-per-event', passRead / events);
  report.figure('metrics-rollup-cases-per-pass', rolled / passes);
  report.figure('metrics-rollup-events', events);
}

export async function metricsBench(report: Report): Promise<void> {
  await report.part('metrics-rollup', () => rollupCost(report));
  await report.part('metrics-page-200', () => pageViews(report, 200));
  await report.part('metrics-page-2000', () => pageViews(report, 2_000));
}
