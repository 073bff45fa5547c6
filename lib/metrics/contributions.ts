/**
 * What one case contributes to the leadership metrics (CONTRACT §6, docs/METRICS.md):
 * the case's *entries*, one per bucket — a China day (`D2026-10-08`: filed, closed, node
 * instances done that day) or the case's open-caseload shard (`O03`: filed when, clock
 * due when, while the case is open). The store keeps each entry under (bucket, case) and
 * a summary per bucket (`summaries.ts`); a page view reads summaries only.
 *
 * Entries are a pure function of the case state and the rules, so every writer of the
 * same snapshot version writes the same entries: writes are idempotent, and a re-fold
 * that moves a fact to another day replaces the old day's entry with a tombstone.
 * Entries are compared as JSON: keys are built in a fixed order.
 */
import type { LegalCalendar } from '../calendar.js';
import type { CaseState, NodeInstance } from '../case-state.js';
import { computeDueAt } from '../counting.js';
import type { ClosingKind } from '../events.js';
import type { CaseTeam, Limits } from '../limits.js';
import type { NodeId } from '../nodes.js';
import { chinaDateOf, type CivilDate, DAY_MS, type Instant, startOfChinaDay } from '../time.js';

/** Shards of the open caseload: a filing or closing rewrites one shard's summary, not the court's. */
export const OPEN_SHARDS = 8;

