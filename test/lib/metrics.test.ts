/**
 * The definitions of the leadership metrics (CONTRACT §6, docs/METRICS.md) on small
 * hand-built cases: what a case contributes, and what a report makes of it. Every
 * expected figure is worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { rulesFor } from '../../lib/app/case-records.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { caseContributions, type CaseEntry, dayBucket, type DayEntry, openBucket, type OpenEntry } from '../../lib/metrics/contributions.js';
import { metricsCsv, metricsRows } from '../../lib/metrics/csv.js';
import { buildReport, daysToRead, medianOf, type MetricsQuery, parseMetricsQuery } from '../../lib/metrics/report.js';
import { type BucketSums, type NoticeEntry, summarize } from '../../lib/metrics/summaries.js';
import { chinaDateOf } from '../../lib/time.js';
import { ev, filed, fold } from './fixtures.js';

const rules = rulesFor(DEFAULT_LIMITS);
const reassign = (local: string, team: 'simple' | 'ordinary') => ev('case.reassigned', local, { team, reason: '繁简分流', approvedBy: '执行局长' });

describe('what one case contributes', () => {
  it('a simple case: filed, nodes done on their days (on time or late), closed in time; nodes the closing ended are not "done"', () => {
    const state = fold([
      filed('2026-03-02T09:00'), // Monday
      reassign('2026-03-02T09:30', 'simple'),
      // reception: 1 day → due 24:00 Tue 03-03; done Mon 10:00 — on time.
      ev('reception.recorded', '2026-03-02T10:00', { interviewer: '刘书记员', interviewee: '申请执行人' }),
      // onlineQuery: 24 hours from the next full hour → due Tue 10:00; started Wed 03-04 — late.
      ev('query.online.started', '2026-03-04T10:00'),
      // closeSimple: 30 days → 24:00 Wed 04-01; closed Fri 03-20, 18 days after filing.
      ev('case.closed', '2026-03-20T10:00', { kind: 'performed' }),
    ]);
    const c = caseContributions(state, rules);
    expect([...c.keys()]).toEqual(['D2026-03-02', 'D2026-03-04', 'D2026-03-20']); // closed: no open-caseload entry
    expect(c.get('D2026-03-02')).toEqual({ kind: 'day', team: 'simple', filed: true, done: { reception: [1, 1] } });
    expect(c.get('D2026-03-04')).toEqual({ kind: 'day', team: 'simple', done: { onlineQuery: [1, 0] } });
    // relatedCases and documents were still open at the closing: ended by it, not done.
    expect(c.get('D2026-03-20')).toEqual({
      kind: 'day',
      team: 'simple',
      closed: { kind: 'performed', days: 18, withinClock: true, withinStatutory: true, filedOn: '2026-03-02', clockDueOn: '2026-04-02' },
      done: { closeSimple: [1, 1], longCaseReport: [1, 1] },
    });
  });

  it('paused days do not count against the statutory limit; the case clock moves by them too', () => {
    const state = fold([
      filed('2026-01-05T10:00'), // ordinary: closeOther, 3 months
      ev('clock.paused', '2026-01-10T10:00', { reason: '依法中止执行', approvedBy: '分管领导' }),
      ev('clock.resumed', '2026-02-20T10:00'), // 41 days paused
      // 6 months → Sun 07-05 → Mon 07-06; + 41 days → Sat 08-15 → Mon 08-17: 07-20 is within.
      // closeOther: 3 months → 04-05 + 41 days → Sat 05-16 → Mon 05-18: 07-20 is past it.
      ev('case.closed', '2026-07-20T10:00', { kind: 'terminatedThisRound' }),
    ]);
    const closed = caseContributions(state, rules).get('D2026-07-20') as DayEntry;
    expect(closed.closed).toEqual({
      kind: 'terminatedThisRound',
      days: 196,
      withinClock: false,
      withinStatutory: true,
      filedOn: '2026-01-05',
      clockDueOn: '2026-05-19',
    });
    // Without the pause the same closing is outside the six months.
    const unpaused = fold([filed('2026-01-05T10:00'), ev('case.closed', '2026-07-20T10:00', { kind: 'terminatedThisRound' })]);
    expect((caseContributions(unpaused, rules).get('D2026-07-20') as DayEntry).closed?.withinStatutory).toBe(false);
  });

  it('an open case sits in its open-caseload shard with its filing date and clock', () => {
    const state = fold([filed('2026-03-02T09:00'), reassign('2026-03-02T09:30', 'simple')]);
    const c = caseContributions(state, rules);
    expect(c.get(openBucket(state.caseNo))).toEqual({ kind: 'open', team: 'simple', filedOn: '2026-03-02', clockDueOn: '2026-04-02' });
    expect(openBucket(state.caseNo)).toMatch(/^O0[0-7]$/);
  });
});

// Hand-built entries for the report: the figures below are counted from these by hand.
const day = (team: DayEntry['team'], fields: Omit<DayEntry, 'kind' | 'team'>): DayEntry => ({ kind: 'day', team, ...fields });
const closing = (kind: 'performed' | 'terminatedThisRound' | 'withdrawn', days: number, withinClock: boolean, withinStatutory: boolean, filedOn: string, clockDueOn: string) =>
  ({ kind, days, withinClock, withinStatutory, filedOn, clockDueOn }) as const;
const notice = (team: NoticeEntry['team'], level: NoticeEntry['level']): NoticeEntry => ({ kind: 'notice', team, level });

const ENTRIES: Record<string, Array<CaseEntry | NoticeEntry>> = {
  // Before the period.
  'D2026-03-31': [day('simple', { filed: true })],
  'D2026-04-01': [day('simple', { filed: true, done: { reception: [1, 1], onlineQuery: [1, 0] } }), day('ordinary', { filed: true, done: { reception: [1, 0] } })],
  'D2026-04-15': [
    day('simple', { closed: closing('performed', 14, true, true, '2026-04-01', '2026-05-02'), done: { closeSimple: [1, 1] } }),
    day('ordinary', { closed: closing('terminatedThisRound', 410, false, false, '2025-03-01', '2025-06-02') }),
    notice('service', 'urge'),
    notice('ordinary', 'remind'),
  ],
  'D2026-04-20': [day('ordinary', { filed: true, done: { documents: [2, 1] } }), notice('service', 'supervise')],
  'D2026-04-30': [day('simple', { closed: closing('withdrawn', 30, false, true, '2026-03-31', '2026-04-30') })],
  // After the period: B (filed 04-20) closes on 05-10 — it was still open on 05-01.
  'D2026-05-01': [day('simple', { filed: true })],
  'D2026-05-10': [day('ordinary', { closed: closing('performed', 20, true, true, '2026-04-20', '2026-07-21') })],
};
const OPEN: OpenEntry[] = [
  { kind: 'open', team: 'ordinary', filedOn: '2026-01-10', clockDueOn: '2026-04-11' }, // 111 days on 05-01, past its clock
  { kind: 'open', team: 'ordinary', filedOn: '2024-12-31', clockDueOn: '2025-04-01' }, // 486 days, past its clock
  { kind: 'open', team: 'simple', filedOn: '2026-05-01', clockDueOn: '2026-06-01' }, // filed on 05-01: not pending then
];

/** A report as the reader makes it: from the days it reads, and the open caseload. */
function report(query: MetricsQuery, now = '2026-06-01T12:00:00+08:00', open: readonly OpenEntry[] = OPEN) {
  const days = new Map<string, BucketSums>();
  for (const date of daysToRead(query, chinaDateOf(Date.parse(now)))) {
    const entries = ENTRIES[dayBucket(date)];
    if (entries) days.set(date, summarize(entries));
  }
  return buildReport(query, { court: 'wuzhi', now: Date.parse(now), days, open: [summarize(open)] });
}

