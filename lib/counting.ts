/**
 * How a limit becomes a due time (README "Time"; CPL Art. 85, SPC interpretation
 * Art. 125, Civil Code Art. 202-203), one step at a time.
 *
 * Every clock here is built as a chain of steps — the starting hour or day not counted,
 * N added, a pause added, a rest day left — each starting where the previous one ended,
 * and the due time *is* the end of the last step. The explanation a reader sees
 * (`steps`) is therefore the computation itself, never a second calculation beside it.
 */
import type { LegalCalendar, RestReason } from './calendar.js';
import { addDays, addMonths, chinaDateOf, type CivilDate, DAY_MS, endOfChinaDay, HOUR_MS, type Instant, startOfChinaDay, yearOf } from './time.js';

/** Units a limit can be counted in. */
export type LimitUnit = 'hours' | 'days' | 'workingDays' | 'months';

export interface Period {
  readonly amount: number;
  readonly unit: LimitUnit;
  /** The parameter the amount comes from, named in the explanation (`A-B` for a difference). */
  readonly param?: string;
}

/** The counting rules a step can apply (README "Time" lists them with their law). */
export const STEP_RULES = [
  'startHour', // the hour of the event is not counted: counting starts at the next full hour
  'addHours', // N hours added; hours do not move for rest days
  'startDay', // the day of the event is not counted: counting starts the next day
  'sameDay', // a same-day limit: 24:00 of the day of the event
  'addDays', // N days added
  'addWorkingDays', // N working days added, rest days not counted
  'addMonths', // N months added: the corresponding day, or the month's last day
  'term', // a measure's term in months: the day it lapses
  'until', // the ruling's own end date: the day the measure lapses
  'pause', // a pause (中止 / 扣除期限) adds its China days
  'pauseAfterDue', // a pause that began after the limit had run out adds nothing
  'restDayLater', // the last day is a rest day: the next working day
  'leadBefore', // N days before the lapse day
  'restDayEarlier', // a deadline before an expiry on a rest day: the previous working day
  'cap', // no later than N months after a base day
  'notBeforeStart', // a deadline already past when the clock started: the end of that day
  'limitChanged', // the admin changed the limit; the clock was counted again with the new value
  'unknownYear', // a year without holiday data was counted with weekends only
] as const;
export type StepRule = (typeof STEP_RULES)[number];

/** One counting step. It starts where the previous step ended (the first, where the clock started). */
export interface Step {
  readonly rule: StepRule;
  /** Where this step leaves the due time. */
  readonly to: Instant;
  /** Hours, days, working days or months added or taken; the new value of a changed limit. */
  readonly n?: number;
  /** The parameter `n` comes from. */
  readonly param?: string;
  /** The day the rule looked at: the rest day left, the first day of a pause, the ruling's or horizon's day. */
  readonly day?: CivilDate;
  /** The day a pause ended. */
  readonly endDay?: CivilDate;
  /** The day a horizon is counted from (the 终本 closing). */
  readonly baseDay?: CivilDate;
  /** Why `day` is a rest day (holiday name from the data, or 周六 / 周日). */
  readonly rest?: RestReason;
  /** Holidays passed over while counting working days. */
  readonly skipped?: readonly RestReason[];
  /** The kind of measure whose term is counted. */
  readonly kind?: string;
  /** A changed limit's previous value, and when the clock was counted again. */
  readonly was?: number;
  readonly at?: Instant;
  /** Years whose holiday data is unknown. */
  readonly years?: readonly number[];
}

export interface DueTime {
  readonly dueAt: Instant;
  /** Years whose holiday data was needed but is unknown: the result assumed weekends only. */
  readonly unknownYears: readonly number[];
  /** How `dueAt` was reached; the last step ends at `dueAt`. */
  readonly steps: readonly Step[];
}

/** A pause of a case-level clock, from `clock.paused` to `clock.resumed`. */
export interface PauseSpan {
  readonly from: Instant;
  readonly to: Instant;
}

/** The chain being built: where the due time stands, and the steps that put it there. */
class Trace {
  readonly steps: Step[] = [];
  private readonly unknown = new Set<number>();
  at: Instant;

