/**
 * Escalation (README "Escalation", 第三章一(五)2 "及时提醒、催办、督办", 第四章一): remind → urge →
 * supervise, payout's own approval ladder, at most once per level, only the highest newly
 * reached level, nothing for nodes done in time or for paused case clocks.
 */
import { ConfigurationError } from '../../lib/errors.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../lib/case-state.js';
import {
  escalate,
  isPaused,
  LADDERS,
  type Level,
  noticeId,
  nodeStatus,
  type Notice,
  overdueNodes,
  planNextCheck,
  type SentLevels,
  thresholds,
} from '../../lib/escalation.js';
import { DEFAULT_LIMITS, type Limits, loadLimits } from '../../lib/limits.js';
import { nodeDefinition, nodeKey } from '../../lib/nodes.js';
import { HOUR_MS, type Instant } from '../../lib/time.js';
import { caseHistory } from './arbitraries.js';
import { CASE_NO, context, court, cst, endOf, ev, filed, fold, node, onlineReturned, withLimits } from './fixtures.js';

const FILED = '2026-03-02T09:00';

/** A case with a vehicle found at 10:00 on Monday 2026-03-02: vehicleSeizure due 24:00 Wed 03-04. */
const vehicleCase = (...more: Parameters<typeof fold>[0]) => fold([filed(FILED), onlineReturned('2026-03-02T10:00', { vehicles: 1 }, true), ...more]);

function forNode(notices: readonly Notice[], id: string, instance?: string): Notice[] {
  return notices.filter((n) => n.node === id && n.instance === instance);
}

function levelsFor(state: CaseState, id: string, at: Instant, sent: SentLevels = {}, limits: Limits = DEFAULT_LIMITS, instance?: string): Level[] {
  return forNode(escalate(state, limits, at, sent).notices, id, instance).map((n) => n.level);
}

describe('standard ladder: remind → urge → supervise (vehicleSeizure, 第三章一(二)2 "查询结果反馈后2日内")', () => {
  const state = vehicleCase();
  const seizure = node(state, 'vehicleSeizure');
  // Period: 10:00 03-02 → 24:00 03-04 = 62 h; 75 % = 46.5 h → 08:30 on 03-04.
  const REMIND = cst('2026-03-04T08:30');
  const DUE = endOf('2026-03-04');
  const SUPERVISE = DUE + 24 * HOUR_MS;

  it('the thresholds are RemindAtPercent of the period, the limit, and the limit + SuperviseAfterHours', () => {
    expect(seizure.dueAt).toBe(DUE);
    expect(thresholds(seizure, nodeDefinition('vehicleSeizure'), DEFAULT_LIMITS)).toEqual([
      { level: 'remind', at: REMIND },
      { level: 'urge', at: DUE },
      { level: 'supervise', at: SUPERVISE },
    ]);
  });

  const LADDER_STEPS: ReadonlyArray<{ at: Instant; sent: SentLevels; levels: Level[] }> = [
    { at: REMIND - 60_000, sent: {}, levels: [] },
    { at: REMIND, sent: {}, levels: ['remind'] },
    { at: DUE - 1, sent: { vehicleSeizure: 'remind' }, levels: [] },
    { at: DUE, sent: { vehicleSeizure: 'remind' }, levels: ['urge'] },
    { at: SUPERVISE - 1, sent: { vehicleSeizure: 'urge' }, levels: [] },
    { at: SUPERVISE, sent: { vehicleSeizure: 'urge' }, levels: ['supervise'] },
    { at: SUPERVISE + 30 * 24 * HOUR_MS, sent: { vehicleSeizure: 'supervise' }, levels: [] },
  ];

  it.each(LADDER_STEPS)('at $at with $sent sent → $levels', ({ at, sent, levels }) => {
    expect(levelsFor(state, 'vehicleSeizure', at, sent)).toEqual(levels);
  });

  it('a scan that finds several thresholds passed sends only the highest', () => {
    expect(levelsFor(state, 'vehicleSeizure', SUPERVISE + HOUR_MS)).toEqual(['supervise']);
    expect(levelsFor(state, 'vehicleSeizure', DUE + HOUR_MS)).toEqual(['urge']);
  });

  it('RemindAtPercent and SuperviseAfterHours are parameters', () => {
    const limits = withLimits({ RemindAtPercent: 50, SuperviseAfterHours: 48 });
    expect(thresholds(seizure, nodeDefinition('vehicleSeizure'), limits)).toEqual([
      { level: 'remind', at: cst('2026-03-03T17:00') }, // 31 h after 10:00
      { level: 'urge', at: DUE },
      { level: 'supervise', at: DUE + 48 * HOUR_MS },
    ]);
  });

  it('the notice names the case, the node, the level, the team that must act, and when it was reached', () => {
    const [notice] = forNode(escalate(state, DEFAULT_LIMITS, DUE + HOUR_MS, { vehicleSeizure: 'remind' }).notices, 'vehicleSeizure');
    expect(notice).toMatchObject({
      noticeId: noticeId(court, CASE_NO, 'vehicleSeizure', 'urge'),
      court,
      caseNo: CASE_NO,
      team: 'service', // the property-control group is in the service team (第三章一(二))
      node: 'vehicleSeizure',
      level: 'urge',
      dueAt: DUE,
      reachedAt: DUE,
      decidedAt: DUE + HOUR_MS,
    });
    expect(notice?.instance).toBeUndefined();
    expect(notice?.message).toContain(CASE_NO);
    expect(notice?.message).toContain('车辆查封');
  });

  it('a case-team node is sent to the case\'s own team', () => {
    const s = fold([filed(FILED), ev('lead.submitted', '2026-03-02T10:00', { leadId: 'L1', urgent: true })]);
    // 48 hours from 11:00 (the hour of 10:00 is not counted) → due 03-04 11:00.
    const [notice] = forNode(escalate(s, DEFAULT_LIMITS, cst('2026-03-04T11:30'), {}).notices, 'leadCheck', 'L1');
    expect(notice).toMatchObject({ team: 'ordinary', level: 'urge', instance: 'L1' });
  });
});

