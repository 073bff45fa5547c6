/**
 * The explanation of a due time (docs/API.md "案件视图": steps): every counting step, worked out
 * by hand from the State Council's holiday notices — 国务院办公厅关于2025年部分节假日安排的
 * 通知 (国办发明电〔2024〕12号) and 关于2026年部分节假日安排的通知 (November 2025): 2026 元旦
 * 1-3 Jan (4 Jan worked), 春节 15-23 Feb (14 and 28 Feb worked), 清明 4-6 Apr, 劳动节 1-5 May
 * (9 May worked), 端午 19-21 Jun, 中秋 25-27 Sep, 国庆 1-7 Oct (20 Sep and 10 Oct worked) —
 * and a property: replaying the steps gives `dueAt` whatever the start, limit, pauses
 * and holiday data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLegalCalendar, type HolidayOverrides } from '../../lib/calendar.js';
import { computeDueAt, dueBeforeLapse, dueWithinHorizon, type LimitUnit, type Step } from '../../lib/counting.js';
import { addDays, type CivilDate, DAY_MS, type Instant } from '../../lib/time.js';
import { cst, endOf } from './fixtures.js';
import { replaySteps } from './replay.js';

const calendar = createLegalCalendar();
const NATIONAL_DAY = { zh: '国庆节', en: 'National Day' };
const SPRING_FESTIVAL = { zh: '春节', en: 'Spring Festival' };

/** The steps without the rest reason's English (compared separately where it matters). */
const rules = (steps: readonly Step[]) => steps.map((s) => s.rule);

describe('steps of a day limit (CPL Art. 85: the start day not counted, a rest day moves the last day)', () => {
  it('vehicleSeizure, 2 days from Tue 2026-09-29 10:00: 10-01 is 国庆 → 24:00 Thu 10-08', () => {
    const due = computeDueAt(calendar, cst('2026-09-29T10:00'), { amount: 2, unit: 'days', param: 'VehicleSeizureDays' });
    expect(due.steps).toEqual([
      { rule: 'startDay', to: endOf('2026-09-29') },
      { rule: 'addDays', n: 2, param: 'VehicleSeizureDays', to: endOf('2026-10-01') },
      { rule: 'restDayLater', day: '2026-10-01', rest: NATIONAL_DAY, to: endOf('2026-10-08') },
    ]);
    expect(due.dueAt).toBe(endOf('2026-10-08'));
  });

  it('a same-day limit on Sat 2026-03-07 (an ordinary weekend) → 24:00 Mon 03-09, the reason 周六', () => {
    const due = computeDueAt(calendar, cst('2026-03-07T15:20'), { amount: 0, unit: 'days', param: 'TraditionalQueryDays' });
    expect(due.steps).toEqual([
      { rule: 'sameDay', param: 'TraditionalQueryDays', to: endOf('2026-03-07') },
      { rule: 'restDayLater', day: '2026-03-07', rest: { zh: '周六', en: 'Saturday' }, to: endOf('2026-03-09') },
    ]);
  });

  it('a same-day limit on Sat 2026-02-14, a 调休 working day, stays there', () => {
    expect(computeDueAt(calendar, cst('2026-02-14T09:00'), { amount: 0, unit: 'days' }).steps).toEqual([{ rule: 'sameDay', to: endOf('2026-02-14') }]);
  });

  it('2 working days from Wed 2026-09-30 skip 国庆 1-7 Oct → 24:00 Fri 10-09', () => {
    const due = computeDueAt(calendar, cst('2026-09-30T10:00'), { amount: 2, unit: 'workingDays', param: 'MaterialsWorkingDays' });
    expect(due.steps).toEqual([
      { rule: 'startDay', to: endOf('2026-09-30') },
      { rule: 'addWorkingDays', n: 2, param: 'MaterialsWorkingDays', skipped: [NATIONAL_DAY], to: endOf('2026-10-09') },
    ]);
  });

  it('1 month from 2026-01-31 is the month-end 02-28, a Saturday worked by 调休: no move', () => {
    const due = computeDueAt(calendar, cst('2026-01-31T10:00'), { amount: 1, unit: 'months' });
    expect(rules(due.steps)).toEqual(['startDay', 'addMonths']);
    expect(due.dueAt).toBe(endOf('2026-02-28'));
  });

  it('a year without data: 3 days from 2026-12-30 end Sat 2027-01-02 → Mon 01-04 by weekends only, and says so', () => {
    const due = computeDueAt(calendar, cst('2026-12-30T10:00'), { amount: 3, unit: 'days' });
    expect(due.steps.slice(2)).toEqual([
      { rule: 'restDayLater', day: '2027-01-02', rest: { zh: '周六', en: 'Saturday' }, to: endOf('2027-01-04') },
      { rule: 'unknownYear', years: [2027], to: endOf('2027-01-04') },
    ]);
  });
});

