/**
 * Every stack parameter, described once: the limits of `lib/limits.ts` (their names are
 * binding, README §10) plus the deployment-only settings below. The CDK stack and the
 * parameter table of the deploy guide are both generated from this catalog, so the
 * console, the functions and the documentation cannot drift apart. No CDK import here:
 * `infra/parameter-table.ts` stays fast.
 */
import { HOLD_LEVELS_PATTERN, QUIET_HOURS_PATTERN } from '../lib/delivery.js';
import { DIGEST_SCHEDULE_PATTERN } from '../lib/digest-schedule.js';
import { LEVELS } from '../lib/levels.js';
import {
  CASE_TEAMS,
  NUMERIC_PARAMETERS,
  type NumericParameter,
  type ParameterGroup,
  TEXT_PARAMETERS,
  type TextParameterName,
} from '../lib/limits.js';

/** A console group: the limits' groups, and the deployment's own. */
export type CatalogGroup = ParameterGroup | 'board';

/** Console groups, in the order they are shown. */
export const PARAMETER_GROUPS: Readonly<Record<CatalogGroup, { readonly zh: string; readonly en: string }>> = {
  nodes: { zh: '节点期限', en: 'Node time limits' },
  caseClocks: { zh: '结案期限', en: 'Case clocks' },
  measures: { zh: '续行查封冻结与终本后查询', en: 'Renewals of measures and queries after 终本' },
  triage: { zh: '繁简分流', en: 'Triage' },
  escalation: { zh: '提醒、催办与督办', en: 'Escalation' },
  operations: { zh: '运行', en: 'Operations' },
  board: { zh: '指挥中心看板登录', en: 'Command-centre board sign-in' },
};

/**
 * The board's sign-in (CONTRACT §6): the court's OpenID Connect provider or Cognito user
 * pool. Empty issuer: the board's pages are served, but nobody can sign in yet.
 */
export const BOARD_PARAMETERS = {
  BoardIssuer: {
    default: '',
    allowedPattern: '^(|https://[^\\s?#]+)$',
    constraint: '空，或 https:// 开头的签发者地址 / empty, or the issuer URL (https://…), exactly as the ID tokens say it',
    zh: '统一身份认证签发者（OpenID Connect issuer，Cognito 用户池为 https://cognito-idp.<区域>.amazonaws.com/<用户池 ID>）',
    en: 'The OpenID Connect issuer of the court\'s sign-in (a Cognito user pool: https://cognito-idp.<region>.amazonaws.com/<pool id>); empty: sign-in off',
    source: 'CONTRACT §6 [design]',
  },
  BoardAudience: {
    default: '',
    allowedPattern: '^[\\x21-\\x7e]{0,255}$',
    constraint: '空，或客户端 ID / empty, or the client id (printable ASCII, no spaces)',
    zh: '看板在统一身份认证中的客户端 ID（身份令牌的 aud）',
    en: 'The board\'s client id at the provider: the ID token\'s audience',
    source: 'CONTRACT §6 [design]',
  },
  BoardCourtClaim: {
    default: 'custom:court',
    allowedPattern: '^[A-Za-z0-9_:./-]{1,100}$',
    constraint: '身份令牌中的声明名 / an ID token claim name such as custom:court',
    zh: '身份令牌中表示用户所属法院的声明（值须为本部署的法院 ID）',
    en: 'The ID token claim naming the user\'s court (its value must be a deployed court id)',
    source: 'CONTRACT §6 [design]',
  },
} as const;

export type BoardParameterName = keyof typeof BOARD_PARAMETERS;

/**
 * Allowed alarm windows for `ScanLagAlarmSeconds`: CloudWatch alarm periods must be
 * multiples of 60 s, and one period must not exceed a day.
 */
export const SCAN_LAG_WINDOWS = [600, 900, 1200, 1800, 2700, 3600, 7200, 10800, 21600, 43200, 86400] as const;

/** Deployment-only settings: not limits of the seed, so they live here and not in `lib/`. */
export const OPERATIONS_PARAMETERS = {
  ScanLagAlarmSeconds: {
    default: 1800,
    allowed: SCAN_LAG_WINDOWS,
    unit: 'seconds',
    group: 'operations',
    zh: '扫描滞后告警阈值（秒，至少为扫描周期的两倍）',
    en: 'Alarm when the scan is this far behind, or has not reported for this long; at least twice the ScanSchedule period (1800 = 2 × 15 minutes)',
    source: '[design] 2 × the default ScanSchedule',
  },
} as const;

export type OperationsParameterName = keyof typeof OPERATIONS_PARAMETERS;

/** `^...$`: every case team exactly once (five items, each team present), spaces around commas allowed. */
export const TRIAGE_PRECEDENCE_PATTERN = (() => {
  const team = `(${CASE_TEAMS.join('|')})`;
  const present = CASE_TEAMS.map((t) => `(?=.*\\b${t}\\b)`).join('');
  return `^${present}\\s*${team}(\\s*,\\s*${team}){${CASE_TEAMS.length - 1}}\\s*$`;
})();

/**
 * An EventBridge `rate(...)` (singular unit for 1, plural otherwise, as EventBridge
 * requires) or `cron(...)` with six fields. Stricter than `checkScanSchedule` in lib/, so
 * a value EventBridge would refuse fails at the parameter, before any resource changes.
 * (`off` is the local mode's only.)
 */
