/**
 * An independent reader of explanation steps: it applies each step's rule, as README
 * "Time" states it, to where the previous step left the due time — using only the
 * calendar and plain date arithmetic, never `lib/counting.ts` — and reports where each
 * step lands. A step is truthful when it lands where it says (`to`), and the chain is
 * truthful when the last one lands on `dueAt`.
 */
import type { LegalCalendar } from '../../lib/calendar.js';
import type { Step } from '../../lib/counting.js';
import { addDays, addMonths, chinaDateOf, DAY_MS, endOfChinaDay, HOUR_MS, type Instant, startOfChinaDay } from '../../lib/time.js';

/** The day whose end an instant marks (24:00 → that day). */
const dayOf = (t: Instant) => chinaDateOf(t - 1);

/** Where one step takes the due time from `at`, by its rule. `start` is where the clock started. */
export function applyStep(step: Step, at: Instant, start: Instant, calendar: LegalCalendar): Instant {
  const n = step.n ?? 0;
  switch (step.rule) {
    case 'startHour':
      return Math.floor(at / HOUR_MS) * HOUR_MS + HOUR_MS;
    case 'addHours':
      return at + n * HOUR_MS;
    case 'startDay':
    case 'sameDay':
      return endOfChinaDay(chinaDateOf(at));
    case 'addDays':
      return endOfChinaDay(addDays(dayOf(at), n));
    case 'addWorkingDays': {
      let d = dayOf(at);
      for (let counted = 0; counted < n; ) {
        d = addDays(d, 1);
        if (!calendar.isRestDay(d)) counted++;
      }
      return endOfChinaDay(d);
    }
    case 'addMonths':
    case 'term':
      return endOfChinaDay(addMonths(dayOf(at), n));
    case 'until':
      return endOfChinaDay(step.day ?? '');
    case 'pause': {
      const days = Math.round((startOfChinaDay(step.endDay ?? '') - startOfChinaDay(step.day ?? '')) / DAY_MS);
      if (days !== n) throw new Error(`pause ${step.day}..${step.endDay} is ${days} days, the step says ${n}`);
      return at + n * DAY_MS;
    }
    case 'restDayLater': {
      if (step.day !== dayOf(at) || !calendar.isRestDay(step.day)) throw new Error(`restDayLater: ${step.day} is not the last day, or not a rest day`);
      if (step.rest?.zh !== calendar.restReason(step.day)?.zh) throw new Error(`restDayLater: ${step.day} is ${calendar.restReason(step.day)?.zh}, the step says ${step.rest?.zh}`);
      let d = step.day;
      while (calendar.isRestDay(d)) d = addDays(d, 1);
      return endOfChinaDay(d);
    }
    case 'leadBefore':
      return endOfChinaDay(addDays(dayOf(at), -n));
    case 'restDayEarlier': {
      if (step.day !== dayOf(at) || !calendar.isRestDay(step.day)) throw new Error(`restDayEarlier: ${step.day} is not the last day, or not a rest day`);
      let d = step.day;
      while (calendar.isRestDay(d)) d = addDays(d, -1);
      return endOfChinaDay(d);
    }
    case 'cap': {
      if (step.day !== addMonths(step.baseDay ?? '', n)) throw new Error(`cap: ${step.day} is not ${n} months after ${step.baseDay}`);
      return Math.min(at, endOfChinaDay(step.day));
    }
    case 'notBeforeStart':
      return Math.max(at, endOfChinaDay(chinaDateOf(start)));
    case 'pauseAfterDue':
    case 'limitChanged':
    case 'unknownYear':
      return at;
  }
}

/** Replays `steps` from `start`; throws at the first step that does not land where it says. Returns where the last lands. */
export function replaySteps(start: Instant, steps: readonly Step[], calendar: LegalCalendar): Instant {
  let at = start;
  for (const [i, step] of steps.entries()) {
    const next = applyStep(step, at, start, calendar);
    if (next !== step.to) throw new Error(`step ${i} (${step.rule}) lands at ${new Date(next).toISOString()}, says ${new Date(step.to).toISOString()}`);
    at = next;
  }
  return at;
}
