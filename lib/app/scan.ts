/**
 * The deadline scan. Reads only cases whose `nextCheckAt` has come (the sparse, sharded
 * scan index, four shards at a time, a page of 100 at a time), escalates each, and
 * publishes every notice exactly once:
 *
 * 1. *intent* — the snapshot is written, conditional on the version read, with the new
 *    sent levels and the notices in its outbox, each with its `deliverAt` when quiet
 *    hours or a rest day hold it; its `nextCheckAt` (already passed) is kept, so a crash
 *    leaves the case due and the index key does not move. A case with nothing new to
 *    send but notices waiting in its outbox (held ones whose time has come) has its
 *    intent stored already and skips this write;
 * 2. *ledger* — each outbox notice takes one step of its life with a conditional write
 *    (`notice-delivery.ts`): claimed when due (a notice already sent is never published
 *    again, a stale claim of a crashed scan is taken over), held until its `deliverAt`,
 *    cancelled when its node was done while it was held, superseded by a higher level,
 *    suppressed after an import;
 * 3. *publish* — the claimed ones, in batches of ten, across cases, each batch marked
 *    sent right after;
 * 4. *confirm* — finished notices leave the outbox, held ones stay there, and the next
 *    check is planned (at the earliest `deliverAt` of a held notice at the latest).
 *
 * Overlapping or retried scans meet at the version check (1) and the ledger (2). A case
 * whose step fails is counted (`caseErrors`) and stays due; it never holds back its page.
 * The only window for a repeat is a crash between the publisher's acknowledgement and
 * (3)'s record; notices carry a stable `noticeId` so receivers can drop such a repeat.
 * With the time left, the scan re-plans open cases after a change of limits (resumable
 * through the `plan` meta record).
 */
import type { CaseState } from '../case-state.js';
import { deliveryPolicyOf } from '../delivery.js';
import { escalate, type Notice, passedAtImport } from '../escalation.js';
import { addToOutbox, scheduleDelivery } from '../notice-lifecycle.js';
import type { CaseIndex, CaseRecord, MetaStore, NoticeLedger, NoticePublisher } from '../ports.js';
import type { Instant } from '../time.js';
import { type FoldSources, planRecord, refoldCase, type Rules } from './case-records.js';
import { mapLimit } from './concurrency.js';
import { deliverOutboxes, type DeliveryTally, newDeliveryTally, type Outcomes } from './notice-delivery.js';

export { CLAIM_LEASE_MS } from './notice-delivery.js';
const PAGE_SIZE = 100;
const MAX_ATTEMPTS = 5;

/** The scan reads the due index, writes snapshots and the ledger, and re-folds after a change of limits. */
export interface ScanDeps extends FoldSources {
  readonly index: CaseIndex;
  readonly ledger: NoticeLedger;
  readonly meta: MetaStore;
  readonly publisher: NoticePublisher;
  readonly rules: Rules;
  /** Wall clock, for claims and leases (the scan's `now` may be a scheduled time). */
  readonly wallClock: () => Instant;
  /** How long a claim protects a notice being published (default `CLAIM_LEASE_MS`). */
  readonly claimLeaseMs?: number;
}

export interface ScanOptions {
  /** The scan's "now": the scheduled event's time. */
  readonly now: Instant;
  /** Names this run in the ledger (the invocation's request id). */
  readonly runId: string;
  /** True when the time budget is spent: the scan stops paging, the rest stays due. */
  readonly outOfTime?: () => boolean;
}

export interface ScanReport {
  readonly now: Instant;
  /** Snapshots read from the scan index. */
  readonly casesRead: number;
  /** Cases whose snapshot the scan changed. */
  readonly casesUpdated: number;
  /** Notices published by this run. */
  readonly published: readonly Notice[];
  /** Notices this run decided to hold until their `deliverAt` (quiet hours, rest days). */
  readonly held: readonly Notice[];
  /** Held notices this run cancelled (node done first) or superseded (higher level decided). */
  readonly cancelled: number;
  readonly superseded: number;
  /** Levels recorded as suppressed after an import. */
  readonly suppressed: number;
  /** Notices that could not be published (they stay in the outbox and are retried). */
  readonly failed: number;
  /** Notices found already sent by an earlier run (crash recovery), not published again. */
  readonly alreadySent: number;
  /** Cases re-planned under changed limits. */
  readonly replanned: number;
  /** Whether the time budget ran out before every due case was read. */
  readonly incomplete: boolean;
  /** Cases (or publish batches) whose step failed; they stay due for the next run. */
  readonly caseErrors: number;
  /** A re-plan after changed limits is not finished; the next runs continue it. */
  readonly replanPending: boolean;
  /** The oldest `nextCheckAt` found due: how far behind the scan is. */
  readonly oldestDueAt?: Instant;
}

