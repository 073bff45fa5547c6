/**
 * China legal time (UTC+8, no daylight saving).
 *
 * Inside the core every moment is an `Instant` (epoch milliseconds, UTC) and every
 * calendar day is a `CivilDate` (`YYYY-MM-DD` as seen in China). Nothing here reads the
 * process time zone or the clock: `now` is always passed in.
 */

/** Epoch milliseconds (UTC). */
export type Instant = number;
/** A calendar day in China, `YYYY-MM-DD`. */
export type CivilDate = string;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** China Standard Time is UTC+8 all year. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Splits a civil date into numbers; throws on a malformed or impossible date. */
export function civilParts(date: CivilDate): { year: number; month: number; day: number } {
  const m = CIVIL_DATE.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a date of the form YYYY-MM-DD`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`"${date}" is not a calendar date`);
  }
  return { year, month, day };
}

/** True when `date` is a real `YYYY-MM-DD` calendar date. */
export function isCivilDate(date: string): boolean {
  try {
    civilParts(date);
    return true;
  } catch {
    return false;
  }
}

function civil(year: number, month: number, day: number): CivilDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Number of days in a month (1-12) of a Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? Number.NaN;
}

/** The day in China on which `t` falls. */
export function chinaDateOf(t: Instant): CivilDate {
  const d = new Date(t + CHINA_OFFSET_MS);
  return civil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 00:00 China time at the start of `date`. */
export function startOfChinaDay(date: CivilDate): Instant {
  const { year, month, day } = civilParts(date);
  return Date.UTC(year, month - 1, day) - CHINA_OFFSET_MS;
}

/** 24:00 China time at the end of `date` (= 00:00 of the next day): when a day period ends. */
export function endOfChinaDay(date: CivilDate): Instant {
  return startOfChinaDay(date) + DAY_MS;
}

/** `date` moved by `n` calendar days. */
export function addDays(date: CivilDate, n: number): CivilDate {
  const { year, month, day } = civilParts(date);
  const d = new Date(Date.UTC(year, month - 1, day + n));
  return civil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The corresponding day `n` months after `date`; the month's last day when it has no
 * such day (Civil Code Art. 202: 31 Jan + 1 month → 28/29 Feb).
 */
export function addMonths(date: CivilDate, n: number): CivilDate {
  const { year, month, day } = civilParts(date);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return civil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Day of week of a civil date, 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  const { year, month, day } = civilParts(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Year of a civil date (validated like every civil date). */
export function yearOf(date: CivilDate): number {
  return civilParts(date).year;
}

/** `t` written as ISO 8601 in China time, e.g. `2026-12-04T10:00:00+08:00`. */
export function toChinaIso(t: Instant): string {
  const d = new Date(t + CHINA_OFFSET_MS);
  const ms = d.getUTCMilliseconds();
  return (
    `${civil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '') +
    '+08:00'
  );
}

/** ISO 8601 date-time that carries an explicit offset (`Z` or `±hh:mm`). */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses an ISO 8601 date-time with an offset. Returns `undefined` for anything else —
 * a time without an offset is ambiguous and never guessed.
 */
export function parseOffsetDateTime(text: string): Instant | undefined {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone, oh = '0', om = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (Number(oh) > 14 || Number(om) > 59) return undefined;
  const millis = Math.floor(Number(`0.${frac}`) * 1000);
  const sign = zone === 'Z' ? 0 : zone?.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(oh) * HOUR_MS + Number(om) * 60_000);
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMs;
}

/** Human duration in Chinese, e.g. `2天3小时`, `45分钟`; rounds down to the minute. */
export function chineseDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return mins > 0 ? `${hours}小时${mins}分钟` : `${hours}小时`;
  return `${mins}分钟`;
}

/** `2026年10月8日`. */
export function chineseDate(date: CivilDate): string {
  const { year, month, day } = civilParts(date);
  return `${year}年${month}月${day}日`;
}

/**
 * A moment as a period's end is written: 24:00 is the end of a day, never 00:00 of the
 * next (`2026年12月1日24时`); otherwise `2026年12月1日10:25`.
 */
export function chineseMoment(t: Instant): string {
  const local = t + CHINA_OFFSET_MS;
  if (local % DAY_MS === 0) return `${chineseDate(chinaDateOf(t - 1))}24时`;
  const d = new Date(local);
  return `${chineseDate(chinaDateOf(t))}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The same in English: `24:00 on 2026-12-01`, `10:25 on 2026-12-01`. */
export function englishMoment(t: Instant): string {
  const local = t + CHINA_OFFSET_MS;
  if (local % DAY_MS === 0) return `24:00 on ${chinaDateOf(t - 1)}`;
  const d = new Date(local);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} on ${chinaDateOf(t)}`;
}

/**
 * A due time for a notice: `12月1日24时` for a period ending at midnight, `10月2日11时`
 * or `10月2日11时25分` otherwise, with the year in front when it is not the year of
 * `now` (the notice's own year).
 */
export function chineseDueTime(t: Instant, now: Instant): string {
  const local = t + CHINA_OFFSET_MS;
  const midnight = local % DAY_MS === 0;
  const { year, month, day } = civilParts(chinaDateOf(midnight ? t - 1 : t));
  const d = new Date(local);
  const clock = midnight ? '24时' : d.getUTCMinutes() ? `${d.getUTCHours()}时${pad(d.getUTCMinutes())}分` : `${d.getUTCHours()}时`;
  const prefix = year === yearOf(chinaDateOf(now)) ? '' : `${year}年`;
  return `${prefix}${month}月${day}日${clock}`;
}
