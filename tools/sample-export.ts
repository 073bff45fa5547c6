/**
 * `npm run sample-export -- --cases 500 --months 12 > export.jsonl`: a court's export as
 * `npm run import` reads it (one event a line), for trying an import at a court's size.
 *
 * Case histories come from the month generator (`events/generate-month.ts`): each of its
 * case timelines, shifted so that filings spread evenly over the last `--months` months
 * before `--until` (default: now), renumbered, and cut at `--until` (an export holds what
 * has happened). Deterministic for the same options.
 *
 *   --cases <n>        cases (default 500)
 *   --months <n>       months of history (default 12)
 *   --until <time>     ISO 8601 with an offset (default now)
 *   --code <代字>      court code in the case numbers (default 豫0823)
 *   --seed <n>         (default 2026)
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMonth, type RawEvent } from '../events/generate-month.js';
import { chinaDateOf, DAY_MS, type Instant, parseOffsetDateTime, toChinaIso, yearOf } from '../lib/time.js';

export interface SampleExportOptions {
  readonly cases: number;
  readonly months: number;
  readonly until: Instant;
  readonly code: string;
  readonly seed: number;
}

/** The export's events, ordered by time, each as one JSON line. */
export function sampleExport(options: SampleExportOptions): string[] {
  const span = options.months * 30.4375 * DAY_MS;
  const out: Array<{ at: Instant; event: RawEvent }> = [];
  const numbers = new Map<number, number>();
  let made = 0;
  for (let seed = options.seed; made < options.cases; seed++) {
    const month = generateMonth(seed);
    const byCase = new Map<string, RawEvent[]>();
    for (const e of month) byCase.set(e.caseNo, [...(byCase.get(e.caseNo) ?? []), e]);
    for (const events of byCase.values()) {
      if (made >= options.cases) break;
      const filing = events.find((e) => e.type === 'case.filed');
      if (!filing) continue;
      const filedAt = parseOffsetDateTime(filing.occurredAt) ?? 0;
      // Spread filings evenly over the span; keep the time of day of the template.
      const target = options.until - span + (span * (made + 0.5)) / options.cases;
      const shift = Math.round((target - filedAt) / DAY_MS) * DAY_MS;
      const year = yearOf(chinaDateOf(filedAt + shift));
      const n = (numbers.get(year) ?? 0) + 1;
      numbers.set(year, n);
      const caseNo = `(${year})${options.code}执${n}号`;
      made++;
      events.forEach((e, i) => {
        const at = (parseOffsetDateTime(e.occurredAt) ?? 0) + shift;
        if (at > options.until) return;
        out.push({
          at,
          event: { eventId: `exp-${year}-${n}-${String(i + 1).padStart(2, '0')}`, type: e.type, caseNo, occurredAt: toChinaIso(at), ...(e.data ? { data: e.data } : {}) },
        });
      });
    }
  }
  return out.sort((a, b) => a.at - b.at || (a.event.eventId < b.event.eventId ? -1 : 1)).map(({ event }) => JSON.stringify(event));
}

function parseArgs(argv: readonly string[]): SampleExportOptions {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const whole = (name: string, dflt: number, min: number, max: number): number => {
    const text = value(name);
    if (text === undefined) return dflt;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name}: "${text}" 应为 ${min}–${max} 的整数 / expected a whole number from ${min} to ${max}`);
    return n;
  };
  const untilText = value('until');
  const until = untilText === undefined ? Date.now() : parseOffsetDateTime(untilText);
  if (until === undefined) throw new Error(`--until: "${untilText}" 应为带时区的 ISO 8601 时间 / expected ISO 8601 with an offset, e.g. 2026-11-30T18:00:00+08:00`);
  return { cases: whole('cases', 500, 1, 1_000_000), months: whole('months', 12, 1, 120), until, code: value('code') ?? '豫0823', seed: whole('seed', 2026, 0, 2 ** 31) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    const lines = sampleExport(parseArgs(process.argv.slice(2)));
    process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
