/**
 * Escalation (提醒 → 催办 → 督办; payout's own approval ladder), README "Escalation".
 *
 * Pure: `(state, limits, now, alreadySent) → { notices, nextCheckAt }`. Each (case, node,
 * instance, level) is produced at most once given what was already sent; a scan that
 * finds several thresholds passed at once produces only the highest; a node that is done
 * (in time or late) produces nothing more.
 */
import { createHash } from 'node:crypto';
import type { CaseState, NodeInstance } from './case-state.js';
import type { Limits, Team } from './limits.js';
import { nodeDefinition, type NodeDefinition, type NodeId, nodeKey } from './nodes.js';
import type { Level } from './levels.js';
import { noticeTexts } from './notice-text.js';
import { HOUR_MS, type Instant } from './time.js';

export { LEVELS, type Level } from './levels.js';

/** Ladders, lowest first. Payout's `approvalSupervisor` takes the place of `urge`. */
export const LADDERS = {
  standard: ['remind', 'urge', 'supervise'],
  payout: ['remind', 'approvalSupervisor', 'supervise', 'approvalPresident'],
} as const satisfies Record<NodeDefinition['ladder'], readonly Level[]>;

/** Highest level already sent, by node key (`payout#P1`). */
export type SentLevels = Readonly<Record<string, Level>>;

export interface Threshold {
  readonly level: Level;
  readonly at: Instant;
}

export interface Notice {
  /** Stable id of (court, case, node, instance, level): the ledger key and a dedupe key for receivers. */
  readonly noticeId: string;
  readonly court: string;
  readonly caseNo: string;
  /** The team that must act: the service team for its own nodes, else the case's team. */
  readonly team: Team;
  readonly node: NodeId;
  readonly instance?: string;
  readonly level: Level;
  readonly dueAt: Instant;
  /** When the level's threshold was reached. */
  readonly reachedAt: Instant;
  /** When the escalation decided to send it. */
  readonly decidedAt: Instant;
  /** SMS text, ≤ 140 characters. */
  readonly message: string;
  /** E-mail subject. */
  readonly subject: string;
  /** Held (quiet hours, rest day): when it is to be delivered, later than `decidedAt`. */
  readonly deliverAt?: Instant;
  /** Passed before an import: recorded, never sent (README "Onboarding a court"). */
  readonly suppressed?: true;
  /** A held notice replaced by a higher level of its node (that notice's id). */
  readonly supersededBy?: string;
}

export interface EscalationResult {
  readonly notices: readonly Notice[];
  /** The earliest moment anything about this case can change without a new event. */
  readonly nextCheckAt?: Instant;
  /** `alreadySent` with the new notices. */
  readonly sent: SentLevels;
}

/** The thresholds of one node instance, in ladder order. */
export function thresholds(node: NodeInstance, def: NodeDefinition, limits: Limits): Threshold[] {
  const span = Math.max(0, node.dueAt - node.startedAt);
  const remindAt = node.startedAt + Math.ceil((span * limits.RemindAtPercent) / 100);
  const superviseAt = node.dueAt + limits.SuperviseAfterHours * HOUR_MS;
  if (def.ladder === 'payout') {
    // The ladder keeps its order even where a long holiday pushes the 10-day limit close
    // to the 30 days from arrival: no level is due after the president's.
    const presidentAt = node.presidentAt ?? superviseAt;
    return [
      { level: 'remind', at: Math.min(remindAt, presidentAt) },
      { level: 'approvalSupervisor', at: Math.min(node.dueAt, presidentAt) },
      { level: 'supervise', at: Math.min(superviseAt, presidentAt) },
      { level: 'approvalPresident', at: presidentAt },
    ];
  }
  return [
    { level: 'remind', at: remindAt },
    { level: 'urge', at: node.dueAt },
    { level: 'supervise', at: superviseAt },
  ];
}

/** Whether a case-level clock stands still now (an open 中止 / 扣除期限). */
export function isPaused(state: CaseState): boolean {
  return state.pauses.some((p) => p.to === undefined);
}

/**
 * Whether a node's clock stands still now: a case-level clock under an open pause that
 * began before the clock ran out (a pause after the deadline does not excuse it).
 */
export function clockStopped(state: CaseState, node: NodeInstance): boolean {
  if (node.doneAt !== undefined || !nodeDefinition(node.node).pausable) return false;
  const open = state.pauses.find((p) => p.to === undefined);
  return open !== undefined && open.from < node.dueAt;
}

/**
 * Nodes that can still escalate: not done, clock running. A closing ends every node but
 * those a 终本 closing leaves running (renewal, requery), so those are all a closed case has.
 */
function activeNodes(state: CaseState): Array<{ node: NodeInstance; def: NodeDefinition }> {
  return state.nodes
    .filter((n) => n.doneAt === undefined && !clockStopped(state, n))
    .map((node) => ({ node, def: nodeDefinition(node.node) }));
}