interface Intent {
  /** The snapshot as written, its outbox to carry out. */
  readonly record: CaseRecord;
}

interface Tally extends DeliveryTally {
  casesRead: number;
  casesUpdated: number;
  replanned: number;
  incomplete: boolean;
  caseErrors: number;
  replanPending: boolean;
  oldestDueAt?: Instant;
}

const PLAN_META = 'plan';
interface PlanProgress {
  /** Fingerprint every open case is planned with, once a sweep completed. */
  readonly done?: string;
  /** Sweep under way for this fingerprint. */
  readonly target?: string;
  readonly shard?: number;
  readonly cursor?: string;
}

/**
 * Runs one scan as of `options.now`: the due cases first, then — with the time left —
 * the re-planning of open cases after a change of limits (and the due cases it made
 * due), so a long re-plan never holds notices back.
 */
export async function runScan(deps: ScanDeps, options: ScanOptions): Promise<ScanReport> {
  const tally: Tally = { ...newDeliveryTally(), casesRead: 0, casesUpdated: 0, replanned: 0, incomplete: false, caseErrors: 0, replanPending: false };
  const outOfTime = options.outOfTime ?? (() => false);
  await duePass(deps, options, outOfTime, tally);
  const before = tally.replanned;
  if (!tally.incomplete) await replanSweep(deps, options.now, outOfTime, tally);
  if (tally.replanned > before && !tally.incomplete) await duePass(deps, options, outOfTime, tally);
  return { now: options.now, ...tally };
}

/** Every due case of every shard, page by page, while time lasts. */
async function duePass(deps: ScanDeps, options: ScanOptions, outOfTime: () => boolean, tally: Tally): Promise<void> {
  const shards = Array.from({ length: deps.index.dueShards }, (_, i) => i);
  await mapLimit(shards, 4, async (shard) => {
    let cursor: string | undefined;
    do {
      if (outOfTime()) {
        tally.incomplete = true;
        return;
      }
      const page = await deps.index.dueCases(shard, options.now, cursor, PAGE_SIZE);
      tally.casesRead += page.items.length;
      const oldest = cursor ? undefined : page.items[0]?.nextCheckAt;
      if (oldest !== undefined && (tally.oldestDueAt === undefined || oldest < tally.oldestDueAt)) tally.oldestDueAt = oldest;
      await processPage(deps, options, page.items, tally);
      cursor = page.next;
    } while (cursor);
  });
}

/**
 * One page of due cases. A case whose step fails (a passing store fault, say) is counted
 * and left due for the next run; it never holds back the other cases of its page.
 */
async function processPage(deps: ScanDeps, options: ScanOptions, records: readonly CaseRecord[], tally: Tally): Promise<void> {
  const { now, runId } = options;
  const isolated = <T>(work: () => Promise<T>): Promise<T | undefined> =>
    work().catch(() => {
      tally.caseErrors++;
      return undefined;
    });
  const intents = (await mapLimit(records, 16, (r) => isolated(() => decide(deps, now, r, tally)))).filter((i): i is Intent => i !== undefined);
  const delivery = { ...deps, limits: deps.rules.limits };
  const outcomes = await deliverOutboxes(delivery, runId, now, intents.map((i) => i.record), tally, isolated);
  await mapLimit(intents, 16, (i) => isolated(() => confirm(deps, now, i.record, outcomes)));
}

