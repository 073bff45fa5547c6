/**
 * Case state as a fold over its events. Events are applied sorted by (`occurredAt`,
 * `eventId`) after de-duplication by `eventId`, so any arrival order, with duplicates,
 * yields the same state. The filing event is applied first; events dated before it are
 * applied right after it, at their own time.
 *
 * The fold has three named steps per event — *intake* of facts, *triage*, *node
 * updates* (`node-planning.ts`, with the measures' and 终本 clocks of
 * `follow-up-nodes.ts`) — then the *closing* (`closing.ts`). It knows nothing of
 * storage: history for S7 comes in as data.
 */
import type { LegalCalendar } from './calendar.js';
import { closeCase, type Finding } from './closing.js';
import type { Step } from './counting.js';
import { type ClosingKind, compareEvents, eventOrderKey, eventRef, type MeasureKind, type StoredEvent } from './events.js';
import { type CaseFacts, type PriorTermination, respondentIdHashes } from './facts.js';
import { followUpEvent, takesAfterClosing } from './follow-up-nodes.js';
import type { CaseTeam, Limits } from './limits.js';
import { reconcileTeamNodes, replanPausable, updateNodes } from './node-planning.js';
import { NODE_CATALOG, type NodeId, nodeKey } from './nodes.js';
import type { CivilDate, Instant } from './time.js';
import { findPriorTermination, triage, type TriageResult } from './triage.js';

export { FINDING_CODES, type Finding, type FindingCode } from './closing.js';
export { carryLimitNotes, keepVerdicts, periodOf } from './node-planning.js';

/** How a node ended without being done: the case closed, the measure was released, the enforcement resumed. */
export type EndedBy = 'closing' | 'release' | 'resumption';

export interface NodeInstance {
  readonly node: NodeId;
  readonly instance?: string;
  readonly startedAt: Instant;
  readonly dueAt: Instant;
  /**
   * How `dueAt` was counted (`counting.ts`): each step starts where the previous ended,
   * the first at `startedAt`, and the last ends at `dueAt`. Absent only on due times kept
   * from snapshots written before steps were recorded.
   */
  readonly steps?: readonly Step[];
  readonly doneAt?: Instant;
  /** Set when the node ended (`doneAt`) by something other than its own completion. */
  readonly endedBy?: EndedBy;
  /** Payout only: when the president's approval becomes necessary (一(五)1). */
  readonly presidentAt?: Instant;
  /** Years of unknown holiday data the due time had to assume weekends-only for. */
  readonly unknownYears?: readonly number[];
  /** `requery`: the round (1, 2, …); `renewal`: the measure's term (1 as ordered, 2 after the first renewal, …). */
  readonly round?: number;
  /** `renewal`: the measure, its kind (assumed `deposit` when never told) and the day it lapses. */
  readonly measure?: { readonly id: string; readonly kind: MeasureKind; readonly lapsesOn: CivilDate; readonly kindAssumed?: true };
}

export interface Pause {
  readonly from: Instant;
  readonly to?: Instant;
  readonly reason: string;
  readonly approvedBy: string;
}

export interface ManualAssignment {
  readonly team: CaseTeam;
  readonly reason: string;
  readonly approvedBy: string;
  readonly at: Instant;
}

export interface CaseTriage extends TriageResult {
  /** Set by `case.reassigned`: wins over the rules and keeps its reason. */
  readonly manual?: ManualAssignment;
}

/** Counters of events the fold had to set aside (they stay stored). */
export interface SetAside {
  readonly otherCourt: number;
  readonly afterClosing: number;
  readonly repeatedFiling: number;
}

export interface CaseState {
  readonly caseNo: string;
  /** The court that filed the case owns it. */
  readonly court: string;
  readonly filedAt: Instant;
  readonly handler?: string;
  readonly facts: CaseFacts;
  readonly triage: CaseTriage;
  readonly team: CaseTeam;
  readonly status: 'open' | 'closed';
  readonly closed?: { readonly at: Instant; readonly kind: ClosingKind };
  /** After a 终本 closing: the enforcement was resumed (执恢), possibly under a new case number. */
  readonly resumed?: { readonly at: Instant; readonly newCaseNo?: string };
  readonly pauses: readonly Pause[];
  readonly nodes: readonly NodeInstance[];
  readonly findings: readonly Finding[];
  readonly setAside: SetAside;
  /** How many distinct events are folded in, and the order key of the last one. */
  readonly applied: { readonly count: number; readonly last: string };
  /** Completions seen before their node started (data entered out of order), by node key. */
  readonly early?: Readonly<Record<string, Instant>>;
}

