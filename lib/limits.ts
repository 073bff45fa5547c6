/**
 * Every tunable limit, with the seed's default, as one table. The CDK app turns each
 * row into a CloudFormation parameter (same name); the functions receive them as
 * environment variables (same name) and validate them once at start.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { HolidayOverrides } from './calendar.js';
import { parseHoldLevels, parseQuietHours, QUIET_HOURS_PATTERN } from './delivery.js';
import { ConfigurationError } from './errors.js';
import { LEVELS, type Level } from './levels.js';
import { DEFAULT_DIGEST_SCHEDULE, parseDigestSchedule } from './digest-schedule.js';
import { parseHolidayOverrides } from './holiday-overrides.js';
import { isCivilDate } from './time.js';

export const TEAMS = ['service', 'simple', 'ordinary', 'large', 'emergency', 'financial'] as const;
/** A team of the enforcement bureau (第二章). `service` performs cross-case work only. */
export type Team = (typeof TEAMS)[number];
export const CASE_TEAMS = ['simple', 'ordinary', 'large', 'emergency', 'financial'] as const;
/** A team that owns cases. */
export type CaseTeam = (typeof CASE_TEAMS)[number];

export type ParameterGroup = 'nodes' | 'caseClocks' | 'measures' | 'triage' | 'escalation' | 'operations';

export interface NumericParameter {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** What one unit is; shown in errors and the console. */
  readonly unit: 'hours' | 'days' | 'working days' | 'months' | 'yuan' | 'percent' | 'requests/s' | 'requests';
  readonly group: ParameterGroup;
  readonly zh: string;
  readonly en: string;
  /** Where the default comes from. */
  readonly source: string;
}

const p = (
  dflt: number,
  unit: NumericParameter['unit'],
  group: ParameterGroup,
  zh: string,
  en: string,
  source: string,
  min = 1,
  max = unit === 'hours' ? 24 * 90 : unit === 'months' ? 60 : unit === 'days' || unit === 'working days' ? 366 : 100,
): NumericParameter => ({ default: dflt, min, max, unit, group, zh, en, source });

