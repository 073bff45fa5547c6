/**
 * The metrics of a period (CONTRACT §6) from bucket summaries: which buckets a query
 * needs, and the report built from them. Definitions: docs/METRICS.md.
 */
import { MalformedRequestError } from '../errors.js';
import { CLOSING_KINDS, type ClosingKind, type FieldError } from '../events.js';
import { LEVELS, type Level } from '../escalation.js';
import { TEAMS, type Team } from '../limits.js';
import { NODE_IDS, type NodeId } from '../nodes.js';
import { addDays, chinaDateOf, type CivilDate, type Instant, isCivilDate, toChinaIso } from '../time.js';
import { daysFrom } from './contributions.js';
import { addSums, type BucketSums, teamSums, type TeamSums } from './summaries.js';

/** The longest period one request may ask for: a leap year. */
export const MAX_RANGE_DAYS = 366;

export interface MetricsQuery {
  /** First China day of the period. */
  readonly from: CivilDate;
  /** The day after the last one (exclusive). */
  readonly to: CivilDate;
  /** One team's metrics; all teams when absent. */
  readonly team?: Team;
}

export interface RawMetricsQuery {
  readonly from?: string;
  readonly to?: string;
  readonly team?: string;
}

const shown = (v: string | undefined) => (v === undefined ? '（无）/ nothing' : JSON.stringify(v.slice(0, 40)));
const problem = (path: string, got: string | undefined, zh: string, en: string): FieldError => ({
  path,
  message: `收到 ${shown(got)}；应为${zh} / got ${shown(got)}; expected ${en}`,
});

/** Checks `from`, `to` and `team`; every problem names the field, the value and what was expected. */
export function parseMetricsQuery(raw: RawMetricsQuery): MetricsQuery {
  const errors: FieldError[] = [];
  const date = (name: 'from' | 'to') => {
    const v = raw[name];
    if (v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) && isCivilDate(v)) return v;
    errors.push(problem(name, v, '日期 YYYY-MM-DD（中国日期）', 'a date YYYY-MM-DD (China day)'));
    return undefined;
  };
  const from = date('from');
  const to = date('to');
  if (from && to) {
    if (to <= from) errors.push(problem('to', to, `晚于 from（${from}）的日期：统计 from ≤ 日 < to`, `a date after from (${from}): the period is from ≤ day < to`));
    else if (daysFrom(from, to) > MAX_RANGE_DAYS) {
      errors.push(problem('to', to, `from 之后至多 ${MAX_RANGE_DAYS} 天（${addDays(from, MAX_RANGE_DAYS)}）`, `at most ${MAX_RANGE_DAYS} days after from (${addDays(from, MAX_RANGE_DAYS)})`));
    }
  }
  const team = raw.team === undefined || raw.team === '' || raw.team === 'all' ? undefined : raw.team;
  if (team !== undefined && !(TEAMS as readonly string[]).includes(team)) {
    errors.push(problem('team', raw.team, `以下之一：${TEAMS.join(', ')}，或留空（全部团队）`, `one of ${TEAMS.join(', ')}, or empty (every team)`));
  }
  if (errors.length || !from || !to) throw new MalformedRequestError('查询参数有误 / invalid query', errors);
  return { from, to, ...(team ? { team: team as Team } : {}) };
}

/** The pending caseload is measured at `to`, or at the end of today when `to` is later. */
export function pendingDate(query: MetricsQuery, today: CivilDate): CivilDate {
  const tomorrow = addDays(today, 1);
  return query.to < tomorrow ? query.to : tomorrow;
}

/**
 * The day buckets a report reads: the days of the period that can hold data (events may
 * be dated up to a day ahead), and the days from the pending date to then (cases closed
 * since were still open at it).
 */
export function daysToRead(query: MetricsQuery, today: CivilDate): CivilDate[] {
  const last = addDays(today, 1);
  const days = new Set<CivilDate>();
  for (let d = query.from; d < query.to && d <= last; d = addDays(d, 1)) days.add(d);
  for (let d = pendingDate(query, today); d <= last; d = addDays(d, 1)) days.add(d);
  return [...days].sort();
}

export const AGE_BANDS = [
  ['0-30', 0, 30],
  ['31-90', 31, 90],
  ['91-180', 91, 180],
  ['181-365', 181, 365],
  ['366+', 366, Number.POSITIVE_INFINITY],
] as const;
export type AgeBand = (typeof AGE_BANDS)[number][0];

