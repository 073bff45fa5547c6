/**
 * Done when (issue 12): the metrics of the demo month match a hand count. The month
 * (events/month-2026-10.json) is replayed as `npm run demo` replays it — each day's
 * events over signed HTTP, then the scan at 18:00 — and `GET /v1/metrics` for October is
 * compared with figures counted here without the metrics code: from the events file
 * itself, from what each evening's scan answered, and from the case views.
 */
import { readFile, rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../lib/time.js';
import { replayMonth, startDemoSystem } from '../../local/demo-month.js';
import type { OutboxEntry } from '../../local/local-outbox.js';
import type { LocalSystem } from '../../local/system.js';

const MONTH = new URL('../../events/month-2026-10.json', import.meta.url);

interface RawEvent {
  readonly eventId: string;
  readonly type: string;
  readonly caseNo: string;
  readonly occurredAt: string;
  readonly data?: { kind?: string };
}

/** The China date of an ISO time with an offset, by hand: shift to +08:00 and cut. */
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * HOUR_MS).toISOString().slice(0, 10);
/** Whole days between two dates. */
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (24 * HOUR_MS));

describe('the metrics of the demo month (October 2026) match a hand count', () => {
  let system: LocalSystem | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await system?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('replays the month as the demo does and compares GET /v1/metrics with the count', async () => {
    const events = JSON.parse(await readFile(MONTH, 'utf8')) as RawEvent[];
    // The replay of `npm run demo` (local/demo-month.ts): each day's events signed over
    // HTTP, then the scan at 18:00; what each evening's scan sent is kept for the count.
    const demo = await startDemoSystem();
    system = demo.system;
    dataDir = demo.dataDir;
    const sentOn = new Map<string, readonly OutboxEntry[]>();
    await replayMonth(demo, ({ day, notices }) => sentOn.set(day, notices));
    const call = async (method: string, path: string) => {
      const res = await demo.call(method, path);
      return { status: res.status, text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) };
    };
    console.log(`replayed ${events.length} events; reading the metrics`);

    const got = await call('GET', '/v1/metrics?from=2026-10-01&to=2026-11-01');
    expect(got.status).toBe(200);
    const m = JSON.parse(got.text);

    // --- Counted from the events file -----------------------------------------------
    const october = (iso: string) => chinaDay(iso) >= '2026-10-01' && chinaDay(iso) < '2026-11-01';
    const filings = new Map(events.filter((e) => e.type === 'case.filed').map((e) => [e.caseNo, chinaDay(e.occurredAt)]));
    const closings = events.filter((e) => e.type === 'case.closed' && october(e.occurredAt));
    const filedInOctober = [...filings.values()].filter((d) => d >= '2026-10-01').length;
    // By hand: 42 filings, six of them on 28–30 September; three closings, all `performed`.
    expect([filings.size, filedInOctober, closings.length]).toEqual([42, 36, 3]);
    expect(m).toMatchObject({ filed: filedInOctober, closed: closings.length, clearanceRate: 3 / 36 });
    expect(m.closings).toEqual({ performed: 3, terminatedThisRound: 0, terminated: 0, rejected: 0, withdrawn: 0, other: 0 });
    expect([m.performedRate, m.terminationRate]).toEqual([1, 0]);
    // 3108: 09-29 → 10-13, 14 days; 3109: 10-08 → 10-23, 15; 3132: 10-16 → 10-30, 14. Median 14.
    const durations = closings.map((e) => daysBetween(filings.get(e.caseNo) ?? '', chinaDay(e.occurredAt))).sort((a, b) => a - b);
    expect(durations).toEqual([14, 14, 15]);
    expect(m.timeToDisposition.medianDays).toBe(14);
    // Two weeks each: far inside the six months (and no pause before any of them but 3132's, still open at its closing).
    expect(m.withinStatutoryLimit).toBe(1);

    // Open at 00:00 on 1 November: every case filed but the three closed; ages from the filing date.
    const closedCases = new Set(closings.map((e) => e.caseNo));
    const open = [...filings].filter(([caseNo]) => !closedCases.has(caseNo));
    const ages = open.map(([, d]) => daysBetween(d, '2026-11-01'));
    expect(m.pendingAge).toMatchObject({
      at: '2026-11-01',
      open: open.length,
      '0-30': ages.filter((a) => a <= 30).length,
      '31-90': ages.filter((a) => a > 30 && a <= 90).length,
      '91-180': 0,
      '181-365': 0,
      '366+': 0,
    });
    expect(open.length).toBe(39);

    // --- Counted from what each evening's scan sent ----------------------------------
    const levels: Record<string, number> = { remind: 0, urge: 0, supervise: 0, approvalSupervisor: 0, approvalPresident: 0 };
    for (const [day, notices] of sentOn) if (day >= '2026-10-01') for (const n of notices) levels[n.attributes.level ?? ''] = (levels[n.attributes.level ?? ''] ?? 0) + 1;
    expect(m.notices).toEqual(levels);
    expect(Object.values(levels).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    // --- Counted from the case views ------------------------------------------------
    const onTime: Record<string, { done: number; onTime: number }> = {};
    let withinClock = 0;
    let pastClock = 0;
    for (const caseNo of filings.keys()) {
      const view = JSON.parse((await call('GET', `/v1/cases/${encodeURIComponent(caseNo)}`)).text);
      for (const n of view.nodes as Array<{ id: string; status: string; dueAt: string; doneAt?: string; endedByClosing?: true; endedBy?: string }>) {
        const clock = n.id === 'closeSimple' || n.id === 'closeOther';
        if (clock && view.status === 'open' && n.dueAt < '2026-11-01T00:00:00+08:00') pastClock++;
        if (clock && view.status === 'closed' && n.doneAt && n.doneAt <= n.dueAt) withinClock++;
        // Done in October by its own event: a node the closing ended was not done.
        if (!n.doneAt || n.endedByClosing || n.endedBy || !october(n.doneAt)) continue;
        const c = (onTime[n.id] ??= { done: 0, onTime: 0 });
        c.done++;
        if (n.doneAt <= n.dueAt) c.onTime++;
      }
    }
    for (const [node, counts] of Object.entries(m.onTimeCounts as Record<string, { done: number; onTime: number }>)) {
      expect(counts, node).toEqual(onTime[node] ?? { done: 0, onTime: 0 });
      expect(m.onTime[node], node).toBe(counts.done ? counts.onTime / counts.done : null);
    }
    expect(Object.keys(onTime).length).toBeGreaterThan(10);
    expect(m.timeToDisposition.withinClock).toBe(withinClock / 3);
    expect(m.pendingAge.backlog).toBe(pastClock / 39);

    // --- The CSV says the same -------------------------------------------------------
    const csv = await call('GET', '/v1/metrics.csv?from=2026-10-01&to=2026-11-01');
    expect(csv.status).toBe(200);
    const rows = new Map(csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1).map((line) => [line.split(',')[1], line.split(',')[2]]));
    expect(rows.get('filed')).toBe('36');
    expect(rows.get('onTime.reception')).toBe(String(m.onTime.reception));
    expect(rows.get('notices.supervise')).toBe(String(levels.supervise));
  });
});
