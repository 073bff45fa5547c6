/**
 * What the command-centre board reads (CONTRACT §6): the court's overdue nodes now, by
 * team × level, the nodes falling due within 24 hours ("at risk"), and the overdue list
 * sorted by lateness. Every node is judged as of the request, exactly as the case view
 * judges it, so the board, the case page and `GET /v1/cases` always agree.
 *
 * A node belongs to the team that acts on it (the service team for its own nodes, the
 * case's team otherwise): the team its notices go to.
 */
import type { CaseState, NodeInstance } from '../case-state.js';
import { caseView, noticeRecords } from '../case-view.js';
import { clockStopped, type Level, LEVELS, overdueNodes } from '../escalation.js';
import { AuthenticationError, MalformedRequestError } from '../errors.js';
import { openSession } from '../board-session.js';
import { boardLabels } from '../labels.js';
import { CASE_TEAMS, type CaseTeam, type Team, TEAMS } from '../limits.js';
import { nodeDefinition, type NodeId, nodeKey } from '../nodes.js';
import type { CaseRecord, ListPosition } from '../ports.js';
import { chineseDuration, HOUR_MS, type Instant, toChinaIso } from '../time.js';
import { type Caller, callerCourt } from './access.js';
import { currentState, pendingOutbox, type ReadDeps } from './read.js';

/** "At risk": open nodes falling due within this many hours (CONTRACT §6). */
export const AT_RISK_HOURS = 24;
/** The longest list one answer carries; `truncated` says when there were more. */
export const BOARD_LIST_MAX = 500;
/** Snapshots read at once while gathering the court's nodes. */
const READ_CONCURRENCY = 16;

/** One node on the board. */
export interface BoardNode {
  readonly caseNo: string;
  readonly node: string;
  readonly instance?: string;
  /** The node's Chinese name (the catalog's). */
  readonly label: string;
  /** The team that acts on the node. */
  readonly team: Team;
  /** Highest escalation reached for the node; absent when none yet. */
  readonly level?: Level;
  readonly dueAt: string;
  /** Overdue: how late, in milliseconds and in words (`2天3小时`). */
  readonly lateMs?: number;
  readonly late?: string;
  /** At risk: how long until due, in milliseconds and in words. */
  readonly dueInMs?: number;
  readonly dueIn?: string;
}

/** `none`: overdue, not escalated yet (the next scan will). */
export const BOARD_LEVELS = ['none', ...LEVELS] as const;
export type BoardLevel = (typeof BOARD_LEVELS)[number];

export interface OverviewRow {
  readonly team: Team;
  readonly overdue: Readonly<Record<BoardLevel, number>>;
  readonly overdueTotal: number;
  readonly atRisk: number;
}

export interface Overview {
  readonly court: string;
  readonly asOf: string;
  readonly team?: Team;
  readonly levels: readonly BoardLevel[];
  readonly rows: readonly OverviewRow[];
  readonly totals: { readonly overdue: number; readonly atRisk: number; readonly cases: number };
  /** Nodes falling due within `AT_RISK_HOURS`, soonest first. */
  readonly atRisk: readonly BoardNode[];
  readonly truncated: boolean;
}

export interface OverdueList {
  readonly court: string;
  readonly asOf: string;
  readonly team?: Team;
  /** Overdue nodes, latest first. */
  readonly nodes: readonly BoardNode[];
  readonly total: number;
  readonly truncated: boolean;
}

export interface BoardQuery {
  readonly team?: string;
}

function teamFilter(query: BoardQuery): Team | undefined {
  const team = query.team;
  if (team === undefined || team === '') return undefined;
  if (!(TEAMS as readonly string[]).includes(team)) {
    throw new MalformedRequestError('查询参数无效 / invalid query', [
      { path: 'team', message: `收到 "${team.slice(0, 40)}"；应为以下之一 / expected one of: ${TEAMS.join(', ')}` },
    ]);
  }
  return team as Team;
}