describe('the report of a period (from ≤ day < to)', () => {
  it('April 2026, every team', () => {
    const r = report({ from: '2026-04-01', to: '2026-05-01' });
    expect(r).toMatchObject({ filed: 3, closed: 3, clearanceRate: 1 }); // 04-01 ×2, 04-20; 04-15 ×2, 04-30
    expect(r.timeToDisposition).toEqual({ closed: 3, medianDays: 30, withinClock: 1 / 3 }); // 14, 30, 410
    expect(r.closings).toEqual({ performed: 1, terminatedThisRound: 1, terminated: 0, rejected: 0, withdrawn: 1, other: 0 });
    expect([r.performedRate, r.terminationRate, r.withinStatutoryLimit]).toEqual([1 / 3, 1 / 3, 2 / 3]);
    expect(r.onTime.reception).toBe(0.5);
    expect(r.onTimeCounts.documents).toEqual({ done: 2, onTime: 1 });
    expect(r.onTime.onlineQuery).toBe(0);
    expect(r.onTime.closeSimple).toBe(1);
    expect(r.onTime.payout).toBeNull(); // none done: no divisor
    expect(r.notices).toEqual({ remind: 1, urge: 1, supervise: 1, approvalSupervisor: 0, approvalPresident: 0 });
    // Open at 00:00 on 05-01: A (111 days), D (486), B (11, closed later on 05-10); not the one filed on 05-01.
    expect(r.pendingAge).toEqual({ at: '2026-05-01', open: 3, '0-30': 1, '31-90': 0, '91-180': 1, '181-365': 0, '366+': 1, backlog: 2 / 3 });
  });

  it('one team: its cases, the nodes it acts on, the notices it was sent', () => {
    const service = report({ from: '2026-04-01', to: '2026-05-01', team: 'service' });
    // The service team owns no case; it acts on reception, onlineQuery and documents.
    expect(service).toMatchObject({ filed: 0, closed: 0, clearanceRate: null, performedRate: null, withinStatutoryLimit: null });
    expect(service.onTimeCounts.reception).toEqual({ done: 2, onTime: 1 });
    expect(service.notices).toMatchObject({ urge: 1, supervise: 1, remind: 0 });
    const simple = report({ from: '2026-04-01', to: '2026-05-01', team: 'simple' });
    expect(simple).toMatchObject({ filed: 1, closed: 2, clearanceRate: 2 });
    expect(simple.onTimeCounts.closeSimple).toEqual({ done: 1, onTime: 1 });
    expect(simple.onTimeCounts.reception).toEqual({ done: 0, onTime: 0 });
    expect(simple.pendingAge).toMatchObject({ open: 0, backlog: null });
  });

  it('a period that runs past today: the pending caseload is the one at the end of today', () => {
    // On 05-12 at noon: A, D and the case filed on 05-01 are open; B closed on 05-10.
    const r = report({ from: '2026-05-01', to: '2026-06-01' }, '2026-05-12T12:00:00+08:00');
    expect(r).toMatchObject({ filed: 1, closed: 1 });
    expect(r.pendingAge).toEqual({ at: '2026-05-13', open: 3, '0-30': 1, '31-90': 0, '91-180': 1, '181-365': 0, '366+': 1, backlog: 2 / 3 });
  });

  it('the median of an even count is the mean of the middle two', () => {
    expect(medianOf({ 14: 1, 30: 1 })).toBe(22);
    expect(medianOf({ 3: 2, 9: 1, 100: 1 })).toBe(6);
    expect(medianOf({})).toBeNull();
  });

  it('reads the period’s days and those from its end to today, nothing else', () => {
    expect(daysToRead({ from: '2026-04-28', to: '2026-05-01' }, '2026-05-02')).toEqual(['2026-04-28', '2026-04-29', '2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']);
    expect(daysToRead({ from: '2026-05-01', to: '2026-06-01' }, '2026-05-02')).toEqual(['2026-05-01', '2026-05-02', '2026-05-03']);
  });
});

