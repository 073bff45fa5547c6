/**
 * Apply (the queue consumer): *triage* and *node updates* for one case. Loads the
 * snapshot, folds the new events in — incrementally when they all come after what was
 * applied, from every stored event otherwise — plans the next check and writes the
 * snapshot, with the references of every event it holds, conditionally on the version
 * it read. Work of an import (README "Onboarding a court") leaves its moment in the snapshot
 * (`importedAt`): the scan records every level the case's history had passed by then as
 * suppressed, and never sends them.
 */
import { type CaseState, continueFold, orderEvents } from '../case-state.js';
import { ConcurrencyError } from '../errors.js';
import { eventOrderKey, eventRef } from '../events.js';
import { type PriorTermination, respondentIdHashes } from '../facts.js';
import { journalEntries } from '../digest.js';
import type { CaseRecord, CaseWork, DigestJournal, RespondentHistory } from '../ports.js';
import type { Instant } from '../time.js';
import { findPriorTermination } from '../triage.js';
import { type FoldSources, planRecord, priorTerminationsBefore, refoldCase, refreshLaterFilings, type Rules } from './case-records.js';

/** Events, snapshots, S7's history and the digest journal; apply never reaches the ledger or the indexes. */
export interface ApplyDeps extends FoldSources {
  readonly journal: DigestJournal;
  readonly rules: Rules;
  readonly now: () => Instant;
}

export type ApplyOutcome = 'applied' | 'unchanged' | 'awaitingFiling';

/** Attempts before giving the work back to the queue (which retries it later). */
export const MAX_APPLY_ATTEMPTS = 5;

/** Folds one case's new events into its snapshot. Idempotent: the same work twice changes nothing. */
export async function applyCaseWork(deps: ApplyDeps, work: CaseWork): Promise<ApplyOutcome> {
  const { events: log, snapshots, history, rules } = deps;
  // The same event may come in twice (a repeated posting queues its case again).
  const events = orderEvents(work.events);
  const workRefs = events.map(eventRef);
  for (let attempt = 0; attempt < MAX_APPLY_ATTEMPTS; attempt++) {
    const current = await snapshots.getCase(work.caseNo);
    const now = deps.now();
    let base: CaseRecord | undefined = current;
    let state: CaseState;
    let sent = current?.sent ?? {};
    let refs: readonly string[];
    if (
      current?.eventRefs !== undefined &&
      current.plannedWith === rules.fingerprint &&
      events.every((e) => eventOrderKey(e) > current.state.applied.last)
    ) {
      state = continueFold(current.state, events, { limits: rules.limits, calendar: rules.calendar });
      refs = [...current.eventRefs, ...workRefs];
    } else {
      const refolded = await refoldCase(deps, rules, work.caseNo, events, now);
      if (!refolded.state) {
        // Not filed yet: the events wait (their records are stored) for case.filed.
        const waiting = new Set(refolded.waiting);
        const fresh = workRefs.filter((r) => !waiting.has(r));
        if (fresh.length) await log.addWaiting(work.caseNo, fresh);
        if (await snapshots.getCase(work.caseNo)) continue; // filed meanwhile: fold them in
        return 'awaitingFiling';
      }
      if (refolded.unchanged && !importMoves(refolded.base, work)) return 'unchanged';
      ({ base, sent, refs } = refolded);
      state = refolded.state;
    }
    if (state.closed?.kind === 'terminatedThisRound' && !base?.state.closed) {
      // Before the snapshot: a crash in between repeats idempotent work.
      const entries: PriorTermination[] = respondentIdHashes(state.facts.respondents).map((idHash) => ({
        idHash,
        caseNo: state.caseNo,
        closedAt: state.closed?.at ?? now,
      }));
      if (entries.length) {
        await history.recordTerminations(state.court, entries);
        // S7 for cases already filed against these respondents: a late-posted 终本 still
        // sends their later cases to the simple team, whatever the arrival order.
        await refreshLaterFilings(deps, rules, state.court, entries, now);
      }
    }
    // Before the snapshot, idempotently: what the morning digest reports of this change.
    const journal = journalEntries(base?.state, state, sent);
    if (journal.length) await deps.journal.record(state.court, journal);
    const importedAt = Math.max(base?.importedAt ?? Number.NEGATIVE_INFINITY, work.importedAt ?? Number.NEGATIVE_INFINITY);
    const record = {
      ...planRecord(base, state, sent, base?.outbox ?? {}, rules, now),
      eventRefs: refs,
      ...(Number.isFinite(importedAt) ? { importedAt } : {}),
    };
    if (!(await snapshots.putCase(record, base?.version))) continue;
    if (!base) {
      // The snapshot is new: what others did while this fold ran, and could not apply to
      // a case that did not exist yet, is folded in by another round — events that began
      // waiting, and a prior 终本 closing of the same respondent (S7) recorded meanwhile.
      const held = new Set(refs);
      if ((await log.waitingRefs(work.caseNo)).some((r) => !held.has(r))) continue;
      if (await priorTerminationMoved(history, rules, state)) continue;
    }
    return 'applied';
  }
  throw new ConcurrencyError(`case ${work.caseNo} kept changing under ${MAX_APPLY_ATTEMPTS} attempts; retried later`);
}

/** Whether an import's work brings a later import moment than the snapshot holds. */
function importMoves(base: CaseRecord | undefined, work: CaseWork): boolean {
  return work.importedAt !== undefined && work.importedAt > (base?.importedAt ?? Number.NEGATIVE_INFINITY);
}

/** Whether the respondents' 终本 history now gives another S7 answer than the fold used. */
async function priorTerminationMoved(history: RespondentHistory, rules: Rules, state: CaseState): Promise<boolean> {
  const idHashes = respondentIdHashes(state.facts.respondents);
  if (!idHashes.length) return false;
  const prior = await priorTerminationsBefore(history, rules, state.court, idHashes, state.filedAt);
  const now = findPriorTermination(prior, idHashes, state.caseNo, state.filedAt, rules.limits);
  const then = state.facts.priorTermination;
  return now?.caseNo !== then?.caseNo || now?.closedAt !== then?.closedAt;
}
