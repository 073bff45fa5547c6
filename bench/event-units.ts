/**
 * Part 2 — DynamoDB capacity units per accepted event. Four courts' months (the month
 * generator's timelines, ~1,900 events of ~170 cases) are posted over the local HTTP
 * endpoint by court systems that sync every hour (each request: one court's events of
 * that hour), every 15 minutes, post each event alone a minute after it happened, or
 * sync once a day (just after midnight, China time). The
 * system's clock is the sender's (so validation and overdue counts run as in real time).
 * After each request the queue is drained; every unit between the post and the drain
 * belongs to that request, and its value is units ÷ events accepted in it.
 */
import { DAY_MS, HOUR_MS } from '../lib/time.js';
import { writeUnits } from './support/dynamo-meter.js';
import { indexSpecs } from './support/index-units.js';
import type { Report } from './support/report.js';
import { mean, median } from './support/stats.js';
import { replaySyncs } from './support/sync-replay.js';

export const UNIT_COURTS = 4;
export const UNIT_SEED = 2026;

const STREAMS = [
  { suffix: '', windowMs: HOUR_MS },
  { suffix: '-15min', windowMs: 15 * 60_000 },
  { suffix: '-single', windowMs: 0 },
  { suffix: '-daily', windowMs: DAY_MS },
] as const;

interface RequestUnits {
  readonly accepted: number;
  readonly write: number;
  readonly tableWrite: number;
  readonly indexWrite: number;
  readonly byIndex: Readonly<Record<string, number>>;
  readonly read: number;
  readonly calls: number;
}

async function replay(windowMs: number): Promise<{ requests: RequestUnits[]; rejected: number }> {
  const out: RequestUnits[] = [];
  let rejected = 0;
  await replaySyncs(UNIT_COURTS, UNIT_SEED, windowMs, ({ request, posted, usage }) => {
    rejected += request.events.length - posted.accepted;
    if (!posted.accepted) return;
    out.push({
      accepted: posted.accepted,
      write: writeUnits(usage) / posted.accepted,
      tableWrite: usage.tableWriteUnits / posted.accepted,
      indexWrite: usage.indexWriteUnits / posted.accepted,
      byIndex: Object.fromEntries(Object.entries(usage.indexWriteUnitsBy).map(([name, units]) => [name, units / posted.accepted])),
      read: usage.readUnits / posted.accepted,
      calls: Object.values(usage.calls).reduce((a, b) => a + b, 0) / posted.accepted,
    });
  });
  return { requests: out, rejected };
}

export async function eventUnits(report: Report): Promise<void> {
  for (const { suffix, windowMs } of STREAMS) {
    const { requests, rejected } = await replay(windowMs);
    const events = requests.reduce((n, r) => n + r.accepted, 0);
    const overall = (pick: (r: RequestUnits) => number) => requests.reduce((n, r) => n + pick(r) * r.accepted, 0) / events;
    report.figure(`event-write-units${suffix}`, median(requests.map((r) => r.write)));
    report.figure(`event-read-units${suffix}`, median(requests.map((r) => r.read)));
    report.figure(`event-write-units${suffix}-mean`, mean(requests.map((r) => r.write)));
    report.figure(`event-read-units${suffix}-mean`, mean(requests.map((r) => r.read)));
    report.figure(`event-write-units${suffix}-overall`, overall((r) => r.write));
    report.figure(`event-write-units${suffix}-table-overall`, overall((r) => r.tableWrite));
    for (const { name: index } of indexSpecs()) {
      report.figure(`event-write-units${suffix}-index-${index}-overall`, overall((r) => r.byIndex[index] ?? 0));
    }
    report.figure(`event-read-units${suffix}-overall`, overall((r) => r.read));
    report.figure(`event-dynamodb-calls${suffix}-overall`, overall((r) => r.calls));
    report.figure(`event-requests${suffix}`, requests.length);
    report.figure(`event-events${suffix}`, events);
    if (rejected) report.figure(`event-rejected${suffix}`, rejected);
  }
}
