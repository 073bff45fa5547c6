/**
 * What a court system reads about a case (docs/API.md "案件视图"), computed from the folded
 * state at `now`: every node with its explanation (`basis`, `steps`; notes in Chinese, or
 * English with `lang = 'en'`).
 */
import type { CaseState, EndedBy, NodeInstance } from './case-state.js';
import { clockStopped, isPaused, LADDERS, type Level, type Notice, nodeStatus, overdueNodes } from './escalation.js';
import { type BasisView, explainSteps, type Language, nodeBasis, type StepView } from './explain.js';
import { LEVEL_STATUSES, type NoticeViewStatus, viewStatus } from './notice-lifecycle.js';
import { nodeDefinition, nodeKey } from './nodes.js';
import type { LedgerEntry } from './ports.js';
import { type Instant, toChinaIso } from './time.js';

export interface NodeView {
  readonly id: string;
  readonly instance?: string;
  readonly label: string;
  readonly status: 'pending' | 'done' | 'overdue';
  readonly startedAt: string;
  readonly dueAt: string;
  readonly doneAt?: string;
  /** Done after its due time. */
  readonly late?: true;
  /** Ended by the case's closing rather than by its own event. */
  readonly endedByClosing?: true;
  /** Ended, not done: by the closing, the measure's release or the enforcement's resumption. */
  readonly endedBy?: EndedBy;
  /** A case-level clock that stands still while the case is paused. */
  readonly paused?: true;
  /** Highest escalation sent (or on its way) or suppressed by an import for this node. */
  readonly level?: Level;
  /** `requery`: the round; `renewal`: the measure's term (1 as ordered, 2 after the first renewal …). */
  readonly round?: number;
  /** `renewal`: the measure, its kind and the day it lapses. */
  readonly measure?: { readonly id: string; readonly kind: string; readonly lapsesOn: string; readonly kindAssumed?: true };
  /** The rule the node rests on: seed section, law, the seed's words. */
  readonly basis: BasisView;
  /** How `dueAt` was counted; the last step ends at `dueAt`. */
  readonly steps: readonly StepView[];
}

export type CaseWarning =
  | { readonly code: 'unknownHolidayYear'; readonly year: number; readonly nodes: readonly string[] }
  | { readonly code: 'eventsSetAside'; readonly otherCourt: number; readonly afterClosing: number; readonly repeatedFiling: number };

export interface NoticeRecord {
  readonly noticeId: string;
  readonly node: string;
  readonly instance?: string;
  readonly level: Level;
  readonly team: string;
  readonly message: string;
  readonly decidedAt: string;
  readonly status: NoticeViewStatus;
  /** When a held notice is (or was) to be delivered: quiet hours, rest days. */
  readonly deliverAt?: string;
  readonly publishedAt?: string;
}

/**
 * The case's notices as the view shows them, oldest first: every ledger entry, and the
 * outbox's decisions the scan has not carried out yet (a held notice, an import's
 * suppressed levels), each with its status as of `now`.
 */
export function noticeRecords(ledger: readonly LedgerEntry[], outbox: Readonly<Record<string, Notice>>, state: CaseState, now: Instant): NoticeRecord[] {
  const byId = new Map(ledger.map((e) => [e.notice.noticeId, e]));
  const ids = new Set([...byId.keys(), ...Object.keys(outbox)]);
  const records = [...ids].map((id) => {
    const entry = byId.get(id);
    const pending = outbox[id];
    const n = entry?.status === 'sent' || !pending ? (entry?.notice ?? (pending as Notice)) : pending;
    return {
      at: n.decidedAt,
      record: {
        noticeId: n.noticeId,
        node: n.node,
        ...(n.instance === undefined ? {} : { instance: n.instance }),
        level: n.level,
        team: n.team,
        message: n.message,
        decidedAt: toChinaIso(n.decidedAt),
        status: viewStatus(entry?.status, pending, state, now),
        ...(n.deliverAt === undefined ? {} : { deliverAt: toChinaIso(n.deliverAt) }),
        ...(entry?.publishedAt === undefined ? {} : { publishedAt: toChinaIso(entry.publishedAt) }),
      } satisfies NoticeRecord,
    };
  });
  // Oldest first; levels decided together (an import's) in ladder order.
  const rank = (r: NoticeRecord) => (LADDERS[nodeDefinition(r.node as NodeInstance['node']).ladder] as readonly Level[]).indexOf(r.level);
  return records
    .sort((a, b) => a.at - b.at || a.record.node.localeCompare(b.record.node) || rank(a.record) - rank(b.record) || (a.record.noticeId < b.record.noticeId ? -1 : 1))
    .map((r) => r.record);
}

/** Highest level per node key among notices sent, on their way or suppressed. */
function levelsOf(notices: readonly NoticeRecord[]): Map<string, Level> {
  const out = new Map<string, Level>();
  for (const n of notices) {
    if (!LEVEL_STATUSES.has(n.status)) continue;
    const key = nodeKey(n.node as NodeInstance['node'], n.instance);
    const ladder: readonly Level[] = LADDERS[nodeDefinition(n.node as NodeInstance['node']).ladder];
    const current = out.get(key);
    if (current === undefined || ladder.indexOf(n.level) > ladder.indexOf(current)) out.set(key, n.level);
  }
  return out;
}

