/**
 * Limits (README §10): every limit is a parameter with the seed's default, read from the
 * environment once and refused with a message that names the setting, the value and
 * what was expected.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../lib/errors.js';
import {
  checkScanSchedule,
  DEFAULT_LIMITS,
  LIMITS_SCHEMA,
  limitsFingerprint,
  loadLimits,
  NUMERIC_PARAMETERS,
  parseHolidayOverrides,
  parseTriagePrecedence,
} from '../../lib/limits.js';
import { withLimits } from './fixtures.js';

// README §10 (binding names and defaults): "Every limit in DOMAIN.md is a stack parameter with its seed default".
const CONTRACT_DEFAULTS = {
  OnlineQueryHours: 24, // 第三章一(二) "立案后24小时内…发起网络执行查询"
  FreezeHours: 24, // 一(二)1 "查询结果反馈后24小时内"
  VehicleSeizureDays: 2, // 一(二)2 "查询结果反馈后2日内"
  DocumentsDays: 2, // 一(三)2 "立案后2日内，制作《执行通知书》…"
  RelatedQueryDays: 2, // 一(二)4 "立案2日内…关联案件查询"
  RealtySeizureDays: 2, // 一(二) "应当在2日内制作冻结、查封裁定书"
  ReceptionDays: 1, // 一(一)1 "立即" [design]
  FundsConfirmDays: 3, // 一(五)1 "财务人员应当在3日内…确认"
  PayoutDays: 10, // 一(五)1 "一般应在10日内发放完毕"
  PayoutPresidentDays: 30, // 一(五)1 "自案款到账之日起30日内"
  TransferDays: 3, // 一(五)1 "3日内完成执行款发放转账支付手续"
  MaterialsWorkingDays: 2, // 一(七)2 "返单位后2个工作日内"
  DossierDays: 1, // 一(七)2 "当日内或至迟第二天"
  LeadCheckDays: 5, // 七2 "5日内调查核实"
  UrgentLeadHours: 48, // 七2 "情况紧急的，应当在48小时内"
  CompulsorySummonsDays: 15, // 七5 "15日之内进行拘传"
  RewardDecisionDays: 10, // 七7 "10日内决定是否准许"
  RewardPublishDays: 5, // 七7 "5日内启动公告悬赏程序"
  ReleaseDays: 3, // 七8 "在3日内予以解除"
  DeductionDays: 10, // 七9 "在10日内依法扣划"
  ClosingDays: 1, // 七11 "在1日内办理结案手续"
  SimpleCaseDays: 30, // 七12 "立案之日起30日之内结案"
  OtherCaseMonths: 3, // 七12 "在3个月内结案"
  LongCaseMonths: 6, // 七13 "6个月内结案"
  LongCaseReportLeadMonths: 1, // 七13 "提前1个月报告"
  OrdinaryAmountThreshold: 30_000, // 三1 "标的3万元以上"
  LargeAmountThreshold: 1_000_000, // 四1 "100万以上"
  PriorTerminationMonths: 6, // 二7 "六个月内立案"
  RemindAtPercent: 75,
  SuperviseAfterHours: 24,
  ScanSchedule: 'rate(15 minutes)',
  // Added 2026-11-30. CPL interpretation (2022) Art. 485: deposits 1 year, movables 2, real estate and other rights 3.
  DepositFreezeMonths: 12,
  MovableSeizureMonths: 24,
  RealtySeizureMonths: 36,
  RenewalLeadDays: 15, // [design] "届满前" — the contract's default
  // SPC 终本 rules (2016) Art. 9: every 6 months for 5 years.
  RequeryPeriodMonths: 6,
  RequeryForMonths: 60,
  NoticeQuietHours: '22:00-08:00', // README "Escalation": when people are told
  NoticeHoldOnRestDays: ['remind', 'urge'],
  DigestSchedule: 'cron(0 0 ? * MON-FRI *)', // README "The morning digest and 通报": 08:00 China time on weekdays
};

/** Every setting written out, as the deployed stack passes them. */
function fullEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of Object.keys(NUMERIC_PARAMETERS) as (keyof typeof NUMERIC_PARAMETERS)[]) env[name] = String(DEFAULT_LIMITS[name]);
  env.TriagePrecedence = DEFAULT_LIMITS.TriagePrecedence.join(',');
  env.ScanSchedule = DEFAULT_LIMITS.ScanSchedule;
  env.HolidayOverrides = '';
  env.NoticeQuietHours = '22:00-08:00';
  env.NoticeHoldOnRestDays = 'remind,urge';
  env.DigestSchedule = 'cron(0 0 ? * MON-FRI *)';
  return env;
}

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('DEFAULT_LIMITS: the seed\'s defaults (README §10)', () => {
  it('equals every default README §10 lists', () => {
    expect(DEFAULT_LIMITS).toMatchObject(CONTRACT_DEFAULTS);
  });

  it('passes the one schema every configuration passes, and the schema refuses a value out of range', () => {
    expect(LIMITS_SCHEMA.safeParse(DEFAULT_LIMITS).success).toBe(true);
    expect(LIMITS_SCHEMA.safeParse({ ...DEFAULT_LIMITS, OnlineQueryHours: 0 }).success).toBe(false);
    expect(LIMITS_SCHEMA.safeParse({ ...DEFAULT_LIMITS, TriagePrecedence: ['simple', 'simple', 'large', 'ordinary', 'emergency'] }).success).toBe(false);
  });

  it('has the DOMAIN.md limits README §10 does not spell out: 当日 traditional control (0 days) and 5 days for a new lead after the 终本 interview', () => {
    expect(DEFAULT_LIMITS.TraditionalQueryDays).toBe(0); // 一(二) "应当当日启动传统查控"
    expect(DEFAULT_LIMITS.NewLeadCheckDays).toBe(5); // 七10 "应当在5日内进行全面核查"
  });

  it('has the default triage precedence financial > large > simple > ordinary > emergency and no holiday overrides', () => {
    expect(DEFAULT_LIMITS.TriagePrecedence).toEqual(['financial', 'large', 'simple', 'ordinary', 'emergency']);
    expect(DEFAULT_LIMITS.HolidayOverrides).toEqual({});
  });

  it('is what loadLimits gives for an empty environment, and for an environment that spells out every default', () => {
    expect(loadLimits({})).toEqual(DEFAULT_LIMITS);
    expect(loadLimits(fullEnv(), { requireAll: true })).toEqual(DEFAULT_LIMITS);
  });
});

