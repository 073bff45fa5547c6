/**
 * Notice texts (README "Escalation"): "a short Chinese text fit for SMS (≤ 140 characters: case
 * number, node, how late, team), a subject for e-mail" — written as a director would:
 * a period that ends at midnight reads `12月1日24时`, and the year is named when the due
 * time is not in the year of the notice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../lib/escalation.js';
import { DEFAULT_LIMITS, TEAMS } from '../../lib/limits.js';
import { NODE_CATALOG, nodeDefinition } from '../../lib/nodes.js';
import { LEVEL_NAMES, nodeLabel, noticeTexts, SMS_MAX, SUBJECT_MAX, TEAM_NAMES } from '../../lib/notice-text.js';
import { chineseDuration, DAY_MS, HOUR_MS } from '../../lib/time.js';
import { CASE_NO, cst, endOf } from './fixtures.js';

const codePoints = (text: string) => [...text].length;

// The short team names the SMS falls back to when the full text does not fit.
const TEAM_SHORT = { service: '事务团队', simple: '简易团队', ordinary: '普通团队', large: '大额团队', emergency: '应急团队', financial: '金融团队' } as const;

const text = (input: Partial<Parameters<typeof noticeTexts>[0]> & { dueAt: number; now: number }) =>
  noticeTexts({ caseNo: CASE_NO, node: nodeDefinition('vehicleSeizure'), level: 'urge', team: 'service', limits: DEFAULT_LIMITS, ...input });

describe('notice text: what a director reads', () => {
  it('an urge: level, case number, node, the due time as 24时 of the last day, how late, who must act', () => {
    const texts = text({ dueAt: endOf('2026-03-04'), now: cst('2026-03-05T02:30') });
    expect(texts.message).toBe(
      '【催办】(2026)豫0823执1234号「车辆查封」期限3月4日24时，已超期2小时30分钟，请事务性工作集约办理团队负责人立即办理，内勤组跟踪。',
    );
    expect(texts.subject).toBe('[催办] (2026)豫0823执1234号 车辆查封 已超期2小时30分钟');
  });

  it('a period that ends on 1 December at midnight reads 12月1日24时, never 12月2日00:00', () => {
    const { message } = text({ dueAt: endOf('2026-12-01'), now: cst('2026-12-02T09:00') });
    expect(message).toContain('期限12月1日24时');
    expect(message).not.toContain('12月2日');
  });

  it('a same-day limit for results of 30 September reads 9月30日24时 (not 10月1日00:00)', () => {
    const { message } = noticeTexts({
      caseNo: CASE_NO, node: nodeDefinition('traditionalQuery'), level: 'remind', team: 'service', limits: DEFAULT_LIMITS,
      dueAt: endOf('2026-09-30'), now: cst('2026-09-30T18:00'),
    });
    expect(message).toBe('【提醒】(2026)豫0823执1234号「启动传统查控」期限9月30日24时，还剩6小时，请事务性工作集约办理团队及时办理。');
  });

  it('an hour limit reads its hour: 24 hours from 11:00 → 期限10月2日11时', () => {
    const { message } = noticeTexts({
      caseNo: CASE_NO, node: nodeDefinition('onlineQuery'), level: 'remind', team: 'service', limits: DEFAULT_LIMITS,
      dueAt: cst('2026-10-02T11:00'), now: cst('2026-10-02T05:00'),
    });
    expect(message).toContain('期限10月2日11时，还剩6小时');
  });

  it('names the year when the due time is in another year than the notice', () => {
    expect(text({ dueAt: endOf('2026-12-31'), now: cst('2027-01-01T09:00') }).message).toContain('期限2026年12月31日24时，已超期9小时');
    expect(text({ dueAt: endOf('2027-01-04'), now: cst('2026-12-30T09:00'), level: 'remind' }).message).toContain('期限2027年1月4日24时，还剩');
    // 24:00 of 31 December is still that year's day: a notice of that year needs no year.
    expect(text({ dueAt: endOf('2026-12-31'), now: cst('2026-12-31T20:00'), level: 'remind' }).message).toContain('期限12月31日24时');
  });

  it('supervision and the payout approvals say who decides', () => {
    expect(text({ level: 'supervise', dueAt: endOf('2026-03-04'), now: cst('2026-03-06T10:00') }).message).toBe(
      '【督办】(2026)豫0823执1234号「车辆查封」期限3月4日24时，已超期1天10小时，执行局长督办，请事务性工作集约办理团队立即办理。',
    );
    const payout = noticeTexts({
      caseNo: CASE_NO, node: nodeDefinition('payout'), instance: 'P-2026-0001', level: 'approvalPresident', team: 'financial', limits: DEFAULT_LIMITS,
      dueAt: endOf('2026-03-12'), now: endOf('2026-04-01'),
    });
    expect(payout.message).toContain('「案款发放(P-2026-0001)」');
    expect(payout.message).toContain('自到账起超过30日，须报院长批准');
    expect(payout.message).toContain(TEAM_NAMES.financial);
  });

  it('at the very due time it says 已到期', () => {
    expect(text({ dueAt: endOf('2026-03-04'), now: endOf('2026-03-04') }).message).toContain('期限3月4日24时，已到期，');
  });

  it('names renewals by measure and term, and requery rounds by number', () => {
    expect(nodeLabel(nodeDefinition('renewal'), 'F-1#1')).toBe('续行查封冻结(F-1)');
    expect(nodeLabel(nodeDefinition('renewal'), 'F-1#3')).toBe('续行查封冻结(F-1，已续行2次)');
    expect(nodeLabel(nodeDefinition('requery'), '4')).toBe('终本后定期网络查询(第4轮)');
    expect(nodeLabel(nodeDefinition('payout'), 'P1')).toBe('案款发放(P1)');
  });
});

describe('notice text: property — every node, level and lateness fits an SMS', () => {
  const caseNo = fc.string({ unit: 'binary', minLength: 1, maxLength: 64 });
  const instance = fc.option(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 128 }), fc.string({ maxLength: 128 }).map((s) => `${s}#${s.length + 1}`)), { nil: undefined });
  // Notices from 2026 into 2027 (years named or not), due times to the minute or at midnight.
  const now = fc.integer({ min: cst('2026-01-01T00:00'), max: cst('2027-12-31T23:59') });
  const lateness = fc.oneof(fc.integer({ min: -400 * DAY_MS, max: 3650 * DAY_MS }), fc.integer({ min: -3, max: 3 }).map((d) => d * DAY_MS));

  it('SMS ≤ 140 code points with the case number, node label, level, how late and the team; subject ≤ 99', () => {
    fc.assert(
      fc.property(caseNo, instance, fc.constantFrom(...NODE_CATALOG), fc.constantFrom(...LEVELS), fc.constantFrom(...TEAMS), now, lateness, fc.boolean(),
        (no, inst, def, level, team, at, late, midnight) => {
          const dueAt = midnight ? endOf(new Date(at - late + 8 * HOUR_MS).toISOString().slice(0, 10)) : at - late;
          const { message, subject } = noticeTexts({ caseNo: no, node: def, instance: inst, level, team, dueAt, now: at, limits: DEFAULT_LIMITS });
          expect(codePoints(message)).toBeLessThanOrEqual(SMS_MAX);
          expect(codePoints(subject)).toBeLessThanOrEqual(SUBJECT_MAX);
          expect(message).toContain(no);
          expect(message).toContain(def.zh);
          expect(message).toContain(`【${LEVEL_NAMES[level]}】`);
          const behind = at - dueAt;
          expect(message).toContain(behind < 0 ? `还剩${chineseDuration(-behind)}` : behind < 60_000 ? '已到期' : `已超期${chineseDuration(behind)}`);
          expect(message.includes(TEAM_NAMES[team]) || message.includes(TEAM_SHORT[team])).toBe(true);
          const at24 = message.lastIndexOf('」期限');
          if (at24 >= 0) {
            // Midnight is 24时 of the day before, never 0时 of the next.
            const due = message.slice(at24 + 3, message.indexOf('，', at24));
            expect(due).toMatch(midnight ? /日24时$/ : /日(24|\d{1,2})时(\d\d分)?$/);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the longest case number, instance and node still give a full text with the case number', () => {
    const longest = noticeTexts({
      caseNo: '号'.repeat(64),
      node: nodeDefinition('materials'),
      instance: 'B'.repeat(128),
      level: 'approvalSupervisor',
      team: 'service',
      dueAt: cst('2016-01-01T00:00'),
      now: cst('2026-06-01T12:00'),
      limits: DEFAULT_LIMITS,
    });
    expect(codePoints(longest.message)).toBeLessThanOrEqual(SMS_MAX);
    expect(longest.message).toContain('号'.repeat(64));
    expect(longest.message).toContain('事务团队');
  });
});