describe('steps of an hour limit (CPL Art. 85, interp. Art. 125: from the next full hour, never moved)', () => {
  it('onlineQuery, 24 hours from 10:25 on Wed 2026-09-30 → 11:00 on 10-01 (国庆, not moved)', () => {
    const due = computeDueAt(calendar, cst('2026-09-30T10:25'), { amount: 24, unit: 'hours', param: 'OnlineQueryHours' });
    expect(due.steps).toEqual([
      { rule: 'startHour', to: cst('2026-09-30T11:00') },
      { rule: 'addHours', n: 24, param: 'OnlineQueryHours', to: cst('2026-10-01T11:00') },
    ]);
  });
});

describe('steps of a pause (七13; counted in China days from the day of the pause to the day of the resumption)', () => {
  const START = cst('2026-03-02T10:00'); // 30 days → Wed 04-01
  const period = { amount: 30, unit: 'days' as const, param: 'SimpleCaseDays' };

  it('paused 10:00 on 03-10, resumed 09:00 on 03-17: 7 days → 24:00 Wed 04-08', () => {
    const due = computeDueAt(calendar, START, period, [{ from: cst('2026-03-10T10:00'), to: cst('2026-03-17T09:00') }]);
    expect(due.steps.slice(2)).toEqual([{ rule: 'pause', n: 7, day: '2026-03-10', endDay: '2026-03-17', to: endOf('2026-04-08') }]);
  });

  it('paused and resumed on one day: a step that adds nothing', () => {
    const due = computeDueAt(calendar, START, period, [{ from: cst('2026-03-10T10:00'), to: cst('2026-03-10T16:00') }]);
    expect(due.steps.slice(2)).toEqual([{ rule: 'pause', n: 0, day: '2026-03-10', endDay: '2026-03-10', to: endOf('2026-04-01') }]);
  });

  it('a pause that begins after the limit ran out adds nothing, and says so', () => {
    const due = computeDueAt(calendar, START, period, [{ from: cst('2026-04-03T10:00'), to: cst('2026-04-20T10:00') }]);
    expect(due.steps.slice(2)).toEqual([{ rule: 'pauseAfterDue', day: '2026-04-03', to: endOf('2026-04-01') }]);
  });

  it('a pause that ends on 清明: 10 days from 03-25 → 04-04 (清明 4-6 Apr) → Tue 04-07', () => {
    const due = computeDueAt(calendar, START, period, [{ from: cst('2026-03-25T10:00'), to: cst('2026-03-28T10:00') }]);
    // 04-01 + 3 days = Sat 04-04, 清明 → 04-07.
    expect(due.steps.slice(2)).toEqual([
      { rule: 'pause', n: 3, day: '2026-03-25', endDay: '2026-03-28', to: endOf('2026-04-04') },
      { rule: 'restDayLater', day: '2026-04-04', rest: { zh: '清明', en: 'Tomb-sweeping Day' }, to: endOf('2026-04-07') },
    ]);
  });
});

