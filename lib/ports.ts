/**
 * Ports: what the flows need from the outside world. Adapters in `functions/adapters/`
 * (DynamoDB, SQS, SNS, Secrets Manager) and `local/` (in-process queue, file outbox)
 * implement them; the flows never know which world they run in.
 */
import type { CaseState } from './case-state.js';
import type { Digest, JournalEntry } from './digest.js';
import type { Notice, SentLevels } from './escalation.js';
import type { StoredEvent } from './events.js';
import type { PriorTermination } from './facts.js';
import type { CaseTeam } from './limits.js';
import type { DuesByTeam } from './listing.js';
import type { LedgerStatus } from './notice-lifecycle.js';
import type { CaseEntry } from './metrics/contributions.js';
import type { BucketSums, Entry, NoticeEntry } from './metrics/summaries.js';
import type { Instant } from './time.js';

/**
 * What the metrics roll-up still has to write for a case (lib/app/metrics-rollup.ts):
 * kept in the snapshot, so it changes with the facts in one write; the store indexes a
 * snapshot while it is not empty.
 */
export interface CaseRollup {
  /** Buckets whose entry for this case may differ from what the case now contributes. */
  readonly buckets: readonly string[];
  /** Notices confirmed sent (or otherwise settled) that the metrics have not counted yet. */
  readonly notices: readonly string[];
}

/** The stored snapshot of one case: the fold, what was sent, and the scan index fields. */
export interface CaseRecord {
  readonly caseNo: string;
  readonly court: string;
  /** Optimistic version: every write is conditional on the version read. */
  readonly version: number;
  readonly state: CaseState;
  /** Highest level sent per node key; survives re-folds. */
  readonly sent: SentLevels;
  /** Notices decided but not yet confirmed published, by noticeId (outbox). */
  readonly outbox: Readonly<Record<string, Notice>>;
  /** `limitsFingerprint` of the limits the due times were computed with. */
  readonly plannedWith: string;
  /**
   * Every event folded in, as `eventRef` (`court#eventId`, the key of its stored record):
   * what a re-fold reads back. Absent in records read from the scan index.
   */
  readonly eventRefs?: readonly string[];
  /**
   * The latest import that touched the case (README "Onboarding a court"): levels whose threshold had
   * passed by then are recorded as suppressed, never sent.
   */
  readonly importedAt?: Instant;
  /** When the scan must look again; absent when nothing can change without a new event. */
  readonly nextCheckAt?: Instant;
  /** Overdue node count as of `updatedAt` (listing and dashboard). */
  readonly overdue: number;
  readonly updatedAt: Instant;
  /** What the metrics roll-up still has to write; absent when nothing. */
  readonly rollup?: CaseRollup;
}

export interface LedgerEntry {
  readonly notice: Notice;
  /** Where the notice is in its life (`lib/notice-lifecycle.ts`). */
  readonly status: LedgerStatus;
  /** Wall-clock time of the last transition; a claim older than the lease may be taken over. */
  readonly claimedAt: Instant;
  /** The run that made the last transition. */
  readonly claimedBy: string;
  readonly publishedAt?: Instant;
}

/** A conditional ledger write: done, or refused with the entry that stood in its way. */
export type LedgerWrite = { readonly written: true } | { readonly written: false; readonly entry: LedgerEntry };

/** A case filed against a respondent (by id hash): the other half of S7's history. */
export interface RespondentFiling {
  readonly idHash: string;
  readonly caseNo: string;
  readonly filedAt: Instant;
}

export type SaveEventOutcome = 'accepted' | 'duplicate' | 'conflict';
/** `claimed`: this call made the claim (and may give it back); `owned`: it was the court's already. */
export type ClaimCaseOutcome = 'claimed' | 'owned' | 'taken';

export interface CaseSummary {
  readonly caseNo: string;
  readonly team: CaseTeam;
  readonly status: 'open' | 'closed';
  readonly paused: boolean;
  /** Due times of the nodes that can still go overdue, by acting team (`lib/listing.ts`). */
  readonly dues: DuesByTeam;
}

/** Where a listing page ends: the index position after its last case. */
export interface ListPosition {
  /** The listing sort key of the last case (`<earliest due>#<caseNo>`). */
  readonly key: string;
}

/** What to list: a court's cases ordered by earliest open due time; `overdueAt` splits the range. */
export interface ListQuery {
  readonly team?: CaseTeam;
  /** With `now`: only cases with a node overdue at `now` (true) or none (false). */
  readonly overdue?: boolean;
  readonly now: Instant;
  readonly after?: ListPosition;
  readonly limit: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque cursor of the next page, absent on the last. */
  readonly next?: string;
}

/*
 * The store, one port per item family (`functions/adapters/table-design.ts` lists the
 * items and access patterns). Each use case declares only the ports it uses. Every
 * implementation throws `StoreUnavailableError` (lib/errors.ts) for faults that may pass.
 */