/**
 * The court's open cases that may hold a node of `team`, as the current limits see them.
 * Reads the court's listing (keys only) and the snapshot of each open case.
 */
async function openCases(deps: ReadDeps, court: string, team: Team | undefined): Promise<CaseRecord[]> {
  const caseTeam = team !== undefined && (CASE_TEAMS as readonly string[]).includes(team) ? (team as CaseTeam) : undefined;
  const open: string[] = [];
  const now = deps.now();
  let after: ListPosition | undefined;
  do {
    const page = await deps.index.listCases(court, { ...(caseTeam ? { team: caseTeam } : {}), now, ...(after ? { after } : {}), limit: 100 });
    for (const c of page.items) if (c.status === 'open') open.push(c.caseNo);
    after = page.next;
  } while (after);
  const records: CaseRecord[] = [];
  for (let i = 0; i < open.length; i += READ_CONCURRENCY) {
    const batch = await Promise.all(open.slice(i, i + READ_CONCURRENCY).map((caseNo) => deps.snapshots.getCase(caseNo)));
    for (const record of batch) {
      if (record && record.court === court && record.state.status === 'open') records.push(await currentState(deps, record, deps.now()));
    }
  }
  return records;
}

function actingTeam(state: CaseState, node: NodeId): Team {
  return nodeDefinition(node).responsible === 'service' ? 'service' : state.team;
}

/** Nodes of a case the board lists at `now`: overdue, or open and due within `AT_RISK_HOURS`. */
function boardCandidates(state: CaseState, team: Team | undefined, now: Instant): Array<{ node: NodeInstance; team: Team; overdue: boolean }> {
  const late = new Set(overdueNodes(state, now));
  const horizon = now + AT_RISK_HOURS * HOUR_MS;
  const out: Array<{ node: NodeInstance; team: Team; overdue: boolean }> = [];
  for (const n of state.nodes) {
    const nodeTeam = actingTeam(state, n.node);
    if (team !== undefined && nodeTeam !== team) continue;
    if (late.has(n)) out.push({ node: n, team: nodeTeam, overdue: true });
    else if (n.doneAt === undefined && !clockStopped(state, n) && n.dueAt >= now && n.dueAt <= horizon) out.push({ node: n, team: nodeTeam, overdue: false });
  }
  return out;
}

/**
 * The highest level of each node of a case, exactly as its case view shows it: notices
 * sent, on their way or suppressed by an import count; held, cancelled or superseded
 * ones do not. One read of the case's notice ledger (only for cases the board lists).
 */
async function nodeLevels(deps: ReadDeps, record: CaseRecord, now: Instant): Promise<ReadonlyMap<string, Level>> {
  const ledger = await deps.ledger.listNotices(record.caseNo);
  const view = caseView(record.state, noticeRecords(ledger, pendingOutbox(deps.rules, record), record.state, now), now);
  return new Map(view.nodes.filter((n) => n.level).map((n) => [nodeKey(n.id as NodeId, n.instance), n.level as Level]));
}