describe('payout ladder (第三章一(五)1): remind → approvalSupervisor (10 days) → supervise → approvalPresident (30 days after arrival)', () => {
  // "执行人员一般应在10日内发放完毕，超过10日未发放的，应当报主管领导审批，情况特殊不能自案款到账之日起30日内发放的，报院长批准"
  const state = fold([filed(FILED), ev('funds.arrived', '2026-03-02T10:00', { paymentId: 'P1', amount: 12_000 })]);
  const payout = node(state, 'payout', 'P1');
  const REMIND = cst('2026-03-10T08:30'); // 75 % of 10:00 03-02 → 24:00 03-12 (254 h)
  const TEN_DAYS = endOf('2026-03-12');
  const SUPERVISE = TEN_DAYS + 24 * HOUR_MS;
  const THIRTY_DAYS = endOf('2026-04-01');

  it('has the four thresholds in ladder order', () => {
    expect(LADDERS.payout).toEqual(['remind', 'approvalSupervisor', 'supervise', 'approvalPresident']);
    expect(payout.presidentAt).toBe(THIRTY_DAYS);
    expect(thresholds(payout, nodeDefinition('payout'), DEFAULT_LIMITS)).toEqual([
      { level: 'remind', at: REMIND },
      { level: 'approvalSupervisor', at: TEN_DAYS },
      { level: 'supervise', at: SUPERVISE },
      { level: 'approvalPresident', at: THIRTY_DAYS },
    ]);
  });

  it('climbs one level per scan as time passes, never "urge"', () => {
    let sent: SentLevels = {};
    const seen: Level[] = [];
    for (const at of [REMIND - 1, REMIND, TEN_DAYS - 1, TEN_DAYS, SUPERVISE, THIRTY_DAYS - 1, THIRTY_DAYS, THIRTY_DAYS + 10 * 24 * HOUR_MS]) {
      const result = escalate(state, DEFAULT_LIMITS, at, sent);
      seen.push(...forNode(result.notices, 'payout', 'P1').map((n) => n.level));
      sent = result.sent;
    }
    expect(seen).toEqual(['remind', 'approvalSupervisor', 'supervise', 'approvalPresident']);
    expect(sent['payout#P1']).toBe('approvalPresident');
  });

  it('a scan after 30 days with nothing sent sends only approvalPresident', () => {
    expect(levelsFor(state, 'payout', THIRTY_DAYS + HOUR_MS, {}, DEFAULT_LIMITS, 'P1')).toEqual(['approvalPresident']);
  });

  it('the texts say whose approval is now needed', () => {
    const approval = forNode(escalate(state, DEFAULT_LIMITS, TEN_DAYS, { 'payout#P1': 'remind' }).notices, 'payout', 'P1')[0];
    expect(approval?.message).toContain('报主管领导审批');
    const president = forNode(escalate(state, DEFAULT_LIMITS, THIRTY_DAYS, { 'payout#P1': 'supervise' }).notices, 'payout', 'P1')[0];
    expect(president?.message).toContain('报院长批准');
    expect(president?.instance).toBe('P1');
    expect(president?.team).toBe('ordinary');
  });
});

