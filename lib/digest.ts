/**
 * The morning digest and 通报 (README "The morning digest and 通报", seed 一(五)2-3, 第四章): a
 * pure builder the digest function and the board share. From the cases a court has open
 * with a node falling due before the next digest, and the court's journal of findings and
 * late completions (`journalEntries`, written by apply), it makes one digest per team
 * that has something to report — a node belongs to the team that acts on it, as for
 * notices — and always one for the director (`team = all`):
 *
 * - `overdue`: the team's open nodes past their due time, most late first, with how late
 *   and the highest level reached (sent, or suppressed by an import);
 * - `dueSoon`: open nodes falling due before the next digest;
 * - `findings`: findings (not time limits) raised since the last digest;
 * - the director's also `supervised` (督办: every open node at `supervise` or
 *   `approvalPresident`) and `reported` (通报: nodes that went overdue since the last
 *   digest, done late since or still open).
 */
import { createHash } from 'node:crypto';
import type { CaseState, FindingCode, NodeInstance } from './case-state.js';
import { clockStopped, type Level, type SentLevels, thresholds } from './escalation.js';
import type { Limits, Team } from './limits.js';
import { nodeDefinition, nodeKey } from './nodes.js';
import { lateness, nodeLabel, TEAM_NAMES } from './notice-text.js';
import { CHINA_OFFSET_MS, chineseDueTime, chineseDuration, type Instant, toChinaIso } from './time.js';

/** Who a digest is for: a team, or the director (`all`). */
export type DigestTeam = Team | 'all';

/** What the digest function reads of one case: its state and the levels decided. */
export interface DigestCase {
  readonly state: CaseState;
  /** Highest level decided per node key (the snapshot's `sent`). */
  readonly sent: SentLevels;
  /** The latest import that touched the case: levels passed by then were suppressed, not sent. */
  readonly importedAt?: Instant;
}

export interface DigestNode {
  readonly caseNo: string;
  readonly node: string;
  readonly instance?: string;
  /** The node's Chinese name as notices write it. */
  readonly label: string;
  readonly team: Team;
  readonly dueAt: string;
  /** The due time as notices write it: `11月20日24时`. */
  readonly due: string;
  /** Milliseconds past due at the digest (overdue and reported nodes). */
  readonly lateMs?: number;
  /** `已超期2天3小时`, `还剩5小时`, or `已于…办结（超期…）`. */
  readonly lateness: string;
  /** Highest level reached: sent, or suppressed by an import. */
  readonly level?: Level;
  /** The level was recorded at an import, never sent. */
  readonly suppressed?: true;
  /** Reported nodes done late since: when. */
  readonly doneAt?: string;
}

export interface DigestFinding {
  readonly caseNo: string;
  readonly team: Team;
  readonly code: FindingCode;
  readonly seed: string;
  readonly at: string;
  readonly text: string;
}

export interface Digest {
  /** Stable id of (court, team, moment): receivers drop a repeat by it. */
  readonly digestId: string;
  readonly court: string;
  readonly team: DigestTeam;
  readonly at: string;
  readonly previousAt?: string;
  readonly nextAt?: string;
  readonly overdue: readonly DigestNode[];
  readonly dueSoon: readonly DigestNode[];
  readonly findings: readonly DigestFinding[];
  /** Director only: 督办. */
  readonly supervised?: readonly DigestNode[];
  /** Director only: 通报. */
  readonly reported?: readonly DigestNode[];
}

/**
 * What the digest needs to know of a case after it changed, kept per court (the digest
 * journal): a finding raised (at its moment), a node done late (at its due time, when it
 * went overdue).
 */
export type JournalEntry =
  | { readonly kind: 'finding'; readonly caseNo: string; readonly team: Team; readonly code: FindingCode; readonly seed: string; readonly at: Instant }
  | {
      readonly kind: 'doneLate';
      readonly caseNo: string;
      readonly team: Team;
      readonly node: NodeInstance['node'];
      readonly instance?: string;
      readonly dueAt: Instant;
      readonly doneAt: Instant;
      readonly level?: Level;
    };

/** The moment a journal entry is filed under. */
export const journalAt = (e: JournalEntry): Instant => (e.kind === 'finding' ? e.at : e.dueAt);

