/**
 * Keeping the metrics (CONTRACT §6) without reading the court's history on a page view:
 * each case's contributions are written as entries per bucket (a China day, an
 * open-caseload shard), and each bucket keeps a summary of its entries. How it keeps the
 * product's promises without transactions (docs/METRICS.md, "How they are kept"):
 *
 * - The snapshot is the write-ahead record. Every snapshot write adds to its `rollup`
 *   the buckets whose entry the change touched (and the notices it confirmed), in the
 *   same write as the facts; the roll-up empties it, conditionally on the snapshot
 *   version, only once every step below succeeded. A crash anywhere leaves it, and the
 *   next pass finds the case again through the sparse `rollup` index.
 * - Entries are keyed by (bucket, case) and tagged with the snapshot version: a write is
 *   refused when the stored entry is newer, so a slow or repeated roll-up never undoes a
 *   later one. A bucket the case left gets a tombstone, never a delete (a delete could be
 *   undone by an older writer). Sent notices are keyed by notice id, written once.
 * - A summary is recomputed from all its bucket's entries (never by adding deltas),
 *   after the bucket's change counter was raised, and stored with that count unless a
 *   summary computed after a later count is there: whoever raised it last stores the
 *   summary that counts every entry, or its case stays marked.
 *
 * The roll-up runs as a pass after each scan: the changes of many events and cases
 * since the last pass are written once, and each touched bucket is summed once.
 */
import type { CaseState } from '../case-state.js';
import type { Notice } from '../escalation.js';
import { caseContributions, changedBuckets, dayBucket } from '../metrics/contributions.js';
import { summarize } from '../metrics/summaries.js';
import type { CaseRecord, CaseRollup, CaseSnapshots, MetricsStore, NoticeLedger } from '../ports.js';
import { chinaDateOf, type Instant } from '../time.js';
import type { Rules } from './case-records.js';
import { mapLimit } from './concurrency.js';

/**
 * What the roll-up still has to write once this state is stored over `previous`: what
 * was left before, the buckets whose entry changes, the notices that left the outbox.
 */
export function rollupFor(previous: CaseRecord | undefined, state: CaseState, outbox: Readonly<Record<string, Notice>>, rules: Rules): CaseRollup | undefined {
  // `previous` read from the scan index carries no roll-up: the store adds this one to what it holds.
  // Under other rules the stored entries were computed differently: every bucket of both.
  const sameRules = previous?.plannedWith === rules.fingerprint;
  const before = previous && sameRules ? caseContributions(previous.state, rules) : undefined;
  const after = caseContributions(state, rules);
  const buckets = new Set([...(previous?.rollup?.buckets ?? []), ...changedBuckets(before, after)]);
  if (previous && !sameRules) for (const b of caseContributions(previous.state, rules).keys()) buckets.add(b);
  const notices = new Set(previous?.rollup?.notices ?? []);
  for (const id of Object.keys(previous?.outbox ?? {})) if (!(id in outbox)) notices.add(id);
  if (!buckets.size && !notices.size) return undefined;
  return { buckets: [...buckets].sort(), notices: [...notices].sort() };
}

/**
 * The moment a sent notice counts on: when it was due to go out — the scan's time that
 * decided it, or, for a notice held for quiet hours, the time it was held until
 * (`deliverAt`). Not the wall clock of the publication, so a replay of a past month
 * counts its notices in that month, and a notice counts on one day only, however often
 * its publication was retried.
 */
export function sentAt(notice: Notice & { readonly deliverAt?: Instant }): Instant {
  return notice.deliverAt ?? notice.decidedAt;
}

export interface RollupDeps {
  readonly metrics: MetricsStore;
  readonly snapshots: Pick<CaseSnapshots, 'getCase' | 'clearRollup'>;
  readonly ledger: Pick<NoticeLedger, 'listNotices'>;
  readonly rules: Rules;
}

/**
 * Counts a change of the bucket, then sums its entries and stores the sums as current
 * for that change. Another pass that counted a later change stores its own sums instead:
 * either way a summary computed after this change is in place when it returns.
 */
async function refreshSummary(store: MetricsStore, court: string, bucket: string): Promise<void> {
  const basis = await store.bumpBucket(court, bucket);
  await store.putSummary(court, bucket, summarize(await store.readBucket(court, bucket)), basis);
}