describe('loadLimits: reads the stack parameters from the environment', () => {
  it('takes a changed limit', () => {
    const limits = loadLimits({ PayoutDays: '7', TriagePrecedence: 'emergency, ordinary, simple, large, financial' });
    expect(limits.PayoutDays).toBe(7);
    expect(limits.TriagePrecedence).toEqual(['emergency', 'ordinary', 'simple', 'large', 'financial']);
    expect(limits.FreezeHours).toBe(24);
  });

  it.each([
    { name: 'FreezeHours', value: 'abc', expected: 'a whole number from 1 to 2160 (hours)' },
    { name: 'VehicleSeizureDays', value: '1.5', expected: 'a whole number from 1 to 366 (days)' },
    { name: 'PayoutDays', value: '-3', expected: 'a whole number from 1 to 366 (days)' },
    { name: 'PayoutDays', value: '0', expected: 'a whole number from 1 to 366 (days)' },
    { name: 'RemindAtPercent', value: '150', expected: 'a whole number from 1 to 100 (percent)' },
    { name: 'OtherCaseMonths', value: '1e1', expected: 'a whole number from 1 to 60 (months)' },
    { name: 'MaterialsWorkingDays', value: '367', expected: 'a whole number from 1 to 366 (working days)' },
  ])('$name="$value" → ConfigurationError naming the setting, the value and "$expected"', ({ name, value, expected }) => {
    const error = configurationError(() => loadLimits({ [name]: value }));
    expect(error.message).toContain(name);
    expect(error.message).toContain(`"${value}"`);
    expect(error.message).toContain(expected);
    expect(error.problems).toHaveLength(1);
  });

  it('reports every problem at once', () => {
    const error = configurationError(() => loadLimits({ FreezeHours: 'x', PayoutDays: 'y', ScanSchedule: 'every minute' }));
    expect(error.problems).toHaveLength(3);
    expect(error.message).toMatch(/FreezeHours.*PayoutDays.*ScanSchedule/s);
  });

  it('accepts 0 where the seed means "the same day" (TraditionalQueryDays, DossierDays) and 0 hours before supervising', () => {
    const limits = loadLimits({ TraditionalQueryDays: '0', DossierDays: '0', SuperviseAfterHours: '0' });
    expect([limits.TraditionalQueryDays, limits.DossierDays, limits.SuperviseAfterHours]).toEqual([0, 0, 0]);
  });

  it('refuses a large-case threshold below the ordinary one', () => {
    const error = configurationError(() => loadLimits({ LargeAmountThreshold: '20000' }));
    expect(error.message).toContain('LargeAmountThreshold: 20000 is below OrdinaryAmountThreshold 30000');
  });

  it('refuses a measure term longer than the law allows (CPL interpretation Art. 485), naming the range', () => {
    const error = configurationError(() => loadLimits({ DepositFreezeMonths: '13', RealtySeizureMonths: '37' }));
    expect(error.message).toContain('DepositFreezeMonths: "13" is not valid; expected a whole number from 1 to 12 (months)');
    expect(error.message).toContain('RealtySeizureMonths: "37" is not valid; expected a whole number from 1 to 36 (months)');
  });

  it('refuses a renewal lead as long as the shortest term, and a requery period longer than the years of querying', () => {
    expect(configurationError(() => loadLimits({ DepositFreezeMonths: '1', RenewalLeadDays: '30' })).message).toContain(
      'RenewalLeadDays: 30 is not below the shortest measure term (1 months)',
    );
    expect(configurationError(() => loadLimits({ RequeryPeriodMonths: '12', RequeryForMonths: '6' })).message).toContain(
      'RequeryPeriodMonths: 12 is above RequeryForMonths 6',
    );
  });

  it('refuses a long-case report lead that is not shorter than the long-case period', () => {
    const error = configurationError(() => loadLimits({ LongCaseReportLeadMonths: '6' }));
    expect(error.message).toContain('LongCaseReportLeadMonths: 6 is not below LongCaseMonths 6');
  });

  it('requireAll: a missing setting is named, not defaulted', () => {
    const env = fullEnv();
    delete env.DocumentsDays;
    const error = configurationError(() => loadLimits(env, { requireAll: true }));
    expect(error.problems).toEqual(['DocumentsDays: missing; expected it in the environment (default 2)']);
  });

  it('requireAll: an empty value counts as missing; HolidayOverrides may stay empty', () => {
    const error = configurationError(() => loadLimits({ ...fullEnv(), ScanSchedule: '' }, { requireAll: true }));
    expect(error.message).toContain('ScanSchedule: missing');
    expect(loadLimits({ ...fullEnv(), HolidayOverrides: '' }, { requireAll: true }).HolidayOverrides).toEqual({});
    // Only the digest function is given DigestSchedule (functions/digest.ts requires it itself).
    const { DigestSchedule: _digest, ...withoutDigest } = fullEnv();
    expect(loadLimits(withoutDigest, { requireAll: true }).DigestSchedule).toBe('cron(0 0 ? * MON-FRI *)');
  });

  it('NoticeQuietHours and NoticeHoldOnRestDays: empty means none (not the default), also under requireAll', () => {
    const none = loadLimits({ ...fullEnv(), NoticeQuietHours: '', NoticeHoldOnRestDays: '' }, { requireAll: true });
    expect(none.NoticeQuietHours).toBe('');
    expect(none.NoticeHoldOnRestDays).toEqual([]);
    expect(loadLimits({ NoticeHoldOnRestDays: 'remind, urge, supervise' }).NoticeHoldOnRestDays).toEqual(['remind', 'urge', 'supervise']);
    const missing = configurationError(() => loadLimits({ ...fullEnv(), NoticeQuietHours: undefined as never }, { requireAll: true }));
    expect(missing.problems).toEqual(['NoticeQuietHours: missing; expected it in the environment (default 22:00-08:00)']);
  });

  it('refuses a quiet window that is no window and a level that is no level, naming each', () => {
    const error = configurationError(() => loadLimits({ NoticeQuietHours: '22:00-22:00', NoticeHoldOnRestDays: 'remind,weekend' }));
    expect(error.problems).toEqual([
      'NoticeHoldOnRestDays: "weekend" is not a level; expected levels of remind, urge, supervise, approvalSupervisor, approvalPresident separated by commas, or empty for none',
      'NoticeQuietHours: "22:00-22:00" is not valid; expected HH:MM-HH:MM in China time such as 22:00-08:00 (start and end different), or empty for none',
    ]);
  });

  it('takes HolidayOverrides as JSON and ScanSchedule as an EventBridge expression or "off"', () => {
    const limits = loadLimits({ HolidayOverrides: '{"2027":{"rest":["2027-01-01"]}}', ScanSchedule: ' off ' });
    expect(limits.HolidayOverrides).toEqual({ 2027: { rest: ['2027-01-01'], work: [] } });
    expect(limits.ScanSchedule).toBe('off');
  });
});

