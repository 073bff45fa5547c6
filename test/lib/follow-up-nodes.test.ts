/**
 * The two nodes that outlive the case's own work (DOMAIN.md, added 2026-11-30):
 * `renewal` (续行查封、扣押、冻结 — CPL interpretation 2022 Art. 485: "人民法院冻结被执行人的
 * 银行存款的期限不得超过一年，查封、扣押动产的期限不得超过两年，查封不动产、冻结其他财产权的期限
 * 不得超过三年") and `requery` (SPC 终本 rules 2016 Art. 9: every 6 months for 5 years). Due
 * days worked out by hand from the holiday notices (see counting.test.ts for the 2026 list).
 */
import { describe, expect, it } from 'vitest';
import { caseView } from '../../lib/case-view.js';
import { escalate, planNextCheck } from '../../lib/escalation.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { cst, endOf, ev, filed, findNode, fold, node, nodeIds, context, withLimits } from './fixtures.js';

const FILED = '2025-12-01T09:30';
const frozen = (at: string, data: Record<string, unknown> = { measureId: 'F1' }) => ev('assets.frozen', at, data);
const terminated = (at: string) => ev('case.closed', at, { kind: 'terminatedThisRound' });

describe('node: renewal — a deposit frozen on 2025-12-10 (lapses 2026-12-10, 12 months, the day of freezing not counted)', () => {
  it('is due 15 days before the lapse day: 24:00 Wed 2026-11-25, a working day', () => {
    const state = fold([filed(FILED), frozen('2025-12-10T10:00', { measureId: 'F1', kind: 'deposit' })]);
    expect(node(state, 'renewal', 'F1#1')).toMatchObject({
      startedAt: cst('2025-12-10T10:00'),
      dueAt: endOf('2026-11-25'),
      round: 1,
      measure: { id: 'F1', kind: 'deposit', lapsesOn: '2026-12-10' },
    });
  });

  it('assets.frozen without a kind is a deposit freeze; without a measureId there is no renewal node', () => {
    expect(node(fold([filed(FILED), frozen('2025-12-10T10:00')]), 'renewal', 'F1#1').measure?.kind).toBe('deposit');
    expect(findNode(fold([filed(FILED), ev('assets.frozen', '2025-12-10T10:00')]), 'renewal')).toBeUndefined();
  });

  it('moved earlier off a rest day: a deposit frozen on 2025-10-20 lapses Tue 2026-10-20; 15 days before is 10-05 (国庆) → Wed 09-30', () => {
    expect(node(fold([filed('2025-10-09T10:00'), frozen('2025-10-20T10:00')]), 'renewal', 'F1#1').dueAt).toBe(endOf('2026-09-30'));
  });

  it('vehicles lapse after 24 months, real estate after 36, other property rights after 36', () => {
    const state = fold([
      filed('2023-06-01T10:00'),
      // 2023-06-05 + 36 months = Fri 2026-06-05; 15 days before = Thu 05-21, a working day.
      ev('realty.seized', '2023-06-05T10:00', { measureId: 'R1' }),
      // 2024-10-20 + 24 months = 2026-10-20; 10-05 is 国庆 → 09-30.
      ev('vehicle.seized', '2024-10-20T10:00', { measureId: 'V1' }),
      // 2023-08-18 + 36 months = Tue 2026-08-18; 15 days before = Mon 08-03.
      frozen('2023-08-18T10:00', { measureId: 'S1', kind: 'other' }),
    ]);
    expect(node(state, 'renewal', 'R1#1')).toMatchObject({ dueAt: endOf('2026-05-21'), measure: { kind: 'realty', lapsesOn: '2026-06-05' } });
    expect(node(state, 'renewal', 'V1#1')).toMatchObject({ dueAt: endOf('2026-09-30'), measure: { kind: 'movable', lapsesOn: '2026-10-20' } });
    expect(node(state, 'renewal', 'S1#1')).toMatchObject({ dueAt: endOf('2026-08-03'), measure: { kind: 'other', lapsesOn: '2026-08-18' } });
  });

  it('the ruling\'s own end date wins over the term: until Sat 2026-07-04 → 15 days before is 06-19 (端午) → Thu 06-18', () => {
    const state = fold([filed('2026-01-05T10:00'), frozen('2026-01-05T15:00', { measureId: 'F1', until: '2026-07-04' })]);
    expect(node(state, 'renewal', 'F1#1')).toMatchObject({ dueAt: endOf('2026-06-18'), measure: { lapsesOn: '2026-07-04' } });
  });

  it('measures.renewed does the node and starts the next term from the renewal (to its until): due Wed 2026-12-16', () => {
    const state = fold([
      filed('2026-01-05T10:00'),
      frozen('2026-01-05T15:00', { measureId: 'F1', until: '2026-07-04' }),
      ev('measures.renewed', '2026-06-15T10:00', { measureId: 'F1', until: '2026-12-31' }),
    ]);
    expect(node(state, 'renewal', 'F1#1').doneAt).toBe(cst('2026-06-15T10:00'));
    expect(node(state, 'renewal', 'F1#2')).toMatchObject({ startedAt: cst('2026-06-15T10:00'), dueAt: endOf('2026-12-16'), round: 2, measure: { kind: 'deposit', lapsesOn: '2026-12-31' } });
  });

  it('a renewal without until runs a full term from the renewal day (the day not counted)', () => {
    const state = fold([filed(FILED), frozen('2025-12-10T10:00'), ev('measures.renewed', '2026-11-20T10:00', { measureId: 'F1' })]);
    // 2026-11-20 + 12 months = 2027-11-20 (a Saturday); 15 days before = Fri 2027-11-05 (2027: weekends only, warned).
    expect(node(state, 'renewal', 'F1#2')).toMatchObject({ dueAt: endOf('2027-11-05'), unknownYears: [2027], measure: { lapsesOn: '2027-11-20' } });
  });

  it('measures.released ends the node (not done by renewal) and nothing follows; it also does the release node', () => {
    const state = fold([
      filed(FILED),
      frozen('2025-12-10T10:00'),
      ev('release.required', '2026-03-01T10:00', { measureId: 'F1' }),
      ev('measures.released', '2026-03-02T10:00', { measureId: 'F1' }),
    ]);
    expect(node(state, 'renewal', 'F1#1')).toMatchObject({ doneAt: cst('2026-03-02T10:00'), endedBy: 'release' });
    expect(node(state, 'release', 'F1').doneAt).toBe(cst('2026-03-02T10:00'));
    expect(nodeIds(state).filter((k) => k.startsWith('renewal'))).toEqual(['renewal#F1#1']);
  });

  it('a renewal of a measure never recorded as ordered counts as a deposit freeze, and says the kind was assumed', () => {
    const state = fold([filed(FILED), ev('measures.renewed', '2026-01-10T10:00', { measureId: 'X9' })]);
    expect(node(state, 'renewal', 'X9#1')).toMatchObject({ dueAt: endOf('2026-12-25'), measure: { kind: 'deposit', kindAssumed: true, lapsesOn: '2027-01-10' } });
  });

  it('stays open after a 终本 closing and escalates; any other closing ends it', () => {
    const events = [filed(FILED), frozen('2025-12-10T10:00')];
    const afterTermination = fold([...events, terminated('2026-04-20T10:00')]);
    expect(node(afterTermination, 'renewal', 'F1#1').doneAt).toBeUndefined();
    const urge = escalate(afterTermination, DEFAULT_LIMITS, cst('2026-11-26T09:00'), {}).notices.find((n) => n.node === 'renewal');
    expect(urge).toMatchObject({ level: 'urge', team: 'service', instance: 'F1#1' });
    expect(urge?.message).toContain('「续行查封冻结(F1)」期限11月25日24时，已超期9小时');
    const performed = fold([...events, ev('case.closed', '2026-04-20T10:00', { kind: 'performed' })]);
    expect(node(performed, 'renewal', 'F1#1')).toMatchObject({ doneAt: cst('2026-04-20T10:00'), endedBy: 'closing' });
    expect(planNextCheck(performed, DEFAULT_LIMITS, {})).toBeUndefined();
  });

  it('after 终本 the case still takes renewals and releases, and sets other events aside', () => {
    const state = fold([
      filed(FILED),
      frozen('2025-12-10T10:00'),
      terminated('2026-04-20T10:00'),
      ev('measures.renewed', '2026-11-20T10:00', { measureId: 'F1', until: '2027-05-31' }),
      ev('funds.arrived', '2026-11-21T10:00', { paymentId: 'P1', amount: 10 }),
    ]);
    expect(node(state, 'renewal', 'F1#1').doneAt).toBe(cst('2026-11-20T10:00'));
    expect(node(state, 'renewal', 'F1#2').doneAt).toBeUndefined();
    expect(findNode(state, 'payout', 'P1')).toBeUndefined();
    expect(state.setAside.afterClosing).toBe(1);
  });
});

