/** The scan timer of the local mode: `rate(N unit)` or `off` (cron() is for AWS only). */
import { ConfigurationError } from '../lib/errors.js';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Milliseconds between scans, or `undefined` for `off`. */
export function scanIntervalMs(schedule: string): number | undefined {
  const text = schedule.trim();
  if (text === 'off') return undefined;
  const m = /^rate\(\s*([1-9]\d*)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(text);
  if (!m) {
    throw new ConfigurationError([
      `SCAN_SCHEDULE: "${schedule}" is not supported locally; expected rate(<n> minutes|hours|days) or off`,
    ]);
  }
  return Number(m[1]) * (UNIT_MS[(m[2] ?? 'minute').replace(/s$/, '')] ?? 60_000);
}
