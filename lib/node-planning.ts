/**
 * Node updates of the fold: which catalog rows an event starts or completes, the due
 * time of each node instance with the steps that counted it (`counting.ts`), the
 * case-level clocks after a pause, the team clocks after re-triage, and what a re-plan
 * under changed limits keeps.
 */
import type { CaseDraft, CaseState, FoldContext, NodeInstance, Pause } from './case-state.js';
import { computeDueAt, type PauseSpan, type Period, type Step } from './counting.js';
import type { StoredEvent } from './events.js';
import type { CaseFacts } from './facts.js';
import { followUpEvent } from './follow-up-nodes.js';
import type { Limits } from './limits.js';
import { type InstanceKey, NODE_CATALOG, type NodeDefinition, nodeDefinition, nodeKey, nodesCompletedBy, nodesStartedBy } from './nodes.js';
import type { Instant } from './time.js';

/** Node updates: completions, then starts, as the catalog says; then the planned clocks (renewal, requery). */
export function updateNodes(draft: CaseDraft, e: StoredEvent, ctx: FoldContext): void {
  for (const def of nodesCompletedBy(e.type)) {
    if (def.planner) continue;
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
    if (def.planner) continue;
    const rule = def.startsOn.find((r) => r.on === e.type);
    if (rule?.when && !(rule.when as (data: unknown, facts: CaseFacts) => boolean)(e.data, draft.facts)) continue;
    if (def.appliesTo && !def.appliesTo(draft.team)) continue;
    startNode(draft, def, instanceOf(def, e), e.at, isUrgent(e), ctx);
  }
  followUpEvent(draft, e, ctx);
}

function instanceOf(def: NodeDefinition, e: StoredEvent): string | undefined {
  if (!def.instanceKey) return undefined;
  const value = (e.data as Partial<Record<InstanceKey, unknown>>)[def.instanceKey];
  return typeof value === 'string' ? value : undefined;
}

function isUrgent(e: StoredEvent): boolean {
  return e.type === 'lead.submitted' && e.data.urgent;
}

/** The period a node instance runs for under the current limits, naming its parameter. */
export function periodOf(def: NodeDefinition, limits: Limits, urgent = false): Period {
  const ref = urgent && def.urgentLimit ? def.urgentLimit : def.limit;
  return {
    amount: limits[ref.param] - (ref.minus ? limits[ref.minus] : 0),
    unit: ref.unit,
    param: ref.minus ? `${ref.param}-${ref.minus}` : ref.param,
  };
}

/** The pauses that have ended: an open pause moves nothing until it is resumed. */
function closedPauses(pauses: readonly Pause[]): PauseSpan[] {
  return pauses.flatMap((p) => (p.to === undefined ? [] : [{ from: p.from, to: p.to }]));
}

function startNode(draft: CaseDraft, def: NodeDefinition, instance: string | undefined, at: Instant, urgent: boolean, ctx: FoldContext): void {
  const key = nodeKey(def.id, instance);
  if (draft.nodes.has(key)) return; // the first start wins
  const due = computeDueAt(ctx.calendar, at, periodOf(def, ctx.limits, urgent), def.pausable ? closedPauses(draft.pauses) : []);
  const early = draft.early.get(key);
  const unknownYears = [...due.unknownYears];
  let presidentAt: Instant | undefined;
  if (def.ladder === 'payout') {
    const president = computeDueAt(ctx.calendar, at, { amount: ctx.limits.PayoutPresidentDays, unit: 'days', param: 'PayoutPresidentDays' });
    presidentAt = president.dueAt;
    unknownYears.push(...president.unknownYears.filter((y) => !unknownYears.includes(y)));
  }
  draft.nodes.set(key, {
    node: def.id,
    ...(instance === undefined ? {} : { instance }),
    startedAt: at,
    dueAt: due.dueAt,
    steps: due.steps,
    ...(early === undefined ? {} : { doneAt: Math.max(early, at) }),
    ...(presidentAt === undefined ? {} : { presidentAt }),
    ...(unknownYears.length ? { unknownYears: unknownYears.sort() } : {}),
  });
  if (early !== undefined) draft.early.delete(key);
}

