/**
 * The legal calendar (LAW.md): how "within N days / hours / working days / months of X"
 * becomes a due instant under the 2026 State Council holiday arrangement (国务院办公厅关于
 * 2026年部分节假日安排的通知, November 2025), as carried by the pinned `chinese-days` package.
 */
import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLegalCalendar } from '../../lib/calendar.js';
import { computeDueAt, type LimitUnit } from '../../lib/counting.js';
import { addDays, addMonths, chinaDateOf, DAY_MS, HOUR_MS } from '../../lib/time.js';
import { cst, endOf } from './fixtures.js';

const calendar = createLegalCalendar();

// chinese-days 2026 data: each holiday block and its adjusted working days (调休上班).
const HOLIDAY_BLOCKS_2026 = [
  { name: '元旦 New Year', off: ['2026-01-01', '2026-01-03'], work: ['2026-01-04'] },
  { name: '春节 Spring Festival', off: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
  { name: '清明 Qingming', off: ['2026-04-04', '2026-04-06'], work: [] },
  { name: '劳动节 Labour Day', off: ['2026-05-01', '2026-05-05'], work: ['2026-05-09'] },
  { name: '端午 Dragon Boat', off: ['2026-06-19', '2026-06-21'], work: [] },
  { name: '中秋 Mid-Autumn', off: ['2026-09-25', '2026-09-27'], work: [] },
  { name: '国庆 National Day', off: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
] as const;

function daysFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('calendar: reads the chinese-days data file exactly as the package does', () => {
  it('agrees with chinese-days isWorkday on every day of 2004-2026, and knows exactly those years', () => {
    const calendar = createLegalCalendar();
    const differing: string[] = [];
    for (let day = '2004-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
      if (calendar.isRestDay(day) === chineseDays.isWorkday(day)) differing.push(day);
    }
    expect(differing).toEqual([]);
    for (let year = 2004; year <= 2026; year++) expect(calendar.knowsYear(year), String(year)).toBe(true);
    expect(calendar.knowsYear(2003)).toBe(false);
    expect(calendar.knowsYear(2027)).toBe(false);
  });
});

describe('calendar: 2026 holiday arrangement (State Council notice, chinese-days data)', () => {
  describe.each(HOLIDAY_BLOCKS_2026)('$name', ({ off, work }) => {
    it(`every day ${off[0]}..${off[1]} is a rest day`, () => {
      for (const d of daysFrom(off[0], off[1])) expect(calendar.isRestDay(d), d).toBe(true);
    });

    it('the day before and the day after the block are working days unless they are ordinary weekend days', () => {
      const before = addDays(off[0], -1);
      const after = addDays(off[1], 1);
      for (const d of [before, after]) {
        const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
        const weekend = dow === 0 || dow === 6;
        const adjusted = (work as readonly string[]).includes(d);
        expect(calendar.isRestDay(d), d).toBe(weekend && !adjusted);
      }
    });

    if (work.length) {
      it(`adjusted working days (调休) ${work.join(', ')} are working days although they are weekends`, () => {
        for (const d of work) {
          const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
          expect(dow === 0 || dow === 6, `${d} is a weekend day`).toBe(true);
          expect(calendar.isRestDay(d), d).toBe(false);
        }
      });
    }
  });

  it('an ordinary weekend is a rest day and an ordinary weekday is not', () => {
    expect(calendar.isRestDay('2026-03-07')).toBe(true); // Saturday
    expect(calendar.isRestDay('2026-03-08')).toBe(true); // Sunday
    expect(calendar.isRestDay('2026-03-09')).toBe(false); // Monday
  });

  it('knows 2026 and the years before it, not 2027', () => {
    expect(calendar.knowsYear(2014)).toBe(true);
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.knowsYear(2027)).toBe(false);
  });
});

describe('computeDueAt: "within N days" — the start day is not counted; a last day on a rest day moves to the next working day (CPL Art. 85)', () => {
  // "2 days" (e.g. 车辆查封 "查询结果反馈后2日内") started two days before each block.
  it.each([
    { block: '元旦', start: '2025-12-30T10:00', lastDay: '2026-01-01', due: '2026-01-04' },
    { block: '春节', start: '2026-02-13T10:00', lastDay: '2026-02-15', due: '2026-02-24' },
    { block: '清明', start: '2026-04-02T10:00', lastDay: '2026-04-04', due: '2026-04-07' },
    { block: '劳动节', start: '2026-04-29T10:00', lastDay: '2026-05-01', due: '2026-05-06' },
    { block: '端午', start: '2026-06-17T10:00', lastDay: '2026-06-19', due: '2026-06-22' },
    { block: '中秋', start: '2026-09-23T10:00', lastDay: '2026-09-25', due: '2026-09-28' },
    { block: '国庆', start: '2026-09-29T10:00', lastDay: '2026-10-01', due: '2026-10-08' },
  ])('$block: 2 days from $start would end on $lastDay, a holiday → 24:00 of $due', ({ start, lastDay, due }) => {
    expect(addDays(chinaDateOf(cst(start)), 2)).toBe(lastDay);
    const result = computeDueAt(calendar, cst(start), { amount: 2, unit: 'days' });
    expect(result.dueAt).toBe(endOf(due));
    // 24:00 China time is 16:00Z of that same date.
    expect(new Date(result.dueAt).toISOString()).toBe(`${due}T16:00:00.000Z`);
    expect(result.unknownYears).toEqual([]);
  });

  it.each([
    { start: '2026-01-02T09:00', due: '2026-01-04', note: 'Sunday 2026-01-04 is a 调休 working day' },
    { start: '2026-02-12T09:00', due: '2026-02-14', note: 'Saturday 2026-02-14 is a 调休 working day' },
    { start: '2026-02-26T09:00', due: '2026-02-28', note: 'Saturday 2026-02-28 is a 调休 working day' },
    { start: '2026-05-07T09:00', due: '2026-05-09', note: 'Saturday 2026-05-09 is a 调休 working day' },
    { start: '2026-09-18T09:00', due: '2026-09-20', note: 'Sunday 2026-09-20 is a 调休 working day' },
    { start: '2026-10-08T09:00', due: '2026-10-10', note: 'Saturday 2026-10-10 is a 调休 working day' },
  ])('a last day that is an adjusted working day stays: $start + 2 days → $due ($note)', ({ start, due }) => {
    expect(computeDueAt(calendar, cst(start), { amount: 2, unit: 'days' }).dueAt).toBe(endOf(due));
  });

  it('an ordinary weekend last day moves to Monday: Thu 2026-03-05 + 2 days → Mon 2026-03-09', () => {
    expect(computeDueAt(calendar, cst('2026-03-05T15:00'), { amount: 2, unit: 'days' }).dueAt).toBe(endOf('2026-03-09'));
  });

  it('rest days inside the period are not deducted: 10 days from Fri 2026-02-13 end on 02-23 (still 春节) → 02-24; 15 days end on Sat 02-28 (调休)', () => {
    expect(computeDueAt(calendar, cst('2026-02-13T10:00'), { amount: 10, unit: 'days' }).dueAt).toBe(endOf('2026-02-24'));
    // 15 days from the same start: 2026-02-28 is a 调休 Saturday, it ends there.
    expect(computeDueAt(calendar, cst('2026-02-13T10:00'), { amount: 15, unit: 'days' }).dueAt).toBe(endOf('2026-02-28'));
  });

  it('0 days ("当日") ends at 24:00 of the same day on a working day', () => {
    expect(computeDueAt(calendar, cst('2026-03-02T09:00'), { amount: 0, unit: 'days' }).dueAt).toBe(endOf('2026-03-02'));
    // Wed 2026-09-30 is a working day (the 国庆 block starts on 10-01).
    expect(computeDueAt(calendar, cst('2026-09-30T16:00'), { amount: 0, unit: 'days' }).dueAt).toBe(endOf('2026-09-30'));
  });

  // Revised 2026-11-30: the last day of a same-day period is the day itself, so the
  // rest-day rule (CPL Art. 85) moves it like any last day.
  it.each([
    { start: '2026-03-07T10:00', due: '2026-03-09', note: 'Sat 03-07, an ordinary weekend → Mon 03-09' },
    { start: '2026-10-02T09:00', due: '2026-10-08', note: '国庆 10-01..07 (2026 notice) → Thu 10-08' },
    { start: '2026-02-14T09:00', due: '2026-02-14', note: 'Sat 02-14 is a 调休 working day: it stays' },
    { start: '2026-09-26T11:00', due: '2026-09-28', note: '中秋 09-25..27 → Mon 09-28' },
  ])('0 days from $start → 24:00 of $due ($note)', ({ start, due }) => {
    expect(computeDueAt(calendar, cst(start), { amount: 0, unit: 'days' }).dueAt).toBe(endOf(due));
  });

  it('the day counts in China time: 2026-03-02T17:30:00Z is 2026-03-03 01:30 in China', () => {
    const start = Date.parse('2026-03-02T17:30:00Z');
    expect(chinaDateOf(start)).toBe('2026-03-03');
    expect(computeDueAt(calendar, start, { amount: 1, unit: 'days' }).dueAt).toBe(Date.parse('2026-03-04T16:00:00Z'));
    expect(computeDueAt(calendar, start, { amount: 0, unit: 'days' }).dueAt).toBe(Date.parse('2026-03-03T16:00:00Z'));
  });
});

describe('computeDueAt: "within N hours" — from the next full hour, holidays do not matter (CPL Art. 85, interp. Art. 125; seed: 24小时内 / 48小时内)', () => {
  // Revised 2026-11-30: the hour of the event is not counted; counting starts at the next full hour.
  it.each([
    { start: '2026-03-02T10:25', hours: 24, due: '2026-03-03T11:00', note: '10:25 → from 11:00' },
    { start: '2026-03-02T10:00', hours: 24, due: '2026-03-03T11:00', note: 'exactly 10:00 → still from 11:00' },
    { start: '2026-03-02T10:15', hours: 24, due: '2026-03-03T11:00', note: '10:15 → from 11:00' },
    { start: '2026-09-30T15:00', hours: 24, due: '2026-10-01T16:00', note: 'into 国庆: hours are not moved' },
    { start: '2026-02-13T18:00', hours: 48, due: '2026-02-15T19:00', note: 'into 春节: not moved' },
    { start: '2026-03-02T23:59', hours: 24, due: '2026-03-04T00:00', note: 'from 00:00 the next day' },
  ])('$start + $hours h → $due ($note)', ({ start, hours, due }) => {
    expect(computeDueAt(calendar, cst(start), { amount: hours, unit: 'hours' }).dueAt).toBe(cst(due));
  });
});

describe('computeDueAt: "N working days" (seed 第三章一(七)2 "返单位后2个工作日内")', () => {
  it.each([
    { start: '2026-03-02T10:00', due: '2026-03-04', note: 'Mon → Tue, Wed' },
    { start: '2026-03-05T10:00', due: '2026-03-09', note: 'Thu → Fri, (weekend), Mon' },
    { start: '2026-02-12T10:00', due: '2026-02-14', note: 'Thu → Fri 02-13, Sat 02-14 (调休 working day)' },
    { start: '2026-02-13T10:00', due: '2026-02-24', note: 'Fri → Sat 02-14 (调休), then 春节 02-15..23, Tue 02-24' },
    { start: '2026-09-18T10:00', due: '2026-09-21', note: 'Fri → Sun 09-20 (调休), Mon 09-21' },
    { start: '2026-09-30T10:00', due: '2026-10-09', note: 'Wed → 国庆 10-01..07, Thu 10-08, Fri 10-09' },
    { start: '2026-10-09T10:00', due: '2026-10-12', note: 'Fri → Sat 10-10 (调休), Mon 10-12' },
    { start: '2025-12-31T10:00', due: '2026-01-05', note: 'Wed → 元旦 01-01..03, Sun 01-04 (调休), Mon 01-05' },
    { start: '2026-04-30T10:00', due: '2026-05-07', note: 'Thu → 劳动节 05-01..05, Wed 05-06, Thu 05-07' },
  ])('2 working days from $start → 24:00 of $due ($note)', ({ start, due }) => {
    expect(computeDueAt(calendar, cst(start), { amount: 2, unit: 'workingDays' }).dueAt).toBe(endOf(due));
  });

  it('started on a holiday: the holiday itself is the start day and is not counted', () => {
    expect(computeDueAt(calendar, cst('2026-10-03T10:00'), { amount: 1, unit: 'workingDays' }).dueAt).toBe(endOf('2026-10-08'));
  });
});

describe('computeDueAt: "within N months" — the corresponding day, or the month\'s last day (Civil Code Art. 202), then the rest-day rule', () => {
  it('LAW.md example: 3 months from 2014-05-28 ends 2014-08-28 (at 24:00)', () => {
    const result = computeDueAt(calendar, cst('2014-05-28T10:00'), { amount: 3, unit: 'months' });
    expect(result.dueAt).toBe(endOf('2014-08-28'));
    expect(result.unknownYears).toEqual([]);
  });

  it.each([
    { start: '2026-03-31T10:00', months: 1, due: '2026-04-30', note: '31 Mar → 30 Apr' },
    { start: '2026-01-31T10:00', months: 1, due: '2026-02-28', note: '31 Jan 2026 → 28 Feb, a Saturday but a 调休 working day' },
    { start: '2024-01-31T10:00', months: 1, due: '2024-02-29', note: '31 Jan 2024 → 29 Feb (leap year)' },
    { start: '2024-10-31T10:00', months: 1, due: '2024-12-02', note: '31 Oct 2024 → 30 Nov, a Saturday → Mon 2 Dec' },
    { start: '2026-07-01T10:00', months: 3, due: '2026-10-08', note: '1 Jul → 1 Oct, 国庆 → 8 Oct' },
    { start: '2026-01-19T10:00', months: 5, due: '2026-06-22', note: '19 Jan → 19 Jun, 端午 → 22 Jun' },
  ])('$months month(s) from $start → 24:00 of $due ($note)', ({ start, months, due }) => {
    expect(computeDueAt(calendar, cst(start), { amount: months, unit: 'months' }).dueAt).toBe(endOf(due));
  });
});

describe('computeDueAt: a year without holiday data is never silently "no holidays"', () => {
  it('2027 is not in the package: the result names 2027 and counts weekends only', () => {
    // 2026-12-30 + 3 days = Sat 2027-01-02 → Mon 2027-01-04 under the weekend-only rule.
    const result = computeDueAt(calendar, cst('2026-12-30T10:00'), { amount: 3, unit: 'days' });
    expect(result.unknownYears).toEqual([2027]);
    expect(result.dueAt).toBe(endOf('2027-01-04'));
  });

  it('a weekday of 2027 is a working day and reports 2027 as unknown', () => {
    const result = computeDueAt(calendar, cst('2026-12-30T10:00'), { amount: 2, unit: 'days' });
    expect(result.dueAt).toBe(endOf('2027-01-01'));
    expect(result.unknownYears).toEqual([2027]);
  });

  it('a due time inside a known year reports nothing', () => {
    expect(computeDueAt(calendar, cst('2026-12-01T10:00'), { amount: 2, unit: 'days' }).unknownYears).toEqual([]);
  });
});

describe('calendar overrides (stack parameter HolidayOverrides): next year\'s notice as data', () => {
  it('a listed year becomes known; its listed rest days are rest days, other days follow the week', () => {
    const withNewYear = createLegalCalendar({ 2027: { rest: ['2027-01-01'] } });
    expect(withNewYear.knowsYear(2027)).toBe(true);
    expect(withNewYear.isRestDay('2027-01-01')).toBe(true); // Friday, listed
    expect(withNewYear.isRestDay('2027-01-04')).toBe(false); // Monday
    expect(withNewYear.isRestDay('2027-01-09')).toBe(true); // Saturday
    // 2026-12-29 + 3 days = Fri 2027-01-01, now a holiday → Mon 2027-01-04; no unknown year.
    const result = computeDueAt(withNewYear, cst('2026-12-29T10:00'), { amount: 3, unit: 'days' });
    expect(result).toMatchObject({ dueAt: endOf('2027-01-04'), unknownYears: [] });
    // Without the override the same period ends on Friday 2027-01-01 and warns.
    expect(computeDueAt(calendar, cst('2026-12-29T10:00'), { amount: 3, unit: 'days' })).toMatchObject({
      dueAt: endOf('2027-01-01'),
      unknownYears: [2027],
    });
  });

  it('an extra working day (调休) on a weekend of a listed year stops the roll there', () => {
    const cal = createLegalCalendar({ 2027: { work: ['2027-01-02'] } });
    expect(computeDueAt(cal, cst('2026-12-30T10:00'), { amount: 3, unit: 'days' }).dueAt).toBe(endOf('2027-01-02'));
  });

  it('patches a known year: an extra rest day moves the due time, an extra working day keeps it', () => {
    const extraRest = createLegalCalendar({ 2026: { rest: ['2026-03-04'] } });
    expect(extraRest.isRestDay('2026-03-04')).toBe(true);
    expect(extraRest.isRestDay('2026-02-16')).toBe(true); // package data still applies
    expect(computeDueAt(extraRest, cst('2026-03-02T10:00'), { amount: 2, unit: 'days' }).dueAt).toBe(endOf('2026-03-05'));

    const extraWork = createLegalCalendar({ 2026: { work: ['2026-10-01'] } });
    expect(extraWork.isRestDay('2026-10-01')).toBe(false);
    expect(computeDueAt(extraWork, cst('2026-09-29T10:00'), { amount: 2, unit: 'days' }).dueAt).toBe(endOf('2026-10-01'));
  });

  it('working days count over an extra working day and skip an extra rest day', () => {
    const cal = createLegalCalendar({ 2026: { rest: ['2026-03-03'], work: ['2026-03-07'] } });
    // Mon 03-02 → (03-03 rest) Wed 03-04, Thu 03-05, Fri 03-06, Sat 03-07 (work).
    expect(computeDueAt(cal, cst('2026-03-02T10:00'), { amount: 4, unit: 'workingDays' }).dueAt).toBe(endOf('2026-03-07'));
  });
});

describe('computeDueAt: invariants', () => {
  const units: LimitUnit[] = ['hours', 'days', 'workingDays', 'months'];
  // Starts from 2014 to the end of 2026 (known years; some periods reach into 2027).
  const start = fc.integer({ min: Date.parse('2014-01-01T00:00:00Z'), max: Date.parse('2026-12-31T15:59:59Z') });
  const maxAmount: Record<LimitUnit, number> = { hours: 24 * 60, days: 120, workingDays: 60, months: 12 };

  it.each(units)('%s: a longer limit never gives an earlier due time, and the due time is never before the start', (unit) => {
    fc.assert(
      fc.property(start, fc.nat(maxAmount[unit]), fc.nat(maxAmount[unit]), (t, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        const dueShort = computeDueAt(calendar, t, { amount: short, unit }).dueAt;
        const dueLong = computeDueAt(calendar, t, { amount: long, unit }).dueAt;
        expect(dueShort).toBeGreaterThanOrEqual(t);
        expect(dueLong).toBeGreaterThanOrEqual(dueShort);
      }),
      { numRuns: 200 },
    );
  });

  it.each(units)('%s: a day-based due time is 24:00 China time of a working day (hours: from the next full hour)', (unit) => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: maxAmount[unit] }), (t, n) => {
        const { dueAt } = computeDueAt(calendar, t, { amount: n, unit });
        if (unit === 'hours') {
          expect(dueAt).toBe(Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS + n * HOUR_MS);
        } else {
          expect((dueAt + 8 * HOUR_MS) % DAY_MS).toBe(0);
          // The last day (the day before the 24:00 instant) is a working day.
          expect(calendar.isRestDay(chinaDateOf(dueAt - 1))).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it.each(units)('%s: a pause never shortens a clock, and moves it by at least its China days (day of pause to day of resume)', (unit) => {
    fc.assert(
      fc.property(start, fc.nat(maxAmount[unit]), fc.nat(30 * DAY_MS), fc.nat(60 * DAY_MS), (t, n, after, length) => {
        const plain = computeDueAt(calendar, t, { amount: n, unit }).dueAt;
        const pause = { from: t + after, to: t + after + length };
        const held = computeDueAt(calendar, t, { amount: n, unit }, [pause]).dueAt;
        expect(held).toBeGreaterThanOrEqual(plain);
        const days = Math.round((endOf(chinaDateOf(pause.to)) - endOf(chinaDateOf(pause.from))) / DAY_MS);
        if (pause.from >= plain) {
          expect(held).toBe(plain); // began after the limit ran out: excuses nothing
          return;
        }
        const startDay = chinaDateOf(t);
        // The unpaused last day before any rest-day roll, moved by the paused days.
        const lastDay: Record<LimitUnit, () => number> = {
          hours: () => plain + days * DAY_MS,
          days: () => endOf(addDays(startDay, n + days)),
          months: () => endOf(addDays(addMonths(startDay, n), days)),
          workingDays: () => endOf(addDays(chinaDateOf(plain - 1), days)),
        };
        if (unit === 'hours') expect(held).toBe(lastDay.hours());
        else if (n > 0 || unit !== 'workingDays') expect(held).toBeGreaterThanOrEqual(lastDay[unit]());
      }),
      { numRuns: 200 },
    );
  });

  it('a pause and resumption on the same day add nothing; 10:00 on the 1st to 09:00 on the 8th adds 7 days', () => {
    const t = cst('2026-03-02T10:00');
    const sameDay = [{ from: cst('2026-03-03T09:00'), to: cst('2026-03-03T17:00') }];
    expect(computeDueAt(calendar, t, { amount: 30, unit: 'days' }, sameDay).dueAt).toBe(computeDueAt(calendar, t, { amount: 30, unit: 'days' }).dueAt);
    // 30 days from Mon 2026-03-02 → Wed 04-01; paused 03-10 10:00 → 03-17 09:00 = 7 China days → Wed 04-08.
    const week = [{ from: cst('2026-03-10T10:00'), to: cst('2026-03-17T09:00') }];
    expect(computeDueAt(calendar, t, { amount: 30, unit: 'days' }, week).dueAt).toBe(endOf('2026-04-08'));
  });
});

describe('calendar: why a day is a rest day — the holiday\'s name from the data, or the weekend', () => {
  it.each([
    { date: '2026-10-03', reason: { zh: '国庆节', en: 'National Day' }, note: 'a Saturday inside the 国庆 block is named for the holiday' },
    { date: '2026-02-17', reason: { zh: '春节', en: 'Spring Festival' }, note: '春节 15-23 Feb' },
    { date: '2026-01-02', reason: { zh: '元旦', en: "New Year's Day" }, note: '元旦 1-3 Jan' },
    { date: '2026-03-07', reason: { zh: '周六', en: 'Saturday' }, note: 'an ordinary Saturday' },
    { date: '2026-03-08', reason: { zh: '周日', en: 'Sunday' }, note: 'an ordinary Sunday' },
    { date: '2026-02-14', reason: undefined, note: 'a Saturday worked by 调休' },
    { date: '2026-03-09', reason: undefined, note: 'an ordinary Monday' },
  ])('$date: $note', ({ date, reason }) => {
    expect(calendar.restReason(date)).toEqual(reason);
  });

  it('a rest day listed in HolidayOverrides says so; a listed working day has no reason', () => {
    const cal = createLegalCalendar({ 2027: { rest: ['2027-02-10'], work: ['2027-02-06'] }, 2026: { work: ['2026-10-05'] } });
    expect(cal.restReason('2027-02-10')).toEqual({ zh: '管理员补录的休息日', en: 'a rest day listed in HolidayOverrides' });
    expect(cal.restReason('2027-02-06')).toBeUndefined();
    expect(cal.restReason('2026-10-05')).toBeUndefined();
  });
});