/** Accepted events and who owns each case: `I#…`, `#OWNER`, `#WAIT`, `#ACCEPTED`. */
export interface EventLog {
  /** Owners (filing courts) of the given cases, where known. */
  caseOwners(caseNos: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Claims a case for the court that files it; `taken` when another court owns it. `token` names this claim. */
  claimCase(caseNo: string, court: string, at: Instant, token: string): Promise<ClaimCaseOutcome>;
  /** Gives back a claim this request made (`token`), if it is still that claim: a refused request leaves none. */
  releaseClaim(caseNo: string, court: string, token: string): Promise<void>;
  /** Remembers events answered `accepted` or `duplicate` for a case (a set: repeats change nothing). */
  recordAccepted(caseNo: string, refs: readonly string[]): Promise<void>;
  /** Every event reference recorded as accepted for the case (strongly consistent). */
  acceptedRefs(caseNo: string): Promise<string[]>;
  /**
   * Stores an accepted event durably and idempotently by (court, eventId): the same id
   * and body again is `duplicate`, the same id with another body `conflict`.
   */
  saveEvent(event: StoredEvent, receivedAt: Instant): Promise<SaveEventOutcome>;
  /** Stored events by reference (strongly consistent). */
  loadEvents(refs: readonly string[]): Promise<StoredEvent[]>;
  /** Remembers events of a case that is not filed yet, until its `case.filed` arrives. */
  addWaiting(caseNo: string, refs: readonly string[]): Promise<void>;
  waitingRefs(caseNo: string): Promise<string[]>;
}

/** What a re-fold starts from: one read of the case's partition. */
export interface CaseHistory {
  readonly record?: CaseRecord;
  /** References of events waiting for the filing (`#WAIT`). */
  readonly waiting: string[];
  /** The notice ledger of the case (read only: the ledger's writes are `NoticeLedger`'s). */
  readonly ledger: LedgerEntry[];
}

/** Case snapshots (`#CASE`): the fold, what was sent, and the fields the indexes read. */
export interface CaseSnapshots {
  /** The case snapshot, strongly consistent, with its event references. */
  getCase(caseNo: string): Promise<CaseRecord | undefined>;
  /** Snapshot, waiting event references and notice ledger of a case: one partition, one query. */
  loadCase(caseNo: string): Promise<CaseHistory>;
  /** Writes the whole snapshot (with `eventRefs`) if its version is still `expectedVersion` (absent: must not exist). */
  putCase(record: CaseRecord, expectedVersion: number | undefined): Promise<boolean>;
  /** Writes the snapshot but its event references, if its version is still `expectedVersion`. */
  updateCase(record: CaseRecord, expectedVersion: number): Promise<boolean>;
  /** Records that the metrics roll-up of this snapshot is done (`rollup` emptied), if its version is still the record's. */
  clearRollup(record: CaseRecord): Promise<boolean>;
}

/** Respondents' filings and 终本 closings per court (`R#…`): S7's history. */
export interface RespondentHistory {
  /** Prior 终本 closings of these respondents in this court, closed within [from, to]. */
  priorTerminations(court: string, idHashes: readonly string[], from: Instant, to: Instant): Promise<PriorTermination[]>;
  recordTerminations(court: string, entries: readonly PriorTermination[]): Promise<void>;
  /** Remembers that cases were filed against these respondents (so a later 终本 finds them). */
  recordFilings(court: string, entries: readonly RespondentFiling[]): Promise<void>;
  /** Cases filed against these respondents in this court within [from, to]. */
  filingsBetween(court: string, idHashes: readonly string[], from: Instant, to: Instant): Promise<RespondentFiling[]>;
}

/**
 * The notice ledger (`N#…`): each notice claimed before it is published, recorded after;
 * held, cancelled, superseded and suppressed notices recorded too. Every write is
 * conditional on the state it leaves (`lib/notice-lifecycle.ts`).
 */
export interface NoticeLedger {
  /** Claims a notice before publishing — if it has no entry yet, or is held; else returns what is there. */
  claimNotice(notice: Notice, by: string, at: Instant): Promise<{ claimed: true } | { claimed: false; entry: LedgerEntry }>;
  /** Records a notice as held or suppressed if it has no entry yet; else returns what is there. */
  recordNotice(notice: Notice, status: 'held' | 'suppressed', by: string, at: Instant): Promise<LedgerWrite>;
  /** Ends a held notice (cancelled, superseded) — if it has no entry yet, or is still held; else returns what is there. */
  endHeldNotice(notice: Notice, status: 'cancelled' | 'superseded', by: string, at: Instant): Promise<LedgerWrite>;
  /** Takes over a stale claim (conditional on the claim seen). */
  takeOverNotice(entry: LedgerEntry, by: string, at: Instant): Promise<boolean>;
  /** Records notices as published, all in one request (the window a crash could repeat them in is one request). */
  markNoticesSent(notices: readonly Notice[], by: string, at: Instant): Promise<void>;
  /** Gives back a claim whose publish failed, so the next attempt need not wait for the lease. */
  releaseNotice(notice: Notice, by: string): Promise<void>;
  listNotices(caseNo: string): Promise<LedgerEntry[]>;
}

/** The two indexes over snapshots: due cases for the scan, a court's cases for the listing. */
export interface CaseIndex {
  /** Number of scan-index shards. */
  readonly dueShards: number;
  /** Cases of one shard whose `nextCheckAt` ≤ `until`, oldest first. */
  dueCases(shard: number, until: Instant, cursor?: string, limit?: number): Promise<Page<CaseRecord>>;
  /** A court's cases by earliest open due time (overdue ones first); `overdue` true / false reads only those / the others as of `now`. */
  listCases(court: string, query: ListQuery): Promise<{ readonly items: readonly CaseSummary[]; readonly next?: ListPosition }>;
}

/** Small named records (scan bookkeeping), with optimistic versions (`META#…`). */
export interface MetaStore {
  getMeta<T>(name: string): Promise<{ value: T; version: number } | undefined>;
  putMeta<T>(name: string, value: T, expectedVersion: number | undefined): Promise<boolean>;
}

/**
 * The leadership metrics (`M#…`, CONTRACT §6): per court and bucket (a China day or an
 * open-caseload shard), one entry per case or sent notice, a change counter and a
 * summary of the entries; and the roll-up marks of snapshots (sparse index `rollup`).
 */
export interface MetricsStore {
  /** Shards of the roll-up index. */
  readonly rollShards: number;
  /** Writes a case's entry (`null`: a tombstone) unless the stored one comes from a later snapshot version. */
  putCaseEntry(court: string, bucket: string, caseNo: string, version: number, entry: CaseEntry | null): Promise<void>;
  /** Writes a sent notice's entry once: a notice is counted on the day it was first seen sent. */
  putNoticeEntry(court: string, bucket: string, noticeId: string, entry: NoticeEntry): Promise<void>;
  /**
   * Counts a change of a bucket (after its entries were written) and returns the new
   * count: a summary computed from entries read after this is current for it.
   */
  bumpBucket(court: string, bucket: string): Promise<number>;
  /** A bucket's entries (strongly consistent). */
  readBucket(court: string, bucket: string): Promise<readonly Entry[]>;
  /** Stores a bucket's summary computed after change `basis`, unless one computed after a later change is there. */
  putSummary(court: string, bucket: string, sums: BucketSums, basis: number): Promise<void>;
  /** The stored summaries of these buckets (missing: nothing was ever counted there). */
  summaries(court: string, buckets: readonly string[]): Promise<ReadonlyMap<string, BucketSums>>;
  /** Case numbers whose snapshot still has something to roll up (the `rollup` index), one shard a page. */
  pendingCases(shard: number, cursor?: string, limit?: number): Promise<Page<string>>;
  /** Records when a roll-up pass finished with nothing left behind. */
  recordPass(at: Instant): Promise<void>;
  /** When the last such pass finished: changes applied before it are counted. */
  lastPass(): Promise<Instant | undefined>;
}

/** A court's digest journal (`J#…`): findings raised and nodes done late, by moment, for the morning digest. */
export interface DigestJournal {
  /** Files entries (idempotent: the same entry again changes nothing). */
  record(court: string, entries: readonly JournalEntry[]): Promise<void>;
  /** The court's entries filed under a moment in (from, to]. */
  entriesBetween(court: string, from: Instant, to: Instant): Promise<JournalEntry[]>;
}

/** Every store port: what the local mode and the tests hold; a use case takes only its share. */
export interface Stores {
  readonly events: EventLog;
  readonly snapshots: CaseSnapshots;
  readonly history: RespondentHistory;
  readonly ledger: NoticeLedger;
  readonly index: CaseIndex;
  readonly meta: MetaStore;
  readonly metrics: MetricsStore;
  readonly journal: DigestJournal;
}

/** Work for the apply step: events of one case to fold in. */
export interface CaseWork {
  readonly caseNo: string;
  readonly events: readonly StoredEvent[];
  /** Posted with `"mode": "import"`: the moment the import was answered (README "Onboarding a court"). */
  readonly importedAt?: Instant;
}

export interface CaseQueue {
  /** Hands cases to the apply step; resolves once the queue holds them durably. */
  enqueue(work: readonly CaseWork[]): Promise<void>;
}

export interface NoticePublisher {
  /** Publishes notices (batched by the adapter); returns the ids that failed. */
  publish(notices: readonly Notice[]): Promise<{ failed: readonly string[] }>;
}

export interface DigestPublisher {
  /** Publishes the morning digests (one message each, `kind = digest`); returns the digest ids that failed. */
  publishDigests(digests: readonly Digest[]): Promise<{ failed: readonly string[] }>;
}

/** Shared secrets of the court systems. */
export interface CourtKeys {
  secretOf(courtId: string): Promise<string | undefined>;
}

/** The key board session cookies are sealed with (CONTRACT §6; `lib/board-session.ts`). */
export interface SessionKeys {
  /** Undefined where no board is set up: sessions are then refused. */
  sessionKey(): Promise<string | undefined>;
}

/** The court codes (法院代字) of the courts (`lib/court-codes.ts`). */
export interface CourtCodes {
  /** The codes a court may use; undefined: none configured (any number but another court's code). */
  codesOf(courtId: string): readonly string[] | undefined;
  /** The court a code belongs to, if any. */
  courtOfCode(code: string): string | undefined;
}