/** What a change of a case adds to the journal: findings it did not have, nodes now done late. */
export function journalEntries(before: CaseState | undefined, after: CaseState, sent: SentLevels): JournalEntry[] {
  const had = new Set((before?.findings ?? []).map((f) => `${f.code}#${f.at}`));
  const wasDone = new Set((before?.nodes ?? []).filter((n) => n.doneAt !== undefined).map((n) => nodeKey(n.node, n.instance)));
  const entries: JournalEntry[] = after.findings
    .filter((f) => !had.has(`${f.code}#${f.at}`))
    .map((f) => ({ kind: 'finding', caseNo: after.caseNo, team: after.team, code: f.code, seed: f.seed, at: f.at }));
  for (const n of after.nodes) {
    const key = nodeKey(n.node, n.instance);
    if (n.doneAt === undefined || n.doneAt <= n.dueAt || wasDone.has(key)) continue;
    const level = sent[key];
    entries.push({
      kind: 'doneLate', caseNo: after.caseNo, team: actingTeam(after, n), node: n.node,
      ...(n.instance === undefined ? {} : { instance: n.instance }), dueAt: n.dueAt, doneAt: n.doneAt, ...(level ? { level } : {}),
    });
  }
  return entries;
}

export interface DigestInput {
  readonly court: string;
  readonly at: Instant;
  /** The digest before (findings and 通报 since then); absent: since ever. */
  readonly previousAt?: Instant;
  /** The digest after (what falls due before it); absent: the next 24 hours. */
  readonly nextAt?: Instant;
  /** The court's cases with an open node falling due before `nextAt` (others are ignored). */
  readonly cases: readonly DigestCase[];
  /** The court's journal since `previousAt`: findings raised, nodes done late. */
  readonly journal: readonly JournalEntry[];
  readonly limits: Limits;
}

/** Chinese names of the findings, for texts. */
export const FINDING_NAMES: Record<FindingCode, string> = {
  terminationWithoutRequery: '终本前未按要求再次网络查询',
  terminationWithoutRelatedRequery: '终本前未再次查询关联案件',
  terminationWithoutInterview: '终本前未约谈申请执行人',
  terminationBeforeThreeMonths: '立案不满三个月即终结本次执行程序',
  receptionNotRecorded: '未记录初次接待',
};

const DAY = 24 * 3_600_000;
const SUPERVISED: ReadonlySet<Level> = new Set(['supervise', 'approvalPresident']);

export function digestId(court: string, team: DigestTeam, at: Instant): string {
  return createHash('sha256').update(`digest\n${court}\n${team}\n${at}`).digest('base64url').slice(0, 22);
}

function actingTeam(state: CaseState, n: NodeInstance): Team {
  return nodeDefinition(n.node).responsible === 'service' ? 'service' : state.team;
}

function levelOf(c: DigestCase, n: NodeInstance, limits: Limits): { level?: Level; suppressed?: true } {
  const level = c.sent[nodeKey(n.node, n.instance)];
  if (level === undefined) return {};
  const reached = thresholds(n, nodeDefinition(n.node), limits).find((t) => t.level === level)?.at;
  const suppressed = c.importedAt !== undefined && reached !== undefined && reached <= c.importedAt;
  return { level, ...(suppressed ? { suppressed: true as const } : {}) };
}

