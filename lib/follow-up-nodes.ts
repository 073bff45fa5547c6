/**
 * The two clocks that outlive the case's own work, both kept open after a 终本 closing
 * and escalated like any node:
 *
 * - `renewal` (续行查封、扣押、冻结; CPL interpretation 2022 Art. 485): one node per
 *   control measure (`measureId`) and term. A measure lapses `DepositFreezeMonths` /
 *   `MovableSeizureMonths` / `RealtySeizureMonths` after its day (by kind) or on the end
 *   date its ruling sets; the node is due `RenewalLeadDays` before that day, moved to the
 *   previous working day. `measures.renewed` does it and starts the next term (from the
 *   renewal day, or to its own end date); `measures.released` ends it.
 * - `requery` (SPC 终本 rules 2016 Art. 9): after a `terminatedThisRound` closing, rounds
 *   of online queries, each `RequeryPeriodMonths` from the closing or from the query that
 *   did the previous round, none due later than `RequeryForMonths` after the closing, at
 *   most `RequeryForMonths / RequeryPeriodMonths` rounds (10); `enforcement.resumed` ends
 *   the cycle.
 */
import type { CaseDraft, FoldContext, NodeInstance } from './case-state.js';
import { dueBeforeLapse, dueWithinHorizon, type DueTime, type Term } from './counting.js';
import type { MeasureKind, StoredEvent } from './events.js';
import type { Limits } from './limits.js';
import { NODE_CATALOG, nodeDefinition, nodeKey } from './nodes.js';
import { addMonths, chinaDateOf, type CivilDate, endOfChinaDay, type Instant } from './time.js';

const RENEWAL = nodeDefinition('renewal');
const REQUERY = nodeDefinition('requery');

/** Events a case still takes after a 终本 closing: those that do or end a planned clock. */
const AFTER_TERMINATION: ReadonlySet<string> = new Set(
  NODE_CATALOG.filter((d) => d.planner).flatMap((d) => [...d.completesOn.map((c) => c.on), ...(d.endsOn ?? [])]),
);

/** Whether a closed case still takes `e`: after 终本, the measures and the requery rounds go on. */
export function takesAfterClosing(draft: CaseDraft, e: StoredEvent): boolean {
  return draft.closed?.kind === 'terminatedThisRound' && AFTER_TERMINATION.has(e.type);
}

/** The instance of a measure's `renewal` node for its `term`-th term: `M1#1`, `M1#2`, … */
export function renewalInstance(measureId: string, term: number): string {
  return `${measureId}#${term}`;
}

/** Rounds of `requery` after a 终本 closing: as many periods as the horizon holds (10 by default). */
export function requeryRounds(limits: Limits): number {
  return Math.ceil(limits.RequeryForMonths / limits.RequeryPeriodMonths);
}

interface MeasureTerm {
  readonly id: string;
  readonly kind: MeasureKind;
  readonly kindAssumed?: true;
  readonly until?: CivilDate;
}

const until = (d: { until?: CivilDate }) => (d.until === undefined ? {} : { until: d.until });

/** The measure an event orders, when it names one. */
function measureOrdered(e: StoredEvent): MeasureTerm | undefined {
  switch (e.type) {
    case 'assets.frozen':
      return e.data.measureId === undefined ? undefined : { id: e.data.measureId, kind: e.data.kind ?? 'deposit', ...until(e.data) };
    case 'vehicle.seized':
      return e.data.measureId === undefined ? undefined : { id: e.data.measureId, kind: 'movable', ...until(e.data) };
    case 'realty.seized':
      return e.data.measureId === undefined ? undefined : { id: e.data.measureId, kind: 'realty', ...until(e.data) };
    default:
      return undefined;
  }
}

