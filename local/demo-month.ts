/**
 * The demo month (events/month-2026-10.json: 42 cases of a small court across the National
 * Day holiday) replayed day by day into a local system over signed HTTP, the scan at
 * 18:00 each day. The system's clock follows the replay, so the board and the reads see
 * the court as it stood on each evening: `npm run demo` and `npm run screenshots` both
 * start here.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { addDays, HOUR_MS, type Instant, parseOffsetDateTime, startOfChinaDay } from '../lib/time.js';
import { courtClient } from './court-client.js';
import type { OutboxEntry } from './local-outbox.js';
import { type LocalSystem, startLocalSystem } from './system.js';

export const DEMO_MONTH = {
  court: 'wuzhi',
  secret: 'wuzhi-demo-secret-0123456789',
  file: fileURLToPath(new URL('../events/month-2026-10.json', import.meta.url)),
  from: '2026-09-28',
  to: '2026-10-31',
  /** The moment the replay ends: the last day's scan. */
  endsAt: '2026-10-31T18:00:00+08:00',
} as const;

interface RawEvent {
  readonly caseNo: string;
  readonly occurredAt: string;
}

export interface DemoSystem {
  readonly system: LocalSystem;
  readonly dataDir: string;
  /** The replay's clock (China time of the day being replayed). */
  now(): Instant;
  setNow(t: Instant): void;
  /** A signed request of the demo court, as of the replay's clock. */
  call<T = unknown>(method: string, path: string, body?: string): Promise<{ status: number; body: T }>;
}

export interface DemoDay {
  readonly day: string;
  readonly events: number;
  readonly notices: readonly OutboxEntry[];
}

/** A local system for the demo court in `dataDir` (a temporary directory by default), its clock at the start of the month. */
export async function startDemoSystem(options: { port?: number; boardToken?: string; dataDir?: string } = {}): Promise<DemoSystem> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'supervisor-demo-')));
  let now = startOfChinaDay(DEMO_MONTH.from);
  const system = await startLocalSystem({
    dataDir,
    port: options.port ?? 0,
    limits: DEFAULT_LIMITS,
    courtSecrets: { [DEMO_MONTH.court]: DEMO_MONTH.secret },
    clock: () => now,
    ...(options.boardToken ? { boardToken: options.boardToken } : {}),
  });
  // Signed (v2) like any court system, as of the replay's clock; a 429 is waited out as Retry-After says.
  const request = courtClient({ api: system.url ?? '', court: DEMO_MONTH.court, secret: DEMO_MONTH.secret, now: () => now });
  const call = async <T>(method: string, path: string, body?: string) => {
    const { status, body: answer } = await request<T>(method, path, body);
    return { status, body: answer };
  };
  return {
    system,
    dataDir,
    now: () => now,
    setNow: (t) => {
      now = t;
    },
    call,
  };
}

/** Replays the month: each day's events, then the scan at 18:00; `onDay` sees what each day sent. */
export async function replayMonth(demo: DemoSystem, onDay: (day: DemoDay) => void = () => undefined): Promise<{ posted: number; events: number; cases: number }> {
  const events = JSON.parse(await readFile(DEMO_MONTH.file, 'utf8')) as RawEvent[];
  let posted = 0;
  for (let day: string = DEMO_MONTH.from; day <= DEMO_MONTH.to; day = addDays(day, 1)) {
    const dayStart = startOfChinaDay(day);
    const evening = dayStart + 18 * HOUR_MS;
    demo.setNow(evening);
    const today = events.filter((e) => {
      const t = parseOffsetDateTime(e.occurredAt) ?? 0;
      return t >= dayStart && t < dayStart + 24 * HOUR_MS;
    });
    for (let i = 0; i < today.length; i += 100) {
      const res = await demo.call<{ results: Array<{ status: string }> }>('POST', '/v1/events', JSON.stringify({ events: today.slice(i, i + 100) }));
      if (res.status !== 202) throw new Error(`posting ${day} failed: ${res.status} ${JSON.stringify(res.body)}`);
      posted += res.body.results.filter((r) => r.status === 'accepted').length;
    }
    await demo.system.drain();
    const scan = await demo.system.scan(evening);
    onDay({ day, events: today.length, notices: scan.notices });
  }
  return { posted, events: events.length, cases: new Set(events.map((e) => e.caseNo)).size };
}
