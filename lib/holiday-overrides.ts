/**
 * `HolidayOverrides` (a stack parameter, `lib/limits.ts`): the State Council's holiday
 * arrangement of years the holiday data does not cover yet, as JSON of years to rest and
 * working days.
 */
import * as z from 'zod/mini';
import type { HolidayOverrides } from './calendar.js';
import { isCivilDate, yearOf } from './time.js';

const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

const overridesSchema = z.record(
  z.string().check(z.regex(/^\d{4}$/, 'a four-digit year')),
  z.strictObject({
    rest: z.optional(z.array(z.string())),
    work: z.optional(z.array(z.string())),
  }),
);

/**
 * Parses `HolidayOverrides`: JSON of years to `rest` / `work` day lists; a list item is a
 * date or a range `YYYY-MM-DD..YYYY-MM-DD`. Each day must lie in its year.
 */
export function parseHolidayOverrides(text: string): { value?: HolidayOverrides; problems: string[] } {
  if (text.trim() === '') return { value: {}, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problems: [`HolidayOverrides: not JSON; expected {"2027":{"rest":["2027-01-01"],"work":["2027-02-07"]}}`] };
  }
  // Keys are checked here: a "__proto__" key would otherwise pass unseen.
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const badKeys = Object.keys(raw).filter((key) => !/^\d{4}$/.test(key));
    if (badKeys.length) {
      return { problems: badKeys.map((key) => `HolidayOverrides.${key}: "${key}" is not a year; expected a four-digit year such as "2027"`) };
    }
  }
  const parsed = overridesSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map(
        (i) => `HolidayOverrides${i.path.map((k) => `.${String(k)}`).join('')}: expected {"<year>":{"rest":[dates],"work":[dates]}}`,
      ),
    };
  }
  const problems: string[] = [];
  const value: Record<string, { rest: string[]; work: string[] }> = {};
  for (const [year, lists] of Object.entries(parsed.data)) {
    const out = { rest: [] as string[], work: [] as string[] };
    for (const kind of ['rest', 'work'] as const) {
      for (const item of lists[kind] ?? []) {
        const range = RANGE.exec(item);
        const [from, to] = range ? [range[1] ?? '', range[2] ?? ''] : [item, item];
        if (!isCivilDate(from) || !isCivilDate(to) || from > to) {
          problems.push(`HolidayOverrides.${year}.${kind}: "${item}" is not a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD`);
          continue;
        }
        if (String(yearOf(from)) !== year || String(yearOf(to)) !== year) {
          problems.push(`HolidayOverrides.${year}.${kind}: "${item}" is not in ${year}`);
          continue;
        }
        for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
          out[kind].push(d.toISOString().slice(0, 10));
        }
      }
    }
    value[year] = out;
  }
  return problems.length ? { problems } : { value, problems };
}
