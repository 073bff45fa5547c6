/**
 * When the morning digest goes out (README "The morning digest and 通报"): on `DigestSchedule`,
 * an EventBridge `cron(minutes hours day-of-month month day-of-week year)` in UTC (the
 * default `cron(0 0 ? * MON-FRI *)` is 08:00 China time on weekdays), and — at the same
 * time of day — on every weekend day the legal calendar makes a working day (调休).
 *
 * The minutes and hours must be single numbers, so that the time of day is one moment
 * (the 调休 digest needs it). The day fields take `*`, `?`, numbers, names (`MON`, `JAN`),
 * ranges, lists and steps; `L`, `W` and `#` are refused.
 */
import type { LegalCalendar } from './calendar.js';
import { chinaDateOf, DAY_MS, type Instant, weekday } from './time.js';

export const DEFAULT_DIGEST_SCHEDULE = 'cron(0 0 ? * MON-FRI *)';

/** What the stack parameter allows (the functions check the day fields in full at start). */
export const DIGEST_SCHEDULE_PATTERN = '^cron\\(([0-9]|[1-5][0-9]) ([0-9]|1[0-9]|2[0-3]) [0-9A-Za-z*?/,-]+ [0-9A-Za-z*?/,-]+ [0-9A-Za-z*?/,-]+ [0-9A-Za-z*?/,-]+\\)$';

export interface DigestSchedule {
  /** Minutes after midnight UTC. */
  readonly minuteOfDay: number;
  readonly dayOfMonth: ReadonlySet<number> | 'any';
  readonly month: ReadonlySet<number> | 'any';
  /** 1 = Sunday … 7 = Saturday, as EventBridge counts. */
  readonly dayOfWeek: ReadonlySet<number> | 'any';
  readonly year: ReadonlySet<number> | 'any';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function field(text: string, min: number, max: number, names: readonly string[] = []): ReadonlySet<number> | 'any' | undefined {
  if (text === '*' || text === '?') return 'any';
  const value = (t: string) => {
    const named = names.indexOf(t.toUpperCase());
    const n = named >= 0 ? named + min : /^\d+$/.test(t) ? Number(t) : Number.NaN;
    return n >= min && n <= max ? n : undefined;
  };
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|[0-9A-Za-z]+)(?:-([0-9A-Za-z]+))?(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = m[1] === '*' ? min : value(m[1] ?? '');
    const to = m[2] !== undefined ? value(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (from === undefined || to === undefined || from > to || step < 1) return undefined;
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

/** Parses `DigestSchedule`; problems name the setting, the value and what is expected. */
export function parseDigestSchedule(text: string): { value?: DigestSchedule; problems: string[] } {
  const expected = 'expected cron(<minute> <hour> <day-of-month> <month> <day-of-week> <year>) in UTC with one minute and one hour, such as cron(0 0 ? * MON-FRI *) (08:00 China time on weekdays)';
  const m = /^cron\(\s*(\d{1,2}) (\d{1,2}) (\S+) (\S+) (\S+) (\S+)\s*\)$/.exec(text.trim());
  const problem = { problems: [`DigestSchedule: "${text}" is not a daily cron; ${expected}`] };
  if (!m) return problem;
  const minute = Number(m[1]);
  const hour = Number(m[2]);
  const dayOfMonth = field(m[3] ?? '', 1, 31);
  const month = field(m[4] ?? '', 1, 12, MONTHS);
  const dayOfWeek = field(m[5] ?? '', 1, 7, DAYS);
  const year = field(m[6] ?? '', 1970, 2199);
  if (minute > 59 || hour > 23 || !dayOfMonth || !month || !dayOfWeek || !year) return problem;
  if (m[3] !== '?' && m[5] !== '?') {
    return { problems: [`DigestSchedule: "${text}" gives both a day of month and a day of week; EventBridge expects "?" in one of them, ${expected}`] };
  }
  return { value: { minuteOfDay: hour * 60 + minute, dayOfMonth, month, dayOfWeek, year }, problems: [] };
}

const has = (set: ReadonlySet<number> | 'any', n: number) => set === 'any' || set.has(n);

/** The schedule's moment on the UTC day that begins at `dayStart`, if the schedule fires that day. */
function scheduledOn(schedule: DigestSchedule, dayStart: Instant): boolean {
  const d = new Date(dayStart);
  return (
    has(schedule.dayOfMonth, d.getUTCDate()) &&
    has(schedule.month, d.getUTCMonth() + 1) &&
    has(schedule.dayOfWeek, d.getUTCDay() + 1) &&
    has(schedule.year, d.getUTCFullYear())
  );
}

/** A weekend day the legal calendar makes a working day (调休上班). */
export function isAdjustedWorkingDay(calendar: LegalCalendar, t: Instant): boolean {
  const date = chinaDateOf(t);
  const dow = weekday(date);
  return (dow === 0 || dow === 6) && !calendar.isRestDay(date);
}

/** Whether `t` is a digest moment: the schedule's, or its time of day on a 调休 working day. */
export function isDigestMoment(schedule: DigestSchedule, calendar: LegalCalendar, t: Instant): boolean {
  const dayStart = Math.floor(t / DAY_MS) * DAY_MS;
  if (t !== dayStart + schedule.minuteOfDay * 60_000) return false;
  return scheduledOn(schedule, dayStart) || isAdjustedWorkingDay(calendar, t);
}

/** Days searched either way: a schedule that fires less than once a year is not a digest. */
const HORIZON_DAYS = 400;

/** The digest moment at or before `t` (the latest one), if any within the horizon. */
export function digestAtOrBefore(schedule: DigestSchedule, calendar: LegalCalendar, t: Instant): Instant | undefined {
  let day = Math.floor(t / DAY_MS) * DAY_MS;
  for (let i = 0; i <= HORIZON_DAYS; i++, day -= DAY_MS) {
    const at = day + schedule.minuteOfDay * 60_000;
    if (at <= t && isDigestMoment(schedule, calendar, at)) return at;
  }
  return undefined;
}

/** The first digest moment after `t`, if any within the horizon. */
export function digestAfter(schedule: DigestSchedule, calendar: LegalCalendar, t: Instant): Instant | undefined {
  let day = Math.floor(t / DAY_MS) * DAY_MS;
  for (let i = 0; i <= HORIZON_DAYS; i++, day += DAY_MS) {
    const at = day + schedule.minuteOfDay * 60_000;
    if (at > t && isDigestMoment(schedule, calendar, at)) return at;
  }
  return undefined;
}