/** Stable notice id: one per (court, case, node, instance, level), ever. */
export function noticeId(court: string, caseNo: string, key: string, level: Level): string {
  return createHash('sha256').update(`${court}\n${caseNo}\n${key}\n${level}`).digest('base64url').slice(0, 22);
}

/** Escalates one case as of `now`, given what was already sent. */
export function escalate(state: CaseState, limits: Limits, now: Instant, alreadySent: SentLevels): EscalationResult {
  const notices: Notice[] = [];
  const sent: Record<string, Level> = { ...alreadySent };
  let nextCheckAt: Instant | undefined;
  for (const { node, def } of activeNodes(state)) {
    const key = nodeKey(node.node, node.instance);
    const ladder: readonly Level[] = LADDERS[def.ladder];
    const sentRank = sent[key] === undefined ? -1 : ladder.indexOf(sent[key]);
    const steps = thresholds(node, def, limits);
    let reached: Threshold | undefined;
    for (const [rank, t] of steps.entries()) if (rank > sentRank && t.at <= now) reached = t;
    const floor = reached ? ladder.indexOf(reached.level) : sentRank;
    if (reached) {
      sent[key] = reached.level;
      notices.push(noticeOf(state, node, def, reached, now, limits));
    }
    for (const [rank, t] of steps.entries()) {
      if (rank > floor && (nextCheckAt === undefined || t.at < nextCheckAt)) nextCheckAt = t.at;
    }
  }
  return { notices, sent, ...(nextCheckAt === undefined ? {} : { nextCheckAt }) };
}

/** The notice of one level of a node, decided at `now`. */
function noticeOf(state: CaseState, node: NodeInstance, def: NodeDefinition, reached: Threshold, now: Instant, limits: Limits): Notice {
  const team: Team = def.responsible === 'service' ? 'service' : state.team;
  const texts = noticeTexts({ caseNo: state.caseNo, node: def, instance: node.instance, level: reached.level, team, dueAt: node.dueAt, now, limits });
  return {
    noticeId: noticeId(state.court, state.caseNo, nodeKey(node.node, node.instance), reached.level),
    court: state.court,
    caseNo: state.caseNo,
    team,
    node: node.node,
    ...(node.instance === undefined ? {} : { instance: node.instance }),
    level: reached.level,
    dueAt: node.dueAt,
    reachedAt: reached.at,
    decidedAt: now,
    ...texts,
  };
}

/**
 * Every level an import finds already passed (README "Onboarding a court"): for each node that can still
 * escalate, each level above what was already decided whose threshold is at or before
 * `importedAt` — one notice per level, marked `suppressed` (recorded, never sent).
 */
export function passedAtImport(state: CaseState, limits: Limits, importedAt: Instant, alreadySent: SentLevels): EscalationResult {
  const notices: Notice[] = [];
  const sent: Record<string, Level> = { ...alreadySent };
  for (const { node, def } of activeNodes(state)) {
    const key = nodeKey(node.node, node.instance);
    const ladder: readonly Level[] = LADDERS[def.ladder];
    const sentRank = sent[key] === undefined ? -1 : ladder.indexOf(sent[key]);
    for (const [rank, t] of thresholds(node, def, limits).entries()) {
      if (rank <= sentRank || t.at > importedAt) continue;
      sent[key] = t.level;
      notices.push({ ...noticeOf(state, node, def, t, importedAt, limits), suppressed: true });
    }
  }
  return { notices, sent };
}

/** The notice's texts as of `now` (a held notice says how late it is when it goes out). */
export function noticeTextsAt(notice: Notice, limits: Limits, now: Instant): Notice {
  const def = nodeDefinition(notice.node);
  const texts = noticeTexts({ caseNo: notice.caseNo, node: def, instance: notice.instance, level: notice.level, team: notice.team, dueAt: notice.dueAt, now, limits });
  return { ...notice, ...texts };
}

/**
 * When the scan must next look at this case: the earliest threshold above what was
 * already sent — possibly in the past, when a late event made a node overdue.
 */
export function planNextCheck(state: CaseState, limits: Limits, alreadySent: SentLevels): Instant | undefined {
  return escalate(state, limits, Number.NEGATIVE_INFINITY, alreadySent).nextCheckAt;
}

/** Node status at `now` (docs/API.md "案件视图"). */
export function nodeStatus(node: NodeInstance, now: Instant): 'pending' | 'done' | 'overdue' {
  if (node.doneAt !== undefined) return 'done';
  return now > node.dueAt ? 'overdue' : 'pending';
}

/** Pending nodes past due at `now`, for the listing and the dashboard. */
export function overdueNodes(state: CaseState, now: Instant): NodeInstance[] {
  return state.nodes.filter((n) => nodeStatus(n, now) === 'overdue' && !clockStopped(state, n));
}
