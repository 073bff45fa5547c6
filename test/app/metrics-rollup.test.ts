/**
 * The metrics kept by the roll-up equal a from-scratch count over the cases, whatever
 * happened on the way (docs/METRICS.md, "How they are kept"): events delivered shuffled,
 * twice, to two concurrent appliers of the same case (so cases are folded again from
 * their events), roll-up passes running between them, and a fifth of the metrics
 * store's calls failing — before the write took effect or after (a crash between
 * writes). On a real store (dynalite).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseWork } from '../../lib/app/apply.js';
import { metricsOf } from '../../lib/app/metrics-read.js';
import { rollupPass, sentAt } from '../../lib/app/metrics-rollup.js';
import { foldCase } from '../../lib/case-state.js';
import { StoreUnavailableError } from '../../lib/errors.js';
import type { StoredEvent } from '../../lib/events.js';
import { ALL_OPEN_BUCKETS, caseContributions, dateOfBucket, dayBucket, isDayBucket } from '../../lib/metrics/contributions.js';
import { buildReport, daysToRead, type MetricsQuery } from '../../lib/metrics/report.js';
import { type Entry, summarize } from '../../lib/metrics/summaries.js';
import type { MetricsStore } from '../../lib/ports.js';
import { chinaDateOf, type Instant } from '../../lib/time.js';
import { caseHistory } from '../lib/arbitraries.js';
import { seeded } from '../faults/faults.js';
import { startHarness, type Harness } from '../support/local-harness.js';

/** The readers' "now": after every generated event, so the pending caseload is the one at each `to`. */
const NOW: Instant = Date.parse('2026-12-01T09:00:00+08:00');
const QUERIES: ReadonlyArray<Omit<MetricsQuery, 'team'>> = [
  { from: '2026-02-25', to: '2027-02-26' },
  { from: '2026-03-01', to: '2026-04-01' },
  { from: '2026-06-15', to: '2026-09-01' },
];
const TEAMS = [undefined, 'ordinary', 'service'] as const;

/** A metrics store whose calls fail at `rate`, half before the call takes effect and half after. */
function faulty(store: MetricsStore, rate: number, random: () => number): MetricsStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const roll = random();
        if (roll < rate / 2) throw new StoreUnavailableError('injected before');
        const out = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (roll < rate) throw new StoreUnavailableError('injected after');
        return out;
      };
    },
  });
}

/** The generated histories as cases of one court: own case numbers, event ids and respondents. */
function asCourtCases(court: string, histories: StoredEvent[][]): Map<string, StoredEvent[]> {
  const cases = new Map<string, StoredEvent[]>();
  histories.forEach((events, i) => {
    const caseNo = `(2026)豫0823执${court}${i}号`;
    cases.set(
      caseNo,
      events.map((e) => {
        const own = { ...e, caseNo, eventId: `${i}-${e.eventId}`, court: e.court === 'wuzhi' ? court : e.court } as StoredEvent;
        if (own.type !== 'case.filed') return own;
        return { ...own, data: { ...own.data, respondents: [{ kind: 'person' as const, idHash: `hash-${court}-${i}` }] } };
      }),
    );
  });
  return cases;
}