/** Writes a snapshot's pending entries; returns the buckets it touched (court-qualified). */
async function writeEntries(deps: RollupDeps, record: CaseRecord): Promise<string[]> {
  const { metrics, rules } = deps;
  const rollup = record.rollup;
  if (!rollup) return [];
  const court = record.court;
  const contributions = caseContributions(record.state, rules);
  await mapLimit(rollup.buckets, 8, (bucket) => metrics.putCaseEntry(court, bucket, record.caseNo, record.version, contributions.get(bucket) ?? null));
  const touched = [...rollup.buckets];
  if (rollup.notices.length) {
    const wanted = new Set(rollup.notices);
    // A notice that left the outbox without being sent (cancelled, superseded) counts nowhere.
    const sent = (await deps.ledger.listNotices(record.caseNo)).filter((e) => e.status === 'sent' && wanted.has(e.notice.noticeId));
    await mapLimit(sent, 8, async ({ notice }) => {
      const bucket = dayBucket(chinaDateOf(sentAt(notice)));
      touched.push(bucket);
      await metrics.putNoticeEntry(court, bucket, notice.noticeId, { kind: 'notice', team: notice.team, level: notice.level });
    });
  }
  return [...new Set(touched)].map((bucket) => `${court}\n${bucket}`);
}

/**
 * Rolls up a set of snapshots: their entries, then each touched bucket's summary once,
 * then — for each snapshot whose buckets all got a current summary — the emptied mark.
 * Returns the snapshots done.
 */
export async function rollUp(deps: RollupDeps, records: readonly CaseRecord[]): Promise<Set<CaseRecord>> {
  const { metrics } = deps;
  const written = new Map<CaseRecord, string[]>();
  await mapLimit(records, 8, async (record) => {
    const touched = await writeEntries(deps, record).catch(() => undefined);
    if (touched) written.set(record, touched);
  });
  const buckets = [...new Set([...written.values()].flat())];
  const fresh = new Set<string>();
  await mapLimit(buckets, 8, async (key) => {
    const [court = '', bucket = ''] = key.split('\n');
    // A fault leaves it for the next pass: the cases that touched it stay marked.
    if (await refreshSummary(metrics, court, bucket).then(() => true, () => false)) fresh.add(key);
  });
  const done = new Set<CaseRecord>();
  await mapLimit([...written], 8, async ([record, touched]) => {
    if (touched.every((key) => fresh.has(key)) && (await deps.snapshots.clearRollup(record).catch(() => false))) done.add(record);
  });
  return done;
}

/** How often a complete pass is recorded (`rolledUpAt`). */
const RECORD_EVERY_MS = 15 * 60_000;

export interface RollupPassReport {
  /** Marked cases found. */
  readonly found: number;
  /** Cases whose roll-up finished (mark cleared). */
  readonly rolled: number;
  /** Cases left marked (a fault, a newer snapshot meanwhile): the next pass takes them. */
  readonly left: number;
  readonly incomplete: boolean;
}

/**
 * The roll-up pass (after each scan): every marked snapshot (the `rollup` index), a page
 * at a time, rolled up from its current version. `now` is the scan's time: recorded as
 * the time the metrics are current to when nothing was left behind. It never throws: a
 * fault leaves work for the next pass, and the scan's own work stands.
 */
export async function rollupPass(deps: RollupDeps, options: { readonly now: Instant; readonly outOfTime?: () => boolean }): Promise<RollupPassReport> {
  const outOfTime = options.outOfTime ?? (() => false);
  const tally = { found: 0, rolled: 0, left: 0, incomplete: false };
  await mapLimit(
    Array.from({ length: deps.metrics.rollShards }, (_, i) => i),
    4,
    async (shard) => {
      let cursor: string | undefined;
      do {
        if (outOfTime()) {
          tally.incomplete = true;
          return;
        }
        const page = await deps.metrics.pendingCases(shard, cursor).catch(() => undefined);
        if (!page) {
          // A fault: the rest of this shard waits for the next pass.
          tally.incomplete = true;
          return;
        }
        tally.found += page.items.length;
        const records = (await mapLimit(page.items, 8, (caseNo) => deps.snapshots.getCase(caseNo).catch(() => undefined))).filter(
          (r): r is CaseRecord => r !== undefined,
        );
        const done = await rollUp(deps, records);
        tally.rolled += done.size;
        tally.left += page.items.length - done.size;
        cursor = page.next;
      } while (cursor);
    },
  );
  if (!tally.left && !tally.incomplete) {
    // One small write at most every quarter of an hour: the time it records may only be
    // earlier than the truth, never later.
    const last = await deps.metrics.lastPass().catch(() => undefined);
    if (last === undefined || options.now - last >= RECORD_EVERY_MS || options.now < last) {
      await deps.metrics.recordPass(options.now).catch(() => (tally.incomplete = true));
    }
  }
  return tally;
}