describe('node: requery — online queries every RequeryPeriodMonths for RequeryForMonths after a 终本 closing', () => {
  const base = () => [filed(FILED), terminated('2026-04-20T10:00')];

  it('a 终本 closing on Mon 2026-04-20 starts round 1, due six months on: 24:00 Tue 2026-10-20', () => {
    const state = fold(base());
    expect(state.status).toBe('closed');
    expect(node(state, 'requery', '1')).toMatchObject({ startedAt: cst('2026-04-20T10:00'), dueAt: endOf('2026-10-20'), round: 1 });
  });

  it('a closing on 2026-04-01: six months on is 10-01 (国庆) → Thu 10-08', () => {
    expect(node(fold([filed(FILED), terminated('2026-04-01T10:00')]), 'requery', '1').dueAt).toBe(endOf('2026-10-08'));
  });

  it('other closing kinds start no requery', () => {
    for (const kind of ['performed', 'terminated', 'withdrawn'] as const) {
      expect(findNode(fold([filed(FILED), ev('case.closed', '2026-04-20T10:00', { kind })]), 'requery')).toBeUndefined();
    }
  });

  it('a query after the closing does the round and starts the next from its day; a query before the closing does not count', () => {
    const state = fold([
      filed(FILED),
      ev('query.online.started', '2026-04-19T10:00'),
      terminated('2026-04-20T10:00'),
      ev('query.online.started', '2026-10-15T10:00'),
    ]);
    expect(node(state, 'requery', '1').doneAt).toBe(cst('2026-10-15T10:00'));
    // 2026-10-15 + 6 months = Thu 2027-04-15 (2027: weekends only).
    expect(node(state, 'requery', '2')).toMatchObject({ startedAt: cst('2026-10-15T10:00'), dueAt: endOf('2027-04-15'), round: 2 });
  });

  it('no round is due later than RequeryForMonths after the closing, and there are at most For / Period rounds', () => {
    const limits = withLimits({ RequeryForMonths: 12 });
    const events = [
      filed('2025-09-01T10:00'),
      terminated('2025-10-04T10:00'),
      ev('query.online.started', '2026-04-10T10:00'),
      ev('query.online.returned', '2026-09-29T10:00', { found: { deposits: 0, payment: 0, securities: 0, insurance: 0, vehicles: 0 }, enough: false }),
    ];
    const state = fold(events, context(limits));
    // Round 2 from 04-10: 10-10 would be later than 12 months after 2025-10-04 → 2026-10-04, 国庆 → Wed 09-30.
    expect(node(state, 'requery', '2')).toMatchObject({ dueAt: endOf('2026-09-30'), doneAt: cst('2026-09-29T10:00') });
    expect(findNode(state, 'requery', '3')).toBeUndefined(); // 12 / 6 = 2 rounds
  });

  it('enforcement.resumed ends the open round and starts no other; the case view shows the resumption', () => {
    const state = fold([...base(), ev('enforcement.resumed', '2026-06-01T10:00', { newCaseNo: '(2026)豫0823执恢7号' }), ev('query.online.started', '2026-06-02T10:00')]);
    expect(node(state, 'requery', '1')).toMatchObject({ doneAt: cst('2026-06-01T10:00'), endedBy: 'resumption' });
    expect(findNode(state, 'requery', '2')).toBeUndefined();
    expect(caseView(state, [], cst('2026-06-03T00:00')).resumed).toEqual({ at: '2026-06-01T10:00:00+08:00', newCaseNo: '(2026)豫0823执恢7号' });
  });

  it('a closed case with an open round stays in the scan and escalates to the service team', () => {
    const state = fold(base());
    expect(planNextCheck(state, DEFAULT_LIMITS, {})).toBeDefined();
    const { notices } = escalate(state, DEFAULT_LIMITS, cst('2026-10-22T09:00'), {});
    expect(notices).toEqual([expect.objectContaining({ node: 'requery', instance: '1', level: 'supervise', team: 'service' })]);
    expect(notices[0]?.message).toContain('「终本后定期网络查询(第1轮)」期限10月20日24时，已超期1天9小时');
  });
});