describe('TriagePrecedence: every case team exactly once', () => {
  it('accepts a full order with spaces', () => {
    expect(parseTriagePrecedence(' large ,financial,simple,ordinary,emergency')).toEqual({
      value: ['large', 'financial', 'simple', 'ordinary', 'emergency'],
      problems: [],
    });
  });

  it.each([
    ['financial,large,simple,ordinary', 'a team missing'],
    ['financial,large,simple,ordinary,emergency,emergency', 'a team twice'],
    ['financial,large,simple,ordinary,service', 'the service team, which owns no case'],
    ['financial,large,simple,ordinary,urgent', 'an unknown team'],
    ['', 'nothing'],
  ])('refuses "%s" (%s), naming the value and the teams expected', (text) => {
    const { value, problems } = parseTriagePrecedence(text);
    expect(value).toBeUndefined();
    expect(problems).toEqual([`TriagePrecedence: "${text}" is not a comma-separated order of all of simple, ordinary, large, emergency, financial`]);
  });

  it('through loadLimits the error is a ConfigurationError', () => {
    expect(configurationError(() => loadLimits({ TriagePrecedence: 'large' })).message).toContain('TriagePrecedence: "large"');
  });
});

describe('HolidayOverrides: JSON of years to rest / work day lists', () => {
  it('empty text means no overrides', () => {
    expect(parseHolidayOverrides('  ')).toEqual({ value: {}, problems: [] });
  });

  it('expands ranges YYYY-MM-DD..YYYY-MM-DD into days', () => {
    const { value, problems } = parseHolidayOverrides('{"2027":{"rest":["2027-02-06..2027-02-09","2027-10-01"],"work":["2027-02-14"]}}');
    expect(problems).toEqual([]);
    expect(value).toEqual({
      2027: { rest: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-10-01'], work: ['2027-02-14'] },
    });
  });

  it.each([
    { text: '{"2027":', problem: 'HolidayOverrides: not JSON' },
    { text: '{"27":{"rest":[]}}', problem: 'HolidayOverrides.27' },
    { text: '{"2027":{"holidays":[]}}', problem: 'HolidayOverrides.2027' },
    { text: '{"2027":{"rest":"2027-01-01"}}', problem: 'HolidayOverrides.2027.rest' },
    { text: '{"2027":{"rest":["2027-02-30"]}}', problem: 'HolidayOverrides.2027.rest: "2027-02-30" is not a date YYYY-MM-DD or a range' },
    { text: '{"2027":{"work":["2027-02-09..2027-02-06"]}}', problem: 'HolidayOverrides.2027.work: "2027-02-09..2027-02-06" is not a date' },
    { text: '{"2027":{"rest":["2026-12-31"]}}', problem: 'HolidayOverrides.2027.rest: "2026-12-31" is not in 2027' },
  ])('refuses $text, naming where: $problem', ({ text, problem }) => {
    const { value, problems } = parseHolidayOverrides(text);
    expect(value).toBeUndefined();
    expect(problems.join('\n')).toContain(problem);
    expect(() => loadLimits({ HolidayOverrides: text })).toThrow(ConfigurationError);
  });

  it('a "__proto__" key never reaches Object.prototype', () => {
    parseHolidayOverrides('{"__proto__":{"rest":["2027-01-01"]}}');
    expect(Object.prototype).not.toHaveProperty('rest');
  });

  // zod's z.record skips an own "__proto__" key without running the key check: the keys are checked before it.
  it('a "__proto__" key is refused like any other key that is not a four-digit year', () => {
    const { value, problems } = parseHolidayOverrides('{"__proto__":{"rest":["2027-01-01"]}}');
    expect(value).toBeUndefined();
    expect(problems.join('\n')).toContain('HolidayOverrides.__proto__');
  });
});

describe('ScanSchedule', () => {
  it.each(['rate(15 minutes)', 'rate(1 hour)', 'cron(0/15 * * * ? *)', 'off'])('accepts %s', (text) => {
    expect(checkScanSchedule(text)).toEqual([]);
  });

  it.each(['rate(0 minutes)', 'every 15 minutes', 'cron(* * *)', ''])('refuses "%s" and says what is expected', (text) => {
    expect(checkScanSchedule(text)).toEqual([
      `ScanSchedule: "${text}" is not an EventBridge schedule; expected e.g. rate(15 minutes) or cron(0/15 * * * ? *)`,
    ]);
  });
});

describe('limitsFingerprint: a changed limit re-plans open cases; the scan rate does not', () => {
  const base = limitsFingerprint(DEFAULT_LIMITS);

  it('is stable for equal limits', () => {
    expect(limitsFingerprint(loadLimits({}))).toBe(base);
  });

  it.each([
    ['PayoutDays', withLimits({ PayoutDays: 11 })],
    ['RemindAtPercent', withLimits({ RemindAtPercent: 80 })],
    ['TriagePrecedence', withLimits({ TriagePrecedence: ['large', 'financial', 'simple', 'ordinary', 'emergency'] })],
    ['HolidayOverrides', withLimits({ HolidayOverrides: { 2027: { rest: ['2027-01-01'] } } })],
  ])('changes when %s changes', (_name, limits) => {
    expect(limitsFingerprint(limits)).not.toBe(base);
  });

  it('does not change when ScanSchedule changes', () => {
    expect(limitsFingerprint(withLimits({ ScanSchedule: 'rate(5 minutes)' }))).toBe(base);
  });
});