/** `11月29日10:00`. */
function shortMoment(t: Instant): string {
  const d = new Date(t + CHINA_OFFSET_MS);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

function lateNode(e: Extract<JournalEntry, { kind: 'doneLate' }>, at: Instant): DigestNode {
  return {
    caseNo: e.caseNo,
    node: e.node,
    ...(e.instance === undefined ? {} : { instance: e.instance }),
    label: nodeLabel(nodeDefinition(e.node), e.instance),
    team: e.team,
    dueAt: toChinaIso(e.dueAt),
    due: chineseDueTime(e.dueAt, at),
    lateMs: e.doneAt - e.dueAt,
    lateness: `已于${shortMoment(e.doneAt)}办结（超期${chineseDuration(e.doneAt - e.dueAt)}）`,
    ...(e.level ? { level: e.level } : {}),
    doneAt: toChinaIso(e.doneAt),
  };
}

function digestNode(c: DigestCase, n: NodeInstance, at: Instant, limits: Limits): DigestNode {
  const late = at - n.dueAt;
  return {
    caseNo: c.state.caseNo,
    node: n.node,
    ...(n.instance === undefined ? {} : { instance: n.instance }),
    label: nodeLabel(nodeDefinition(n.node), n.instance),
    team: actingTeam(c.state, n),
    dueAt: toChinaIso(n.dueAt),
    due: chineseDueTime(n.dueAt, at),
    ...(late > 0 ? { lateMs: late } : {}),
    lateness: lateness(n.dueAt, at),
    ...levelOf(c, n, limits),
  };
}

/** Every digest of one court at `at`: the teams with something to report, then the director's. */
export function buildDigests(input: DigestInput): Digest[] {
  const { court, at, limits } = input;
  const since = input.previousAt ?? Number.NEGATIVE_INFINITY;
  const until = input.nextAt ?? at + DAY;
  const overdue: DigestNode[] = [];
  const dueSoon: DigestNode[] = [];
  const supervised: DigestNode[] = [];
  const reported: DigestNode[] = [];
  const findings: DigestFinding[] = [];
  const inWindow = (t: Instant) => t > since && t <= at;
  const reportedKeys = new Set<string>();
  for (const c of input.cases) {
    if (c.state.court !== court) continue;
    for (const n of c.state.nodes) {
      if (n.doneAt !== undefined || clockStopped(c.state, n) || n.dueAt >= until) continue;
      const item = digestNode(c, n, at, limits);
      if (n.dueAt < at) overdue.push(item);
      else dueSoon.push(item);
      if (item.level !== undefined && SUPERVISED.has(item.level)) supervised.push(item);
      if (n.dueAt < at && inWindow(n.dueAt)) {
        reported.push(item);
        reportedKeys.add(`${c.state.caseNo}#${nodeKey(n.node, n.instance)}`);
      }
    }
  }
  for (const e of input.journal) {
    if (e.kind === 'finding') {
      if (inWindow(e.at)) findings.push({ caseNo: e.caseNo, team: e.team, code: e.code, seed: e.seed, at: toChinaIso(e.at), text: FINDING_NAMES[e.code] ?? e.code });
    } else if (inWindow(e.dueAt) && e.doneAt <= at && !reportedKeys.has(`${e.caseNo}#${nodeKey(e.node, e.instance)}`)) {
      reportedKeys.add(`${e.caseNo}#${nodeKey(e.node, e.instance)}`);
      reported.push(lateNode(e, at));
    }
  }
  const tie = (a: DigestNode, b: DigestNode) => (a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : a.node < b.node ? -1 : a.node > b.node ? 1 : (a.instance ?? '') < (b.instance ?? '') ? -1 : 1);
  const byLateness = (a: DigestNode, b: DigestNode) => (b.lateMs ?? 0) - (a.lateMs ?? 0) || tie(a, b);
  const byDue = (a: DigestNode, b: DigestNode) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : tie(a, b));
  const byTime = (a: DigestFinding, b: DigestFinding) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : a.code < b.code ? -1 : 1);
  overdue.sort(byLateness);
  dueSoon.sort(byDue);
  supervised.sort(byLateness);
  reported.sort(byLateness);
  findings.sort(byTime);
  const header = {
    court,
    at: toChinaIso(at),
    ...(input.previousAt === undefined ? {} : { previousAt: toChinaIso(input.previousAt) }),
    nextAt: toChinaIso(until),
  };
  const teams = [...new Set([...overdue, ...dueSoon, ...findings].map((x) => x.team))].sort(
    (a, b) => Object.keys(TEAM_NAMES).indexOf(a) - Object.keys(TEAM_NAMES).indexOf(b),
  );
  const forTeam = (team: Team): Digest => ({
    digestId: digestId(court, team, at),
    team,
    ...header,
    overdue: overdue.filter((x) => x.team === team),
    dueSoon: dueSoon.filter((x) => x.team === team),
    findings: findings.filter((x) => x.team === team),
  });
  return [
    ...teams.map(forTeam),
    { digestId: digestId(court, 'all', at), team: 'all', ...header, overdue, dueSoon, findings, supervised, reported },
  ];
}