export interface MetricsReport {
  readonly court: string;
  readonly from: CivilDate;
  readonly to: CivilDate;
  readonly team: Team | null;
  /** When the report was made (+08:00). */
  readonly asOf: string;
  /** The scan after which the roll-up last left nothing behind: changes applied before it are counted (+08:00). */
  readonly rolledUpAt: string | null;
  readonly filed: number;
  readonly closed: number;
  /** closed ÷ filed (CourTools 2). */
  readonly clearanceRate: number | null;
  /** Per node id: node instances done in the period, share done by `dueAt`. */
  readonly onTime: Record<NodeId, number | null>;
  readonly onTimeCounts: Record<NodeId, { readonly done: number; readonly onTime: number }>;
  /** Cases closed in the period (CourTools 3). */
  readonly timeToDisposition: { readonly closed: number; readonly medianDays: number | null; readonly withinClock: number | null };
  /** Open cases at `at` by age in China days, and the share past their case clock (CourTools 4). */
  readonly pendingAge: { readonly at: CivilDate; readonly open: number; readonly backlog: number | null } & Record<AgeBand, number>;
  /** Closings of the period by kind. */
  readonly closings: Record<ClosingKind, number>;
  readonly performedRate: number | null;
  readonly terminationRate: number | null;
  readonly withinStatutoryLimit: number | null;
  /** Notices sent in the period, by level. */
  readonly notices: Record<Level, number>;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const sum = (counts: Record<string, number> | undefined, keep: (key: string) => boolean = () => true) =>
  Object.entries(counts ?? {}).reduce((n, [k, v]) => (keep(k) ? n + v : n), 0);

/** The median of a histogram (value → how many); the mean of the two middle values for an even count. */
export function medianOf(histogram: Record<string, number>): number | null {
  const values = Object.entries(histogram).map(([v, n]) => [Number(v), n] as const).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((n, [, c]) => n + c, 0);
  if (!total) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [v, n] of values) if ((seen += n) > rank) return v;
    return values[values.length - 1]?.[0] ?? 0;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** Everything a report is built from, as read from the store. */
export interface ReportInputs {
  readonly court: string;
  readonly now: Instant;
  /** Summaries of the days `daysToRead` named (missing days had nothing). */
  readonly days: ReadonlyMap<CivilDate, BucketSums>;
  /** Summaries of every open-caseload shard. */
  readonly open: readonly BucketSums[];
  readonly rolledUpAt?: Instant;
}

export function buildReport(query: MetricsQuery, inputs: ReportInputs): MetricsReport {
  const today = chinaDateOf(inputs.now);
  const period: BucketSums = {};
  for (const [day, sums] of inputs.days) if (day >= query.from && day < query.to) addSums(period, sums);
  const s: TeamSums = teamSums(period, query.team);
  const closed = s.closed ?? 0;
  const onTime = {} as Record<NodeId, number | null>;
  const onTimeCounts = {} as MetricsReport['onTimeCounts'];
  for (const node of NODE_IDS) {
    const done = s.nodesDone?.[node] ?? 0;
    const inTime = s.nodesOnTime?.[node] ?? 0;
    onTime[node] = rate(inTime, done);
    onTimeCounts[node] = { done, onTime: inTime };
  }
  const closings = Object.fromEntries(CLOSING_KINDS.map((k) => [k, s.kinds?.[k] ?? 0])) as Record<ClosingKind, number>;
  return {
    court: inputs.court,
    from: query.from,
    to: query.to,
    team: query.team ?? null,
    asOf: toChinaIso(inputs.now),
    rolledUpAt: inputs.rolledUpAt === undefined ? null : toChinaIso(inputs.rolledUpAt),
    filed: s.filed ?? 0,
    closed,
    clearanceRate: rate(closed, s.filed ?? 0),
    onTime,
    onTimeCounts,
    timeToDisposition: { closed, medianDays: medianOf(s.days ?? {}), withinClock: rate(s.clockWithin ?? 0, s.clockJudged ?? 0) },
    pendingAge: pendingAge(query, today, inputs),
    closings,
    performedRate: rate(closings.performed, closed),
    terminationRate: rate(closings.terminatedThisRound, closed),
    withinStatutoryLimit: rate(s.statutory ?? 0, closed),
    notices: Object.fromEntries(LEVELS.map((l) => [l, s.notices?.[l] ?? 0])) as Record<Level, number>,
  };
}

/**
 * Open at the start of `at`: filed before it and not closed before it — the cases open
 * now, and those closed since `at` (their closing day remembers when they were filed and
 * when their clock ran out).
 */
function pendingAge(query: MetricsQuery, today: CivilDate, inputs: ReportInputs): MetricsReport['pendingAge'] {
  const at = pendingDate(query, today);
  const filedOn: Record<CivilDate, number> = {};
  let open = 0;
  let pastClock = 0;
  const count = (filed: Record<string, number> | undefined, due: Record<string, number> | undefined) => {
    for (const [day, n] of Object.entries(filed ?? {})) {
      if (day >= at) continue;
      filedOn[day] = (filedOn[day] ?? 0) + n;
      open += n;
    }
    // A clock runs out after its case was filed, so a clock out before `at` belongs to a case filed before it.
    pastClock += sum(due, (day) => day < at);
  };
  for (const shard of inputs.open) {
    const s = teamSums(shard, query.team);
    count(s.openFiledOn, s.openDueOn);
  }
  for (const [day, sums] of inputs.days) {
    if (day < at) continue;
    const s = teamSums(sums, query.team);
    count(s.closedFiledOn, s.closedDueOn);
  }
  const bands = Object.fromEntries(AGE_BANDS.map(([band]) => [band, 0])) as Record<AgeBand, number>;
  for (const [day, n] of Object.entries(filedOn)) {
    const age = daysFrom(day, at);
    const band = AGE_BANDS.find(([, lo, hi]) => age >= lo && age <= hi);
    if (band) bands[band[0]] += n;
  }
  return { at, open, ...bands, backlog: rate(pastClock, open) };
}
