/**
 * The legal calendar: which China days are rest days, and how a limit ("within N days /
 * hours / working days / months of X") becomes a due instant. See README "Time" and the
 * rules quoted below.
 *
 * Holiday data comes from the maintained `chinese-days` package (State Council notices,
 * 2004-2026 at the pinned version): its published data file, read directly — the same
 * tables its `isWorkday` consults (a test compares every day), without the lunar
 * calendar the package builds when it is imported, which a cold start would pay for.
 * An override layer lets an admin apply next year's
 * notice as data (stack parameter `HolidayOverrides`) without a release. The calendar
 * knows which years it has data for; a computation that had to look at a day of an
 * unknown year reports that year so callers can warn — it never silently assumes "no
 * holidays".
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  addDays,
  addMonths,
  chinaDateOf,
  type CivilDate,
  DAY_MS,
  endOfChinaDay,
  HOUR_MS,
  type Instant,
  weekday,
  yearOf,
} from './time.js';

/** Public holidays (rest days, weekends inside a holiday block included) and adjusted working days (调休上班). */
const HOLIDAYS: Readonly<Record<string, string>> = chineseDaysData.holidays;
const WORKDAYS: Readonly<Record<string, string>> = chineseDaysData.workdays;
/** Years the package has an arrangement for: every year has holidays. */
const PACKAGE_YEARS: ReadonlySet<number> = new Set(Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4))));

/**
 * Extra rest days and extra (adjusted) working days by year. Listing a year declares
 * that year's arrangement complete: days not listed follow the week (Mon-Fri work).
 * For a year the package already covers, the lists patch its data.
 */
export type HolidayOverrides = Readonly<
  Record<string, { readonly rest?: readonly CivilDate[]; readonly work?: readonly CivilDate[] }>
>;

export interface LegalCalendar {
  /** Weekend or public holiday, and not an adjusted working day (调休). */
  isRestDay(date: CivilDate): boolean;
  /** Whether the holiday arrangement of `year` is known (package data or override). */
  knowsYear(year: number): boolean;
}

/** Units a limit can be counted in. */
export type LimitUnit = 'hours' | 'days' | 'workingDays' | 'months';

export interface Period {
  readonly amount: number;
  readonly unit: LimitUnit;
}

export interface DueTime {
  readonly dueAt: Instant;
  /** Years whose holiday data was needed but is unknown: the result assumed weekends only. */
  readonly unknownYears: readonly number[];
}

/** Builds the calendar from the package data plus `overrides`. */
export function createLegalCalendar(overrides: HolidayOverrides = {}): LegalCalendar {
  const forced = new Map<CivilDate, boolean>(); // date → isRest
  const overrideYears = new Set<number>();
  for (const [year, lists] of Object.entries(overrides)) {
    overrideYears.add(Number(year));
    for (const d of lists.rest ?? []) forced.set(d, true);
    for (const d of lists.work ?? []) forced.set(d, false);
  }
  return {
    knowsYear: (year) => overrideYears.has(year) || PACKAGE_YEARS.has(year),
    isRestDay(date) {
      const rest = forced.get(date);
      if (rest !== undefined) return rest;
      if (Object.hasOwn(WORKDAYS, date)) return false;
      if (Object.hasOwn(HOLIDAYS, date)) return true;
      const dow = weekday(date); // throws on a malformed date
      return dow === 0 || dow === 6;
    },
  };
}

/**
 * When a period that starts at `start` ends.
 *
 * - hours: exactly `start + N h` (the seed's 24 / 48-hour limits);
 * - days: the start day is not counted; ends at 24:00 of day D+N; a last day that is a
 *   rest day moves to the next working day (CPL Art. 85, Civil Code Art. 203). N = 0 is
 *   "the same day": 24:00 of D;
 * - workingDays: 24:00 of the N-th working day after D (the plan's dossier rule);
 * - months: the corresponding day N months after D, the month's last day if it has none
 *   (Civil Code Art. 202), then the rest-day rule.
 *
 * `pausedMs` is time the clock stood still (中止 / 扣除期限): hours move by it exactly;
 * day-based periods move their last day by the whole days it covers, rounded up, before
 * the rest-day rule — so a pause never shortens a clock.
 */
export function computeDueAt(
  calendar: LegalCalendar,
  start: Instant,
  period: Period,
  pausedMs = 0,
): DueTime {
  const unknown = new Set<number>();
  const look = (date: CivilDate): boolean => {
    const y = yearOf(date);
    if (!calendar.knowsYear(y)) unknown.add(y);
    return calendar.isRestDay(date);
  };
  const pausedDays = Math.ceil(Math.max(0, pausedMs) / DAY_MS);
  const startDate = chinaDateOf(start);
  const rollToWorkingDay = (date: CivilDate): CivilDate => {
    let d = date;
    while (look(d)) d = addDays(d, 1);
    return d;
  };
  let dueAt: Instant;
  switch (period.unit) {
    case 'hours':
      dueAt = start + period.amount * HOUR_MS + Math.max(0, pausedMs);
      break;
    case 'days':
      dueAt =
        period.amount === 0 && pausedDays === 0
          ? endOfChinaDay(startDate)
          : endOfChinaDay(rollToWorkingDay(addDays(startDate, period.amount + pausedDays)));
      break;
    case 'workingDays': {
      let d = startDate;
      for (let counted = 0; counted < period.amount; ) {
        d = addDays(d, 1);
        if (!look(d)) counted++;
      }
      dueAt = endOfChinaDay(pausedDays ? rollToWorkingDay(addDays(d, pausedDays)) : d);
      break;
    }
    case 'months':
      dueAt = endOfChinaDay(rollToWorkingDay(addDays(addMonths(startDate, period.amount), pausedDays)));
      break;
  }
  return { dueAt, unknownYears: [...unknown].sort() };
}
