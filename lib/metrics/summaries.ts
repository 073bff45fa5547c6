/**
 * Bucket summaries: the sums of one bucket's entries (`contributions.ts`), per team, as
 * plain nested counts — what the store keeps beside the entries and a page view reads.
 * Sums of several buckets add up (`addSums`), so a range is the sum of its days.
 */
import type { Level } from '../escalation.js';
import type { Team } from '../limits.js';
import { nodeDefinition, type NodeId } from '../nodes.js';
import type { CaseEntry } from './contributions.js';

/** A notice actually sent (ledger status `sent`), counted on the China day it was published. */
export interface NoticeEntry {
  readonly kind: 'notice';
  /** The team the notice went to (CONTRACT §3). */
  readonly team: Team;
  readonly level: Level;
}

export type Entry = CaseEntry | NoticeEntry;

type Counts = Record<string, number>;

/** One team's sums in a bucket; absent fields are zero. */
export interface TeamSums {
  filed?: number;
  closed?: number;
  /** Closings by kind. */
  kinds?: Counts;
  /** Closed cases by China days from filing to closing. */
  days?: Counts;
  /** Closed cases that had a case clock, and of them those closed by its due time. */
  clockJudged?: number;
  clockWithin?: number;
  /** Closed within the statutory limit. */
  statutory?: number;
  /** Node instances done (by their own completion), and of them by `dueAt`, per node id. */
  nodesDone?: Counts;
  nodesOnTime?: Counts;
  /** Notices sent, by level. */
  notices?: Counts;
  /** Cases closed that day, by filing date and by the date their clock ran out (the pending caseload at an earlier date). */
  closedFiledOn?: Counts;
  closedDueOn?: Counts;
  /** Open cases (open-caseload shards), by filing date and clock due date. */
  openFiledOn?: Counts;
  openDueOn?: Counts;
}

export type BucketSums = Partial<Record<Team, TeamSums>>;

function add(sums: TeamSums, field: keyof TeamSums, key: string | undefined, n = 1): void {
  if (key === undefined) {
    (sums[field] as number | undefined) = ((sums[field] as number | undefined) ?? 0) + n;
    return;
  }
  const counts = ((sums[field] as Counts | undefined) ??= {} as never) as Counts;
  counts[key] = (counts[key] ?? 0) + n;
}

/** Sums of one bucket's entries. */
export function summarize(entries: Iterable<Entry>): BucketSums {
  const out: BucketSums = {};
  const team = (t: Team): TeamSums => (out[t] ??= {});
  for (const e of entries) {
    if (e.kind === 'notice') {
      add(team(e.team), 'notices', e.level);
      continue;
    }
    if (e.kind === 'open') {
      add(team(e.team), 'openFiledOn', e.filedOn);
      if (e.clockDueOn) add(team(e.team), 'openDueOn', e.clockDueOn);
      continue;
    }
    const own = team(e.team);
    if (e.filed) add(own, 'filed', undefined);
    const c = e.closed;
    if (c) {
      add(own, 'closed', undefined);
      add(own, 'kinds', c.kind);
      add(own, 'days', String(c.days));
      if (c.withinClock !== undefined) {
        add(own, 'clockJudged', undefined);
        if (c.withinClock) add(own, 'clockWithin', undefined);
      }
      if (c.withinStatutory) add(own, 'statutory', undefined);
      add(own, 'closedFiledOn', c.filedOn);
      if (c.clockDueOn) add(own, 'closedDueOn', c.clockDueOn);
    }
    for (const [node, [done, onTime]] of Object.entries(e.done ?? {}) as Array<[NodeId, readonly [number, number]]>) {
      // A node counts for the team that acts on it, as its notices do (CONTRACT §3).
      const actor = team(nodeDefinition(node).responsible === 'service' ? 'service' : e.team);
      add(actor, 'nodesDone', node, done);
      if (onTime) add(actor, 'nodesOnTime', node, onTime);
    }
  }
  return out;
}

/** Adds one team's sums into another's. */
function addTeam(into: TeamSums, from: TeamSums): void {
  for (const [field, value] of Object.entries(from) as Array<[keyof TeamSums, number | Counts]>) {
    if (typeof value === 'number') add(into, field, undefined, value);
    else for (const [key, n] of Object.entries(value)) add(into, field, key, n);
  }
}

/** Adds `source` into `target` (both per team). */
export function addSums(target: BucketSums, source: BucketSums): BucketSums {
  for (const [t, sums] of Object.entries(source) as Array<[Team, TeamSums]>) addTeam((target[t] ??= {}), sums);
  return target;
}

/** One team's sums, or every team's added up. */
export function teamSums(sums: BucketSums, team?: Team): TeamSums {
  if (team) return sums[team] ?? {};
  const all: TeamSums = {};
  for (const s of Object.values(sums)) addTeam(all, s);
  return all;
}
