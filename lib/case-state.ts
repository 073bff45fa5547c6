/**
 * Case state as a fold over its events. Events are applied sorted by (`occurredAt`,
 * `eventId`) after de-duplication by `eventId`, so any arrival order, with duplicates,
 * yields the same state. The filing event is applied first; events dated before it are
 * applied right after it, at their own time.
 *
 * The fold has three named steps per event — *intake* of facts, *triage*, *node
 * updates* — and knows nothing of storage: history for S7 comes in as data.
 */
import { computeDueAt, type DueTime, type LegalCalendar, type Period } from './calendar.js';
import { type ClosingKind, compareEvents, eventOrderKey, eventRef, type StoredEvent } from './events.js';
import { type CaseFacts, type PriorTermination, respondentIdHashes } from './facts.js';
import type { CaseTeam, Limits } from './limits.js';
import { type InstanceKey, NODE_CATALOG, type NodeDefinition, type NodeId, nodeKey, nodesCompletedBy, nodesStartedBy } from './nodes.js';
import { findPriorTermination, triage, type TriageResult } from './triage.js';
import { addMonths, chinaDateOf, endOfChinaDay, type Instant } from './time.js';

export interface NodeInstance {
  readonly node: NodeId;
  readonly instance?: string;
  readonly startedAt: Instant;
  readonly dueAt: Instant;
  readonly doneAt?: Instant;
  /** Ended because the case closed, not by its own completion. */
  readonly endedByClosing?: true;
  /** Payout only: when the president's approval becomes necessary (一(五)1). */
  readonly presidentAt?: Instant;
  /** Years of unknown holiday data the due time had to assume weekends-only for. */
  readonly unknownYears?: readonly number[];
}

export interface Pause {
  readonly from: Instant;
  readonly to?: Instant;
  readonly reason: string;
  readonly approvedBy: string;
}