export const SCAN_SCHEDULE_PATTERN =
  '^(rate\\(1 (minute|hour|day)\\)|rate\\(([2-9]|[1-9][0-9]+) (minutes|hours|days)\\)|cron\\(\\S+( \\S+){5}\\))$';

/** Empty, or one line holding a JSON object (the functions parse it in full at start). */
export const HOLIDAY_OVERRIDES_PATTERN = '^(|\\s*\\{.*\\}\\s*)$';

/**
 * Longest accepted `HolidayOverrides`: Lambda allows 4 KB of environment variables per
 * function, and the other settings take about 1.6 KB (test/infra checks the sum).
 */
export const HOLIDAY_OVERRIDES_MAX_LENGTH = 1800;

export interface TextParameterRules {
  readonly allowedPattern: string;
  readonly constraint: string;
  readonly maxLength?: number;
}

export const TEXT_PARAMETER_RULES: Readonly<Record<TextParameterName, TextParameterRules>> = {
  TriagePrecedence: {
    allowedPattern: TRIAGE_PRECEDENCE_PATTERN,
    constraint: `每个案件团队恰好一次，以逗号分隔 / every case team exactly once, comma-separated: ${CASE_TEAMS.join(',')}`,
  },
  ScanSchedule: {
    allowedPattern: SCAN_SCHEDULE_PATTERN,
    constraint: 'EventBridge 表达式 / an EventBridge schedule such as rate(15 minutes) or cron(0/15 * * * ? *)',
  },
  NoticeQuietHours: {
    allowedPattern: QUIET_HOURS_PATTERN,
    constraint: '空，或北京时间 HH:MM-HH:MM（起止不同） / empty for none, or HH:MM-HH:MM in China time such as 22:00-08:00 (start and end different)',
  },
  NoticeHoldOnRestDays: {
    allowedPattern: HOLD_LEVELS_PATTERN,
    constraint: `空，或以逗号分隔的级别 / empty for none, or levels separated by commas: ${LEVELS.join(', ')}`,
  },
  DigestSchedule: {
    allowedPattern: DIGEST_SCHEDULE_PATTERN,
    constraint: 'UTC 的 cron 表达式，分钟和小时各为一个数 / cron(minute hour day-of-month month day-of-week year) in UTC with one minute and one hour, such as cron(0 0 ? * MON-FRI *)',
  },
  HolidayOverrides: {
    allowedPattern: HOLIDAY_OVERRIDES_PATTERN,
    constraint: `空，或一行 JSON / empty, or one line of JSON {"2027":{"rest":["2027-01-01"],"work":["2027-02-07"]}} of at most ${HOLIDAY_OVERRIDES_MAX_LENGTH} characters`,
    maxLength: HOLIDAY_OVERRIDES_MAX_LENGTH,
  },
};

/** One row of the catalog, whatever its kind. */
export interface CatalogEntry {
  readonly name: string;
  readonly kind: 'number' | 'text' | 'choice' | 'setting';
  readonly default: string;
  readonly unit: string;
  /** `min–max`, the allowed values, or the pattern's meaning. */
  readonly range: string;
  readonly group: CatalogGroup;
  readonly zh: string;
  readonly en: string;
  readonly source: string;
}

/** Every parameter in console order: grouped, and within a group in table order. */
export function parameterCatalog(): CatalogEntry[] {
  const entries: CatalogEntry[] = [
    ...(Object.entries(NUMERIC_PARAMETERS) as [string, NumericParameter][]).map(([name, p]): CatalogEntry => ({
      name,
      kind: 'number',
      default: String(p.default),
      unit: p.unit,
      range: `${p.min}–${p.max}`,
      group: p.group,
      zh: p.zh,
      en: p.en,
      source: p.source,
    })),
    ...(Object.entries(TEXT_PARAMETERS) as [TextParameterName, (typeof TEXT_PARAMETERS)[TextParameterName]][]).map(
      ([name, p]): CatalogEntry => ({
        name,
        kind: 'text',
        default: p.default,
        unit: '',
        range: TEXT_PARAMETER_RULES[name].constraint,
        group: p.group,
        zh: p.zh,
        en: p.en,
        source: p.source,
      }),
    ),
    ...(Object.entries(OPERATIONS_PARAMETERS) as [OperationsParameterName, (typeof OPERATIONS_PARAMETERS)[OperationsParameterName]][]).map(
      ([name, p]): CatalogEntry => ({
        name,
        kind: 'choice',
        default: String(p.default),
        unit: p.unit,
        range: p.allowed.join(', '),
        group: p.group,
        zh: p.zh,
        en: p.en,
        source: p.source,
      }),
    ),
    ...(Object.entries(BOARD_PARAMETERS) as [BoardParameterName, (typeof BOARD_PARAMETERS)[BoardParameterName]][]).map(
      ([name, p]): CatalogEntry => ({
        name,
        kind: 'setting',
        default: p.default,
        unit: '',
        range: p.constraint,
        group: 'board',
        zh: p.zh,
        en: p.en,
        source: p.source,
      }),
    ),
  ];
  const order = Object.keys(PARAMETER_GROUPS);
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => order.indexOf(a.e.group) - order.indexOf(b.e.group) || a.i - b.i)
    .map(({ e }) => e);
}