/** Numeric limits, in the order the console shows them. Names are binding (README §10). */
export const NUMERIC_PARAMETERS = {
  ReceptionDays: p(1, 'days', 'nodes', '初次接待期限（日）', 'Initial reception, days after filing', '第三章一(一)1 "立即" [design]'),
  OnlineQueryHours: p(24, 'hours', 'nodes', '发起网络执行查询期限（小时）', 'Online property query started, hours after filing', '第三章一(二)'),
  FreezeHours: p(24, 'hours', 'nodes', '冻结线上财产期限（小时）', 'Freeze online-found assets, hours after results', '第三章一(二)1'),
  VehicleSeizureDays: p(2, 'days', 'nodes', '车辆查封期限（日）', 'Seize found vehicles, days after results', '第三章一(二)2'),
  TraditionalQueryDays: p(0, 'days', 'nodes', '启动传统查控期限（日，0=当日）', 'Start traditional control, days after results (0 = same day)', '第三章一(二) "当日"', 0),
  RealtySeizureDays: p(2, 'days', 'nodes', '不动产冻结查封期限（日）', 'Freeze / seize real property, days after report', '第三章一(二)'),
  RelatedQueryDays: p(2, 'days', 'nodes', '关联案件查询期限（日）', 'Province-wide related-case query, days after filing', '第三章一(二)4'),
  DocumentsDays: p(2, 'days', 'nodes', '执行通知书等文书送达期限（日）', 'Execution notice, property-report order, summons sent, days after filing', '第三章一(三)2'),
  FundsConfirmDays: p(3, 'days', 'nodes', '案款到账确认期限（日）', 'Finance confirms arrived funds, days', '第三章一(五)1'),
  PayoutDays: p(10, 'days', 'nodes', '案款发放期限（日），超期报主管领导审批', 'Pay out funds, days; past it the supervising leader approves', '第三章一(五)1'),
  PayoutPresidentDays: p(30, 'days', 'nodes', '自到账起报院长批准期限（日）', 'Days after arrival past which the president approves the payout', '第三章一(五)1'),
  TransferDays: p(3, 'days', 'nodes', '发放转账支付期限（日）', 'Finance completes the transfer, days after the approval form', '第三章一(五)1'),
  MaterialsWorkingDays: p(2, 'working days', 'nodes', '纸质材料移送卷宗管理中心期限（工作日）', 'Paper materials to the dossier centre, working days after return', '第三章一(七)2'),
  DossierDays: p(1, 'days', 'nodes', '电子卷宗扫描编目期限（日，0=当日）', 'Dossier checked and digitised, days (0 = same day)', '第三章一(七)2 "当日内或至迟第二天"', 0),
  LeadCheckDays: p(5, 'days', 'nodes', '财产线索调查核实期限（日）', 'Verify a specific property lead, days', '第三章七2'),
  UrgentLeadHours: p(48, 'hours', 'nodes', '紧急财产线索核实期限（小时）', 'Verify an urgent property lead, hours', '第三章七2'),
  CompulsorySummonsDays: p(15, 'days', 'nodes', '拘传或提请公安协查期限（日）', 'Compulsory summons or police request, days', '第三章七5'),
  RewardDecisionDays: p(10, 'days', 'nodes', '悬赏申请决定期限（日）', 'Decide on a reward application, days', '第三章七7'),
  RewardPublishDays: p(5, 'days', 'nodes', '启动公告悬赏期限（日）', 'Publish an approved reward notice, days', '第三章七7'),
  ReleaseDays: p(3, 'days', 'nodes', '解除控制措施期限（日）', 'Lift control measures, days', '第三章七8'),
  DeductionDays: p(10, 'days', 'nodes', '扣划存款收入期限（日）', 'Deduct deposits / income, days', '第三章七9'),
  NewLeadCheckDays: p(5, 'days', 'nodes', '终本约谈后新线索核查期限（日）', 'Check a new lead given after the 终本 interview, days', '第三章七10'),
  ClosingDays: p(1, 'days', 'nodes', '办理结案手续期限（日）', 'Closing formalities, days after conditions are met', '第三章七11'),
  SimpleCaseDays: p(30, 'days', 'caseClocks', '简易案件结案期限（日）', 'Simple case closed, days after filing', '第三章七12'),
  OtherCaseMonths: p(3, 'months', 'caseClocks', '其他案件结案期限（月）', 'Other cases closed, months after filing', '第三章七12'),
  LongCaseMonths: p(6, 'months', 'caseClocks', '长期未结案件界限（月）', 'Cases that cannot close within this many months must be reported', '第三章七13'),
  LongCaseReportLeadMonths: p(1, 'months', 'caseClocks', '提前报告合议庭（月）', 'Report to the collegial panel this many months before', '第三章七13', 0, 12),
  // The law caps each term (CPL interpretation Art. 485): a court may set it shorter, never longer.
  DepositFreezeMonths: p(12, 'months', 'measures', '冻结存款期限（月）', 'A deposit freeze lapses this many months after its day unless renewed', '民事诉讼法解释第485条', 1, 12),
  MovableSeizureMonths: p(24, 'months', 'measures', '查封、扣押动产期限（月）', 'A seizure of movables (vehicles) lapses after this many months unless renewed', '民事诉讼法解释第485条', 1, 24),
  RealtySeizureMonths: p(36, 'months', 'measures', '查封不动产、冻结其他财产权期限（月）', 'A seizure of real estate or freeze of other property rights lapses after this many months', '民事诉讼法解释第485条', 1, 36),
  RenewalLeadDays: p(15, 'days', 'measures', '届满前申请续行查封、冻结（日）', 'Renewal due this many days before a measure lapses (moved earlier off rest days)', '民事诉讼法解释第485条 "届满前" [design]', 1, 180),
  RequeryPeriodMonths: p(6, 'months', 'measures', '终本后网络查询周期（月）', 'After a 终本 closing, an online property query every this many months', '终本规定(2016)第9条'),
  RequeryForMonths: p(60, 'months', 'measures', '终本后定期查询期间（月）', 'Query after a 终本 closing for this many months', '终本规定(2016)第9条', 1, 120),
  OrdinaryAmountThreshold: p(30_000, 'yuan', 'triage', '普通案件标的额下限（元）', 'Amount from which a case is ordinary (O1); below it emergency (E1)', '第三章三1、五', 0, 1e12),
  LargeAmountThreshold: p(1_000_000, 'yuan', 'triage', '大额案件标的额下限（元）', 'Amount from which a case is large (L1)', '第三章四1', 0, 1e12),
  PriorTerminationMonths: p(6, 'months', 'triage', '前案终本后立案期间（月）', 'S7: months after a prior 终本 closing', '第三章二7'),
  RemindAtPercent: p(75, 'percent', 'escalation', '提醒时点（期限经过百分比）', 'Remind when this percent of the period has passed', 'README "Escalation" [design]', 1, 100),
  SuperviseAfterHours: p(24, 'hours', 'escalation', '超期多少小时后督办', 'Supervise when the limit has passed by this many hours', 'README "Escalation" [design]', 0),
  // Fair use (docs/API.md "限流"): not rules of the seed; they never change a due time.
  CourtRateLimit: p(20, 'requests/s', 'operations', '每个法院系统的请求速率（次/秒）', 'Requests per second per court system', 'docs/API.md "限流"', 1, 10_000),
  CourtBurstLimit: p(40, 'requests', 'operations', '每个法院系统的突发请求量（次）', 'Burst of requests per court system', 'docs/API.md "限流"', 1, 5_000),
  PublicRateLimit: p(5, 'requests/s', 'operations', '公开时间线与无签名请求，每个客户端地址的请求速率（次/秒）', 'Public timeline and unsigned requests: requests per second per client address', 'docs/API.md "限流"', 1, 1_000),
  PublicBurstLimit: p(10, 'requests', 'operations', '公开时间线与无签名请求，每个客户端地址的突发请求量（次）', 'Public timeline and unsigned requests: burst per client address', 'docs/API.md "限流"', 1, 1_000),
} as const satisfies Record<string, NumericParameter>;

