/**
 * What a court system reads about a case (docs/API.md "案件视图"): node statuses, due times in
 * +08:00, the highest level sent, findings and warnings.
 */
import { describe, expect, it } from 'vitest';
import { caseView, caseWarnings } from '../../lib/case-view.js';
import { CASE_NO, court, cst, endOf, ev, filed, fold, onlineReturned } from './fixtures.js';

describe('caseView (docs/API.md "案件视图")', () => {
  const state = fold([
    filed('2026-03-02T09:00'),
    onlineReturned('2026-03-02T10:00', { vehicles: 1 }, true),
    ev('related.queried', '2026-03-05T10:00'), // late: due 24:00 03-04
    ev('reception.recorded', '2026-03-02T11:00', { interviewer: '李书记员', interviewee: '申请执行人' }),
  ]);
  const now = cst('2026-03-06T10:00');
  const urged = {
    noticeId: 'n1', node: 'vehicleSeizure', level: 'urge', team: 'service', message: '【催办】…',
    decidedAt: '2026-03-05T00:15:00+08:00', status: 'sent', publishedAt: '2026-03-05T08:00:00+08:00',
  } as const;
  const view = caseView(state, [{ ...urged, noticeId: 'n0', level: 'remind' }, urged, { ...urged, noticeId: 'n2', level: 'supervise', status: 'held' }], now);
  const byId = (id: string) => view.nodes.find((n) => n.id === id);

  it('names the case, its court, team and final triage', () => {
    expect(view).toMatchObject({
      caseNo: CASE_NO,
      court,
      team: 'ordinary',
      triage: { team: 'ordinary', matched: ['O1'], provisional: false },
      status: 'open',
      paused: false,
      filedAt: '2026-03-02T09:00:00+08:00',
      findings: [],
      warnings: [],
    });
  });

  it('shows due times in +08:00, status pending / done / overdue, a late completion, and the highest level sent (not one still held)', () => {
    expect(byId('vehicleSeizure')).toEqual({
      id: 'vehicleSeizure',
      label: '车辆查封',
      status: 'overdue',
      startedAt: '2026-03-02T10:00:00+08:00',
      dueAt: '2026-03-05T00:00:00+08:00', // 24:00 of 03-04
      level: 'urge',
      basis: { seed: '第三章一(二)2', law: ['民事诉讼法第85条', '民事诉讼法解释第125条'], text: '线上查询车辆并制作查封裁定书等文书并实施查封（查询结果反馈后2日内）。' },
      steps: [
        { rule: 'startDay', from: '2026-03-02T10:00:00+08:00', to: '2026-03-03T00:00:00+08:00', note: '2026年3月2日发生，当日不计入，自次日起算' },
        { rule: 'addDays', from: '2026-03-03T00:00:00+08:00', to: '2026-03-05T00:00:00+08:00', note: '加2日（VehicleSeizureDays）：至2026年3月4日24时' },
      ],
    });
    expect(byId('relatedCases')).toMatchObject({ status: 'done', doneAt: '2026-03-05T10:00:00+08:00', late: true });
    expect(byId('reception')).toMatchObject({ status: 'done', doneAt: '2026-03-02T11:00:00+08:00' });
    expect(byId('reception')?.late).toBeUndefined();
    expect(byId('closeOther')).toMatchObject({ status: 'pending', dueAt: '2026-06-03T00:00:00+08:00' });
    expect(view.overdue).toBe(2); // vehicleSeizure and documents
  });

  it('a paused case shows its case-level clocks as pending and paused, never overdue', () => {
    const paused = fold([filed('2026-03-02T09:00'), ev('clock.paused', '2026-03-10T09:00', { reason: '中止', approvedBy: '分管领导' })]);
    const late = caseView(paused, [], cst('2026-07-01T00:00'));
    expect(late.paused).toBe(true);
    expect(late.nodes.find((n) => n.id === 'closeOther')).toMatchObject({ status: 'pending', paused: true });
    expect(late.nodes.find((n) => n.id === 'documents')).toMatchObject({ status: 'overdue' });
  });

  it('a closed case shows its closing, the nodes it ended, and its findings', () => {
    const closed = fold([filed('2026-01-05T09:00'), ev('case.closed', '2026-04-20T10:00', { kind: 'terminatedThisRound' })]);
    const v = caseView(closed, [], cst('2026-05-01T00:00'));
    expect(v.status).toBe('closed');
    expect(v.closed).toEqual({ at: '2026-04-20T10:00:00+08:00', kind: 'terminatedThisRound' });
    expect(v.nodes.find((n) => n.id === 'documents')).toMatchObject({ status: 'done', endedByClosing: true });
    expect(v.findings.map((f) => f.code)).toEqual([
      'terminationWithoutRequery',
      'terminationWithoutRelatedRequery',
      'terminationWithoutInterview',
      'receptionNotRecorded',
    ]);
    expect(v.findings[0]).toEqual({ code: 'terminationWithoutRequery', seed: '第三章七10', at: '2026-04-20T10:00:00+08:00' });
  });

  it('shows a manual reassignment with its reason and approver', () => {
    const s = fold([filed('2026-03-02T09:00'), ev('case.reassigned', '2026-03-03T09:00', { team: 'large', reason: '影响较大', approvedBy: '执行局长' })]);
    expect(caseView(s, [], cst('2026-03-03T10:00')).triage.manual).toEqual({
      team: 'large',
      reason: '影响较大',
      approvedBy: '执行局长',
      at: '2026-03-03T09:00:00+08:00',
    });
  });
});

describe('warnings: unknownHolidayYear (docs/API.md "案件视图") and events set aside', () => {
  it('a case filed in November 2026 has case clocks due in 2027, which the holiday data does not cover', () => {
    const state = fold([filed('2026-11-16T10:00')]);
    // closeOther: 2027-02-16 (weekday, weekends-only rule); longCaseReport: 2027-04-16.
    expect(state.nodes.find((n) => n.node === 'closeOther')?.dueAt).toBe(endOf('2027-02-16'));
    expect(caseWarnings(state)).toEqual([{ code: 'unknownHolidayYear', year: 2027, nodes: ['closeOther', 'longCaseReport'] }]);
  });

  it('a payout whose 30-day president threshold falls in 2027 warns too', () => {
    const state = fold([filed('2026-11-02T10:00'), ev('funds.arrived', '2026-12-15T10:00', { paymentId: 'P1', amount: 100 })]);
    expect(caseWarnings(state)).toContainEqual({ code: 'unknownHolidayYear', year: 2027, nodes: ['payout#P1', 'closeOther', 'longCaseReport'] });
  });

  it('a case inside 2026 has no warning', () => {
    expect(caseWarnings(fold([filed('2026-03-02T10:00')]))).toEqual([]);
  });

  it('events from another court are reported as set aside', () => {
    const state = fold([filed('2026-03-02T10:00'), ev('related.queried', '2026-03-03T10:00', undefined, { court: 'xinxiang' })]);
    expect(caseWarnings(state)).toEqual([{ code: 'eventsSetAside', otherCourt: 1, afterClosing: 0, repeatedFiling: 0 }]);
  });
});
