/** The bench's output: one `name: value` line per figure, printed as it is measured. */
import { loadavg } from 'node:os';

export type Figure = number | string;

export function format(value: Figure): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return String(Number(value.toFixed(digits)));
}

export class Report {
  readonly lines: string[] = [];

  /** Prints `name: value` (numbers rounded to a sensible precision). */
  figure(name: string, value: Figure): void {
    const line = `${name}: ${format(value)}`;
    this.lines.push(line);
    console.log(line);
  }

  /**
   * Runs one part of the bench and prints its wall time as `time-<part>-s` and the
   * machine's 1-minute load average before and after it as `load-<part>` (timings on a
   * shared machine are read beside it).
   */
  async part<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const before = loadavg()[0] ?? Number.NaN;
    try {
      return await run();
    } finally {
      this.figure(`time-${name}-s`, (performance.now() - started) / 1000);
      this.figure(`load-${name}`, `${format(before)} → ${format(loadavg()[0] ?? Number.NaN)}`);
    }
  }
}
