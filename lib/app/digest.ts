/**
 * The morning digest run (README "The morning digest and 通报"): at a digest moment, for each
 * court, the digests of `lib/digest.ts` built from the store and published — exactly once
 * per court and digest moment.
 *
 * What it reads: the due index up to the next digest (every case with an open node
 * falling due before it, or with a level still to come), the court listing's overdue
 * cases (those whose ladder is complete are no longer in the due index), and the court's
 * journal since the previous digest (findings, nodes done late).
 *
 * Exactly once: a ledger record per (court, moment) — `digest#<court>#<moment>` in the
 * meta store, every write conditional on its version. A run claims it (or takes over a
 * claim older than the lease: its run died), publishes the digests not yet sent, and
 * records them sent; a failed publish is given back so a retry sends only the rest. The
 * only window for a repeat is a crash between the publisher's acknowledgement and the
 * record; digests carry a stable `digestId` so receivers can drop such a repeat.
 */
import { buildDigests, type Digest, type DigestCase } from '../digest.js';
import { digestAfter, digestAtOrBefore, type DigestSchedule, isDigestMoment, parseDigestSchedule } from '../digest-schedule.js';
import { ConfigurationError } from '../errors.js';
import type { CaseIndex, CaseRecord, CaseSnapshots, DigestJournal, DigestPublisher, ListPosition, MetaStore } from '../ports.js';
import type { Instant } from '../time.js';
import type { Rules } from './case-records.js';
import { mapLimit } from './concurrency.js';
import { CLAIM_LEASE_MS } from './notice-delivery.js';

export interface DigestDeps {
  readonly index: CaseIndex;
  readonly snapshots: CaseSnapshots;
  readonly journal: DigestJournal;
  readonly meta: MetaStore;
  readonly publisher: DigestPublisher;
  readonly rules: Rules;
  /** Courts served: each always gets the director's digest. */
  readonly courts: readonly string[];
  /** Wall clock, for claims and leases (the run's moment is the schedule's). */
  readonly wallClock: () => Instant;
  /** How long a claim protects a digest being published (default `CLAIM_LEASE_MS`). */
  readonly claimLeaseMs?: number;
}

/** What happened to one court's digests. `busy`: another run holds the claim. */
export type CourtDigestStatus = 'sent' | 'alreadySent' | 'busy' | 'failed';

export interface CourtDigestReport {
  readonly court: string;
  readonly status: CourtDigestStatus;
  readonly digests: readonly Digest[];
  /** Digests this run published. */
  readonly published: number;
  /** Digests the publisher refused (sent by a retry). */
  readonly failed: number;
}

export interface DigestRunReport {
  /** The digest moment. */
  readonly at: Instant;
  readonly previousAt?: Instant;
  readonly nextAt?: Instant;
  readonly courts: readonly CourtDigestReport[];
  /** Snapshots read (due index and listing). */
  readonly casesRead: number;
}

/** The digest ledger record of one court and moment. */
interface DigestClaim {
  readonly status: 'claimed' | 'sent';
  readonly by: string;
  /** Wall clock of the claim; 0 when a run gave it back. */
  readonly claimedAt: Instant;
  /** Digest ids published so far. */
  readonly sent: readonly string[];
}

export const digestClaimName = (court: string, at: Instant) => `digest#${court}#${new Date(at).toISOString()}`;

/** `DigestSchedule` of the rules in force (validated with the limits, so it parses). */
export function digestScheduleOf(rules: Rules): DigestSchedule {
  const parsed = parseDigestSchedule(rules.limits.DigestSchedule);
  if (!parsed.value) throw new ConfigurationError(parsed.problems);
  return parsed.value;
}

/**
 * The digest moment a scheduled run at `t` stands for: `t` itself (to the minute) when
 * the schedule or a 调休 working day has a digest then, else none. The rule fires every
 * day at the schedule's time of day, so that 调休 working days get their digest too.
 */
export function scheduledDigestMoment(rules: Rules, t: Instant): Instant | undefined {
  const minute = t - (((t % 60_000) + 60_000) % 60_000);
  return isDigestMoment(digestScheduleOf(rules), rules.calendar, minute) ? minute : undefined;
}

/** The latest digest moment at or before `t` (what `POST /local/digest` builds). */
export function latestDigestMoment(rules: Rules, t: Instant): Instant | undefined {
  return digestAtOrBefore(digestScheduleOf(rules), rules.calendar, t);
}

const PAGE = 100;