export const FINDING_CODES = [
  'terminationWithoutRequery',
  'terminationWithoutRelatedRequery',
  'terminationWithoutInterview',
  'terminationBeforeThreeMonths',
  'receptionNotRecorded',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** A check that is not a time limit (一案双查 support). */
export interface Finding {
  readonly code: FindingCode;
  readonly seed: string;
  readonly at: Instant;
}

const FINDING_SEED: Record<FindingCode, string> = {
  terminationWithoutRequery: '第三章七10',
  terminationWithoutRelatedRequery: '第三章七10',
  terminationWithoutInterview: '第三章七10',
  terminationBeforeThreeMonths: '最高法终本规定(2016)第一条',
  receptionNotRecorded: '第三章一(一)2',
};

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
type Draft = Mutable<Omit<CaseState, 'facts' | 'nodes' | 'setAside' | 'applied' | 'pauses' | 'early'>> & {
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

function openCase(filing: Extract<StoredEvent, { type: 'case.filed' }>, ctx: FoldContext): Draft {
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
  const draft: Draft = {
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

function apply(draft: Draft, e: StoredEvent, ctx: FoldContext): void {
  if (e.court !== draft.court) {
    draft.setAside.otherCourt++;
    return;
  }
  if (e.type === 'case.filed') {
    draft.setAside.repeatedFiling++;
    return;
  }
  if (draft.closed) {
    // Anything after the closing in fold order: a closed case takes no new node.
    draft.setAside.afterClosing++;
    return;
  }
  const retriage = intake(draft, e);
  if (retriage) triageStep(draft, ctx);
  updateNodes(draft, e, ctx);
  if (e.type === 'clock.resumed') replanPausable(draft, ctx);
  if (e.type === 'case.closed') closeCase(draft, e.at, e.data.kind);
}

/** Intake: records what the event tells about the case. Returns whether triage must run again. */
function intake(draft: Draft, e: StoredEvent): boolean {
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
function triageStep(draft: Draft, ctx: FoldContext): void {
  const manual = draft.triage.manual;
  const result = triage(draft.facts, ctx.limits);
  draft.triage = { ...result, ...(manual ? { team: manual.team, manual } : {}) };
  if (draft.triage.team !== draft.team) {
    draft.team = draft.triage.team;
    reconcileTeamNodes(draft, ctx);
  }
}

/** Node updates: completions, then starts, as the catalog says. */
function updateNodes(draft: Draft, e: StoredEvent, ctx: FoldContext): void {
  for (const def of nodesCompletedBy(e.type)) {
    const rule = def.completesOn.find((r) => r.on === e.type);
    if (rule?.when && !rule.when(draft.facts)) continue;
    const key = nodeKey(def.id, instanceOf(def, e));
    const node = draft.nodes.get(key);
    if (node) {
      if (node.doneAt === undefined) draft.nodes.set(key, { ...node, doneAt: e.at });
    } else if (!draft.early.has(key)) {
      draft.early.set(key, e.at);
    }
  }
  for (const def of nodesStartedBy(e.type)) {
    const rule = def.startsOn.find((r) => r.on === e.type);
    if (rule?.when && !(rule.when as (data: unknown, facts: CaseFacts) => boolean)(e.data, draft.facts)) continue;
    if (def.appliesTo && !def.appliesTo(draft.team)) continue;
    startNode(draft, def, instanceOf(def, e), e.at, isUrgent(e), ctx);
  }
}

function instanceOf(def: NodeDefinition, e: StoredEvent): string | undefined {
  if (!def.instanceKey) return undefined;
  const value = (e.data as Partial<Record<InstanceKey, unknown>>)[def.instanceKey];
  return typeof value === 'string' ? value : undefined;
}

function isUrgent(e: StoredEvent): boolean {
  return e.type === 'lead.submitted' && e.data.urgent;
}

/** The period a node instance runs for under the current limits. */
export function periodOf(def: NodeDefinition, limits: Limits, urgent = false): Period {
  const ref = urgent && def.urgentLimit ? def.urgentLimit : def.limit;
  return { amount: limits[ref.param] - (ref.minus ? limits[ref.minus] : 0), unit: ref.unit };
}

function startNode(draft: Draft, def: NodeDefinition, instance: string | undefined, at: Instant, urgent: boolean, ctx: FoldContext): void {
  const key = nodeKey(def.id, instance);
  if (draft.nodes.has(key)) return; // the first start wins
  const period = periodOf(def, ctx.limits, urgent);
  const due = def.pausable ? pausedDue(ctx.calendar, at, period, draft.pauses) : computeDueAt(ctx.calendar, at, period);
  const early = draft.early.get(key);
  const unknownYears = [...due.unknownYears];
  let presidentAt: Instant | undefined;
  if (def.ladder === 'payout') {
    const president = computeDueAt(ctx.calendar, at, { amount: ctx.limits.PayoutPresidentDays, unit: 'days' });
    presidentAt = president.dueAt;
    unknownYears.push(...president.unknownYears.filter((y) => !unknownYears.includes(y)));
  }
  draft.nodes.set(key, {
    node: def.id,
    ...(instance === undefined ? {} : { instance }),
    startedAt: at,
    dueAt: due.dueAt,
    ...(early === undefined ? {} : { doneAt: Math.max(early, at) }),
    ...(presidentAt === undefined ? {} : { presidentAt }),
    ...(unknownYears.length ? { unknownYears: unknownYears.sort() } : {}),
  });
  if (early !== undefined) draft.early.delete(key);
}

/**
 * Due time of a case-level clock with its pauses: each closed pause moves the clock by
 * the time it overlaps the running period; a pause that begins once the clock has run
 * out (the node already overdue) does not move it.
 */
export function pausedDue(calendar: LegalCalendar, start: Instant, period: Period, pauses: readonly Pause[]): DueTime {
  let paused = 0;
  let due = computeDueAt(calendar, start, period);
  for (const p of [...pauses].sort((a, b) => a.from - b.from)) {
    if (p.to === undefined || p.from >= due.dueAt) continue;
    const overlap = Math.max(0, p.to - Math.max(p.from, start));
    if (!overlap) continue;
    paused += overlap;
    due = computeDueAt(calendar, start, period, paused);
  }
  return due;
}

/** After a resume, pending case-level clocks move by the paused time. */
function replanPausable(draft: Draft, ctx: FoldContext): void {
  for (const [key, node] of draft.nodes) {
    const def = NODE_BY_ID.get(node.node);
    if (!def?.pausable || node.doneAt !== undefined) continue;
    const due = pausedDue(ctx.calendar, node.startedAt, periodOf(def, ctx.limits), draft.pauses);
    const { unknownYears: _old, ...rest } = node;
    draft.nodes.set(key, { ...rest, dueAt: due.dueAt, ...(due.unknownYears.length ? { unknownYears: due.unknownYears } : {}) });
  }
}

const NODE_BY_ID = new Map(NODE_CATALOG.map((d) => [d.id, d]));

/** The team changed: team-scoped clocks (closeSimple / closeOther) follow it, from filing. */
function reconcileTeamNodes(draft: Draft, ctx: FoldContext): void {
  for (const def of NODE_CATALOG) {
    if (!def.appliesTo) continue;
    const key = nodeKey(def.id);
    const node = draft.nodes.get(key);
    if (def.appliesTo(draft.team)) {
      if (!node) startNode(draft, def, undefined, draft.filedAt, false, ctx);
    } else if (node && node.doneAt === undefined) {
      draft.nodes.delete(key);
    }
  }
}

/** Closing ends every open node; 终本 closings are checked against 七10. */
function closeCase(draft: Draft, at: Instant, kind: ClosingKind): void {
  draft.status = 'closed';
  draft.closed = { at, kind };
  for (const [key, node] of draft.nodes) {
    if (node.doneAt === undefined) draft.nodes.set(key, { ...node, doneAt: at, endedByClosing: true });
  }
  const f = draft.facts;
  const found = (code: FindingCode) => draft.findings.push({ code, seed: FINDING_SEED[code], at });
  if (kind === 'terminatedThisRound') {
    // A round counts whether it was posted as started, as returned results, or both.
    if (Math.max(f.onlineQueries, f.onlineResults) < 2) found('terminationWithoutRequery');
    if (f.relatedQueries < 2) found('terminationWithoutRelatedRequery');
    if (!f.terminationInterviewed) found('terminationWithoutInterview');
    if (at <= endOfChinaDay(addMonths(chinaDateOf(draft.filedAt), 3))) found('terminationBeforeThreeMonths');
  }
  if (!f.reception) found('receptionNotRecorded');
}

function freeze(draft: Draft): CaseState {
  const order = new Map(NODE_CATALOG.map((d, i) => [d.id, i]));
  const nodes = [...draft.nodes.values()].sort(
    (a, b) => (order.get(a.node) ?? 0) - (order.get(b.node) ?? 0) || a.startedAt - b.startedAt || ((a.instance ?? '') < (b.instance ?? '') ? -1 : 1),
  );
  const { early, nodes: _n, ...rest } = draft;
  return {
    ...rest,
    nodes,
    ...(early.size ? { early: Object.fromEntries(early) } : {}),
  } as CaseState;
}

function thaw(state: CaseState): Draft {
  const { early, ...rest } = state;
  return {
    ...structuredClone(rest),
    nodes: new Map(state.nodes.map((n) => [nodeKey(n.node, n.instance), n])),
    early: new Map(Object.entries(early ?? {})),
  } as Draft;
}

/**
 * After a change of limits, nodes that were already done keep the due time (and so the
 * verdict) they were judged by; open nodes take the new plan.
 */
export function keepVerdicts(replanned: CaseState, previous: CaseState): CaseState {
  const before = new Map(previous.nodes.map((n) => [nodeKey(n.node, n.instance), n]));
  return {
    ...replanned,
    nodes: replanned.nodes.map((n) => {
      const old = before.get(nodeKey(n.node, n.instance));
      if (!old || old.doneAt === undefined || n.doneAt === undefined) return n;
      const { dueAt: _d, presidentAt: _p, unknownYears: _u, ...rest } = n;
      return {
        ...rest,
        dueAt: old.dueAt,
        ...(old.presidentAt === undefined ? {} : { presidentAt: old.presidentAt }),
        ...(old.unknownYears ? { unknownYears: old.unknownYears } : {}),
      };
    }),
  };
}
