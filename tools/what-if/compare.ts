/**
 * What a change of limits would do to the open cases (README "Onboarding a court"): each case folded
 * again from its stored events under the limits in force and under the proposed ones —
 * exactly as the scan re-plans after a deploy — then compared: due times that move,
 * cases that change team, and the notices the next scan would send.
 */
import { type FoldSources, refoldCase, type Rules } from '../../lib/app/case-records.js';
import type { CaseState } from '../../lib/case-state.js';
import { escalate, type Level, type Notice, type SentLevels } from '../../lib/escalation.js';
import type { Team } from '../../lib/limits.js';
import { nodeKey, type NodeId } from '../../lib/nodes.js';
import type { CaseRecord } from '../../lib/ports.js';
import type { Instant } from '../../lib/time.js';

export interface MovedNode {
  readonly caseNo: string;
  readonly node: NodeId;
  readonly instance?: string;
  /** Absent: the node exists only under the proposed limits. */
  readonly oldDueAt?: Instant;
  /** Absent: the node no longer exists under the proposed limits. */
  readonly newDueAt?: Instant;
}

export interface TeamChange {
  readonly caseNo: string;
  readonly from: string;
  readonly to: string;
}

export interface WhatIfReport {
  readonly at: Instant;
  readonly openCases: number;
  readonly moved: readonly MovedNode[];
  readonly teamChanges: readonly TeamChange[];
  /** Notices the next scan would send under the proposed limits. */
  readonly notices: readonly Notice[];
  /** Notices the next scan would send under the limits in force. */
  readonly currentNotices: readonly Notice[];
}

const key = (n: Pick<Notice, 'caseNo' | 'node' | 'instance' | 'level'>) => `${n.caseNo}\n${nodeKey(n.node, n.instance)}\n${n.level}`;

/** Notices in `a` that `b` does not have (by case, node, instance and level). */
export function noticesNotIn(a: readonly Notice[], b: readonly Notice[]): Notice[] {
  const other = new Set(b.map(key));
  return a.filter((n) => !other.has(key(n)));
}

/** Notices counted by level and team. */
export function countByLevelAndTeam(notices: readonly Notice[]): Map<Level, Map<Team, number>> {
  const out = new Map<Level, Map<Team, number>>();
  for (const n of notices) {
    const row = out.get(n.level) ?? new Map<Team, number>();
    row.set(n.team, (row.get(n.team) ?? 0) + 1);
    out.set(n.level, row);
  }
  return out;
}

async function stateUnder(sources: FoldSources, rules: Rules, record: CaseRecord): Promise<{ state?: CaseState; sent: SentLevels }> {
  if (record.plannedWith === rules.fingerprint) return { state: record.state, sent: record.sent };
  const refolded = await refoldCase(sources, rules, record.caseNo);
  return { ...(refolded.state ? { state: refolded.state } : {}), sent: refolded.sent };
}

/** Compares one open case under both sets of limits. */
export async function compareCase(sources: FoldSources, current: Rules, proposed: Rules, record: CaseRecord, at: Instant) {
  const before = await stateUnder(sources, current, record);
  const after = await stateUnder(sources, proposed, record);
  const moved: MovedNode[] = [];
  if (!before.state || !after.state) return { moved, notices: [], currentNotices: [] };
  const open = (s: CaseState) => new Map(s.nodes.filter((n) => n.doneAt === undefined).map((n) => [nodeKey(n.node, n.instance), n]));
  const was = open(before.state);
  const will = open(after.state);
  for (const k of new Set([...was.keys(), ...will.keys()])) {
    const o = was.get(k);
    const n = will.get(k);
    if (o?.dueAt === n?.dueAt) continue;
    const id = (o ?? n) as NonNullable<typeof o>;
    moved.push({
      caseNo: record.caseNo,
      node: id.node,
      ...(id.instance === undefined ? {} : { instance: id.instance }),
      ...(o ? { oldDueAt: o.dueAt } : {}),
      ...(n ? { newDueAt: n.dueAt } : {}),
    });
  }
  const sent = before.sent;
  return {
    moved,
    teamChange: before.state.team === after.state.team ? undefined : { caseNo: record.caseNo, from: before.state.team, to: after.state.team },
    notices: escalate(after.state, proposed.limits, at, after.sent).notices,
    currentNotices: escalate(before.state, current.limits, at, sent).notices,
  };
}

/** The whole report over the open cases of a store. */
export async function whatIf(
  sources: FoldSources,
  snapshots: AsyncIterable<CaseRecord>,
  current: Rules,
  proposed: Rules,
  at: Instant,
  onCase?: (n: number) => void,
): Promise<WhatIfReport> {
  const moved: MovedNode[] = [];
  const teamChanges: TeamChange[] = [];
  const notices: Notice[] = [];
  const currentNotices: Notice[] = [];
  let openCases = 0;
  for await (const record of snapshots) {
    if (record.state.status !== 'open') continue;
    openCases++;
    const result = await compareCase(sources, current, proposed, record, at);
    moved.push(...result.moved);
    if (result.teamChange) teamChanges.push(result.teamChange);
    notices.push(...result.notices);
    currentNotices.push(...result.currentNotices);
    onCase?.(openCases);
  }
  const byCase = (a: { caseNo: string }, b: { caseNo: string }) => (a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : 0);
  return {
    at,
    openCases,
    moved: moved.sort((a, b) => byCase(a, b) || (a.oldDueAt ?? a.newDueAt ?? 0) - (b.oldDueAt ?? b.newDueAt ?? 0)),
    teamChanges: teamChanges.sort(byCase),
    notices: notices.sort(byCase),
    currentNotices: currentNotices.sort(byCase),
  };
}
