import { describe, expect, it } from 'vitest';
import {
  CASE_TEAMS,
  checkScanSchedule,
  DEFAULT_SCAN_SCHEDULE,
  loadLimits,
  NUMERIC_PARAMETERS,
  parseHolidayOverrides,
  parseTriagePrecedence,
  TEXT_PARAMETERS,
} from '../../lib/limits.js';
import {
  HOLIDAY_OVERRIDES_PATTERN,
  BOARD_PARAMETERS,
  OPERATIONS_PARAMETERS,
  SCAN_SCHEDULE_PATTERN,
  TRIAGE_PRECEDENCE_PATTERN,
} from '../../infra/parameter-catalog.js';
import { parseHoldLevels, parseQuietHours } from '../../lib/delivery.js';
import { parseDigestSchedule } from '../../lib/digest-schedule.js';
import { SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

let built: Synthesized;
let parameters: Record<string, Record<string, unknown>>;
// Synthesis is work: it runs as a test, so a slow one fails loudly (the tests below read its templates).
it('synthesizes the app', () => {
  built = synthesize();
  parameters = built.serviceTemplate.toJSON().Parameters as Record<string, Record<string, unknown>>;
}, SYNTH_TIMEOUT_MS);

/** README §10 (binding names and defaults): names and seed defaults are binding. */
const CONTRACT_PARAMETERS: Record<string, number | string> = {
  OnlineQueryHours: 24, FreezeHours: 24, VehicleSeizureDays: 2, DocumentsDays: 2, RelatedQueryDays: 2,
  RealtySeizureDays: 2, ReceptionDays: 1, FundsConfirmDays: 3, PayoutDays: 10, PayoutPresidentDays: 30,
  TransferDays: 3, MaterialsWorkingDays: 2, DossierDays: 1, LeadCheckDays: 5, UrgentLeadHours: 48,
  CompulsorySummonsDays: 15, RewardDecisionDays: 10, RewardPublishDays: 5, ReleaseDays: 3, DeductionDays: 10,
  ClosingDays: 1, SimpleCaseDays: 30, OtherCaseMonths: 3, LongCaseMonths: 6, LongCaseReportLeadMonths: 1,
  OrdinaryAmountThreshold: 30000, LargeAmountThreshold: 1000000, PriorTerminationMonths: 6, RemindAtPercent: 75,
  SuperviseAfterHours: 24, ScanSchedule: 'rate(15 minutes)',
};

const OWN = (name: string) => name !== 'BootstrapVersion';

describe('parameters: README §10 on the service stack', () => {
  it.each(Object.entries(CONTRACT_PARAMETERS))('%s defaults to %s', (name, dflt) => {
    expect(parameters[name]?.Default).toEqual(dflt);
  });

  it.each(Object.entries(NUMERIC_PARAMETERS))('%s: Number with the table\u2019s default, MinValue and MaxValue', (name, p) => {
    expect(parameters[name]).toMatchObject({ Type: 'Number', Default: p.default, MinValue: p.min, MaxValue: p.max });
    expect(String(parameters[name]?.Description)).toContain(p.zh);
    expect(String(parameters[name]?.Description)).toContain(p.en);
  });

  it.each(Object.entries(TEXT_PARAMETERS))('%s: String with an AllowedPattern and the seed default', (name, p) => {
    expect(parameters[name]).toMatchObject({ Type: 'String', Default: p.default, AllowedPattern: expect.any(String) });
    expect(String(parameters[name]?.Description)).toContain(p.zh);
  });

  it('nothing else but the deployment settings (and CDK\u2019s BootstrapVersion)', () => {
    const expected = [...Object.keys(NUMERIC_PARAMETERS), ...Object.keys(TEXT_PARAMETERS), ...Object.keys(OPERATIONS_PARAMETERS), ...Object.keys(BOARD_PARAMETERS)];
    expect(Object.keys(parameters).filter(OWN).sort()).toEqual(expected.sort());
    const dataParameters = (built.dataTemplate.toJSON().Parameters ?? {}) as Record<string, unknown>;
    expect(Object.keys(dataParameters).filter(OWN)).toEqual([]);
  });

  it('the console groups and labels every parameter exactly once (AWS::CloudFormation::Interface)', () => {
    const ui = (built.serviceTemplate.toJSON().Metadata as Record<string, { ParameterGroups: { Label: { default: string }; Parameters: string[] }[]; ParameterLabels: Record<string, { default: string }> }>)[
      'AWS::CloudFormation::Interface'
    ];
    const grouped = ui?.ParameterGroups.flatMap((g) => g.Parameters) ?? [];
    expect(grouped.sort()).toEqual(Object.keys(parameters).filter(OWN).sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    expect(ui?.ParameterGroups.map((g) => g.Label.default)).toEqual([
      '节点期限 / Node time limits',
      '结案期限 / Case clocks',
      '续行查封冻结与终本后查询 / Renewals of measures and queries after 终本',
      '繁简分流 / Triage',
      '提醒、催办与督办 / Escalation',
      '运行 / Operations',
      '指挥中心看板登录 / Command-centre board sign-in',
    ]);
    expect(Object.keys(ui?.ParameterLabels ?? {}).sort()).toEqual(Object.keys(parameters).filter(OWN).sort());
  });
});

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('parameters: AllowedPattern agrees with what the functions accept at start', () => {
  const triage = new RegExp(TRIAGE_PRECEDENCE_PATTERN);
  it('TriagePrecedence: all 120 orders of the five case teams', () => {
    for (const order of permutations(CASE_TEAMS)) {
      const text = order.join(',');
      expect(triage.test(text), text).toBe(true);
      expect(parseTriagePrecedence(text).problems).toEqual([]);
    }
    expect(triage.test('financial, large , simple,ordinary ,emergency')).toBe(true);
  });

  it.each([
    'financial,large,simple,ordinary',
    'financial,large,simple,ordinary,emergency,simple',
    'financial,financial,simple,ordinary,emergency',
    'financial,large,simple,ordinary,service',
    'financial;large;simple;ordinary;emergency',
    '',
  ])('TriagePrecedence refuses %j, as the functions would', (text) => {
    expect(triage.test(text)).toBe(false);
    expect(parseTriagePrecedence(text).problems).not.toEqual([]);
  });

  const schedule = new RegExp(SCAN_SCHEDULE_PATTERN);
  it.each([DEFAULT_SCAN_SCHEDULE, 'rate(1 minute)', 'rate(5 minutes)', 'rate(1 hour)', 'rate(2 days)', 'cron(0/15 * * * ? *)', 'cron(0 8-18 ? * MON-FRI *)'])(
    'ScanSchedule accepts %s (and so do the functions)',
    (text) => {
      expect(schedule.test(text)).toBe(true);
      expect(checkScanSchedule(text)).toEqual([]);
    },
  );

  it.each(['off', 'rate(15 minute)', 'rate(1 minutes)', 'rate(0 minutes)', 'cron(0 * * * *)', 'every 15 minutes'])(
    'ScanSchedule refuses %j (EventBridge would)',
    (text) => {
      expect(schedule.test(text)).toBe(false);
    },
  );

  it.each(['22:00-08:00', '', '12:00-14:00', '00:00-23:59', '08:00-08:00', '22:00-8:00', '24:00-08:00', '22:00', '22:00 - 08:00'])(
    'NoticeQuietHours: the stack parameter and the functions agree on %j',
    (text) => {
      expect(new RegExp(String(parameters.NoticeQuietHours?.AllowedPattern)).test(text)).toBe(parseQuietHours(text).problems.length === 0);
    },
  );

  it.each(['remind,urge', '', 'remind', 'urge, supervise,approvalPresident', 'remind,', 'weekend', 'remind;urge'])(
    'NoticeHoldOnRestDays: the stack parameter and the functions agree on %j',
    (text) => {
      const accepted = new RegExp(String(parameters.NoticeHoldOnRestDays?.AllowedPattern)).test(text);
      expect(accepted).toBe(parseHoldLevels(text).problems.length === 0 && !/,\s*$/.test(text));
    },
  );

  it.each(['cron(0 0 ? * MON-FRI *)', 'cron(30 23 ? * SUN-THU *)', 'cron(0 1 1,15 * ? *)', 'rate(1 day)', 'cron(0/15 0 ? * MON-FRI *)', 'cron(0 24 ? * * *)', 'cron(0 0 * * MON-FRI *)'.replace('MON-FRI', 'MON FRI')])(
    'DigestSchedule: the stack parameter and the functions agree on %j',
    (text) => {
      expect(new RegExp(String(parameters.DigestSchedule?.AllowedPattern)).test(text)).toBe(parseDigestSchedule(text).problems.length === 0);
    },
  );

  it('DigestSchedule: day fields the pattern lets through (L, W, #) are refused by the functions at start, naming the setting', () => {
    expect(new RegExp(String(parameters.DigestSchedule?.AllowedPattern)).test('cron(0 0 L * ? *)')).toBe(true);
    expect(() => loadLimits({ DigestSchedule: 'cron(0 0 L * ? *)' })).toThrow(/DigestSchedule: "cron\(0 0 L \* \? \*\)"/);
  });

  const overrides = new RegExp(HOLIDAY_OVERRIDES_PATTERN);
  it('HolidayOverrides: empty by default, one line of JSON otherwise', () => {
    const example = '{"2027":{"rest":["2027-01-01","2027-02-06..2027-02-12"],"work":["2027-02-13"]}}';
    expect(overrides.test(TEXT_PARAMETERS.HolidayOverrides.default)).toBe(true);
    expect(overrides.test(example)).toBe(true);
    expect(parseHolidayOverrides(example).problems).toEqual([]);
    expect(overrides.test('2027-01-01')).toBe(false);
    expect(parameters.HolidayOverrides?.MaxLength).toBeGreaterThanOrEqual(example.length * 5);
  });

  it('ScanLagAlarmSeconds: CloudWatch periods (multiples of 60, at most a day), default twice the default schedule', () => {
    const p = OPERATIONS_PARAMETERS.ScanLagAlarmSeconds;
    for (const v of p.allowed) expect(v % 60 === 0 && v <= 86_400, String(v)).toBe(true);
    const minutes = Number(/rate\((\d+) minutes\)/.exec(DEFAULT_SCAN_SCHEDULE)?.[1]);
    expect(p.default).toBe(2 * minutes * 60);
    expect(parameters.ScanLagAlarmSeconds).toMatchObject({ Type: 'Number', Default: p.default, AllowedValues: p.allowed.map(String) });
  });
});