/** Every case a digest at `at` may list, by court: due before `nextAt`, or overdue. */
async function casesByCourt(deps: DigestDeps, courts: ReadonlySet<string>, at: Instant, until: Instant): Promise<{ byCourt: Map<string, Map<string, CaseRecord>>; read: number }> {
  const byCourt = new Map<string, Map<string, CaseRecord>>([...courts].map((c) => [c, new Map()]));
  let read = 0;
  const shards = Array.from({ length: deps.index.dueShards }, (_, i) => i);
  await mapLimit(shards, 4, async (shard) => {
    let cursor: string | undefined;
    do {
      const page = await deps.index.dueCases(shard, until, cursor, PAGE);
      read += page.items.length;
      for (const r of page.items) byCourt.get(r.court)?.set(r.caseNo, r);
      cursor = page.next;
    } while (cursor);
  });
  for (const [court, cases] of byCourt) {
    let after: ListPosition | undefined;
    do {
      // Overdue at the digest's moment: the cases whose ladder is complete are in no due index.
      const page = await deps.index.listCases(court, { overdue: true, now: at, limit: PAGE, ...(after ? { after } : {}) });
      const missing = page.items.filter((s) => !cases.has(s.caseNo)).map((s) => s.caseNo);
      const records = await mapLimit(missing, 8, (caseNo) => deps.snapshots.getCase(caseNo));
      read += records.length;
      for (const r of records) if (r?.court === court) cases.set(r.caseNo, r);
      after = page.next;
    } while (after);
  }
  return { byCourt, read };
}

/** Runs the digests of moment `at` for every court of `deps.courts`. */
export async function runDigest(deps: DigestDeps, options: { readonly at: Instant; readonly runId: string }): Promise<DigestRunReport> {
  const { at, runId } = options;
  const { rules } = deps;
  const schedule = digestScheduleOf(rules);
  const previousAt = digestAtOrBefore(schedule, rules.calendar, at - 1);
  const nextAt = digestAfter(schedule, rules.calendar, at);
  const until = nextAt ?? at + 24 * 3_600_000;
  const courts = [...new Set(deps.courts)].sort();
  const { byCourt, read } = await casesByCourt(deps, new Set(courts), at, until);
  const reports: CourtDigestReport[] = [];
  for (const court of courts) {
    const cases: DigestCase[] = [...(byCourt.get(court)?.values() ?? [])].map((r) => ({
      state: r.state,
      sent: r.sent,
      ...(r.importedAt === undefined ? {} : { importedAt: r.importedAt }),
    }));
    const journal = await deps.journal.entriesBetween(court, previousAt ?? 0, at);
    const digests = buildDigests({
      court, at, cases, journal, limits: rules.limits,
      ...(previousAt === undefined ? {} : { previousAt }),
      ...(nextAt === undefined ? {} : { nextAt }),
    });
    reports.push(await deliverOnce(deps, court, at, runId, digests));
  }
  return { at, ...(previousAt === undefined ? {} : { previousAt }), ...(nextAt === undefined ? {} : { nextAt }), courts: reports, casesRead: read };
}

/** Claim, publish what is not sent yet, record: one court's digests of one moment. */
async function deliverOnce(deps: DigestDeps, court: string, at: Instant, runId: string, digests: readonly Digest[]): Promise<CourtDigestReport> {
  const name = digestClaimName(court, at);
  const report = (status: CourtDigestStatus, published = 0, failed = 0): CourtDigestReport => ({ court, status, digests, published, failed });
  const lease = deps.claimLeaseMs ?? CLAIM_LEASE_MS;
  const found = await deps.meta.getMeta<DigestClaim>(name);
  if (found?.value.status === 'sent') return report('alreadySent');
  const wall = deps.wallClock();
  if (found && found.value.claimedAt > 0 && wall - found.value.claimedAt < lease) return report('busy');
  const before = found?.value.sent ?? [];
  const claim: DigestClaim = { status: 'claimed', by: runId, claimedAt: wall, sent: before };
  if (!(await deps.meta.putMeta(name, claim, found?.version))) return report('busy');
  const version = (found?.version ?? 0) + 1;
  const due = digests.filter((d) => !before.includes(d.digestId));
  let failedIds: readonly string[];
  try {
    failedIds = due.length ? (await deps.publisher.publishDigests(due)).failed : [];
  } catch {
    failedIds = due.map((d) => d.digestId);
  }
  const sent = [...before, ...due.map((d) => d.digestId).filter((id) => !failedIds.includes(id))];
  const done = failedIds.length === 0;
  // Given back on failure (claimedAt 0): the retry need not wait for the lease.
  await deps.meta.putMeta<DigestClaim>(name, { status: done ? 'sent' : 'claimed', by: runId, claimedAt: done ? wall : 0, sent }, version);
  return report(done ? 'sent' : 'failed', due.length - failedIds.length, failedIds.length);
}