/** The fair-use parameters: they limit requests, not deadlines (left out of `limitsFingerprint`). */
export const FAIR_USE_PARAMETERS = ['CourtRateLimit', 'CourtBurstLimit', 'PublicRateLimit', 'PublicBurstLimit'] as const;

export type NumericLimitName = keyof typeof NUMERIC_PARAMETERS;

export const DEFAULT_TRIAGE_PRECEDENCE: readonly CaseTeam[] = ['financial', 'large', 'simple', 'ordinary', 'emergency'];
export const DEFAULT_SCAN_SCHEDULE = 'rate(15 minutes)';

/** Non-numeric parameters, described for the console and the README. */
export const TEXT_PARAMETERS = {
  TriagePrecedence: {
    default: DEFAULT_TRIAGE_PRECEDENCE.join(','),
    group: 'triage',
    zh: '多个团队规则同时命中时的优先顺序',
    en: 'Which team wins when rules of several teams match (comma-separated, all five case teams)',
    source: 'design (the plan sets no order)',
  },
  ScanSchedule: {
    default: DEFAULT_SCAN_SCHEDULE,
    group: 'operations',
    zh: '期限扫描频率（EventBridge 表达式）',
    en: 'How often the deadline scan runs (EventBridge rate() or cron())',
    source: 'README §10',
  },
  NoticeQuietHours: {
    default: '22:00-08:00',
    group: 'escalation',
    zh: '免打扰时段（北京时间，空=不设）：其间决定的通知在时段结束时发送',
    en: 'Quiet hours, China time, HH:MM-HH:MM (empty = none): a notice decided inside is delivered when the window ends',
    source: 'README "Escalation": when people are told',
  },
  NoticeHoldOnRestDays: {
    default: 'remind,urge',
    group: 'escalation',
    zh: '休息日暂缓发送的通知级别（逗号分隔，空=不暂缓）：顺延至下一个工作日',
    en: 'Levels held on rest days until the next working day (comma-separated, empty = none)',
    source: 'README "Escalation": when people are told',
  },
  DigestSchedule: {
    default: DEFAULT_DIGEST_SCHEDULE,
    group: 'escalation',
    zh: '每日督办简报时间（EventBridge cron，UTC；默认北京时间工作日8:00，调休上班日同时发送）',
    en: 'When the morning digest and 通报 go out: cron(minute hour day month weekday year) in UTC, one minute and one hour; 调休 working days get one too',
    source: 'README "Escalation": the morning digest and 通报',
  },
  HolidayOverrides: {
    default: '',
    group: 'operations',
    zh: '节假日补充数据（JSON，按年份列出休息日与调休上班日）',
    en: 'Extra rest / working days as JSON {"2027":{"rest":["2027-01-01"],"work":["2027-02-07"]}}; a listed year counts as known',
    source: 'State Council annual notice',
  },
} as const satisfies Record<string, { default: string; group: ParameterGroup; zh: string; en: string; source: string }>;

