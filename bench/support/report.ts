/** The bench's output: one `name: value` line per figure, printed as it is measured. */

export type Figure = number | string;

function format(value: Figure): string {
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

  /** Runs one part of the bench and prints its wall time as `time-<part>-s`. */
  async part<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.figure(`time-${name}-s`, (performance.now() - started) / 1000);
    }
  }
}