/** Step 1: escalate and write the intent (or just the new plan when nothing is sent). */
async function decide(deps: ScanDeps, now: Instant, first: CaseRecord, tally: Tally): Promise<Intent | undefined> {
  const { snapshots, rules } = deps;
  let record: CaseRecord | undefined = first;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && record; attempt++) {
    let state: CaseState = record.state;
    let sent = record.sent;
    let replanned = false;
    if (record.plannedWith !== rules.fingerprint) {
      // A changed limit applies to open cases from this scan on.
      const refolded = await refoldCase(deps, rules, record.caseNo, [], now);
      if (!refolded.state || !refolded.base) return undefined;
      ({ state, sent } = refolded);
      record = refolded.base;
      replanned = true;
    }
    // Levels passed before an import are recorded, not sent; what comes after escalates.
    const passed = record.importedAt === undefined ? undefined : passedAtImport(state, rules.limits, record.importedAt, sent);
    const result = escalate(state, rules.limits, now, passed?.sent ?? sent);
    const decided = scheduleDelivery(result.notices, deliveryPolicyOf(rules.limits), rules.calendar);
    const added = [...(passed?.notices ?? []), ...decided];
    const outbox = addToOutbox(record.outbox, added);
    const pending = Object.values(outbox);
    // Nothing new to send: the outbox read is already stored (with the version read, which
    // the confirm checks), so its notices go straight to the ledger — no intent to write.
    if (pending.length && !added.length && !replanned) return { record };
    // While notices wait in the outbox the case stays due: its due time (already passed)
    // is kept, so the intent does not move the scan index's key.
    const next = planRecord(record, state, result.sent, outbox, rules, now, Math.min(record.nextCheckAt ?? now, now));
    if (!pending.length && !replanned && next.nextCheckAt === record.nextCheckAt && next.overdue === record.overdue) return undefined;
    if (await snapshots.updateCase(next, record.version)) {
      tally.casesUpdated++;
      if (replanned) tally.replanned++;
      return pending.length ? { record: next } : undefined;
    }
    record = await snapshots.getCase(record.caseNo);
  }
  return undefined; // lost every race: the case stays due and the next scan sees it
}

/**
 * Step 4: drop finished notices from the outbox and plan the next check — at the
 * earliest `deliverAt` of a held notice at the latest; due at once while a notice could
 * not take its step (it is tried again by the next run).
 */
async function confirm(deps: ScanDeps, now: Instant, written: CaseRecord, outcomes: Outcomes): Promise<void> {
  const { snapshots, rules } = deps;
  let record: CaseRecord | undefined = written;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && record; attempt++) {
    const ids = Object.keys(record.outbox);
    const outbox = Object.fromEntries(Object.entries(record.outbox).filter(([id]) => outcomes.get(id) !== 'removed'));
    if (!ids.some((id) => outcomes.has(id))) return; // nothing took its step: stays due
    const unsettled = ids.some((id) => !outcomes.has(id));
    const planned = planRecord(record, record.state, record.sent, outbox, rules, now, now);
    const next = unsettled ? { ...planned, nextCheckAt: Math.min(planned.nextCheckAt ?? now, now) } : planned;
    if (await snapshots.updateCase(next, record.version)) return;
    record = await snapshots.getCase(record.caseNo);
  }
}

/**
 * After the limits changed, every open case is re-planned (through the scan index, all
 * shards, resumable across runs); the due ones are re-planned as they are read anyway.
 */
async function replanSweep(deps: ScanDeps, now: Instant, outOfTime: () => boolean, tally: Tally): Promise<void> {
  const { index, meta: bookkeeping, rules } = deps;
  const meta = await bookkeeping.getMeta<PlanProgress>(PLAN_META);
  if (meta?.value.done === rules.fingerprint) return;
  let version = meta?.version;
  let progress: PlanProgress =
    meta?.value.target === rules.fingerprint ? meta.value : { target: rules.fingerprint, shard: 0 };
  while ((progress.shard ?? 0) < index.dueShards) {
    if (outOfTime()) {
      tally.replanPending = true;
      return;
    }
    const shard = progress.shard ?? 0;
    const page = await index.dueCases(shard, Number.POSITIVE_INFINITY, progress.cursor, PAGE_SIZE);
    await mapLimit(page.items.filter((r) => r.plannedWith !== rules.fingerprint), 8, async (r) => {
      if (await replanOne(deps, rules, r.caseNo, now)) tally.replanned++;
    });
    progress = page.next ? { target: rules.fingerprint, shard, cursor: page.next } : { target: rules.fingerprint, shard: shard + 1 };
    if (!(await bookkeeping.putMeta(PLAN_META, progress, version))) return; // another scan is sweeping
    version = (version ?? 0) + 1;
  }
  await bookkeeping.putMeta<PlanProgress>(PLAN_META, { done: rules.fingerprint }, version);
}

async function replanOne(sources: FoldSources, rules: Rules, caseNo: string, now: Instant): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const refolded = await refoldCase(sources, rules, caseNo, [], now);
    if (!refolded.state || !refolded.base) return false;
    if (refolded.base.plannedWith === rules.fingerprint) return false;
    const next = planRecord(refolded.base, refolded.state, refolded.sent, refolded.base.outbox, rules, now);
    if (await sources.snapshots.updateCase(next, refolded.base.version)) return true;
  }
  return false;
}
