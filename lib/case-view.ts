/**
 * What a court system reads about a case (CONTRACT §2), computed from the folded state
 * at `now`: every node with its explanation (`basis`, `steps`; notes in Chinese, or
 * English with `lang = 'en'`).
 */
import type { CaseState, EndedBy, NodeInstance } from './case-state.js';
import { clockStopped, isPaused, type Level, nodeStatus, overdueNodes, type SentLevels } from './escalation.js';
import { type BasisView, explainSteps, type Language, nodeBasis, type StepView } from './explain.js';
import { nodeDefinition, nodeKey } from './nodes.js';
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
  /** Highest escalation sent for this node. */
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
  readonly status: 'sending' | 'sent';
  readonly publishedAt?: string;
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

function nodeView(state: CaseState, n: NodeInstance, now: Instant, sent: SentLevels, lang: Language): NodeView {
  const def = nodeDefinition(n.node);
  const level = sent[nodeKey(n.node, n.instance)];
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

/** The contract's case shape at `now`, the explanations' notes in `lang`. */
export function caseView(state: CaseState, sent: SentLevels, notices: readonly NoticeRecord[], now: Instant, lang: Language = 'zh'): CaseView {
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
    filedAt: toChinaIso(state.filedAt),
    ...(state.closed ? { closed: { at: toChinaIso(state.closed.at), kind: state.closed.kind } } : {}),
    ...(state.resumed ? { resumed: { at: toChinaIso(state.resumed.at), ...(state.resumed.newCaseNo ? { newCaseNo: state.resumed.newCaseNo } : {}) } } : {}),
    ...(state.facts.reception
      ? { reception: { status: state.facts.reception, ...(state.facts.receptionSkipReason ? { reason: state.facts.receptionSkipReason } : {}) } }
      : {}),
    nodes: state.nodes.map((n) => nodeView(state, n, now, sent, lang)),
    overdue: overdueNodes(state, now).length,
    notices,
    findings: state.findings.map((f) => ({ code: f.code, seed: f.seed, at: toChinaIso(f.at) })),
    warnings: caseWarnings(state),
  };
}
