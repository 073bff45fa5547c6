/**
 * Apply (the queue consumer): *triage* and *node updates* for one case. Loads the
 * snapshot, folds the new events in — incrementally when they all come after what was
 * applied, from every stored event otherwise — plans the next check and writes the
 * snapshot conditionally on the version it read.
 */
import { type CaseState, continueFold } from '../case-state.js';
import { ConcurrencyError } from '../errors.js';
import { eventOrderKey } from '../events.js';
import type { PriorTermination } from '../facts.js';
import type { CaseStore, CaseWork } from '../ports.js';
import type { Instant } from '../time.js';
import { planRecord, refoldCase, type Rules } from './case-records.js';

export interface ApplyDeps {
  readonly store: CaseStore;
  readonly rules: Rules;
  readonly now: () => Instant;
}

export type ApplyOutcome = 'applied' | 'unchanged' | 'awaitingFiling';

/** Attempts before giving the work back to the queue (which retries it later). */
export const MAX_APPLY_ATTEMPTS = 5;

/** Folds one case's new events into its snapshot. Idempotent: the same work twice changes nothing. */
export async function applyCaseWork(deps: ApplyDeps, work: CaseWork): Promise<ApplyOutcome> {
  const { store, rules } = deps;
  for (let attempt = 0; attempt < MAX_APPLY_ATTEMPTS; attempt++) {
    const current = await store.getCase(work.caseNo);
    const now = deps.now();
    const incremental =
      current !== undefined &&
      current.plannedWith === rules.fingerprint &&
      work.events.every((e) => eventOrderKey(e) > current.state.applied.last);
    let base = current;
    let state: CaseState;
    let sent = current?.sent ?? {};
    if (incremental) {
      state = continueFold(current.state, work.events, { limits: rules.limits, calendar: rules.calendar });
    } else {
      const refolded = await refoldCase(store, rules, work.caseNo, work.events);
      if (!refolded.state) return 'awaitingFiling';
      if (refolded.unchanged) return 'unchanged';
      ({ base, sent } = refolded);
      state = refolded.state;
    }
    if (state.closed?.kind === 'terminatedThisRound' && !base?.state.closed) {
      // Written before the snapshot: a crash in between repeats an idempotent write.
      const entries: PriorTermination[] = state.facts.respondents.flatMap((r) =>
        r.idHash ? [{ idHash: r.idHash, caseNo: state.caseNo, closedAt: state.closed?.at ?? now }] : [],
      );
      if (entries.length) await store.recordTerminations(state.court, entries);
    }
    const record = planRecord(base, state, sent, base?.outbox ?? {}, rules, now);
    if (await store.putCase(record, base?.version)) return 'applied';
  }
  throw new ConcurrencyError(`case ${work.caseNo} kept changing under ${MAX_APPLY_ATTEMPTS} attempts; retried later`);
}