export type TextParameterName = keyof typeof TEXT_PARAMETERS;

/** Text parameters for which empty is a value ("none"), not "take the default". */
const EMPTY_MEANS_NONE: ReadonlySet<string> = new Set(['HolidayOverrides', 'NoticeQuietHours', 'NoticeHoldOnRestDays']);
export type ParameterName = NumericLimitName | TextParameterName;

/** The validated configuration every rule reads. */
export type Limits = { readonly [K in NumericLimitName]: number } & {
  readonly TriagePrecedence: readonly CaseTeam[];
  readonly HolidayOverrides: HolidayOverrides;
  readonly ScanSchedule: string;
  /** `HH:MM-HH:MM` (China time), or empty for none; `deliveryPolicyOf` reads it. */
  readonly NoticeQuietHours: string;
  readonly NoticeHoldOnRestDays: readonly Level[];
  /** `cron(...)` in UTC (`lib/digest-schedule.ts` reads it). */
  readonly DigestSchedule: string;
};

/** The seed's defaults. */
export const DEFAULT_LIMITS: Limits = Object.freeze({
  ...(Object.fromEntries(
    Object.entries(NUMERIC_PARAMETERS).map(([name, param]) => [name, param.default]),
  ) as { [K in NumericLimitName]: number }),
  TriagePrecedence: DEFAULT_TRIAGE_PRECEDENCE,
  HolidayOverrides: {},
  ScanSchedule: DEFAULT_SCAN_SCHEDULE,
  NoticeQuietHours: TEXT_PARAMETERS.NoticeQuietHours.default,
  NoticeHoldOnRestDays: ['remind', 'urge'] as readonly Level[],
  DigestSchedule: DEFAULT_DIGEST_SCHEDULE,
});

/** Parsed in its own module; exported here with the other parameters' parsers. */
export { parseHolidayOverrides };

/** Parses `TriagePrecedence`: every case team exactly once. */
export function parseTriagePrecedence(text: string): { value?: CaseTeam[]; problems: string[] } {
  const teams = text.split(',').map((t) => t.trim()).filter(Boolean);
  const expected = `a comma-separated order of all of ${CASE_TEAMS.join(', ')}`;
  const unknown = teams.filter((t) => !(CASE_TEAMS as readonly string[]).includes(t));
  if (unknown.length || teams.length !== CASE_TEAMS.length || new Set(teams).size !== teams.length) {
    return { problems: [`TriagePrecedence: "${text}" is not ${expected}`] };
  }
  return { value: teams as CaseTeam[], problems: [] };
}

const SCHEDULE_PATTERN = /^(rate\(\s*[1-9]\d*\s+(minute|minutes|hour|hours|day|days)\s*\)|cron\(\s*\S+(\s+\S+){5}\s*\)|off)$/;

/** Checks a scan schedule: an EventBridge `rate(...)` / `cron(...)` expression, or `off` (local mode). */
export function checkScanSchedule(text: string): string[] {
  return SCHEDULE_PATTERN.test(text.trim())
    ? []
    : [`ScanSchedule: "${text}" is not an EventBridge schedule; expected e.g. rate(15 minutes) or cron(0/15 * * * ? *)`];
}

/**
 * The schema every configuration passes, built from the parameter tables: each number a
 * whole number in its range, the precedence all five case teams once, the overrides
 * years of valid days, the schedule an EventBridge expression. `Limits` is its type.
 */
export const LIMITS_SCHEMA = z.strictObject({
  ...(Object.fromEntries(
    Object.entries(NUMERIC_PARAMETERS).map(([name, p]) => [name, z.int().check(z.gte(p.min), z.lte(p.max))]),
  ) as { [K in NumericLimitName]: z.ZodMiniInt }),
  TriagePrecedence: z
    .array(z.enum(CASE_TEAMS))
    .check(z.length(CASE_TEAMS.length), z.refine((teams) => new Set(teams).size === teams.length, 'every case team once')),
  HolidayOverrides: z.record(
    z.string().check(z.regex(/^\d{4}$/)),
    z.strictObject({ rest: z.optional(z.array(z.string().check(z.refine(isCivilDate)))), work: z.optional(z.array(z.string().check(z.refine(isCivilDate)))) }),
  ),
  ScanSchedule: z.string().check(z.regex(SCHEDULE_PATTERN)),
  NoticeQuietHours: z.string().check(z.regex(new RegExp(QUIET_HOURS_PATTERN)), z.refine((text) => parseQuietHours(text).problems.length === 0)),
  NoticeHoldOnRestDays: z.array(z.enum(LEVELS)).check(z.refine((levels) => new Set(levels).size === levels.length, 'each level once')),
  DigestSchedule: z.string().check(z.refine((text) => parseDigestSchedule(text).problems.length === 0)),
});