  constructor(
    readonly calendar: LegalCalendar,
    readonly start: Instant,
  ) {
    this.at = start;
  }

  /** Whether `date` is a rest day, remembering a year the calendar does not know. */
  isRest(date: CivilDate, record = true): boolean {
    const year = yearOf(date);
    if (record && !this.calendar.knowsYear(year)) this.unknown.add(year);
    return this.calendar.isRestDay(date);
  }

  push(step: Step): void {
    this.steps.push(step);
    this.at = step.to;
  }

  /** The day whose 24:00 the due time stands at. */
  get lastDay(): CivilDate {
    return chinaDateOf(this.at - 1);
  }

  result(): DueTime {
    const unknownYears = [...this.unknown].sort();
    if (unknownYears.length) this.push({ rule: 'unknownYear', to: this.at, years: unknownYears });
    return { dueAt: this.at, unknownYears, steps: this.steps };
  }
}

/** The first full hour after `t` (10:25 → 11:00, 10:00 → 11:00). China time is a whole-hour offset. */
export function nextFullHour(t: Instant): Instant {
  return Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS;
}

/** Days from one China day to another (`2026-03-01` → `2026-03-08` = 7). */
function daysBetween(from: CivilDate, to: CivilDate): number {
  return Math.round((startOfChinaDay(to) - startOfChinaDay(from)) / DAY_MS);
}

/** Counts the period itself: the start not counted, then N units. */
function count(t: Trace, period: Period): void {
  const { amount: n, unit, param } = period;
  const startDay = chinaDateOf(t.start);
  const p = param === undefined ? {} : { param };
  if (unit === 'hours') {
    t.push({ rule: 'startHour', to: nextFullHour(t.start) });
    t.push({ rule: 'addHours', n, ...p, to: t.at + n * HOUR_MS });
    return;
  }
  if (n === 0) {
    t.push({ rule: 'sameDay', ...p, to: endOfChinaDay(startDay) });
    return;
  }
  t.push({ rule: 'startDay', to: endOfChinaDay(startDay) });
  if (unit === 'days') {
    t.push({ rule: 'addDays', n, ...p, to: endOfChinaDay(addDays(startDay, n)) });
  } else if (unit === 'months') {
    t.push({ rule: 'addMonths', n, ...p, to: endOfChinaDay(addMonths(startDay, n)) });
  } else {
    let d = startDay;
    const skipped = new Map<string, RestReason>();
    for (let counted = 0; counted < n; ) {
      d = addDays(d, 1);
      if (!t.isRest(d)) counted++;
      else {
        const why = t.calendar.restReason(d);
        if (why && !skipped.has(why.zh)) skipped.set(why.zh, why);
      }
    }
    t.push({ rule: 'addWorkingDays', n, ...p, ...(skipped.size ? { skipped: [...skipped.values()] } : {}), to: endOfChinaDay(d) });
  }
}

/** The next working day at or after `date`. */
function workingDayFrom(t: Trace, date: CivilDate, direction: 1 | -1, record = true): CivilDate {
  let d = date;
  while (t.isRest(d, record)) d = addDays(d, direction);
  return d;
}

/** A last day on a rest day moves to the next working day (CPL Art. 85, Civil Code Art. 203). */
function leaveRestDayLater(t: Trace): void {
  const last = t.lastDay;
  const day = workingDayFrom(t, last, 1);
  if (day === last) return;
  t.push({ rule: 'restDayLater', day: last, ...restOf(t, last), to: endOfChinaDay(day) });
}

/** A deadline before an expiry that falls on a rest day moves to the previous working day [design]. */
function leaveRestDayEarlier(t: Trace): void {
  const last = t.lastDay;
  const day = workingDayFrom(t, last, -1);
  if (day === last) return;
  t.push({ rule: 'restDayEarlier', day: last, ...restOf(t, last), to: endOfChinaDay(day) });
}

function restOf(t: Trace, date: CivilDate): { rest?: RestReason } {
  const rest = t.calendar.restReason(date);
  return rest ? { rest } : {};
}

/**
 * Pauses add the China days from the day of the pause to the day of the resumption (a
 * pause and resumption on one day add nothing), in order; a pause that begins once the
 * clock has run out adds nothing (a pause after the deadline excuses nothing).
 */