/** A day bucket: everything that happened on that China day. */
export const dayBucket = (date: CivilDate) => `D${date}`;
/** The open-caseload shard of a case (stable: FNV-1a of the case number). */
export function openBucket(caseNo: string): string {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(caseNo, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `O${String(h % OPEN_SHARDS).padStart(2, '0')}`;
}
export const isDayBucket = (bucket: string) => bucket.startsWith('D');
export const dateOfBucket = (bucket: string): CivilDate => bucket.slice(1);
export const ALL_OPEN_BUCKETS: readonly string[] = Array.from({ length: OPEN_SHARDS }, (_, i) => `O${String(i).padStart(2, '0')}`);

/** What the definitions need of the rules in force: `LongCaseMonths` and the calendar. */
export interface MetricsRules {
  readonly limits: Limits;
  readonly calendar: LegalCalendar;
}

/** The closing of a case, as the day it closed counts it. */
export interface ClosingFacts {
  readonly kind: ClosingKind;
  /** China days from the filing date to the closing date (CourTools 3). */
  readonly days: number;
  /** Closed by the due time of its case clock (closeSimple / closeOther); absent when it had none. */
  readonly withinClock?: boolean;
  /** Closed within `LongCaseMonths` of filing, paused days excluded. */
  readonly withinStatutory: boolean;
  /** For the pending caseload at an earlier date: when it was filed, when its clock ran out. */
  readonly filedOn: CivilDate;
  readonly clockDueOn?: CivilDate;
}

/** A case's entry in a day bucket. */
export interface DayEntry {
  readonly kind: 'day';
  /** The case's team (nodes are counted for the team that acts on them: `summaries.ts`). */
  readonly team: CaseTeam;
  readonly filed?: true;
  readonly closed?: ClosingFacts;
  /** Node instances done that day by their own completion: [done, of them by `dueAt`]. */
  readonly done?: Readonly<Partial<Record<NodeId, readonly [number, number]>>>;
}

/** A case's entry in its open-caseload shard, while it is open. */
export interface OpenEntry {
  readonly kind: 'open';
  readonly team: CaseTeam;
  readonly filedOn: CivilDate;
  /** The China date of its case clock's due time (past at day X when this date < X). */
  readonly clockDueOn?: CivilDate;
}

export type CaseEntry = DayEntry | OpenEntry;

/** Every bucket a case contributes to now, with its entry. */
export type Contributions = ReadonlyMap<string, CaseEntry>;

/** The case clock of CONTRACT §6: closeSimple for the simple team, closeOther for the others. */
function caseClock(state: CaseState): NodeInstance | undefined {
  return state.nodes.find((n) => n.node === 'closeSimple' || n.node === 'closeOther');
}

/** Done by its own completion — not ended by the closing, a release or a resumption. */
function doneByItself(node: NodeInstance): node is NodeInstance & { doneAt: Instant } {
  return node.doneAt !== undefined && node.endedBy === undefined;
}

/** Whole China days from one date to another. */
export function daysFrom(from: CivilDate, to: CivilDate): number {
  return Math.round((startOfChinaDay(to) - startOfChinaDay(from)) / DAY_MS);
}

/**
 * Due time of the statutory limit (`LongCaseMonths` from filing, 七13), with the case's
 * pauses excluded; a pause still open at the closing counts up to the closing.
 */
export function statutoryDueAt(state: CaseState, rules: MetricsRules, closedAt: Instant): Instant {
  const pauses = state.pauses.map((p) => ({ from: p.from, to: p.to ?? closedAt }));
  return computeDueAt(rules.calendar, state.filedAt, { amount: rules.limits.LongCaseMonths, unit: 'months', param: 'LongCaseMonths' }, pauses).dueAt;
}

/** The buckets and entries a case state contributes (CONTRACT §6 definitions). */
export function caseContributions(state: CaseState, rules: MetricsRules): Contributions {
  const days = new Map<CivilDate, { filed?: true; closed?: ClosingFacts; done: Partial<Record<NodeId, [number, number]>> }>();
  const day = (date: CivilDate) => {
    let d = days.get(date);
    if (!d) days.set(date, (d = { done: {} }));
    return d;
  };
  const filedOn = chinaDateOf(state.filedAt);
  day(filedOn).filed = true;
  const clock = caseClock(state);
  const clockDueOn = clock ? chinaDateOf(clock.dueAt) : undefined;
  if (state.closed) {
    const closedOn = chinaDateOf(state.closed.at);
    day(closedOn).closed = {
      kind: state.closed.kind,
      days: daysFrom(filedOn, closedOn),
      ...(clock ? { withinClock: state.closed.at <= clock.dueAt } : {}),
      withinStatutory: state.closed.at <= statutoryDueAt(state, rules, state.closed.at),
      filedOn,
      ...(clockDueOn ? { clockDueOn } : {}),
    };
  }
  for (const node of state.nodes) {
    if (!doneByItself(node)) continue;
    const counts = day(chinaDateOf(node.doneAt)).done;
    const [done, onTime] = counts[node.node] ?? [0, 0];
    counts[node.node] = [done + 1, onTime + (node.doneAt <= node.dueAt ? 1 : 0)];
  }
  const out = new Map<string, CaseEntry>();
  for (const [date, d] of [...days].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.set(dayBucket(date), {
      kind: 'day',
      team: state.team,
      ...(d.filed ? { filed: true } : {}),
      ...(d.closed ? { closed: d.closed } : {}),
      ...(Object.keys(d.done).length ? { done: sortKeys(d.done) } : {}),
    });
  }
  if (state.status === 'open') {
    out.set(openBucket(state.caseNo), { kind: 'open', team: state.team, filedOn, ...(clockDueOn ? { clockDueOn } : {}) });
  }
  return out;
}

function sortKeys<T>(record: Partial<Record<string, T>>): Partial<Record<NodeId, T>> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1))) as Partial<Record<NodeId, T>>;
}

/**
 * Buckets whose entry differs between two states of a case (a bucket it left gets a
 * tombstone, so it counts as changed). Without `before`, every bucket of `after`.
 */
export function changedBuckets(before: Contributions | undefined, after: Contributions): string[] {
  const changed = new Set<string>();
  for (const [bucket, entry] of after) if (JSON.stringify(before?.get(bucket)) !== JSON.stringify(entry)) changed.add(bucket);
  for (const bucket of before?.keys() ?? []) if (!after.has(bucket)) changed.add(bucket);
  return [...changed].sort();
}