export interface LoadLimitsOptions {
  /** Refuse a missing setting instead of taking the default (the deployed functions receive every parameter). */
  readonly requireAll?: boolean;
}

/** What a setting must be, in words, for error messages. */
function expectationOf(name: string): string {
  const numeric = (NUMERIC_PARAMETERS as Record<string, NumericParameter | undefined>)[name];
  if (numeric) return `a whole number from ${numeric.min} to ${numeric.max} (${numeric.unit})`;
  if (name === 'TriagePrecedence') return `a comma-separated order of all of ${CASE_TEAMS.join(', ')}`;
  if (name === 'ScanSchedule') return 'an EventBridge schedule such as rate(15 minutes) or cron(0/15 * * * ? *)';
  if (name === 'NoticeQuietHours') return 'HH:MM-HH:MM in China time such as 22:00-08:00 (start and end different), or empty for none';
  if (name === 'DigestSchedule') return 'cron(<minute> <hour> <day-of-month> <month> <day-of-week> <year>) in UTC with one minute and one hour, such as cron(0 0 ? * MON-FRI *)';
  if (name === 'NoticeHoldOnRestDays') return `levels of ${LEVELS.join(', ')} separated by commas, or empty for none`;
  return 'JSON {"<year>":{"rest":[dates],"work":[dates]}}';
}

/**
 * Reads every limit from environment variables named like the stack parameters,
 * validates them together against `LIMITS_SCHEMA` and the rules that join them, and
 * reports every problem at once: the setting, the value and what was expected.
 */
export function loadLimits(env: Readonly<Record<string, string | undefined>>, options: LoadLimitsOptions = {}): Limits {
  const problems: string[] = [];
  const texts: Record<string, string> = {};
  const read = (name: ParameterName, dflt: string): string | undefined => {
    const value = env[name];
    if (value === '' && EMPTY_MEANS_NONE.has(name)) return (texts[name] = '');
    if (value === undefined || value === '') {
      // DigestSchedule: only the digest function is given it (and checks it is there).
      if (options.requireAll && name !== 'HolidayOverrides' && name !== 'DigestSchedule') {
        problems.push(`${name}: missing; expected it in the environment (default ${dflt || 'empty'})`);
        return undefined;
      }
      return (texts[name] = dflt);
    }
    return (texts[name] = value);
  };
  const candidate: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(NUMERIC_PARAMETERS) as [NumericLimitName, NumericParameter][]) {
    const text = read(name, String(param.default));
    if (text !== undefined) candidate[name] = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  }
  const precedence = read('TriagePrecedence', TEXT_PARAMETERS.TriagePrecedence.default);
  if (precedence !== undefined) candidate.TriagePrecedence = precedence.split(',').map((t) => t.trim()).filter(Boolean);
  const overrides = parseHolidayOverrides(read('HolidayOverrides', '') ?? '');
  problems.push(...overrides.problems);
  candidate.HolidayOverrides = overrides.value ?? {};
  const schedule = read('ScanSchedule', DEFAULT_SCAN_SCHEDULE);
  if (schedule !== undefined) candidate.ScanSchedule = schedule.trim();
  const quiet = read('NoticeQuietHours', TEXT_PARAMETERS.NoticeQuietHours.default);
  if (quiet !== undefined) candidate.NoticeQuietHours = quiet.trim();
  const digest = read('DigestSchedule', DEFAULT_DIGEST_SCHEDULE);
  if (digest !== undefined) candidate.DigestSchedule = digest.trim();
  const hold = read('NoticeHoldOnRestDays', TEXT_PARAMETERS.NoticeHoldOnRestDays.default);
  if (hold !== undefined) {
    const parsedHold = parseHoldLevels(hold);
    problems.push(...parsedHold.problems);
    candidate.NoticeHoldOnRestDays = parsedHold.value ?? [];
  }

  const parsed = LIMITS_SCHEMA.safeParse(candidate);
  if (!parsed.success) {
    const named = new Set<string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      if (!name || named.has(name) || (name === 'HolidayOverrides' && overrides.problems.length)) continue;
      if (name === 'NoticeHoldOnRestDays' && problems.some((p) => p.startsWith(name))) continue;
      if (issue.code === 'invalid_type' && candidate[name] === undefined) continue; // already reported missing
      named.add(name);
      problems.push(`${name}: "${texts[name] ?? ''}" is not valid; expected ${expectationOf(name)}`);
    }
  }
  if (problems.length || !parsed.success) throw new ConfigurationError(problems);
  const limits = parsed.data as Limits;
  problems.push(...crossChecks(limits));
  if (problems.length) throw new ConfigurationError(problems);
  return Object.freeze(limits);
}