function addPauses(t: Trace, unit: LimitUnit, pauses: readonly PauseSpan[]): void {
  for (const p of [...pauses].sort((a, b) => a.from - b.from || a.to - b.to)) {
    if (p.to <= t.start) continue; // over before this clock started
    const dueNow = unit === 'hours' ? t.at : endOfChinaDay(workingDayFrom(t, t.lastDay, 1, false));
    if (p.from >= dueNow) {
      t.push({ rule: 'pauseAfterDue', day: chinaDateOf(p.from), to: t.at });
      continue;
    }
    const day = chinaDateOf(Math.max(p.from, t.start));
    const endDay = chinaDateOf(p.to);
    const n = Math.max(0, daysBetween(day, endDay));
    t.push({ rule: 'pause', n, day, endDay, to: t.at + n * DAY_MS });
  }
}

/** A due time before the clock's own start day is the end of that day. */
function notBeforeStart(t: Trace): void {
  const startDay = chinaDateOf(t.start);
  if (t.at < endOfChinaDay(startDay)) t.push({ rule: 'notBeforeStart', day: startDay, to: endOfChinaDay(startDay) });
}

/**
 * When a period that starts at `start` ends:
 * - hours: from the next full hour, N hours; not moved for rest days;
 * - days: the start day is not counted; 24:00 of day D+N. N = 0 is "the same day": 24:00 of D;
 * - working days: 24:00 of the N-th working day after D;
 * - months: the corresponding day N months after D, the month's last day if it has none;
 * then pauses (in China days), then — for every unit but hours — a last day on a rest
 * day moves to the next working day (same-day limits included).
 */
export function computeDueAt(calendar: LegalCalendar, start: Instant, period: Period, pauses: readonly PauseSpan[] = []): DueTime {
  const t = new Trace(calendar, start);
  count(t, period);
  addPauses(t, period.unit, pauses);
  if (period.unit !== 'hours') leaveRestDayLater(t);
  return t.result();
}

/** A measure's term: months from its day, or the ruling's own end date. */
export type Term = { readonly months: number; readonly param: string; readonly kind: string } | { readonly until: CivilDate };

/**
 * A deadline before an expiry (`renewal`): the measure lapses at the end of its term;
 * the deadline is `lead` days before that day, moved to the previous working day when
 * that is a rest day, and never before the end of the day the clock started.
 */
export function dueBeforeLapse(calendar: LegalCalendar, start: Instant, term: Term, lead: Period): DueTime & { lapsesOn: CivilDate } {
  const t = new Trace(calendar, start);
  if ('until' in term) {
    t.push({ rule: 'until', day: term.until, to: endOfChinaDay(term.until) });
  } else {
    const startDay = chinaDateOf(start);
    t.push({ rule: 'startDay', to: endOfChinaDay(startDay) });
    t.push({ rule: 'term', n: term.months, param: term.param, kind: term.kind, to: endOfChinaDay(addMonths(startDay, term.months)) });
  }
  const lapsesOn = t.lastDay;
  t.push({ rule: 'leadBefore', n: lead.amount, ...(lead.param ? { param: lead.param } : {}), to: endOfChinaDay(addDays(lapsesOn, -lead.amount)) });
  leaveRestDayEarlier(t);
  notBeforeStart(t);
  return { ...t.result(), lapsesOn };
}

/**
 * A period that must end within a horizon (`requery`): counted like any period, then no
 * later than `months` after `baseDay` (moved earlier off a rest day), and never before
 * the end of the day the clock started.
 */
export function dueWithinHorizon(
  calendar: LegalCalendar,
  start: Instant,
  period: Period,
  horizon: { readonly baseDay: CivilDate; readonly months: number; readonly param: string },
): DueTime {
  const t = new Trace(calendar, start);
  count(t, period);
  leaveRestDayLater(t);
  const day = addMonths(horizon.baseDay, horizon.months);
  if (t.at > endOfChinaDay(day)) {
    t.push({ rule: 'cap', n: horizon.months, param: horizon.param, day, baseDay: horizon.baseDay, to: endOfChinaDay(day) });
    leaveRestDayEarlier(t);
  }
  notBeforeStart(t);
  return t.result();
}
