/**
 * Crash (docs/RELIABILITY.md): the local process is killed with SIGKILL during a load
 * and during a scan, then started again on the same data. Every event answered
 * `accepted` (or `duplicate`) is there; no notice is lost or doubled once the restarted
 * process has run its scans.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonth } from '../../events/generate-month.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { sign } from '../../lib/signature.js';
import { startLocalSystem } from '../../local/system.js';
import { COURT, SECRET, startHarness } from '../support/local-harness.js';
import { seeded } from './faults.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEED = Number(process.env.CRASH_SEED ?? 7);
const events = generateMonth(SEED, { cases: 120, firstCase: 7001 });
const caseNos = [...new Set(events.map((e) => e.caseNo))];
const SCAN_AT = Date.parse('2026-11-20T18:00:00+08:00');

interface Server {
  readonly process: ChildProcess;
  readonly url: string;
}

/** Every process started, so none outlives a failing test. */
const started: ChildProcess[] = [];

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SCAN_SCHEDULE: 'off', COURT_SECRETS: JSON.stringify({ [COURT]: SECRET }), CLAIM_LEASE_SECONDS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  for (let i = 0; i < 300; i++) {
    const m = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (m?.[1]) return { process: child, url: m[1] };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the local server did not start:\n${output}`);
}

function kill(server: Server, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (server.process.exitCode !== null) return resolve();
    server.process.once('exit', () => resolve());
    server.process.kill(signal);
  });
}

async function post(url: string, batch: readonly object[]): Promise<Array<{ eventId: string; status: string }> | undefined> {
  const body = JSON.stringify({ events: batch });
  const ts = String(Math.floor(Date.now() / 1000));
  try {
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-court-id': COURT, 'x-timestamp': ts, 'x-signature': sign(SECRET, ts, body) },
      body,
    });
    if (res.status !== 202) return undefined;
    return ((await res.json()) as { results: Array<{ eventId: string; status: string }> }).results;
  } catch {
    return undefined; // the server died under the request: no answer, so not acknowledged
  }
}

async function health(url: string): Promise<{ queueDepth: number; duplicatesDropped: number }> {
  return (await (await fetch(`${url}/local/health`)).json()) as { queueDepth: number; duplicatesDropped: number };
}

async function drained(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await health(url)).queueDepth === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the queue did not drain');
}

async function scanUntilSettled(url: string): Promise<void> {
  for (let run = 0; run < 30; run++) {
    const res = await fetch(`${url}/local/scan`, { method: 'POST', body: JSON.stringify({ time: new Date(SCAN_AT).toISOString() }) });
    if (res.status === 200 && ((await res.json()) as { casesRead: number }).casesRead === 0) return;
    await new Promise((r) => setTimeout(r, 1100)); // the killed scan's claims expire (CLAIM_LEASE_SECONDS=1)
  }
  throw new Error('the scan never settled');
}

describe(`crash: SIGKILL during a load and during a scan (${events.length} events, ${caseNos.length} cases, seed ${SEED})`, () => {
  let dataDir: string;
  const acknowledged = new Set<string>();
  let expectedNotices: string[] = [];
  const expectedStates = new Map<string, string>();
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    // Reference: the same events and the same scan, no crash.
    const reference = await startHarness();
    try {
      for (let i = 0; i < events.length; i += 100) await reference.post({ events: events.slice(i, i + 100) });
      await reference.system.drain();
      await reference.system.scan(SCAN_AT);
      expectedNotices = reference.system.outbox.list().map((n) => n.attributes.noticeId ?? '').sort();
      for (const caseNo of caseNos) expectedStates.set(caseNo, JSON.stringify((await reference.system.stores.snapshots.getCase(caseNo))?.state));
    } finally {
      await reference.close();
    }

    dataDir = await mkdtemp(join(tmpdir(), 'crash-test-'));
    const random = seeded(SEED);
    const batches: Array<typeof events> = [];
    for (let i = 0; i < events.length; i += 15) batches.push(events.slice(i, i + 15));

    // Load, killed part way: once a random share of the events has been acknowledged,
    // with requests of the other posters still in flight.
    let server = await startServer(dataDir);
    let killed: Promise<void> | undefined;
    let armed = true;
    const killAt = Math.floor(events.length * (0.3 + random() * 0.4));
    const postAll = async (todo: Array<typeof events>) => {
      const unanswered: Array<typeof events> = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < todo.length) {
            const batch = todo[next++] ?? [];
            if (killed) {
              unanswered.push(batch);
              continue;
            }
            const results = await post(server.url, batch);
            if (!results) unanswered.push(batch);
            else for (const r of results) if (r.status === 'accepted' || r.status === 'duplicate') acknowledged.add(r.eventId);
            if (armed && acknowledged.size >= killAt) {
              armed = false;
              killed = kill(server, 'SIGKILL');
            }
          }
        }),
      );
      return unanswered;
    };
    const leftOver = await postAll(batches);
    await killed;
    figures.acknowledgedBeforeKill = acknowledged.size;
    figures.unansweredBatches = leftOver.length;

    // Restart on the same data; the court system resends what had no answer.
    server = await startServer(dataDir);
    killed = undefined;
    const stillLeft = await postAll(leftOver);
    expect(stillLeft).toEqual([]);
    await drained(server.url);

    // A scan, killed part way: once a random share of its notices is in the outbox.
    killed = undefined;
    const scanKillAt = Math.floor(expectedNotices.length * (0.2 + random() * 0.5));
    const outboxLines = async () => (await readFile(join(dataDir, 'notices.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
    const scanning = fetch(`${server.url}/local/scan`, { method: 'POST', body: JSON.stringify({ time: new Date(SCAN_AT).toISOString() }) }).catch(() => undefined);
    while ((await outboxLines()) < scanKillAt) await new Promise((r) => setTimeout(r, 2));
    await kill(server, 'SIGKILL');
    await scanning;
    figures.noticesBeforeScanKill = await outboxLines();

    // Restart; the scans run again until nothing is due at that time.
    server = await startServer(dataDir);
    await drained(server.url);
    await scanUntilSettled(server.url);
    figures.receiverDuplicatesDropped = (await health(server.url)).duplicatesDropped;
    await kill(server, 'SIGTERM');
    console.log('crash figures', JSON.stringify({ events: events.length, cases: caseNos.length, acknowledged: acknowledged.size, scanNotices: expectedNotices.length, ...figures }));
  }, 600_000);

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('has every acknowledged event folded into its case, and every case as without the crash', async () => {
    expect(acknowledged.size).toBe(events.length);
    const system = await startLocalSystem({ dataDir, limits: DEFAULT_LIMITS, courtSecrets: { [COURT]: SECRET } });
    try {
      const held = new Set<string>();
      for (const caseNo of caseNos) {
        const record = await system.stores.snapshots.getCase(caseNo);
        for (const ref of record?.eventRefs ?? []) held.add(ref.slice(COURT.length + 1));
        expect(JSON.stringify(record?.state), caseNo).toBe(expectedStates.get(caseNo));
      }
      expect([...acknowledged].filter((id) => !held.has(id))).toEqual([]);
    } finally {
      await system.close();
    }
  });

  it('has every notice of the scan exactly once in notices.jsonl', async () => {
    const lines = (await readFile(join(dataDir, 'notices.jsonl'), 'utf8')).split('\n').filter(Boolean);
    const ids = lines.map((l) => (JSON.parse(l) as { attributes: { noticeId: string } }).attributes.noticeId).sort();
    expect(expectedNotices.length).toBeGreaterThan(50);
    expect(ids).toEqual(expectedNotices);
  });
});