/** Rules that join several settings. */
function crossChecks(l: Limits): string[] {
  const problems: string[] = [];
  if (l.LargeAmountThreshold < l.OrdinaryAmountThreshold) {
    problems.push(`LargeAmountThreshold: ${l.LargeAmountThreshold} is below OrdinaryAmountThreshold ${l.OrdinaryAmountThreshold}; expected the large threshold to be the higher one`);
  }
  if (l.PayoutPresidentDays <= l.PayoutDays) {
    problems.push(`PayoutPresidentDays: ${l.PayoutPresidentDays} is not above PayoutDays ${l.PayoutDays}; expected the president's threshold after the supervising leader's (一(五)1: 10 then 30 days)`);
  } else if (l.SuperviseAfterHours >= (l.PayoutPresidentDays - l.PayoutDays) * 24) {
    problems.push(`SuperviseAfterHours: ${l.SuperviseAfterHours} reaches past PayoutPresidentDays; expected fewer than ${(l.PayoutPresidentDays - l.PayoutDays) * 24} hours so payout's 督办 comes before the president's approval`);
  }
  const shortestTerm = Math.min(l.DepositFreezeMonths, l.MovableSeizureMonths, l.RealtySeizureMonths);
  if (l.RenewalLeadDays >= shortestTerm * 28) {
    problems.push(`RenewalLeadDays: ${l.RenewalLeadDays} is not below the shortest measure term (${shortestTerm} months); expected a lead shorter than ${shortestTerm * 28} days`);
  }
  if (l.RequeryPeriodMonths > l.RequeryForMonths) {
    problems.push(`RequeryPeriodMonths: ${l.RequeryPeriodMonths} is above RequeryForMonths ${l.RequeryForMonths}; expected the period to fit in the years of querying`);
  }
  if (l.LongCaseReportLeadMonths >= l.LongCaseMonths) {
    problems.push(`LongCaseReportLeadMonths: ${l.LongCaseReportLeadMonths} is not below LongCaseMonths ${l.LongCaseMonths}; expected a lead shorter than the period`);
  }
  return problems;
}

/**
 * A short, stable digest of everything that decides due times and triage. A case planned
 * under another digest is re-planned (a changed limit applies to open cases from the
 * next scan on).
 */
export function limitsFingerprint(limits: Limits): string {
  // When people are told (and the digest) moves no due time, nor does fair use: changing them re-plans nothing.
  const { ScanSchedule: _schedule, NoticeQuietHours: _quiet, NoticeHoldOnRestDays: _hold, DigestSchedule: _digest, ...rules } = limits;
  const requestLimits = new Set<string>(FAIR_USE_PARAMETERS);
  const ordered = Object.keys(rules)
    .filter((k) => !requestLimits.has(k))
    .sort()
    .map((k) => [k, rules[k as keyof typeof rules]]);
  return createHash('sha256').update(JSON.stringify([COUNTING_RULES_VERSION, ...ordered])).digest('base64url').slice(0, 16);
}

/**
 * The version of the counting rules themselves (`counting.ts`), part of the fingerprint:
 * a release that changes how a limit is counted re-plans the open cases like a changed
 * limit does. 2: hours from the next full hour, the rest-day rule on same-day limits,
 * pauses in China days, explained steps (2026-11-30).
 */
export const COUNTING_RULES_VERSION = 2;
