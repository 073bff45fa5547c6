/**
 * Notice texts (CONTRACT §3): "a short Chinese text fit for SMS (≤ 140 characters: case
 * number, node, how late, team), a subject for e-mail".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../lib/escalation.js';
import { DEFAULT_LIMITS, TEAMS } from '../../lib/limits.js';
import { NODE_CATALOG, nodeDefinition } from '../../lib/nodes.js';
import { LEVEL_NAMES, noticeTexts, SMS_MAX, SUBJECT_MAX, TEAM_NAMES } from '../../lib/notice-text.js';
import { chineseDuration, DAY_MS } from '../../lib/time.js';
import { CASE_NO, cst, endOf } from './fixtures.js';

const codePoints = (text: string) => [...text].length;

// The short team names the SMS falls back to when the full text does not fit.
const TEAM_SHORT = { service: '事务团队', simple: '简易团队', ordinary: '普通团队', large: '大额团队', emergency: '应急团队', financial: '金融团队' } as const;

describe('notice text: a typical urge', () => {
  const texts = noticeTexts({
    caseNo: CASE_NO,
    node: nodeDefinition('vehicleSeizure'),
    level: 'urge',
    team: 'service',
    dueAt: endOf('2026-03-04'),
    now: cst('2026-03-05T02:30'),
    limits: DEFAULT_LIMITS,
  });

  it('reads as one line with the level, case number, node, how late, due time and who must act', () => {
    expect(texts.message).toBe(
      '【催办】(2026)豫0823执1234号「车辆查封」已超期2小时30分钟（期限3月5日00:00），请事务性工作集约办理团队负责人立即办理，内勤组跟踪。',
    );
    expect(texts.subject).toBe('[催办] (2026)豫0823执1234号 车辆查封 已超期2小时30分钟');
  });

  it('a remind before the due time says how long is left instead', () => {
    const remind = noticeTexts({
      caseNo: CASE_NO,
      node: nodeDefinition('onlineQuery'),
      level: 'remind',
      team: 'service',
      dueAt: cst('2026-03-03T09:00'),
      now: cst('2026-03-03T03:00'),
      limits: DEFAULT_LIMITS,
    });
    expect(remind.message).toContain('距到期6小时');
    expect(remind.message).toContain('【提醒】');
  });

  it('a repeatable node names its instance', () => {
    const payout = noticeTexts({
      caseNo: CASE_NO,
      node: nodeDefinition('payout'),
      instance: 'P-2026-0001',
      level: 'approvalPresident',
      team: 'financial',
      dueAt: endOf('2026-03-12'),
      now: endOf('2026-04-01'),
      limits: DEFAULT_LIMITS,
    });
    expect(payout.message).toContain('「案款发放(P-2026-0001)」');
    expect(payout.message).toContain('自到账超30日，须报院长批准');
    expect(payout.message).toContain(TEAM_NAMES.financial);
  });
});

describe('notice text: property — fits an SMS whatever the case number and instance', () => {
  const caseNo = fc.string({ unit: 'binary', minLength: 1, maxLength: 64 });
  const instance = fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 128 }), { nil: undefined });
  const now = cst('2026-06-01T12:00');

  it('SMS ≤ 140 code points with the case number, node label, how late and the team; subject ≤ 99', () => {
    fc.assert(
      fc.property(
        caseNo,
        instance,
        fc.constantFrom(...NODE_CATALOG),
        fc.constantFrom(...LEVELS),
        fc.constantFrom(...TEAMS),
        fc.integer({ min: -30 * DAY_MS, max: 3650 * DAY_MS }),
        (no, inst, def, level, team, late) => {
          const { message, subject } = noticeTexts({ caseNo: no, node: def, instance: inst, level, team, dueAt: now - late, now, limits: DEFAULT_LIMITS });
          expect(codePoints(message)).toBeLessThanOrEqual(SMS_MAX);
          expect(codePoints(subject)).toBeLessThanOrEqual(SUBJECT_MAX);
          expect(message).toContain(no);
          expect(message).toContain(def.zh);
          expect(message).toContain(`【${LEVEL_NAMES[level]}】`);
          expect(message).toContain(late > 0 ? `已超期${chineseDuration(late)}` : `距到期${chineseDuration(-late)}`);
          expect(message.includes(TEAM_NAMES[team]) || message.includes(TEAM_SHORT[team])).toBe(true);
        },
      ),
      { numRuns: 300 },
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
