/**
 * When people are told (README "Escalation": when people are told): quiet hours and rest-day
 * holds. Day limits end at 24:00, so the scan that finds them missed runs just after
 * midnight; nobody should be woken for that.
 *
 * `deliverAt` is the first moment at or after `decidedAt` that lies outside the quiet
 * window (`NoticeQuietHours`, China time, the window [start, end): its end itself is
 * outside) and — for the levels held on rest days (`NoticeHoldOnRestDays`) — on a
 * working day of the legal calendar (调休 working days count, holidays do not).
 */
import type { LegalCalendar } from './calendar.js';
import { LEVELS, type Level } from './levels.js';
import type { Limits } from './limits.js';
import { addDays, chinaDateOf, HOUR_MS, type Instant, startOfChinaDay } from './time.js';

/** A daily window of China time, in minutes after midnight; `start > end` wraps midnight. */
export interface QuietWindow {
  readonly startMinute: number;
  readonly endMinute: number;
}

export interface DeliveryPolicy {
  /** No quiet hours when absent. */
  readonly quiet?: QuietWindow;
  /** Levels held on rest days. */
  readonly holdOnRestDays: readonly Level[];
}

const HH_MM = '([01][0-9]|2[0-3]):([0-5][0-9])';
/**
 * `HH:MM-HH:MM` with start and end different, or empty for none: also the stack
 * parameter's pattern (CloudFormation's Java regexes have the same look-ahead and
 * back-reference).
 */
export const QUIET_HOURS_PATTERN = `^(|(?!(\\d{2}:\\d{2})-\\2$)${HH_MM}-${HH_MM})$`;
/** Levels separated by commas, or empty for none: also the stack parameter's pattern. */
export const HOLD_LEVELS_PATTERN = `^(|\\s*(${LEVELS.join('|')})(\\s*,\\s*(${LEVELS.join('|')}))*\\s*)$`;

/** Parses `NoticeQuietHours`: `22:00-08:00`, or empty for none. Start and end must differ. */
export function parseQuietHours(text: string): { value?: QuietWindow | null; problems: string[] } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null, problems: [] };
  const m = new RegExp(`^${HH_MM}-${HH_MM}$`).exec(trimmed);
  if (!m) {
    return { problems: [`NoticeQuietHours: "${text}" is not a window; expected HH:MM-HH:MM in China time such as 22:00-08:00, or empty for none`] };
  }
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const endMinute = Number(m[3]) * 60 + Number(m[4]);
  if (startMinute === endMinute) {
    return { problems: [`NoticeQuietHours: "${text}" starts where it ends; expected two different times such as 22:00-08:00, or empty for none`] };
  }
  return { value: { startMinute, endMinute }, problems: [] };
}

/** Parses `NoticeHoldOnRestDays`: levels separated by commas (each once), or empty for none. */
export function parseHoldLevels(text: string): { value?: Level[]; problems: string[] } {
  const items = text.split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = items.filter((t) => !(LEVELS as readonly string[]).includes(t));
  if (unknown.length) {
    return { problems: [`NoticeHoldOnRestDays: "${unknown[0]}" is not a level; expected levels of ${LEVELS.join(', ')} separated by commas, or empty for none`] };
  }
  return { value: [...new Set(items)] as Level[], problems: [] };
}

/** The policy the limits set (validated by `loadLimits`). */
export function deliveryPolicyOf(limits: Pick<Limits, 'NoticeQuietHours' | 'NoticeHoldOnRestDays'>): DeliveryPolicy {
  const quiet = parseQuietHours(limits.NoticeQuietHours).value;
  return { ...(quiet ? { quiet } : {}), holdOnRestDays: limits.NoticeHoldOnRestDays };
}

/** The window written back as the parameter spells it. */
export function formatQuietHours(window: QuietWindow | null | undefined): string {
  if (!window) return '';
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${hm(window.startMinute)}-${hm(window.endMinute)}`;
}

const MINUTE_MS = 60_000;

/** Minutes after China midnight of `t` (whole minutes; seconds do not matter for a window bound). */
function chinaMinuteOf(t: Instant): number {
  return Math.floor((t - startOfChinaDay(chinaDateOf(t))) / MINUTE_MS);
}

/** Whether `t` falls in the window [start, end). */
export function inQuietWindow(window: QuietWindow, t: Instant): boolean {
  const m = chinaMinuteOf(t);
  const { startMinute: s, endMinute: e } = window;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** The moment the window that holds `t` ends. */
function quietWindowEnd(window: QuietWindow, t: Instant): Instant {
  const day = chinaDateOf(t);
  const endToday = startOfChinaDay(day) + window.endMinute * MINUTE_MS;
  // Before today's end (the morning part of a window that wraps midnight, or a window
  // within the day): it ends today; otherwise (the evening part) tomorrow.
  return t < endToday ? endToday : startOfChinaDay(addDays(day, 1)) + window.endMinute * MINUTE_MS;
}

/** Safety bound: no arrangement of rest days is a year long. */
const MAX_STEPS = 800;

/**
 * When a notice of `level` decided at `decidedAt` is delivered: `decidedAt` itself when it
 * is outside the quiet window (and, for a level held on rest days, on a working day).
 */
export function deliverAt(decidedAt: Instant, level: Level, policy: DeliveryPolicy, calendar: LegalCalendar): Instant {
  const heldOnRestDays = policy.holdOnRestDays.includes(level);
  let t = decidedAt;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (heldOnRestDays && calendar.isRestDay(chinaDateOf(t))) {
      t = startOfChinaDay(addDays(chinaDateOf(t), 1));
      continue;
    }
    if (policy.quiet && inQuietWindow(policy.quiet, t)) {
      t = quietWindowEnd(policy.quiet, t);
      continue;
    }
    return t;
  }
  // Unreachable with any real calendar; delivering late beats never.
  return t + HOUR_MS;
}
