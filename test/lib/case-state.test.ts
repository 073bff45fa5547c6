/**
 * The fold (case-state.ts): "the case state is the same as if they had arrived once, in
 * order" (docs/API.md), pauses of the case-level clocks (七13), the 一案双查 findings
 * (七10, 一(一)2), and events the fold sets aside.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continueFold, foldCase, keepVerdicts, orderEvents } from '../../lib/case-state.js';
import type { StoredEvent } from '../../lib/events.js';
import { DEFAULT_LIMITS, type NumericLimitName } from '../../lib/limits.js';
import { NODE_CATALOG, nodeKey } from '../../lib/nodes.js';
import { addDays, addMonths, chinaDateOf, DAY_MS } from '../../lib/time.js';
import { caseHistory, timeBetween } from './arbitraries.js';
import { context, court, cst, endOf, ev, filed, findNode, fold, node, onlineReturned, withLimits } from './fixtures.js';

const RUNS = { numRuns: 200 };

/** Reorders `events` by `keys` and appends copies of some (a court system retrying). */
function shuffleWithDuplicates(events: readonly StoredEvent[], keys: readonly number[]): StoredEvent[] {
  const shuffled = events.map((e, i) => ({ e, k: keys[i % keys.length] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.e);
  const copies = events.filter((_e, i) => (keys[(i * 7) % keys.length] ?? 0) % 3 === 0).map((e) => structuredClone(e));
  return [...copies.slice(0, 3), ...shuffled, ...copies.slice(3)];
}

describe('fold: any arrival order, with duplicates, gives the same state (docs/API.md)', () => {
  it('property: a permutation plus repeated events folds to a deep-equal state', () => {
    fc.assert(
      fc.property(caseHistory(), fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 }), (events, keys) => {
        const inOrder = foldCase(orderEvents(events), context());
        const scrambled = foldCase(shuffleWithDuplicates(events, keys), context());
        expect(scrambled).toStrictEqual(inOrder);
        expect(inOrder?.applied.count).toBe(new Set(events.map((e) => e.eventId)).size);
      }),
      RUNS,
    );
  });

  it('property: continueFold over a suffix equals folding everything', () => {
    fc.assert(
      fc.property(caseHistory(), fc.nat(), (events, cut) => {
        const ordered = orderEvents(events);
        const filingIndex = ordered.findIndex((e) => e.type === 'case.filed');
        const split = filingIndex + 1 + (cut % (ordered.length - filingIndex));
        const prefix = foldCase(ordered.slice(0, split), context());
        if (!prefix) throw new Error('the prefix holds the filing');
        const continued = continueFold(prefix, ordered.slice(split), context());
        expect(continued).toStrictEqual(foldCase(ordered, context()));
      }),
      RUNS,
    );
  });

  it('property: every node is due no earlier than it started; a closed case has no open node but, after 终本, renewals and one requery round', () => {
    fc.assert(
      fc.property(caseHistory(), (events) => {
        const state = fold(events);
        for (const n of state.nodes) expect(n.dueAt, nodeKey(n.node, n.instance)).toBeGreaterThanOrEqual(n.startedAt);
        if (state.status !== 'closed') return;
        const open = state.nodes.filter((n) => n.doneAt === undefined);
        if (state.closed?.kind !== 'terminatedThisRound') expect(open).toEqual([]);
        for (const n of open) expect(['renewal', 'requery'], nodeKey(n.node, n.instance)).toContain(n.node);
        expect(open.filter((n) => n.node === 'requery').length).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('property: a longer limit or term never gives an earlier due time; a longer lead before a lapse never a later one', () => {
    const params = [
      ...new Set(
        NODE_CATALOG.flatMap((d) => [d.limit.param, ...(d.urgentLimit ? [d.urgentLimit.param] : []), ...Object.values(d.terms ?? {}), ...(d.horizon ? [d.horizon] : [])]),
      ),
    ];
    // How many requery rounds there are depends on these two; every other limit keeps the same nodes.
    const roundsMove = new Set<NumericLimitName>(['RequeryPeriodMonths', 'RequeryForMonths']);
    fc.assert(
      fc.property(caseHistory(20), fc.constantFrom(...params), fc.integer({ min: 1, max: 40 }), (events, param: NumericLimitName, extra) => {
        const before = fold(events);
        const after = fold(events, context(withLimits({ [param]: DEFAULT_LIMITS[param] + extra })));
        const keys = (st: typeof before) => st.nodes.map((n) => nodeKey(n.node, n.instance));
        if (!roundsMove.has(param)) expect(keys(after)).toEqual(keys(before));
        const old = new Map(before.nodes.map((n) => [nodeKey(n.node, n.instance), n]));
        for (const n of after.nodes) {
          const was = old.get(nodeKey(n.node, n.instance));
          if (!was || was.startedAt !== n.startedAt) continue;
          if (param === 'RenewalLeadDays') expect(n.dueAt, `${param}+${extra}: ${n.node}`).toBeLessThanOrEqual(was.dueAt);
          else expect(n.dueAt, `${param}+${extra}: ${n.node}`).toBeGreaterThanOrEqual(was.dueAt);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('foldCase waits for case.filed: without it there is no case', () => {
    expect(foldCase([ev('query.online.started', '2026-03-02T12:00')], context())).toBeUndefined();
  });

  it('continueFold refuses an event that would have to go before the last applied one', () => {
    const state = fold([filed('2026-03-02T10:00'), ev('related.queried', '2026-03-03T10:00')]);
    expect(() => continueFold(state, [ev('query.online.started', '2026-03-02T12:00')], context())).toThrow(/not after the last applied event/);
  });
});

describe('fold: events out of court order', () => {
  it('an event dated before the filing is applied right after it, at its own time', () => {
    const state = fold([ev('funds.arrived', '2026-03-02T09:00', { paymentId: 'P1', amount: 500 }), filed('2026-03-02T10:00')]);
    expect(node(state, 'payout', 'P1').startedAt).toBe(cst('2026-03-02T09:00'));
  });

  it('a completion recorded before its node started completes it when it starts', () => {
    const state = fold([filed('2026-03-02T10:00'), ev('assets.frozen', '2026-03-03T08:00'), onlineReturned('2026-03-03T09:00', { deposits: 100 }, true)]);
    expect(node(state, 'freeze')).toMatchObject({ startedAt: cst('2026-03-03T09:00'), doneAt: cst('2026-03-03T09:00') });
    expect(state.early).toBeUndefined();
  });
});

describe('fold: events the case does not take', () => {
  it('events from another court are set aside and change nothing', () => {
    const own = [filed('2026-03-02T10:00')];
    const foreign = [
      ev('reception.recorded', '2026-03-02T11:00', { interviewer: '他院', interviewee: '某人' }, { court: 'xinxiang' }),
      ev('case.closed', '2026-03-03T11:00', { kind: 'performed' }, { court: 'xinxiang' }),
    ];
    const state = fold([...own, ...foreign]);
    expect(state.setAside).toEqual({ otherCourt: 2, afterClosing: 0, repeatedFiling: 0 });
    expect(state.status).toBe('open');
    expect(node(state, 'reception').doneAt).toBeUndefined();
    expect(state.court).toBe(court);
    expect(state.nodes).toEqual(fold(own).nodes);
  });

  it('a second case.filed is set aside; the first filing decides the case', () => {
    const state = fold([filed('2026-03-02T10:00'), filed('2026-03-05T10:00', { amount: 2_000_000 })]);
    expect(state.filedAt).toBe(cst('2026-03-02T10:00'));
    expect(state.team).toBe('ordinary');
    expect(state.setAside.repeatedFiling).toBe(1);
  });
});

describe('pauses of the case-level clocks (第三章七13 "因法定事由确需中止、扣除期限的，逐级报分管领导审批")', () => {
  const FILED = '2026-03-02T10:00';
  const paused = (at: string) => ev('clock.paused', at, { reason: '依法中止执行', approvedBy: '分管领导' });
  const resumed = (at: string) => ev('clock.resumed', at);

  it('a pause of 10 days moves closeOther and longCaseReport by 10 days; node clocks do not move', () => {
    const plain = fold([filed(FILED)]);
    const state = fold([filed(FILED), paused('2026-03-10T09:00'), resumed('2026-03-20T09:00')]);
    expect(node(plain, 'closeOther').dueAt).toBe(endOf('2026-06-02'));
    expect(node(state, 'closeOther').dueAt).toBe(endOf('2026-06-12'));
    expect(node(plain, 'longCaseReport').dueAt).toBe(endOf('2026-08-03')); // 08-02 is a Sunday
    expect(node(state, 'longCaseReport').dueAt).toBe(endOf('2026-08-12'));
    expect(node(state, 'documents').dueAt).toBe(node(plain, 'documents').dueAt);
    expect(state.pauses).toEqual([{ from: cst('2026-03-10T09:00'), to: cst('2026-03-20T09:00'), reason: '依法中止执行', approvedBy: '分管领导' }]);
  });

  // Revised 2026-11-30 (DOMAIN "Nodes and time limits"): a pause counts the China days from
  // the day of the pause to the day of the resumption; both on one day add nothing.
  it('a pause and resumption on the same day add nothing', () => {
    const state = fold([filed(FILED, { traits: ['easy'] }), paused('2026-03-10T09:00'), resumed('2026-03-10T15:00')]);
    expect(node(state, 'closeSimple').dueAt).toBe(endOf('2026-04-01')); // 30 days from 03-02 → Wed 04-01, unmoved
  });

  it('paused 10:00 on one day, resumed 09:00 seven days later: 7 days added', () => {
    const state = fold([filed(FILED, { traits: ['easy'] }), paused('2026-03-10T10:00'), resumed('2026-03-17T09:00')]);
    expect(node(state, 'closeSimple').dueAt).toBe(endOf('2026-04-08')); // 04-01 + 7 days = Wed 04-08
    expect(node(state, 'closeSimple').steps?.find((s) => s.rule === 'pause')).toMatchObject({ n: 7, day: '2026-03-10', endDay: '2026-03-17' });
  });

  it('while a pause is open the due time stands; the resume moves it', () => {
    const open = fold([filed(FILED), paused('2026-03-10T09:00')]);
    expect(node(open, 'closeOther').dueAt).toBe(endOf('2026-06-02'));
    expect(open.pauses[0]?.to).toBeUndefined();
  });

  it('two pauses add up; a second clock.paused while paused is ignored', () => {
    const state = fold([
      filed(FILED),
      paused('2026-03-10T09:00'),
      paused('2026-03-12T09:00'),
      resumed('2026-03-15T09:00'),
      paused('2026-04-01T09:00'),
      resumed('2026-04-06T09:00'),
    ]);
    expect(state.pauses).toHaveLength(2);
    expect(node(state, 'closeOther').dueAt).toBe(endOf('2026-06-12')); // 06-02 + 5 + 5 days
  });

  it('a clock started later by re-triage counts the pauses after filing too', () => {
    const state = fold([
      filed(FILED),
      paused('2026-03-10T09:00'),
      resumed('2026-03-20T09:00'),
      ev('case.reassigned', '2026-03-25T10:00', { team: 'simple', reason: '和解', approvedBy: '团队负责人' }),
    ]);
    expect(node(state, 'closeSimple').dueAt).toBe(endOf('2026-04-13')); // 04-01 + 10 days = 04-11 (Sat) → 04-13
  });

  it('property: a clock.paused/clock.resumed pair never makes a case-level clock earlier; one that begins before the clock runs out moves it by at least its China days, one that begins after does not move it', () => {
    fc.assert(
      fc.property(
        timeBetween(0, 300),
        fc.integer({ min: 0, max: 150 * DAY_MS }),
        fc.integer({ min: 0, max: 60 * DAY_MS }),
        fc.boolean(),
        (filedAt, pauseAfter, pauseLength, simple) => {
          // China days from the day of the pause to the day of the resumption.
          const filing = ev('case.filed', new Date(filedAt).toISOString(), {
            amount: 50_000,
            financial: false,
            respondents: [{ kind: 'person' }],
            ...(simple ? { traits: ['easy' as const] } : {}),
          });
          const from = filedAt + pauseAfter;
          const pair = [
            ev('clock.paused', new Date(from).toISOString(), { reason: '中止', approvedBy: '分管领导' }),
            ev('clock.resumed', new Date(from + pauseLength).toISOString()),
          ];
          const plain = fold([filing]);
          const held = fold([filing, ...pair]);
          const whole = Math.round((endOf(chinaDateOf(from + pauseLength)) - endOf(chinaDateOf(from))) / DAY_MS);
          const day = chinaDateOf(filedAt);
          const lastDay = {
            closeSimple: addDays(day, 30),
            closeOther: addMonths(day, 3),
            longCaseReport: addMonths(day, 5),
          } as const;
          for (const id of ['closeSimple', 'closeOther', 'longCaseReport'] as const) {
            const before = findNode(plain, id);
            if (!before) continue;
            const after = node(held, id).dueAt;
            expect(after, id).toBeGreaterThanOrEqual(before.dueAt);
            if (from < before.dueAt) expect(after, id).toBeGreaterThanOrEqual(endOf(addDays(lastDay[id], whole)));
            else expect(after, id).toBe(before.dueAt); // already overdue: a later pause excuses nothing
          }
        },
      ),
      RUNS,
    );
  });
});

describe('findings: 一案双查 checks that are not time limits', () => {
  // 七10: "经网络查控和传统查控后未发现有可供执行财产或未有足额财产的案件，在拟结案前承办人员应当再次启动网络执行查控、
  //       全省关联案件查询并进行查询结果分析，仍然暂无可执行财产的，与申请执行人进行终结本次执行程序约谈并制作约谈笔录"
  const FILED = '2026-01-05T10:00';
  const CLOSED = '2026-04-20T10:00'; // more than 3 months after filing
  const reception = () => ev('reception.recorded', '2026-01-05T11:00', { interviewer: '李书记员', interviewee: '申请执行人' });
  const online = (at: string) => ev('query.online.started', at);
  const related = (at: string) => ev('related.queried', at);
  const interview = () => ev('termination.interviewed', '2026-04-15T10:00');
  const terminated = (at = CLOSED) => ev('case.closed', at, { kind: 'terminatedThisRound' });
  const complete = () => [
    filed(FILED),
    reception(),
    online('2026-01-05T15:00'),
    related('2026-01-06T10:00'),
    online('2026-04-10T10:00'),
    related('2026-04-10T11:00'),
    interview(),
  ];
  const codes = (events: StoredEvent[]) => fold(events).findings.map((f) => f.code);

  it('a 终本 closing after the repeated online query, the repeated related query and the interview has no finding', () => {
    expect(fold([...complete(), terminated()]).findings).toEqual([]);
  });

  it.each([
    { missing: 'the repeated online query', drop: '2026-04-10T10:00', code: 'terminationWithoutRequery' },
    { missing: 'the repeated related-case query', drop: '2026-04-10T11:00', code: 'terminationWithoutRelatedRequery' },
    { missing: 'the 终本 interview', drop: '2026-04-15T10:00', code: 'terminationWithoutInterview' },
  ])('without $missing: $code (第三章七10)', ({ drop, code }) => {
    const events = complete().filter((e) => e.occurredAt !== `${drop}:00+08:00`);
    const state = fold([...events, terminated()]);
    expect(state.findings).toEqual([{ code, seed: '第三章七10', at: cst(CLOSED) }]);
  });

  it('a bare 终本 closing has all three', () => {
    expect(codes([filed(FILED), reception(), terminated()])).toEqual([
      'terminationWithoutRequery',
      'terminationWithoutRelatedRequery',
      'terminationWithoutInterview',
    ]);
  });

  it('other closing kinds are not checked against 七10', () => {
    for (const kind of ['performed', 'terminated', 'rejected', 'withdrawn', 'other'] as const) {
      expect(codes([filed(FILED), reception(), ev('case.closed', CLOSED, { kind })])).toEqual([]);
    }
  });

  it('a 终本 closing within 3 months of filing is also found (SPC 终本 rules Art. 1)', () => {
    const early = [
      filed(FILED),
      reception(),
      online('2026-01-05T15:00'),
      related('2026-01-06T10:00'),
      online('2026-03-10T10:00'),
      related('2026-03-10T11:00'),
      ev('termination.interviewed', '2026-03-15T10:00'),
    ];
    expect(codes([...early, terminated('2026-03-20T10:00')])).toEqual(['terminationBeforeThreeMonths']);
  });

  // 一(一)2: "未进行初次接待的案件应在逐案说明原因"
  it('closing without a reception record or reason: receptionNotRecorded (第三章一(一)2)', () => {
    const state = fold([filed(FILED), ev('case.closed', CLOSED, { kind: 'performed' })]);
    expect(state.findings).toEqual([{ code: 'receptionNotRecorded', seed: '第三章一(一)2', at: cst(CLOSED) }]);
  });

  it('a skipped reception with its reason is enough', () => {
    expect(codes([filed(FILED), ev('reception.skipped', '2026-01-06T10:00', { reason: '申请执行人书面表示无需接待' }), ev('case.closed', CLOSED, { kind: 'performed' })])).toEqual([]);
  });

  it('a repeated online query posted only by its results counts as a repeated query', () => {
    const byResults = [
      filed(FILED),
      reception(),
      onlineReturned('2026-01-06T10:00'),
      related('2026-01-06T10:00'),
      onlineReturned('2026-04-11T10:00'),
      related('2026-04-10T11:00'),
      interview(),
    ];
    expect(codes([...byResults, terminated()])).toEqual([]);
  });

  it('keeps the reason a reception was skipped, and a later record wins over it', () => {
    const reason = '申请执行人委托代理人办理，未到窗口';
    const skipped = fold([filed(FILED), ev('reception.skipped', '2026-01-05T12:00', { reason })]);
    expect(skipped.facts).toMatchObject({ reception: 'skipped', receptionSkipReason: reason });
    const recorded = fold([filed(FILED), reception(), ev('reception.skipped', '2026-01-05T12:00', { reason })]);
    expect(recorded.facts.reception).toBe('recorded');
    expect(recorded.facts.receptionSkipReason).toBeUndefined();
  });

  it('an open case has no findings yet', () => {
    expect(fold([filed(FILED)]).findings).toEqual([]);
  });
});

describe('keepVerdicts: after a change of limits, done nodes keep the due time they were judged by', () => {
  it('a done node keeps its old due time; an open node takes the new one', () => {
    const events = [
      filed('2026-03-02T10:00'),
      ev('funds.arrived', '2026-03-03T10:00', { paymentId: 'P1', amount: 100 }),
      ev('funds.arrived', '2026-03-03T11:00', { paymentId: 'P2', amount: 100 }),
      ev('funds.paid', '2026-03-12T10:00', { paymentId: 'P1' }),
    ];
    const before = fold(events);
    const replanned = fold(events, context(withLimits({ PayoutDays: 5, PayoutPresidentDays: 20 })));
    const kept = keepVerdicts(replanned, before);
    expect(node(kept, 'payout', 'P1')).toMatchObject({ dueAt: endOf('2026-03-13'), presidentAt: endOf('2026-04-02'), doneAt: cst('2026-03-12T10:00') });
    expect(node(kept, 'payout', 'P2')).toMatchObject({ dueAt: endOf('2026-03-09'), presidentAt: endOf('2026-03-23') });
  });
});