describe('metrics roll-up: the same figures as a count from scratch, whatever the order, repeats, races and faults', () => {
  let h: Harness;
  let run = 0;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  async function deliver(cases: Map<string, StoredEvent[]>, random: () => number): Promise<void> {
    const { stores, rules } = h.system;
    for (const events of cases.values()) for (const e of events) await stores.events.saveEvent(e, NOW);
    const deps = { ...stores, rules, now: () => NOW };
    // Roll-up passes run all along, a fifth of their store calls failing (before or after the write).
    let applying = true;
    const roller = (async () => {
      while (applying) await rollupPass({ ...deps, metrics: faulty(stores.metrics, 0.2, random) }, { now: NOW }).catch(() => undefined);
    })();
    await Promise.all(
      [...cases].map(async ([caseNo, events]) => {
        // Every event once, a quarter of them twice, shuffled, in batches of one to three…
        const deliveries = [...events, ...events.filter(() => random() < 0.25)].sort(() => random() - 0.5);
        const batches: StoredEvent[][] = [];
        for (let i = 0; i < deliveries.length; ) {
          const n = 1 + Math.floor(random() * 3);
          batches.push(deliveries.slice(i, i + n));
          i += n;
        }
        // …handed to two appliers of the same case at once.
        const worker = async (parity: number) => {
          for (const [i, batch] of batches.entries()) {
            if (i % 2 !== parity) continue;
            for (let attempt = 0; ; attempt++) {
              try {
                await applyCaseWork(deps, { caseNo, events: batch });
                break;
              } catch (error) {
                if (attempt > 5) throw error; // the queue would retry it
              }
            }
          }
        };
        await Promise.all([worker(0), worker(1)]);
      }),
    );
    applying = false;
    await roller;
    // Then the scan: its notices, and a pass of its own without faults.
    await h.system.scan(Date.parse('2026-07-01T18:00:00+08:00'));
  }

  /** The counts taken directly from the cases' events and their sent notices, without the roll-up. */
  async function fromScratch(court: string, cases: Map<string, StoredEvent[]>) {
    const { rules, stores } = h.system;
    const days = new Map<string, Entry[]>();
    const open: Entry[] = [];
    const add = (date: string, entry: Entry) => days.set(date, [...(days.get(date) ?? []), entry]);
    for (const [caseNo, events] of cases) {
      const state = foldCase(events, { limits: rules.limits, calendar: rules.calendar });
      if (!state) continue;
      for (const [bucket, entry] of caseContributions(state, rules)) {
        if (isDayBucket(bucket)) add(dateOfBucket(bucket), entry);
        else open.push(entry);
      }
      for (const { notice, status } of await stores.ledger.listNotices(caseNo)) {
        if (status === 'sent') add(chinaDateOf(sentAt(notice)), { kind: 'notice', team: notice.team, level: notice.level });
      }
    }
    const sums = new Map([...days].map(([d, entries]) => [d, summarize(entries)]));
    return (query: MetricsQuery) => {
      const { rolledUpAt: _r, ...report } = buildReport(query, { court, now: NOW, days: sums, open: [summarize(open)] });
      return report;
    };
  }

  it('for generated courts of a few cases each (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseHistory(10), { minLength: 2, maxLength: 4 }), fc.integer(), async (histories, seed) => {
        const court = `court${++run}`;
        const cases = asCourtCases(court, histories);
        await deliver(cases, seeded(seed));
        const { stores } = h.system;
        // Nothing is left to roll up, and every summary read is current.
        for (const caseNo of cases.keys()) expect((await stores.snapshots.getCase(caseNo))?.rollup).toBeUndefined();
        const deps = { metrics: stores.metrics, keys: { secretOf: async () => undefined }, now: () => NOW };
        const expected = await fromScratch(court, cases);
        for (const query of QUERIES) {
          for (const team of TEAMS) {
            const q = { ...query, ...(team ? { team } : {}) };
            const { rolledUpAt, ...got } = await metricsOf(deps, court, q);
            expect(rolledUpAt).toBe('2026-07-01T18:00:00+08:00'); // the scan's pass left nothing behind
            expect(got, `${court} ${JSON.stringify(q)}`).toEqual(expected(q));
          }
        }
        // …and every summary is the sum of its bucket's entries: a page view reads summaries only.
        const buckets = [...ALL_OPEN_BUCKETS, ...daysToRead({ from: '2026-02-25', to: '2026-12-01' }, chinaDateOf(NOW)).map(dayBucket)];
        const stored = await stores.metrics.summaries(court, buckets);
        for (const bucket of buckets) expect(stored.get(bucket) ?? {}, bucket).toEqual(summarize(await stores.metrics.readBucket(court, bucket)));
      }),
      // No shrinking: a smaller counterexample would run on a store the failed run changed.
      { numRuns: 5, seed: 20261201, endOnFailure: true },
    );
  }, 300_000);
});