/** The planned clocks' part of the node updates for one event (also after a 终本 closing). */
export function followUpEvent(draft: CaseDraft, e: StoredEvent, ctx: FoldContext): void {
  const ordered = measureOrdered(e);
  if (ordered) {
    if (!latestTerm(draft, ordered.id)) startTerm(draft, ctx, ordered, 1, e.at);
    return;
  }
  switch (e.type) {
    case 'measures.renewed': {
      const latest = latestTerm(draft, e.data.measureId);
      const renewedUntil = until(e.data);
      if (!latest) {
        // A renewal of a measure the system never saw ordered: its term counts from here,
        // as a deposit freeze (the shortest term) unless the renewal gives its end date.
        startTerm(draft, ctx, { id: e.data.measureId, kind: 'deposit', kindAssumed: true, ...renewedUntil }, 1, e.at);
      } else if (latest.doneAt === undefined && latest.measure) {
        setNode(draft, { ...latest, doneAt: e.at });
        const { id, kind, kindAssumed } = latest.measure;
        startTerm(draft, ctx, { id, kind, ...(kindAssumed ? { kindAssumed } : {}), ...renewedUntil }, (latest.round ?? 1) + 1, e.at);
      }
      return;
    }
    case 'measures.released': {
      const latest = latestTerm(draft, e.data.measureId);
      if (latest) {
        if (latest.doneAt === undefined) setNode(draft, { ...latest, doneAt: e.at, endedBy: 'release' });
      } else {
        const key = nodeKey('renewal', renewalInstance(e.data.measureId, 1));
        if (!draft.early.has(key)) draft.early.set(key, e.at); // released before it was recorded as ordered
      }
      return;
    }
    case 'case.closed':
      if (REQUERY.startsOn.some((r) => r.on === 'case.closed' && (!r.when || (r.when as (d: unknown) => boolean)(e.data)))) {
        startRound(draft, ctx, 1, e.at, e.at);
      }
      return;
    case 'query.online.started':
    case 'query.online.returned': {
      const closed = draft.closed;
      const open = openRound(draft);
      if (!closed || !open) return;
      setNode(draft, { ...open, doneAt: e.at });
      const round = (open.round ?? 1) + 1;
      const horizon = endOfChinaDay(addMonths(chinaDateOf(closed.at), ctx.limits.RequeryForMonths));
      if (!draft.resumed && round <= requeryRounds(ctx.limits) && e.at < horizon) startRound(draft, ctx, round, e.at, closed.at);
      return;
    }
    case 'enforcement.resumed': {
      if (draft.closed?.kind !== 'terminatedThisRound' || draft.resumed) return;
      draft.resumed = { at: e.at, ...(e.data.newCaseNo === undefined ? {} : { newCaseNo: e.data.newCaseNo }) };
      const open = openRound(draft);
      if (open) setNode(draft, { ...open, doneAt: e.at, endedBy: 'resumption' });
      return;
    }
    default:
      return;
  }
}

function setNode(draft: CaseDraft, node: NodeInstance): void {
  draft.nodes.set(nodeKey(node.node, node.instance), node);
}

/** The latest term's `renewal` node of a measure. */
function latestTerm(draft: CaseDraft, measureId: string): NodeInstance | undefined {
  let latest: NodeInstance | undefined;
  for (const n of draft.nodes.values()) {
    if (n.node === 'renewal' && n.measure?.id === measureId && (latest === undefined || (n.round ?? 0) > (latest.round ?? 0))) latest = n;
  }
  return latest;
}

function openRound(draft: CaseDraft): NodeInstance | undefined {
  for (const n of draft.nodes.values()) if (n.node === 'requery' && n.doneAt === undefined) return n;
  return undefined;
}

function withYears(due: DueTime): { unknownYears?: readonly number[] } {
  return due.unknownYears.length ? { unknownYears: due.unknownYears } : {};
}

/** Starts the `renewal` node of one term of a measure. */
function startTerm(draft: CaseDraft, ctx: FoldContext, m: MeasureTerm, term: number, at: Instant): void {
  const instance = renewalInstance(m.id, term);
  const key = nodeKey('renewal', instance);
  if (draft.nodes.has(key)) return;
  const param = RENEWAL.terms?.[m.kind] ?? 'DepositFreezeMonths';
  const lapse: Term = m.until !== undefined ? { until: m.until } : { months: ctx.limits[param], param, kind: m.kind };
  const due = dueBeforeLapse(ctx.calendar, at, lapse, { amount: ctx.limits[RENEWAL.limit.param], unit: 'days', param: RENEWAL.limit.param });
  const early = draft.early.get(key);
  setNode(draft, {
    node: 'renewal',
    instance,
    startedAt: at,
    dueAt: due.dueAt,
    steps: due.steps,
    ...(early === undefined ? {} : { doneAt: Math.max(early, at), endedBy: 'release' as const }),
    ...withYears(due),
    round: term,
    measure: { id: m.id, kind: m.kind, lapsesOn: due.lapsesOn, ...(m.kindAssumed ? { kindAssumed: true as const } : {}) },
  });
  if (early !== undefined) draft.early.delete(key);
}

/** Starts `requery` round `round` at `at`, within the horizon counted from the closing. */
function startRound(draft: CaseDraft, ctx: FoldContext, round: number, at: Instant, closedAt: Instant): void {
  const instance = String(round);
  if (draft.nodes.has(nodeKey('requery', instance))) return;
  const horizon = REQUERY.horizon ?? 'RequeryForMonths';
  const due = dueWithinHorizon(
    ctx.calendar,
    at,
    { amount: ctx.limits[REQUERY.limit.param], unit: REQUERY.limit.unit, param: REQUERY.limit.param },
    { baseDay: chinaDateOf(closedAt), months: ctx.limits[horizon], param: horizon },
  );
  setNode(draft, { node: 'requery', instance, startedAt: at, dueAt: due.dueAt, steps: due.steps, ...withYears(due), round });
}