describe('payout ladder under other configurations loadLimits accepts', () => {
  // README "Escalation": "Payout climbs its own ladder, in this order: remind, approvalSupervisor,
  // supervise, approvalPresident". A configuration is either refused at start, or keeps that order.
  const FULL_LADDER: Level[] = ['remind', 'approvalSupervisor', 'supervise', 'approvalPresident'];

  /** Scans every 6 hours for 120 days after the funds arrive, feeding `sent` back; the payout levels sent. */
  function payoutLevelsOverTime(env: Record<string, string>): Level[] | 'refused' {
    let limits: Limits;
    try {
      limits = loadLimits(env);
    } catch (error) {
      if (error instanceof ConfigurationError) return 'refused';
      throw error;
    }
    const arrival = cst('2026-03-02T10:00');
    const state = fold([filed(FILED), ev('funds.arrived', '2026-03-02T10:00', { paymentId: 'P1', amount: 12_000 })], context(limits));
    let sent: SentLevels = {};
    const levels: Level[] = [];
    for (let at = arrival; at <= arrival + 120 * 24 * HOUR_MS; at += 6 * HOUR_MS) {
      const result = escalate(state, limits, at, sent);
      levels.push(...forNode(result.notices, 'payout', 'P1').map((n) => n.level));
      sent = result.sent;
    }
    return levels;
  }

  it('the defaults send all four levels in order', () => {
    expect(payoutLevelsOverTime({})).toEqual(FULL_LADDER);
  });

  // The contract's payout order is remind → approvalSupervisor → supervise → approvalPresident.
  // A setting that would put 督办 after the president's approval, or the president's threshold
  // before the supervising leader's, is refused when the limits are loaded.
  it('SuperviseAfterHours=720 (督办 after the 30-day approval) is refused', () => {
    expect(payoutLevelsOverTime({ SuperviseAfterHours: '720' })).toBe('refused');
  });

  it('PayoutPresidentDays=5 (below PayoutDays=10) is refused', () => {
    expect(payoutLevelsOverTime({ PayoutPresidentDays: '5' })).toBe('refused');
  });
});

describe('done nodes: "a node done in time is never notified; a node done late stops escalating"', () => {
  const DUE = endOf('2026-03-04');

  it('done in time: no notice ever, not even a remind that was due before it was done', () => {
    const state = vehicleCase(ev('vehicle.seized', '2026-03-04T12:00'));
    for (const at of [cst('2026-03-04T09:00'), DUE, DUE + 10 * 24 * HOUR_MS]) expect(levelsFor(state, 'vehicleSeizure', at)).toEqual([]);
  });

  it('done late after an urge: nothing more', () => {
    const state = vehicleCase(ev('vehicle.seized', '2026-03-05T10:00'));
    expect(levelsFor(state, 'vehicleSeizure', DUE + 3 * 24 * HOUR_MS, { vehicleSeizure: 'urge' })).toEqual([]);
    expect(escalate(state, DEFAULT_LIMITS, DUE + 3 * 24 * HOUR_MS, { vehicleSeizure: 'urge' }).sent).toMatchObject({ vehicleSeizure: 'urge' });
  });

  it('a closed case escalates nothing and needs no further check', () => {
    const state = fold([filed(FILED), ev('case.closed', '2026-03-03T10:00', { kind: 'withdrawn' })]);
    const result = escalate(state, DEFAULT_LIMITS, cst('2026-12-01T00:00'), {});
    expect(result.notices).toEqual([]);
    expect(result.nextCheckAt).toBeUndefined();
  });
});

