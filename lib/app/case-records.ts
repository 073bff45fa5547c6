/**
 * Shared steps of the apply and scan flows: fold a case again from everything stored,
 * and turn a state into the record the store keeps (with its scan-index fields).
 */
import { createLegalCalendar, type LegalCalendar } from '../calendar.js';
import { carryLimitNotes, type CaseState, foldCase, keepVerdicts, orderEvents } from '../case-state.js';
import { LADDERS, type Level, overdueNodes, planNextCheck, type SentLevels } from '../escalation.js';
import { eventRef, type StoredEvent } from '../events.js';
import { type Limits, limitsFingerprint } from '../limits.js';
import { nodeDefinition, type NodeId } from '../nodes.js';
import { outboxWakeAt } from '../notice-lifecycle.js';
import { ConcurrencyError } from '../errors.js';
import { type PriorTermination, respondentIdHashes } from '../facts.js';
import type { CaseRecord, CaseSnapshots, EventLog, LedgerEntry, RespondentHistory } from '../ports.js';
import { addMonths, chinaDateOf, DAY_MS, endOfChinaDay, type Instant, startOfChinaDay } from '../time.js';
import { rollupFor } from './metrics-rollup.js';

/** The rules in force: limits, calendar, and the fingerprint that names them. */
export interface Rules {
  readonly limits: Limits;
  readonly calendar: LegalCalendar;
  readonly fingerprint: string;
}

/** What a re-fold reads (and, for a first filing, writes): the case, its events, S7's history. */
export interface FoldSources {
  readonly events: EventLog;
  readonly snapshots: CaseSnapshots;
  readonly history: RespondentHistory;
}

/** Highest level per node key from two sources (snapshot and ledger). */
export function mergeSent(a: SentLevels, entries: readonly LedgerEntry[]): SentLevels {
  const out: Record<string, Level> = { ...a };
  for (const { notice } of entries) {
    const key = notice.instance === undefined ? notice.node : `${notice.node}#${notice.instance}`;
    const ladder: readonly Level[] = LADDERS[nodeDefinition(notice.node as NodeId).ladder];
    const current = out[key];
    if (current === undefined || ladder.indexOf(notice.level) > ladder.indexOf(current)) out[key] = notice.level;
  }
  return out;
}

export interface Refolded {
  /** The stored snapshot the fold started from (its version guards the write). */
  readonly base?: CaseRecord;
  /** `undefined` while no `case.filed` is stored. */
  readonly state?: CaseState;
  readonly sent: SentLevels;
  /** Every event folded in (stored ones, waiting ones and `extra`). */
  readonly refs: readonly string[];
  /** References waiting for the filing when the fold began. */
  readonly waiting: readonly string[];
  /** Nothing new since the snapshot, under the same rules. */
  readonly unchanged: boolean;
}

/** S7's window: 终本 closings of these respondents up to `filedAt`, as far back as it reaches. */
export function priorTerminationsBefore(history: RespondentHistory, rules: Rules, court: string, idHashes: readonly string[], filedAt: Instant) {
  const from = startOfChinaDay(addMonths(chinaDateOf(filedAt), -rules.limits.PriorTerminationMonths)) - DAY_MS;
  return history.priorTerminations(court, idHashes, from, filedAt);
}

/**
 * Folds a case again from every stored event (plus `extra`), with S7 history. Under
 * changed limits, done nodes keep their verdicts and open ones note the change as of
 * `now` (when the re-plan happens).
 */
