/**
 * Chaos replay (docs/RELIABILITY.md): hundreds of events of dozens of cases, posted
 * shuffled with duplicates by eight concurrent posters while 5 % of DynamoDB, queue and
 * publisher calls fail or are throttled, give the same cases and the same notices as a
 * clean, ordered run — and no notice twice, held ones included (scans in the quiet hours
 * and on rest days, two overlapping scans at every time). 40 cases in `npm test`, times `FAULT_SCALE`
 * in `npm run test:faults`; seeded by `CHAOS_SEED`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generateMonth } from '../../events/generate-month.js';
import type { CaseRecord } from '../../lib/ports.js';
import { createLegalCalendar } from '../../lib/calendar.js';
import { addDays } from '../../lib/time.js';
import { startHarness, type Harness } from '../support/local-harness.js';
import { faultyDynamo, faultyPublisher, faultyQueue, newCounts, seeded } from './faults.js';

const SCALE = Number(process.env.FAULT_SCALE ?? 1);
const SEED = Number(process.env.CHAOS_SEED ?? 20261126);
const CASES = Math.round(40 * SCALE);
const FAULT_RATE = 0.05;
const DUPLICATES = 0.1;
const POSTERS = 8;
/** Lease of a claim in the chaotic run: a claim of a run a fault stopped part way is taken over this soon. */
const LEASE_MS = 20;
/** Patience of each run: generous, and larger with the size (a busy machine slows every step). */
const RUN_MS = 600_000 * SCALE;
const events = generateMonth(SEED, { cases: CASES, firstCase: 5001 });
const caseNos = [...new Set(events.map((e) => e.caseNo))];

/**
 * The scan runs once a day from the first filing to a month after the last event: at
 * 00:05 on rest days and on even dates (the scan that finds a day's limits missed), at
 * 18:00 on the other working days. So notices are held — for the quiet hours, remind and
 * urge until the next working day — then released by a later scan or superseded (a
 * higher level decided while held), and others go out at once. Two scans run at once
 * at every time (overlapping scans), each repeated until it reads nothing due.
 */
const calendar = createLegalCalendar();
const scanTimes: number[] = [];
for (let day = '2026-09-28'; day <= '2026-11-30'; day = addDays(day, 1)) {
  const midnight = calendar.isRestDay(day) || Number(day.slice(8)) % 2 === 0;
  scanTimes.push(Date.parse(`${day}T${midnight ? '00:05' : '18:00'}:00+08:00`));
}

const t0 = Date.now();
const progress = (step: string) => console.log(`chaos [${((Date.now() - t0) / 1000).toFixed(1)} s] ${step}`);

interface Outcome {
  readonly states: Map<string, string>;
  readonly notices: string[];
  /** Every ledger entry as `noticeId status`: held ones end sent, cancelled or superseded. */
  readonly ledger: string[];
}

/** What a user can see of the system at the end: every case, every notice and what became of it. */
async function outcome(h: Harness): Promise<Outcome> {
  const states = new Map<string, string>();
  const ledger: string[] = [];
  for (const caseNo of caseNos) {
    const record = (await h.system.stores.snapshots.getCase(caseNo)) as CaseRecord;
    states.set(caseNo, JSON.stringify({ state: record.state, sent: record.sent, outbox: record.outbox, refs: [...(record.eventRefs ?? [])].sort() }));
    for (const entry of await h.system.stores.ledger.listNotices(caseNo)) ledger.push(`${entry.notice.noticeId} ${entry.status}`);
  }
  return { states, notices: h.system.outbox.list().map((n) => n.attributes.noticeId ?? '').sort(), ledger: ledger.sort() };
}

/**
 * Runs the scan at `time` until a run reads nothing due at that time. A run a fault
 * stopped part way is simply run again, once the claims it left are past their lease.
 */
