/**
 * The import's progress: a bar redrawn in place on a terminal, plain lines otherwise
 * (a log file, CI) at most every few seconds. Chinese first.
 */
export interface ProgressState {
  readonly events: number;
  readonly totalEvents: number;
  readonly cases: number;
  readonly totalCases: number;
  /** Events answered per second in this run (recent). */
  readonly rate: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One progress line: percent, events, cases, rate, ETA. */
export function progressLine(p: ProgressState, bar: boolean): string {
  const share = p.totalEvents ? p.events / p.totalEvents : 1;
  const eta = p.rate > 0 ? (p.totalEvents - p.events) / p.rate : Number.POSITIVE_INFINITY;
  const width = 24;
  const filled = Math.round(share * width);
  const head = bar ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '进度 progress ';
  return (
    `${head}${(share * 100).toFixed(0).padStart(3)}%  ` +
    `事件 events ${fmt(p.events)}/${fmt(p.totalEvents)} · 案件 cases ${fmt(p.cases)}/${fmt(p.totalCases)} · ` +
    `${fmt(Math.round(p.rate))} 事件/秒 events/s · 剩余 ETA ${p.events >= p.totalEvents ? '0:00' : duration(eta)}`
  );
}

export class Progress {
  private last = 0;
  private readonly samples: Array<{ at: number; events: number }> = [];

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly tty = Boolean(out.isTTY),
    private readonly plainEveryMs = 5_000,
  ) {}

  /** Events per second over the last ten seconds of this run. */
  rate(events: number, now = Date.now()): number {
    this.samples.push({ at: now, events });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? now) < now - 10_000) this.samples.shift();
    const first = this.samples[0];
    if (!first || now - first.at < 200) return 0;
    return ((events - first.events) * 1000) / (now - first.at);
  }

  show(p: ProgressState, force = false): void {
    const now = Date.now();
    if (this.tty) {
      if (!force && now - this.last < 100) return;
      this.last = now;
      this.out.write(`\r${progressLine(p, true)}\x1b[K`);
    } else if (force || now - this.last >= this.plainEveryMs) {
      this.last = now;
      this.out.write(`${progressLine(p, false)}\n`);
    }
  }

  /** Ends the bar's line before other output. */
  end(): void {
    if (this.tty) this.out.write('\n');
  }
}