export async function refoldCase(sources: FoldSources, rules: Rules, caseNo: string, extra: readonly StoredEvent[] = [], now?: Instant): Promise<Refolded> {
  const loaded = await sources.snapshots.loadCase(caseNo);
  const base = loaded.record;
  const known = new Set([...(base?.eventRefs ?? []), ...loaded.waiting]);
  const fresh = orderEvents(extra).filter((e) => !known.has(eventRef(e)));
  const events = [...(await sources.events.loadEvents([...known])), ...fresh];
  const filing = events.filter((e) => e.type === 'case.filed').sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : 1))[0];
  let history: PriorTermination[] = [];
  if (filing?.type === 'case.filed') {
    const idHashes = respondentIdHashes(filing.data.respondents);
    if (idHashes.length) {
      // S7 looks both ways: this filing is written before the closings are read, and a
      // 终本 closing is written before the filings are read (apply), so whichever of two
      // racing applies comes second sees the other.
      if (!base) await sources.history.recordFilings(filing.court, idHashes.map((idHash) => ({ idHash, caseNo, filedAt: filing.at })));
      history = await priorTerminationsBefore(sources.history, rules, filing.court, idHashes, filing.at);
    }
  }
  let state = foldCase(events, { limits: rules.limits, calendar: rules.calendar, history });
  const sent = mergeSent(base?.sent ?? {}, loaded.ledger);
  if (state && base) {
    state = base.plannedWith !== rules.fingerprint ? keepVerdicts(state, base.state, now) : carryLimitNotes(state, base.state);
  }
  const unchanged =
    !fresh.length && !loaded.waiting.some((r) => !base?.eventRefs?.includes(r)) && !!state && !!base &&
    base.plannedWith === rules.fingerprint && base.state.applied.count === state.applied.count &&
    JSON.stringify(base.state.facts.priorTermination) === JSON.stringify(state.facts.priorTermination);
  return {
    ...(base ? { base } : {}),
    ...(state ? { state } : {}),
    sent,
    refs: [...known, ...fresh.map(eventRef)],
    waiting: loaded.waiting,
    unchanged,
  };
}

/**
 * The record to store for a state: the next check (the earliest threshold not yet sent;
 * the `deliverAt` of a held notice; `retryAt` while the outbox holds notices still to be
 * carried out) and the listing fields.
 */
export function planRecord(
  previous: CaseRecord | undefined,
  state: CaseState,
  sent: SentLevels,
  outbox: CaseRecord['outbox'],
  rules: Rules,
  now: Instant,
  retryAt?: Instant,
): CaseRecord {
  let nextCheckAt = planNextCheck(state, rules.limits, sent);
  // A notice to be carried out keeps the case due (never later than now: a node done
  // while its notice is held is cancelled by the next scan, an import's levels recorded).
  const wake = outboxWakeAt(outbox, state, now, Math.min(retryAt ?? previous?.nextCheckAt ?? now, now));
  if (wake !== undefined) nextCheckAt = nextCheckAt === undefined ? wake : Math.min(nextCheckAt, wake);
  return {
    caseNo: state.caseNo,
    court: state.court,
    version: (previous?.version ?? 0) + 1,
    state,
    sent,
    outbox,
    plannedWith: rules.fingerprint,
    ...(previous?.importedAt === undefined ? {} : { importedAt: previous.importedAt }),
    ...(nextCheckAt === undefined ? {} : { nextCheckAt }),
    overdue: overdueNodes(state, now).length,
    updatedAt: now,
    ...optional('rollup', rollupFor(previous, state, outbox, rules)),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** The rules for a set of limits: calendar with the holiday overrides, and the fingerprint. */
export function rulesFor(limits: Limits): Rules {
  return { limits, calendar: createLegalCalendar(limits.HolidayOverrides), fingerprint: limitsFingerprint(limits) };
}

/** Folds a case again and writes it if anything changed (another case's history moved it). */
export async function refreshCase(sources: FoldSources, rules: Rules, caseNo: string, now: Instant): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const refolded = await refoldCase(sources, rules, caseNo, [], now);
    if (!refolded.state || !refolded.base || refolded.unchanged) return false;
    const record = { ...planRecord(refolded.base, refolded.state, refolded.sent, refolded.base.outbox, rules, now), eventRefs: refolded.refs };
    if (await sources.snapshots.putCase(record, refolded.base.version)) return true;
  }
  throw new ConcurrencyError(`case ${caseNo} kept changing while its history was refreshed; retried later`);
}

/** Refreshes the respondents' cases filed within `PriorTerminationMonths` after a 终本 closing (S7). */
export async function refreshLaterFilings(
  sources: FoldSources,
  rules: Rules,
  court: string,
  terminations: readonly PriorTermination[],
  now: Instant,
): Promise<void> {
  for (const t of terminations) {
    const until = endOfChinaDay(addMonths(chinaDateOf(t.closedAt), rules.limits.PriorTerminationMonths));
    const later = await sources.history.filingsBetween(court, [t.idHash], t.closedAt, until);
    for (const caseNo of new Set(later.map((f) => f.caseNo).filter((c) => c !== t.caseNo))) await refreshCase(sources, rules, caseNo, now);
  }
}