describe('paused case-level clocks (七13 中止 / 扣除期限) do not escalate', () => {
  const state = fold([
    filed(FILED, { traits: ['easy'] }),
    ev('clock.paused', '2026-03-10T09:00', { reason: '依法中止执行', approvedBy: '分管领导' }),
  ]);
  const LATE = cst('2026-09-01T00:00'); // long after closeSimple (04-01) and longCaseReport (08-03)

  it('closeSimple and longCaseReport send nothing while paused; other nodes still escalate', () => {
    expect(isPaused(state)).toBe(true);
    const notices = escalate(state, DEFAULT_LIMITS, LATE, {}).notices;
    expect(notices.map((n) => n.node)).not.toContain('closeSimple');
    expect(notices.map((n) => n.node)).not.toContain('longCaseReport');
    expect(notices.map((n) => n.node)).toEqual(expect.arrayContaining(['reception', 'documents', 'relatedCases']));
    expect(overdueNodes(state, LATE).map((n) => n.node)).not.toContain('closeSimple');
  });

  it('after the resume, the moved clock escalates again', () => {
    const resumed = fold([
      filed(FILED, { traits: ['easy'] }),
      ev('clock.paused', '2026-03-10T09:00', { reason: '依法中止执行', approvedBy: '分管领导' }),
      ev('clock.resumed', '2026-03-20T09:00'),
    ]);
    expect(isPaused(resumed)).toBe(false);
    const closeSimple = node(resumed, 'closeSimple');
    expect(closeSimple.dueAt).toBe(endOf('2026-04-13')); // 04-01 + 10 days = 04-11 (Sat) → Mon 04-13
    expect(levelsFor(resumed, 'closeSimple', closeSimple.dueAt, { closeSimple: 'remind' })).toEqual(['urge']);
  });

  it('a pause that begins after a clock ran out does not silence it, nor move it', () => {
    // closeSimple ran out at 24:00 04-01; the 中止 begins on 04-10.
    const late = fold([filed(FILED, { traits: ['easy'] }), ev('clock.paused', '2026-04-10T09:00', { reason: '依法中止执行', approvedBy: '分管领导' })]);
    expect(isPaused(late)).toBe(true);
    expect(levelsFor(late, 'closeSimple', cst('2026-04-12T00:00'), { closeSimple: 'urge' })).toEqual(['supervise']);
    const resumed = fold([
      filed(FILED, { traits: ['easy'] }),
      ev('clock.paused', '2026-04-10T09:00', { reason: '依法中止执行', approvedBy: '分管领导' }),
      ev('clock.resumed', '2026-05-10T09:00'),
    ]);
    expect(node(resumed, 'closeSimple').dueAt).toBe(endOf('2026-04-01'));
  });
});

describe('nextCheckAt: the earliest future threshold', () => {
  it('for a fresh filing it is the onlineQuery remind: 75 % of the 25 hours from filing at 09:00 to 10:00 the next day (24 h from the next full hour)', () => {
    const state = fold([filed(FILED)]);
    const at = cst('2026-03-02T09:30');
    const result = escalate(state, DEFAULT_LIMITS, at, {});
    expect(result.notices).toEqual([]);
    expect(result.nextCheckAt).toBe(cst('2026-03-03T03:45'));
    expect(planNextCheck(state, DEFAULT_LIMITS, {})).toBe(result.nextCheckAt);
  });

  it('planNextCheck can be in the past when a late event made a node overdue', () => {
    const state = fold([filed('2026-01-05T10:00')]);
    // onlineQuery: due 01-06 11:00 (24 h from 11:00); 75 % of 25 h after 10:00 is 04:45.
    expect(planNextCheck(state, DEFAULT_LIMITS, {})).toBe(cst('2026-01-06T04:45'));
  });
});