/** After a resume, pending case-level clocks are counted again with every ended pause. */
export function replanPausable(draft: CaseDraft, ctx: FoldContext): void {
  for (const [key, node] of draft.nodes) {
    const def = nodeDefinition(node.node);
    if (!def.pausable || node.doneAt !== undefined) continue;
    const due = computeDueAt(ctx.calendar, node.startedAt, periodOf(def, ctx.limits), closedPauses(draft.pauses));
    const { unknownYears: _old, ...rest } = node;
    draft.nodes.set(key, {
      ...rest,
      dueAt: due.dueAt,
      steps: limitNotes(node.steps, due.steps, node.startedAt),
      ...(due.unknownYears.length ? { unknownYears: due.unknownYears } : {}),
    });
  }
}

/** The team changed: team-scoped clocks (closeSimple / closeOther) follow it, from filing. */
export function reconcileTeamNodes(draft: CaseDraft, ctx: FoldContext): void {
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

/** The limits a clock was counted with: parameter → amount, from its counting steps. */
function countedWith(steps: readonly Step[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of steps ?? []) if (s.rule !== 'limitChanged' && s.param !== undefined && s.n !== undefined) out.set(s.param, s.n);
  return out;
}

/**
 * `steps` with the notes of limit changes in front: those of `previous` that still hold
 * (the parameter still has the value they name), and — when `changedAt` is given — one
 * per parameter whose value differs from what `previous` was counted with.
 */
function limitNotes(previous: readonly Step[] | undefined, steps: readonly Step[], startedAt: Instant, changedAt?: Instant): Step[] {
  const now = countedWith(steps);
  const before = countedWith(previous);
  const notes: Step[] = [];
  for (const s of previous ?? []) {
    if (s.rule === 'limitChanged' && s.param !== undefined && now.get(s.param) === s.n) notes.push({ ...s, to: startedAt });
  }
  if (changedAt !== undefined) {
    for (const [param, was] of before) {
      const n = now.get(param);
      if (n !== undefined && n !== was) notes.push({ rule: 'limitChanged', param, n, was, at: changedAt, to: startedAt });
    }
  }
  return [...notes, ...steps.filter((s) => s.rule !== 'limitChanged')];
}

/**
 * After a change of limits, nodes that were already done keep the due time (and so the
 * verdict) they were judged by, with the steps that counted it; open nodes take the new
 * plan, and their steps say which limit changed and when (`changedAt`, the re-plan).
 */
export function keepVerdicts(replanned: CaseState, previous: CaseState, changedAt?: Instant): CaseState {
  const before = new Map(previous.nodes.map((n) => [nodeKey(n.node, n.instance), n]));
  return {
    ...replanned,
    nodes: replanned.nodes.map((n): NodeInstance => {
      const old = before.get(nodeKey(n.node, n.instance));
      if (!old) return n;
      if (old.doneAt === undefined || n.doneAt === undefined) return { ...n, steps: limitNotes(old.steps, n.steps ?? [], n.startedAt, changedAt) };
      const { dueAt: _d, presidentAt: _p, unknownYears: _u, steps: _s, ...rest } = n;
      return {
        ...rest,
        dueAt: old.dueAt,
        ...(old.steps ? { steps: old.steps } : {}),
        ...(old.presidentAt === undefined ? {} : { presidentAt: old.presidentAt }),
        ...(old.unknownYears ? { unknownYears: old.unknownYears } : {}),
      };
    }),
  };
}

/** After a re-fold under the same limits: notes of earlier limit changes stay on the nodes they still describe. */
export function carryLimitNotes(refolded: CaseState, previous: CaseState): CaseState {
  const before = new Map(previous.nodes.map((n) => [nodeKey(n.node, n.instance), n]));
  return {
    ...refolded,
    nodes: refolded.nodes.map((n) => {
      const old = before.get(nodeKey(n.node, n.instance));
      return old?.steps?.some((s) => s.rule === 'limitChanged') && n.steps ? { ...n, steps: limitNotes(old.steps, n.steps, n.startedAt) } : n;
    }),
  };
}