export interface FoldContext {
  readonly limits: Limits;
  readonly calendar: LegalCalendar;
  /** Prior 终本 closings of this case's respondents (S7), from the system's history. */
  readonly history?: readonly PriorTermination[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
/** The state while events are folded in (the steps of the fold write to it). */
export type CaseDraft = Mutable<Omit<CaseState, 'facts' | 'nodes' | 'setAside' | 'applied' | 'pauses' | 'early'>> & {
  facts: Mutable<CaseFacts>;
  nodes: Map<string, NodeInstance>;
  /** Completions seen before their node started (data entered out of order). */
  early: Map<string, Instant>;
  pauses: Pause[];
  setAside: Mutable<SetAside>;
  applied: { count: number; last: string };
};

/** De-duplicates by (court, `eventId`) and sorts in fold order. */
export function orderEvents(events: readonly StoredEvent[]): StoredEvent[] {
  const byRef = new Map<string, StoredEvent>();
  for (const e of events) if (!byRef.has(eventRef(e))) byRef.set(eventRef(e), e);
  return [...byRef.values()].sort((a, b) => compareEvents(a, b) || (a.court < b.court ? -1 : a.court > b.court ? 1 : 0));
}

/**
 * Folds all events of one case. Returns `undefined` while the case has no `case.filed`
 * event (its other events wait, stored, until it arrives).
 */
export function foldCase(events: readonly StoredEvent[], ctx: FoldContext): CaseState | undefined {
  const ordered = orderEvents(events);
  const filing = ordered.find((e) => e.type === 'case.filed');
  if (!filing || filing.type !== 'case.filed') return undefined;
  const draft = openCase(filing, ctx);
  for (const e of ordered) if (e !== filing) apply(draft, e, ctx);
  draft.applied.count = ordered.length;
  draft.applied.last = eventOrderKey(ordered[ordered.length - 1] ?? filing);
  return freeze(draft);
}

/**
 * Continues a fold with events that all come after the last one applied; equal to
 * folding everything again. Throws if an event would have to go earlier.
 */
export function continueFold(state: CaseState, events: readonly StoredEvent[], ctx: FoldContext): CaseState {
  const ordered = orderEvents(events);
  const draft = thaw(state);
  for (const e of ordered) {
    const key = eventOrderKey(e);
    if (key <= draft.applied.last) throw new RangeError(`event ${e.eventId} is not after the last applied event; fold again from the start`);
    apply(draft, e, ctx);
    draft.applied.count++;
    draft.applied.last = key;
  }
  return freeze(draft);
}

function openCase(filing: Extract<StoredEvent, { type: 'case.filed' }>, ctx: FoldContext): CaseDraft {
  const d = filing.data;
  const idHashes = respondentIdHashes(d.respondents);
  const prior = findPriorTermination(ctx.history ?? [], idHashes, filing.caseNo, filing.at, ctx.limits);
  const facts: Mutable<CaseFacts> = {
    amount: d.amount,
    financial: d.financial,
    respondents: d.respondents.map((r) => ({ ...r })),
    traits: [...new Set(d.traits ?? [])],
    respondentMissing: false,
    documentsSent: [],
    terminationInterviewed: false,
    onlineQueries: 0,
    onlineResults: 0,
    relatedQueries: 0,
    ...(prior ? { priorTermination: { caseNo: prior.caseNo, closedAt: prior.closedAt } } : {}),
  };
  const result = triage(facts, ctx.limits);
  const draft: CaseDraft = {
    caseNo: filing.caseNo,
    court: filing.court,
    filedAt: filing.at,
    ...(d.handler ? { handler: d.handler } : {}),
    facts,
    triage: result,
    team: result.team,
    status: 'open',
    pauses: [],
    nodes: new Map(),
    early: new Map(),
    findings: [],
    setAside: { otherCourt: 0, afterClosing: 0, repeatedFiling: 0 },
    applied: { count: 1, last: eventOrderKey(filing) },
  };
  updateNodes(draft, filing, ctx);
  return draft;
}

function apply(draft: CaseDraft, e: StoredEvent, ctx: FoldContext): void {
  if (e.court !== draft.court) {
    draft.setAside.otherCourt++;
    return;
  }
  if (e.type === 'case.filed') {
    draft.setAside.repeatedFiling++;
    return;
  }
  if (draft.closed) {
    // A closed case takes no new node; after a 终本 closing only its measures' renewals
    // and the requery rounds go on.
    if (takesAfterClosing(draft, e)) followUpEvent(draft, e, ctx);
    else draft.setAside.afterClosing++;
    return;
  }
  const retriage = intake(draft, e);
  if (retriage) triageStep(draft, ctx);
  updateNodes(draft, e, ctx);
  if (e.type === 'clock.resumed') replanPausable(draft, ctx);
  if (e.type === 'case.closed') closeCase(draft, e.at, e.data.kind);
}

/** Intake: records what the event tells about the case. Returns whether triage must run again. */
function intake(draft: CaseDraft, e: StoredEvent): boolean {
  const f = draft.facts;
  switch (e.type) {
    case 'query.online.returned':
      f.onlineResults++;
      f.online = { ...e.data.found, enough: e.data.enough };
      f.traits = [...new Set([...f.traits, ...(e.data.traits ?? [])])];
      return true;
    case 'query.traditional.returned':
      f.traditional = { ...e.data.found };
      f.traits = [...new Set([...f.traits, ...(e.data.traits ?? [])])];
      return true;
    case 'respondent.missing':
      f.respondentMissing = true;
      return true;
    case 'case.reassigned':
      draft.triage = {
        ...draft.triage,
        manual: { team: e.data.team, reason: e.data.reason, approvedBy: e.data.approvedBy, at: e.at },
      };
      return true;
    case 'query.online.started':
      f.onlineQueries++;
      return false;
    case 'related.queried':
      f.relatedQueries++;
      return false;
    case 'documents.sent':
      f.documentsSent = [...new Set([...f.documentsSent, ...e.data.documents])].sort();
      return false;
    case 'termination.interviewed':
      f.terminationInterviewed = true;
      return false;
    case 'reception.recorded':
      f.reception = 'recorded';
      return false;
    case 'reception.skipped':
      if (f.reception !== 'recorded') {
        f.reception = 'skipped';
        f.receptionSkipReason = e.data.reason;
      }
      return false;
    case 'clock.paused':
      if (!draft.pauses.some((p) => p.to === undefined)) {
        draft.pauses.push({ from: e.at, reason: e.data.reason, approvedBy: e.data.approvedBy });
      }
      return false;
    case 'clock.resumed': {
      const open = draft.pauses.findIndex((p) => p.to === undefined);
      const pause = draft.pauses[open];
      if (pause) draft.pauses[open] = { ...pause, to: e.at };
      return false;
    }
    default:
      return false;
  }
}

/** Triage: rules again (results arrived, or a manual decision); a manual team wins. */
function triageStep(draft: CaseDraft, ctx: FoldContext): void {
  const manual = draft.triage.manual;
  const result = triage(draft.facts, ctx.limits);
  draft.triage = { ...result, ...(manual ? { team: manual.team, manual } : {}) };
  if (draft.triage.team !== draft.team) {
    draft.team = draft.triage.team;
    reconcileTeamNodes(draft, ctx);
  }
}

const DISPLAY_ORDER = new Map(NODE_CATALOG.map((d, i) => [d.id, i]));

function freeze(draft: CaseDraft): CaseState {
  const nodes = [...draft.nodes.values()].sort(
    (a, b) =>
      (DISPLAY_ORDER.get(a.node) ?? 0) - (DISPLAY_ORDER.get(b.node) ?? 0) ||
      a.startedAt - b.startedAt ||
      ((a.instance ?? '') < (b.instance ?? '') ? -1 : 1),
  );
  const { early, nodes: _n, ...rest } = draft;
  return {
    ...rest,
    nodes,
    ...(early.size ? { early: Object.fromEntries(early) } : {}),
  } as CaseState;
}

function thaw(state: CaseState): CaseDraft {
  const { early, ...rest } = state;
  return {
    ...structuredClone(rest),
    nodes: new Map(state.nodes.map((n) => [nodeKey(n.node, n.instance), n])),
    early: new Map(Object.entries(early ?? {})),
  } as CaseDraft;
}