/** The court's overdue and at-risk nodes at `now`, each with its level. */
async function boardNodes(deps: ReadDeps, records: readonly CaseRecord[], team: Team | undefined, now: Instant): Promise<{ overdue: BoardNode[]; atRisk: BoardNode[] }> {
  const overdue: BoardNode[] = [];
  const atRisk: BoardNode[] = [];
  const listed = records.map((record) => ({ record, candidates: boardCandidates(record.state, team, now) })).filter((c) => c.candidates.length > 0);
  for (let i = 0; i < listed.length; i += READ_CONCURRENCY) {
    const batch = listed.slice(i, i + READ_CONCURRENCY);
    const levels = await Promise.all(batch.map(({ record }) => nodeLevels(deps, record, now)));
    batch.forEach(({ record, candidates }, j) => {
      for (const c of candidates) {
        const def = nodeDefinition(c.node.node);
        const level = levels[j]?.get(nodeKey(c.node.node, c.node.instance));
        const row: BoardNode = {
          caseNo: record.caseNo,
          node: c.node.node,
          ...(c.node.instance === undefined ? {} : { instance: c.node.instance }),
          label: def.zh,
          team: c.team,
          ...(level ? { level } : {}),
          dueAt: toChinaIso(c.node.dueAt),
        };
        if (c.overdue) overdue.push({ ...row, lateMs: now - c.node.dueAt, late: chineseDuration(now - c.node.dueAt) });
        else atRisk.push({ ...row, dueInMs: c.node.dueAt - now, dueIn: chineseDuration(c.node.dueAt - now) });
      }
    });
  }
  overdue.sort((a, b) => (b.lateMs ?? 0) - (a.lateMs ?? 0) || byCase(a, b));
  atRisk.sort((a, b) => (a.dueInMs ?? 0) - (b.dueInMs ?? 0) || byCase(a, b));
  return { overdue, atRisk };
}

const byCase = (a: BoardNode, b: BoardNode) => (a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

/** `GET /v1/board/overview?team=`: overdue nodes by team × level, and the at-risk queue. */
export async function boardOverview(deps: ReadDeps, caller: Caller, query: BoardQuery): Promise<Overview> {
  const court = await callerCourt(deps, caller);
  const team = teamFilter(query);
  const now = deps.now();
  const records = await openCases(deps, court, team);
  const { overdue, atRisk } = await boardNodes(deps, records, team, now);
  const rows = TEAMS.filter((t) => team === undefined || t === team).map((t): OverviewRow => {
    const mine = overdue.filter((n) => n.team === t);
    const byLevel = Object.fromEntries(BOARD_LEVELS.map((l) => [l, mine.filter((n) => (n.level ?? 'none') === l).length])) as Record<BoardLevel, number>;
    return { team: t, overdue: byLevel, overdueTotal: mine.length, atRisk: atRisk.filter((n) => n.team === t).length };
  });
  return {
    court,
    asOf: toChinaIso(now),
    ...(team ? { team } : {}),
    levels: BOARD_LEVELS,
    rows,
    totals: { overdue: overdue.length, atRisk: atRisk.length, cases: new Set(overdue.map((n) => n.caseNo)).size },
    atRisk: atRisk.slice(0, BOARD_LIST_MAX),
    truncated: atRisk.length > BOARD_LIST_MAX,
  };
}

/** `GET /v1/board/overdue?team=`: every overdue node of the court, latest first. */
export async function boardOverdue(deps: ReadDeps, caller: Caller, query: BoardQuery): Promise<OverdueList> {
  const court = await callerCourt(deps, caller);
  const team = teamFilter(query);
  const now = deps.now();
  const { overdue } = await boardNodes(deps, await openCases(deps, court, team), team, now);
  return {
    court,
    asOf: toChinaIso(now),
    ...(team ? { team } : {}),
    nodes: overdue.slice(0, BOARD_LIST_MAX),
    total: overdue.length,
    truncated: overdue.length > BOARD_LIST_MAX,
  };
}

/** `GET /v1/board/session`: who is logged in, for which court, until when; and the board's Chinese names. */
export async function boardSession(deps: ReadDeps, caller: Caller) {
  const key = caller.session === undefined ? undefined : await deps.sessions.sessionKey();
  const session = key && caller.session ? openSession(key, caller.session, deps.now()) : undefined;
  if (!session) throw new AuthenticationError('未登录或登录已失效 / not logged in, or the session has ended');
  return {
    court: session.court,
    user: session.user,
    ...(session.name ? { name: session.name } : {}),
    expiresAt: toChinaIso(session.expiresAt),
    atRiskHours: AT_RISK_HOURS,
    labels: boardLabels(),
  };
}