async function scanUntilSettled(h: Harness, time: number, deadlineMs = 60_000 * SCALE): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (let run = 1; ; run++) {
    try {
      if ((await h.system.scan(time)).casesRead === 0) return run;
    } catch {
      // a fault stopped this run part way; the next run continues
    }
    const ended = Date.now();
    if (ended > deadline) throw new Error(`the scan at ${new Date(time).toISOString()} did not settle within ${deadlineMs / 1000} s (${run} runs)`);
    while (Date.now() <= ended + LEASE_MS) await new Promise((r) => setTimeout(r, 5));
  }
}

describe(`chaos replay: ${events.length} events of ${caseNos.length} cases, shuffled, ${DUPLICATES * 100} % duplicates, ${POSTERS} posters, ${FAULT_RATE * 100} % faults (seed ${SEED})`, () => {
  let clean: Outcome | undefined;
  let chaotic: Outcome | undefined;
  const counts = newCounts();
  const figures: Record<string, number> = {};
  const acknowledged = new Set<string>();
  const acceptedOnce = new Set<string>();
  let faultsOn = false;
  let chaos: Harness | undefined;
  const ran = () => {
    if (!clean || !chaotic) throw new Error('the replay did not complete; see the tests before');
    return { clean, chaotic };
  };

  afterAll(async () => {
    await chaos?.close();
    console.log('chaos replay figures', JSON.stringify({ events: events.length, cases: caseNos.length, ...figures, ...counts }));
  });

  it('runs the clean replay: in order, one batch after another, no faults', async () => {
    expect(events.length).toBeGreaterThan(8 * CASES);
    const reference = await startHarness();
    try {
      for (let i = 0; i < events.length; i += 100) {
        const res = await reference.post({ events: events.slice(i, i + 100) });
        expect(res.status).toBe(202);
      }
      await reference.system.drain();
      // Without faults one scan sends everything due at its time.
      for (const time of scanTimes) {
        const report = await reference.system.scan(time);
        for (const key of ['held', 'cancelled', 'superseded'] as const) figures[key] = (figures[key] ?? 0) + report[key];
      }
      clean = await outcome(reference);
    } finally {
      await reference.close();
    }
    progress(`clean run: ${clean.notices.length} notices; ${figures.held} held, ${figures.cancelled} cancelled, ${figures.superseded} superseded`);
    expect(clean.notices.length).toBeGreaterThan(20 * SCALE);
    // The run exercises holding: notices held, then released; some superseded while held.
    expect(figures.held).toBeGreaterThan(5 * SCALE);
    expect(figures.superseded).toBeGreaterThan(0);
    expect(clean.ledger.filter((e) => e.endsWith(' held'))).toEqual([]);
  }, RUN_MS);

  it('runs the chaotic replay: every event acknowledged, none twice as accepted', async () => {
    if (!clean) throw new Error('the clean run did not complete; see the test before');
    const random = seeded(SEED);
    const h = (chaos = await startHarness({
      claimLeaseMs: LEASE_MS,
      queue: { retryDelayMs: () => 2, maxReceiveCount: 15, batchWindowMs: 0 },
      decorate: {
        dynamo: faultyDynamo(FAULT_RATE, seeded(SEED + 1), counts, () => faultsOn),
        queue: faultyQueue(FAULT_RATE, seeded(SEED + 2), counts),
        publisher: faultyPublisher(FAULT_RATE, seeded(SEED + 3), counts),
      },
    }));
    const posted = [...events, ...events.filter(() => random() < DUPLICATES)];
    for (let i = posted.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [posted[i], posted[j]] = [posted[j] as (typeof posted)[number], posted[i] as (typeof posted)[number]];
    }
    const batches: Array<typeof posted> = [];
    for (let i = 0; i < posted.length; ) {
      const size = 1 + Math.floor(random() * 30);
      batches.push(posted.slice(i, i + size));
      i += size;
    }
    figures.requests = batches.length;
    figures.retriedRequests = 0;
    figures.accepted = 0;
    figures.duplicate = 0;
    faultsOn = true;
    let next = 0;
    await Promise.all(
      Array.from({ length: POSTERS }, async () => {
        while (next < batches.length) {
          const batch = batches[next++] ?? [];
          // A court system resends a request until it gets an answer it can act on.
          for (;;) {
            const res = await h.post({ events: batch });
            if (res.status === 202) {
              for (const r of res.body.results as Array<{ eventId: string; status: string }>) {
                expect(['accepted', 'duplicate']).toContain(r.status);
                figures[r.status] = (figures[r.status] ?? 0) + 1;
                acknowledged.add(r.eventId);
                if (r.status === 'accepted') {
                  expect(acceptedOnce.has(r.eventId), `${r.eventId} accepted twice`).toBe(false);
                  acceptedOnce.add(r.eventId);
                }
              }
              break;
            }
            expect(res.status).toBe(503);
            figures.retriedRequests = (figures.retriedRequests ?? 0) + 1;
          }
        }
      }),
    );
    progress(`posted ${batches.length} requests (${figures.retriedRequests} refused with 503 and posted again)`);
    await h.system.drain();
    figures.deadLettered = h.system.queue.stats.deadLettered;
    figures.applyRetries = h.system.queue.stats.retried;
    progress(`applied (${figures.applyRetries} apply retries)`);
    figures.scanRuns = 0;
    for (const [i, time] of scanTimes.entries()) {
      // Two overlapping scans: each notice, held ones included, goes out once between them.
      const runs = await Promise.all([scanUntilSettled(h, time), scanUntilSettled(h, time)]);
      figures.scanRuns = (figures.scanRuns ?? 0) + runs[0] + runs[1];
      if ((i + 1) % 16 === 0) progress(`scanned ${i + 1} of ${scanTimes.length} scan times (${figures.scanRuns} runs)`);
    }
    faultsOn = false;
    chaotic = await outcome(h);
    figures.receiverDuplicatesDropped = h.system.outbox.duplicatesDropped;

    expect(acknowledged.size).toBe(events.length);
    expect(figures.accepted).toBeLessThanOrEqual(events.length);
    expect((figures.accepted ?? 0) + (figures.duplicate ?? 0)).toBeGreaterThan(events.length * (1 + DUPLICATES * 0.5));
    expect(counts.dynamoBefore + counts.dynamoAfter).toBeGreaterThan(0);
    expect(counts.queueBefore + counts.queueAfter).toBeGreaterThan(0);
    expect(counts.publishFailed).toBeGreaterThan(0);
  }, RUN_MS);

  it('lost no applied work: nothing is left in the dead-letter queue', () => {
    ran();
    expect(figures.deadLettered).toBe(0);
  });

  it('ends with every case exactly as the clean, ordered run', () => {
    const { clean, chaotic } = ran();
    expect([...chaotic.states.keys()].sort()).toEqual([...clean.states.keys()].sort());
    const different = caseNos.filter((c) => chaotic.states.get(c) !== clean.states.get(c));
    for (const caseNo of different.slice(0, 2)) {
      // Say what differs, so a failure can be understood from its output.
      const a = JSON.parse(clean.states.get(caseNo) ?? '{}') as Record<string, unknown>;
      const b = JSON.parse(chaotic.states.get(caseNo) ?? '{}') as Record<string, unknown>;
      for (const key of Object.keys(a)) if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) console.log(caseNo, key, 'clean:', JSON.stringify(a[key]), 'chaos:', JSON.stringify(b[key]));
    }
    expect(different).toEqual([]);
  });

  it('published the same notices, none twice', () => {
    const { clean, chaotic } = ran();
    expect(chaotic.notices).toEqual(clean.notices);
    expect(new Set(chaotic.notices).size).toBe(chaotic.notices.length);
    expect(figures.receiverDuplicatesDropped).toBe(0);
  });

  it('ended each notice as the clean run did: every held one sent once, cancelled or superseded', () => {
    const { clean, chaotic } = ran();
    expect(chaotic.ledger).toEqual(clean.ledger);
  });
});
