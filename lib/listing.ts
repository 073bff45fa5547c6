/**
 * The case listing (docs/API.md "案件列表") and the case view count overdue nodes the same
 * way, as of the moment of the request: from the due times of the nodes that can still
 * go overdue (not done, clock running), kept per acting team. The listing index is keyed
 * by the earliest of them, so "overdue now" is the range below `now`, "at risk within a
 * day" the range [now, now + 24 h) — what the command centre's board reads per team.
 */
import type { CaseState } from './case-state.js';
import { clockStopped } from './escalation.js';
import type { Team } from './limits.js';
import { nodeDefinition } from './nodes.js';
import type { Instant } from './time.js';

/** Due times (ascending) of the nodes that can still go overdue, by the team that acts on each. */
export type DuesByTeam = Partial<Record<Team, readonly Instant[]>>;

/** The nodes that can still go overdue, with their due times, by acting team. */
export function openDues(state: CaseState): DuesByTeam {
  const out: Partial<Record<Team, Instant[]>> = {};
  for (const node of state.nodes) {
    if (node.doneAt !== undefined || clockStopped(state, node)) continue;
    const team: Team = nodeDefinition(node.node).responsible === 'service' ? 'service' : state.team;
    (out[team] ??= []).push(node.dueAt);
  }
  for (const list of Object.values(out)) list.sort((a, b) => a - b);
  return out;
}

/** The earliest open due time, if any node is open. */
export function earliestDue(dues: DuesByTeam): Instant | undefined {
  let earliest: Instant | undefined;
  for (const list of Object.values(dues)) for (const due of list ?? []) if (earliest === undefined || due < earliest) earliest = due;
  return earliest;
}

/** Nodes overdue at `now` (a node is overdue once `now` is past its due time), optionally of one acting team. */
export function overdueAt(dues: DuesByTeam, now: Instant, team?: Team): number {
  const lists = team ? [dues[team] ?? []] : Object.values(dues);
  return lists.reduce((sum, list) => sum + (list ?? []).filter((due) => now > due).length, 0);
}

/** Nodes not yet overdue at `from` that fall due by `to` ("at risk": due within a day). */
export function dueBetween(dues: DuesByTeam, from: Instant, to: Instant, team?: Team): number {
  const lists = team ? [dues[team] ?? []] : Object.values(dues);
  return lists.reduce((sum, list) => sum + (list ?? []).filter((due) => due >= from && due < to).length, 0);
}

/** Instants in listing keys: zero-padded so that strings sort as numbers. */
export const padInstant = (t: Instant) => String(Math.max(0, Math.floor(t))).padStart(15, '0');

/** The listing sort key: earliest open due time, then the case number; a case with nothing open sorts last. */
export function listingKey(dues: DuesByTeam, caseNo: string): string {
  const earliest = earliestDue(dues);
  return `${earliest === undefined ? '~' : padInstant(earliest)}#${caseNo}`;
}

/** The case number of a listing key (anything after the first `#`), or undefined if it is not one. */
export function caseNoOfListingKey(key: string): string | undefined {
  const m = /^(\d{15}|~)#(.+)$/su.exec(key);
  return m?.[2];
}
