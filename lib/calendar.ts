/**
 * The legal calendar: which China days are rest days, and why (the holiday's name from
 * the data, or the weekend). How a limit becomes a due instant is `counting.ts`.
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
import { type CivilDate, weekday } from './time.js';

/**
 * Public holidays (rest days, weekends inside a holiday block included) and adjusted
 * working days (调休上班). Each value names the holiday: `National Day,国庆节,3`.
 */
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

/** Why a day is a rest day, in both languages: the holiday's name, or 周六 / 周日. */
export interface RestReason {
  readonly zh: string;
  readonly en: string;
}

export interface LegalCalendar {
  /** Weekend or public holiday, and not an adjusted working day (调休). */
  isRestDay(date: CivilDate): boolean;
  /** Why `date` is a rest day; `undefined` for a working day. */
  restReason(date: CivilDate): RestReason | undefined;
  /** Whether the holiday arrangement of `year` is known (package data or override). */
  knowsYear(year: number): boolean;
}

const WEEKEND: Readonly<Record<number, RestReason>> = { 0: { zh: '周日', en: 'Sunday' }, 6: { zh: '周六', en: 'Saturday' } };
/** A rest day an admin listed in `HolidayOverrides` (the list carries no names). */
const LISTED: RestReason = { zh: '管理员补录的休息日', en: 'a rest day listed in HolidayOverrides' };

/** The holiday's name from the data file (`National Day,国庆节,3`). */
function holidayName(date: CivilDate): RestReason | undefined {
  const entry = HOLIDAYS[date];
  if (!entry || !Object.hasOwn(HOLIDAYS, date)) return undefined;
  const [en = '', zh = ''] = entry.split(',');
  return zh ? { zh, en: en || zh } : undefined;
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
  const isRestDay = (date: CivilDate): boolean => {
    const rest = forced.get(date);
    if (rest !== undefined) return rest;
    if (Object.hasOwn(WORKDAYS, date)) return false;
    if (Object.hasOwn(HOLIDAYS, date)) return true;
    const dow = weekday(date); // throws on a malformed date
    return dow === 0 || dow === 6;
  };
  return {
    knowsYear: (year) => overrideYears.has(year) || PACKAGE_YEARS.has(year),
    isRestDay,
    restReason(date) {
      if (!isRestDay(date)) return undefined;
      return holidayName(date) ?? WEEKEND[weekday(date)] ?? LISTED;
    },
  };
}