describe('the query: errors name the field, the value and what was expected, Chinese first', () => {
  const errorsOf = (raw: Record<string, string>) => {
    try {
      parseMetricsQuery(raw);
    } catch (error) {
      return (error as { errors: Array<{ path: string; message: string }> }).errors;
    }
    throw new Error('accepted');
  };

  it.each([
    [{ to: '2026-05-01' }, 'from', '收到 （无）/ nothing；应为日期 YYYY-MM-DD'],
    [{ from: '2026-02-30', to: '2026-05-01' }, 'from', '收到 "2026-02-30"；应为日期 YYYY-MM-DD'],
    [{ from: '2026-4-1', to: '2026-05-01' }, 'from', '收到 "2026-4-1"；应为日期'],
    [{ from: '2026-05-01', to: '2026-05-01' }, 'to', '应为晚于 from（2026-05-01）的日期'],
    [{ from: '2025-01-01', to: '2026-01-03' }, 'to', '应为from 之后至多 366 天（2026-01-02）'],
    [{ from: '2026-04-01', to: '2026-05-01', team: 'director' }, 'team', '收到 "director"；应为以下之一：service, simple'],
  ])('%j → %s', (raw, path, zh) => {
    const [error] = errorsOf(raw);
    expect(error?.path).toBe(path);
    expect(error?.message).toContain(zh);
    expect(error?.message).toMatch(/ \/ got .*; expected /);
  });

  it('takes a leap year, an empty or "all" team as every team', () => {
    expect(parseMetricsQuery({ from: '2024-01-01', to: '2025-01-01', team: '' })).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    expect(parseMetricsQuery({ from: '2026-04-01', to: '2026-05-01', team: 'all' })).toEqual({ from: '2026-04-01', to: '2026-05-01' });
  });
});

describe('CSV for Excel', () => {
  it('UTF-8 with BOM, CRLF, a Chinese header, one row per value with its JSON path; null is an empty cell', () => {
    const r = report({ from: '2026-04-01', to: '2026-05-01' });
    const csv = metricsCsv(r);
    expect(csv.startsWith('\uFEFF指标,代码,数值\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = csv.slice(1).trimEnd().split('\r\n').slice(1).map((line) => line.split(','));
    const byId = new Map(rows.map(([name, id, value]) => [id, { name, value }]));
    expect(byId.get('filed')).toEqual({ name: '收案数', value: '3' });
    expect(byId.get('onTime.payout')).toEqual({ name: '节点按期完成率：案款发放', value: '' });
    expect(byId.get('pendingAge.366+')?.value).toBe('1');
    expect(byId.get('notices.urge')).toEqual({ name: '发出通知：催办', value: '1' });
    // Every row is the value at its path in the JSON report.
    for (const [, id, value] of metricsRows(r)) {
      const atPath = id.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], r);
      expect(atPath, id).toEqual(id === 'team' ? null : value);
    }
  });

  it('quotes cells with commas or quotes and defuses a leading formula character', () => {
    const r = { ...report({ from: '2026-04-01', to: '2026-05-01' }), court: 'x', from: '=1+1,"a"' };
    expect(metricsCsv(r)).toContain('统计起日（含）,from,"\'=1+1,""a"""\r\n');
  });
});

it('day buckets are named by China date', () => {
  expect(dayBucket('2026-04-01')).toBe('D2026-04-01');
});
