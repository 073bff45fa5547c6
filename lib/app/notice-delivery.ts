/**
 * Steps 2-3 of the scan (`scan.ts`): carry out what the outboxes of the cases just
 * written hold — each notice through one conditional ledger write of its life
 * (`lib/notice-lifecycle.ts`), then the ones this run claimed are published, ten per call,
 * and recorded as sent right after each call.
 */
import { type Notice, noticeTextsAt } from '../escalation.js';
import type { Limits } from '../limits.js';
import { FINAL_STATUSES, outboxAction } from '../notice-lifecycle.js';
import type { CaseRecord, LedgerWrite, NoticeLedger, NoticePublisher } from '../ports.js';
import type { Instant } from '../time.js';
import { mapLimit, withRetries } from './concurrency.js';

/** A claim older than this (wall clock) belongs to a scan that died; another may take it over. */
export const CLAIM_LEASE_MS = 10 * 60_000;
/** Notices per publish call: SNS PublishBatch takes ten. */
const PUBLISH_BATCH = 10;

export interface DeliveryDeps {
  readonly ledger: NoticeLedger;
  readonly publisher: NoticePublisher;
  readonly limits: Limits;
  readonly wallClock: () => Instant;
  readonly claimLeaseMs?: number;
}

/** What one run did with the outbox notices it was given. */
export interface DeliveryTally {
  published: Notice[];
  /** Notices newly recorded as held by this run. */
  held: Notice[];
  cancelled: number;
  superseded: number;
  suppressed: number;
  failed: number;
  alreadySent: number;
}

export function newDeliveryTally(): DeliveryTally {
  return { published: [], held: [], cancelled: 0, superseded: 0, suppressed: 0, failed: 0, alreadySent: 0 };
}

/**
 * What became of each notice: `removed` — its life in the ledger is over (or taken
 * elsewhere for good), drop it from the outbox; `parked` — held in the ledger until its
 * `deliverAt`. Notices absent from the map stay in the outbox, due again.
 */
export type Outcomes = Map<string, 'removed' | 'parked'>;

type Isolated = <T>(work: () => Promise<T>) => Promise<T | undefined>;

/** Carries out the outboxes of `records` as of `now`. */
export async function deliverOutboxes(
  deps: DeliveryDeps,
  runId: string,
  now: Instant,
  records: readonly CaseRecord[],
  tally: DeliveryTally,
  isolated: Isolated,
): Promise<Outcomes> {
  const { ledger } = deps;
  const outcomes: Outcomes = new Map();
  const mine: Notice[] = [];
  const work = records.flatMap((r) => Object.values(r.outbox).map((notice) => ({ notice, state: r.state })));
  await mapLimit(work, 16, ({ notice, state }) => isolated(async () => {
    const at = deps.wallClock();
    const action = outboxAction(notice, state, now);
    if (action === 'publish') {
      const claim = await ledger.claimNotice(notice, runId, at);
      if (claim.claimed) return void mine.push(notice);
      const { entry } = claim;
      if (entry.status === 'sent') tally.alreadySent++;
      if (FINAL_STATUSES.has(entry.status)) return void outcomes.set(notice.noticeId, 'removed');
      const lease = deps.claimLeaseMs ?? CLAIM_LEASE_MS;
      if (entry.status === 'claimed' && at - entry.claimedAt > lease && (await ledger.takeOverNotice(entry, runId, at))) mine.push(notice);
      return;
    }
    const outcome = await settle(ledger, notice, action, runId, at);
    if (outcome.written) {
      if (action === 'hold') tally.held.push(notice);
      else if (action === 'cancel') tally.cancelled++;
      else if (action === 'supersede') tally.superseded++;
      else tally.suppressed++;
      return void outcomes.set(notice.noticeId, action === 'hold' ? 'parked' : 'removed');
    }
    const { status } = outcome.entry;
    if (FINAL_STATUSES.has(status)) return void outcomes.set(notice.noticeId, 'removed');
    if (status === 'held' && action === 'hold') outcomes.set(notice.noticeId, 'parked');
    // Claimed by another run (it was due there): that run, or the lease, finishes it.
  }));
  await publishClaimed(deps, runId, now, mine, outcomes, tally, isolated);
  return outcomes;
}

function settle(ledger: NoticeLedger, notice: Notice, action: Exclude<ReturnType<typeof outboxAction>, 'publish'>, by: string, at: Instant): Promise<LedgerWrite> {
  switch (action) {
    case 'hold':
      return ledger.recordNotice(notice, 'held', by, at);
    case 'suppress':
      return ledger.recordNotice(notice, 'suppressed', by, at);
    case 'cancel':
      return ledger.endHeldNotice(notice, 'cancelled', by, at);
    case 'supersede':
      return ledger.endHeldNotice(notice, 'superseded', by, at);
  }
}

/**
 * Ten at a time (one PublishBatch), each batch recorded as sent in one request right after
 * it is published: a crash can repeat at most the batch in between. A held notice goes
 * out with its texts as of now (how late it is when it is read).
 */
async function publishClaimed(
  deps: DeliveryDeps,
  runId: string,
  now: Instant,
  claimed: readonly Notice[],
  outcomes: Outcomes,
  tally: DeliveryTally,
  isolated: Isolated,
): Promise<void> {
  const { ledger } = deps;
  const mine = claimed.map((n) => (n.deliverAt === undefined ? n : noticeTextsAt(n, deps.limits, now)));
  const batches: Notice[][] = [];
  for (let i = 0; i < mine.length; i += PUBLISH_BATCH) batches.push(mine.slice(i, i + PUBLISH_BATCH));
  await mapLimit(batches, 4, (batch) => isolated(async () => {
    const { failed } = await deps.publisher.publish(batch);
    const failedIds = new Set(failed);
    const sent = batch.filter((n) => !failedIds.has(n.noticeId));
    tally.failed += batch.length - sent.length;
    // Recording what was published keeps a later scan from publishing it again, so a
    // passing fault is retried here rather than left to the lease.
    if (sent.length) await withRetries(5, () => ledger.markNoticesSent(sent, runId, deps.wallClock()));
    for (const n of sent) {
      outcomes.set(n.noticeId, 'removed');
      tally.published.push(n);
    }
    await mapLimit(
      batch.filter((n) => failedIds.has(n.noticeId)),
      10,
      (n) => withRetries(3, () => ledger.releaseNotice(n, runId)),
    );
  }));
}