describe('steps of a renewal (CPL interpretation Art. 485; due RenewalLeadDays before the lapse, moved earlier)', () => {
  const lead = { amount: 15, unit: 'days' as const, param: 'RenewalLeadDays' };

  it('a deposit frozen on 2025-12-10 lapses at the end of 2026-12-10; renewal due 24:00 Wed 2026-11-25', () => {
    const due = dueBeforeLapse(calendar, cst('2025-12-10T10:00'), { months: 12, param: 'DepositFreezeMonths', kind: 'deposit' }, lead);
    expect(due.steps).toEqual([
      { rule: 'startDay', to: endOf('2025-12-10') },
      { rule: 'term', n: 12, param: 'DepositFreezeMonths', kind: 'deposit', to: endOf('2026-12-10') },
      { rule: 'leadBefore', n: 15, param: 'RenewalLeadDays', to: endOf('2026-11-25') },
    ]);
    expect(due.lapsesOn).toBe('2026-12-10');
  });

  it('a ruling until 2026-10-16: 15 days before is 10-01 (国庆) → the previous working day, Wed 09-30', () => {
    const due = dueBeforeLapse(calendar, cst('2026-04-16T10:00'), { until: '2026-10-16' }, lead);
    expect(due.steps).toEqual([
      { rule: 'until', day: '2026-10-16', to: endOf('2026-10-16') },
      { rule: 'leadBefore', n: 15, param: 'RenewalLeadDays', to: endOf('2026-10-01') },
      { rule: 'restDayEarlier', day: '2026-10-01', rest: NATIONAL_DAY, to: endOf('2026-09-30') },
    ]);
  });

  it('lapse on 2026-03-09: 15 days before is 02-22 (春节) → back over 春节 15-23 Feb to Sat 02-14, worked by 调休', () => {
    const due = dueBeforeLapse(calendar, cst('2025-03-09T10:00'), { months: 12, param: 'DepositFreezeMonths', kind: 'deposit' }, lead);
    expect(due.steps.slice(2)).toEqual([
      { rule: 'leadBefore', n: 15, param: 'RenewalLeadDays', to: endOf('2026-02-22') },
      { rule: 'restDayEarlier', day: '2026-02-22', rest: SPRING_FESTIVAL, to: endOf('2026-02-14') },
    ]);
  });

  it('a ruling that ends before its lead: due at the end of the day the measure was recorded', () => {
    const due = dueBeforeLapse(calendar, cst('2026-03-10T10:00'), { until: '2026-03-20' }, lead);
    expect(due.steps.slice(1)).toEqual([
      { rule: 'leadBefore', n: 15, param: 'RenewalLeadDays', to: endOf('2026-03-05') },
      { rule: 'notBeforeStart', day: '2026-03-10', to: endOf('2026-03-10') },
    ]);
  });
});

describe('steps of a requery round (终本 rules Art. 9; none due later than RequeryForMonths after the closing)', () => {
  const period = { amount: 6, unit: 'months' as const, param: 'RequeryPeriodMonths' };

  it('a round from Mon 2026-04-20 → 24:00 Tue 10-20', () => {
    const due = dueWithinHorizon(calendar, cst('2026-04-20T10:00'), period, { baseDay: '2026-04-20', months: 60, param: 'RequeryForMonths' });
    expect(due.steps).toEqual([
      { rule: 'startDay', to: endOf('2026-04-20') },
      { rule: 'addMonths', n: 6, param: 'RequeryPeriodMonths', to: endOf('2026-10-20') },
    ]);
  });

  it('capped 12 months after a closing on 2025-10-04: 2026-10-04 is 国庆 → Wed 09-30', () => {
    // 6 months from 2026-04-10 end on Sat 10-10, a 调休 working day; the horizon comes first.
    const due = dueWithinHorizon(calendar, cst('2026-04-10T10:00'), period, { baseDay: '2025-10-04', months: 12, param: 'RequeryForMonths' });
    expect(due.steps.slice(2)).toEqual([
      { rule: 'cap', n: 12, param: 'RequeryForMonths', day: '2026-10-04', baseDay: '2025-10-04', to: endOf('2026-10-04') },
      { rule: 'restDayEarlier', day: '2026-10-04', rest: NATIONAL_DAY, to: endOf('2026-09-30') },
    ]);
  });
});