function activeThresholdsAfter(state: CaseState, limits: Limits, now: Instant): Instant | undefined {
  // A closed case escalates only what its closing left open (after 终本: renewal, requery).
  // A case-level clock stands still under an open pause that began before it ran out.
  const open = state.pauses.find((p) => p.to === undefined);
  let next: Instant | undefined;
  for (const n of state.nodes) {
    const def = nodeDefinition(n.node);
    if (n.doneAt !== undefined || (def.pausable && open !== undefined && open.from < n.dueAt)) continue;
    for (const t of thresholds(n, def, limits)) if (t.at > now && (next === undefined || t.at < next)) next = t.at;
  }
  return next;
}

describe('escalation properties over random case histories', () => {
  const scans = fc.array(fc.integer({ min: 0, max: 240 * 24 }), { minLength: 1, maxLength: 25 }).map((hours) =>
    [...new Set(hours)].sort((a, b) => a - b).map((h) => cst('2026-03-02T00:00') + h * HOUR_MS),
  );

  it('repeated scans at increasing times, feeding back `sent`: no (node, instance, level) twice, never a lower level after a higher', () => {
    fc.assert(
      fc.property(caseHistory(), scans, (events, times) => {
        const state = fold(events);
        let sent: SentLevels = {};
        const seen = new Set<string>();
        const rank = new Map<string, number>();
        for (const now of times) {
          const result = escalate(state, DEFAULT_LIMITS, now, sent);
          const keysThisScan = new Set<string>();
          for (const n of result.notices) {
            const key = nodeKey(n.node, n.instance);
            const ladder: readonly Level[] = LADDERS[nodeDefinition(n.node).ladder];
            const r = ladder.indexOf(n.level);
            expect(r, `${n.level} is on the ${key} ladder`).toBeGreaterThanOrEqual(0);
            expect(seen.has(n.noticeId), `${key} ${n.level} twice`).toBe(false);
            expect(keysThisScan.has(key), `${key}: one level per scan`).toBe(false);
            expect(r, `${key}: ${n.level} after a higher level`).toBeGreaterThan(rank.get(key) ?? -1);
            expect(n.reachedAt).toBeLessThanOrEqual(now);
            expect(n.noticeId).toBe(noticeId(state.court, state.caseNo, key, n.level));
            seen.add(n.noticeId);
            keysThisScan.add(key);
            rank.set(key, r);
            expect(nodeStatus(node(state, n.node, n.instance), now)).not.toBe('done');
          }
          sent = result.sent;
          // The next check is the earliest threshold still ahead, and the planner agrees.
          if (result.nextCheckAt !== undefined) expect(result.nextCheckAt).toBeGreaterThan(now);
          expect(result.nextCheckAt).toBe(activeThresholdsAfter(state, DEFAULT_LIMITS, now));
          expect(planNextCheck(state, DEFAULT_LIMITS, sent)).toBe(result.nextCheckAt);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('scanning again at the same time with the result fed back sends nothing', () => {
    fc.assert(
      fc.property(caseHistory(), fc.integer({ min: 0, max: 240 * 24 }), (events, hours) => {
        const state = fold(events);
        const now = cst('2026-03-02T00:00') + hours * HOUR_MS;
        const first = escalate(state, DEFAULT_LIMITS, now, {});
        expect(escalate(state, DEFAULT_LIMITS, now, first.sent).notices).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('node status (docs/API.md "案件视图")', () => {
  it('pending until the due time, overdue after it, done once done', () => {
    const state = vehicleCase();
    const seizure = node(state, 'vehicleSeizure');
    expect(nodeStatus(seizure, seizure.dueAt)).toBe('pending');
    expect(nodeStatus(seizure, seizure.dueAt + 1)).toBe('overdue');
    expect(overdueNodes(state, seizure.dueAt + 1).map((n) => n.node)).toContain('vehicleSeizure');
    expect(nodeStatus(node(vehicleCase(ev('vehicle.seized', '2026-03-08T10:00')), 'vehicleSeizure'), seizure.dueAt + 1)).toBe('done');
  });
});