export interface CaseView {
  readonly caseNo: string;
  readonly court: string;
  readonly team: string;
  readonly triage: {
    readonly team: string;
    readonly matched: readonly string[];
    readonly provisional: boolean;
    readonly manual?: { readonly team: string; readonly reason: string; readonly approvedBy: string; readonly at: string };
  };
  readonly status: 'open' | 'closed';
  readonly paused: boolean;
  /** Approved suspensions and deductions of the case clocks (七13); `to` absent while one runs. */
  readonly pauses: ReadonlyArray<{ readonly from: string; readonly to?: string; readonly reason: string; readonly approvedBy: string }>;
  readonly filedAt: string;
  readonly closed?: { readonly at: string; readonly kind: string };
  /** After a 终本 closing: the enforcement was resumed (执恢). */
  readonly resumed?: { readonly at: string; readonly newCaseNo?: string };
  /** 初次接待: recorded, or skipped with its reason (一(一)2). */
  readonly reception?: { readonly status: 'recorded' | 'skipped'; readonly reason?: string };
  readonly nodes: readonly NodeView[];
  readonly overdue: number;
  readonly notices: readonly NoticeRecord[];
  readonly findings: ReadonlyArray<{ readonly code: string; readonly seed: string; readonly at: string }>;
  readonly warnings: readonly CaseWarning[];
}

/** Warnings a reader must see: unknown holiday years behind due times, events set aside. */
export function caseWarnings(state: CaseState): CaseWarning[] {
  const byYear = new Map<number, string[]>();
  for (const n of state.nodes) {
    for (const year of n.unknownYears ?? []) byYear.set(year, [...(byYear.get(year) ?? []), nodeKey(n.node, n.instance)]);
  }
  const warnings: CaseWarning[] = [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, nodes]) => ({ code: 'unknownHolidayYear', year, nodes }));
  const s = state.setAside;
  if (s.otherCourt + s.afterClosing + s.repeatedFiling > 0) warnings.push({ code: 'eventsSetAside', ...s });
  return warnings;
}

function nodeView(state: CaseState, n: NodeInstance, now: Instant, levels: ReadonlyMap<string, Level>, lang: Language): NodeView {
  const def = nodeDefinition(n.node);
  const level = levels.get(nodeKey(n.node, n.instance));
  const stopped = clockStopped(state, n);
  return {
    id: n.node,
    ...(n.instance === undefined ? {} : { instance: n.instance }),
    label: def.zh,
    status: stopped ? 'pending' : nodeStatus(n, now),
    startedAt: toChinaIso(n.startedAt),
    dueAt: toChinaIso(n.dueAt),
    ...(n.doneAt === undefined ? {} : { doneAt: toChinaIso(n.doneAt) }),
    ...(n.doneAt !== undefined && n.doneAt > n.dueAt ? { late: true as const } : {}),
    ...(n.endedBy === 'closing' ? { endedByClosing: true as const } : {}),
    ...(n.endedBy ? { endedBy: n.endedBy } : {}),
    ...(stopped ? { paused: true as const } : {}),
    ...(level ? { level } : {}),
    ...(n.round === undefined ? {} : { round: n.round }),
    ...(n.measure ? { measure: n.measure } : {}),
    basis: nodeBasis(n, lang),
    steps: explainSteps(n, lang),
  };
}

/** The contract's case shape at `now` (`notices` from `noticeRecords`), the explanations' notes in `lang`. */
export function caseView(state: CaseState, notices: readonly NoticeRecord[], now: Instant, lang: Language = 'zh'): CaseView {
  const levels = levelsOf(notices);
  const paused = isPaused(state);
  const t = state.triage;
  return {
    caseNo: state.caseNo,
    court: state.court,
    team: state.team,
    triage: {
      team: t.team,
      matched: t.matched,
      provisional: t.provisional,
      ...(t.manual ? { manual: { team: t.manual.team, reason: t.manual.reason, approvedBy: t.manual.approvedBy, at: toChinaIso(t.manual.at) } } : {}),
    },
    status: state.status,
    paused,
    pauses: state.pauses.map((p) => ({ from: toChinaIso(p.from), ...(p.to === undefined ? {} : { to: toChinaIso(p.to) }), reason: p.reason, approvedBy: p.approvedBy })),
    filedAt: toChinaIso(state.filedAt),
    ...(state.closed ? { closed: { at: toChinaIso(state.closed.at), kind: state.closed.kind } } : {}),
    ...(state.resumed ? { resumed: { at: toChinaIso(state.resumed.at), ...(state.resumed.newCaseNo ? { newCaseNo: state.resumed.newCaseNo } : {}) } } : {}),
    ...(state.facts.reception
      ? { reception: { status: state.facts.reception, ...(state.facts.receptionSkipReason ? { reason: state.facts.receptionSkipReason } : {}) } }
      : {}),
    nodes: state.nodes.map((n) => nodeView(state, n, now, levels, lang)),
    overdue: overdueNodes(state, now).length,
    notices,
    findings: state.findings.map((f) => ({ code: f.code, seed: f.seed, at: toChinaIso(f.at) })),
    warnings: caseWarnings(state),
  };
}