describe('property: replaying the steps gives dueAt — any start, limit, pauses and holiday data', () => {
  const start = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2026-12-31T15:59:59Z') });
  const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2024-06-01', n));
  /** Random rest and working days for 2025-2027 (a listed year counts as known). */
  const overrides: fc.Arbitrary<HolidayOverrides> = fc
    .record({ rest: fc.uniqueArray(day, { maxLength: 40 }), work: fc.uniqueArray(day, { maxLength: 20 }) })
    .map(({ rest, work }) => {
      const out: Record<string, { rest: CivilDate[]; work: CivilDate[] }> = {};
      const put = (kind: 'rest' | 'work', d: CivilDate) => ((out[d.slice(0, 4)] ??= { rest: [], work: [] })[kind].push(d), undefined);
      for (const d of rest) put('rest', d);
      for (const d of work.filter((w) => !rest.includes(w))) put('work', d);
      return out;
    });
  const unit = fc.constantFrom<LimitUnit>('hours', 'days', 'workingDays', 'months');
  const maxAmount: Record<LimitUnit, number> = { hours: 24 * 30, days: 120, workingDays: 60, months: 36 };
  const pauses = fc.array(
    fc.record({ after: fc.integer({ min: -10 * DAY_MS, max: 200 * DAY_MS }), length: fc.integer({ min: 0, max: 40 * DAY_MS }) }),
    { maxLength: 3 },
  );

  const check = (cal: ReturnType<typeof createLegalCalendar>, t: Instant, due: { dueAt: Instant; steps: readonly Step[] }) => {
    expect(replaySteps(t, due.steps, cal)).toBe(due.dueAt);
    expect(due.steps.at(-1)?.to).toBe(due.dueAt);
  };

  it('computeDueAt: every unit, with pauses', () => {
    fc.assert(
      fc.property(overrides, start, unit, fc.nat(1000), pauses, (o, t, u, raw, ps) => {
        const cal = createLegalCalendar(o);
        const spans = ps.map((p) => ({ from: t + p.after, to: t + p.after + p.length }));
        check(cal, t, computeDueAt(cal, t, { amount: raw % (maxAmount[u] + 1), unit: u, param: 'X' }, spans));
      }),
      { numRuns: 400 },
    );
  });

  it('dueBeforeLapse: terms in months or a ruling\'s end date, any lead', () => {
    fc.assert(
      fc.property(overrides, start, fc.oneof(fc.integer({ min: 1, max: 36 }), day), fc.integer({ min: 1, max: 180 }), (o, t, term, lead) => {
        const cal = createLegalCalendar(o);
        const lapse = typeof term === 'number' ? { months: term, param: 'T', kind: 'deposit' } : { until: term };
        const due = dueBeforeLapse(cal, t, lapse, { amount: lead, unit: 'days', param: 'L' });
        check(cal, t, due);
        expect(due.dueAt).toBeGreaterThan(t); // never before the clock's own day ends
      }),
      { numRuns: 300 },
    );
  });

  it('dueWithinHorizon: any period and horizon', () => {
    fc.assert(
      fc.property(overrides, start, fc.integer({ min: 1, max: 24 }), day, fc.integer({ min: 1, max: 60 }), (o, t, months, base, horizon) => {
        const cal = createLegalCalendar(o);
        const due = dueWithinHorizon(cal, t, { amount: months, unit: 'months', param: 'P' }, { baseDay: base, months: horizon, param: 'H' });
        check(cal, t, due);
        expect(due.dueAt).toBeGreaterThan(t);
      }),
      { numRuns: 300 },
    );
  });
});
