/**
 * Crash (docs/RELIABILITY.md): the local process is killed with SIGKILL during a load
 * and during the scan that releases held notices (held at 00:05 on Saturday, released at
 * 08:00 on Monday), then started again on the same data. Every event answered
 * `accepted` (or `duplicate`) is there; once the dead scan's claims are past their lease,
 * one scan settles everything due (the next one reads nothing), and no notice is lost
 * or doubled. Sized by `FAULT_SCALE` (`npm run test:faults` runs it larger), seeded by
 * `CRASH_SEED`. A scan that does not settle fails with what it still reads.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMonth } from '../../events/generate-month.js';
import { signedHeaders } from '../../lib/signature.js';
import { startLocalSystem } from '../../local/system.js';
import { COURT, SECRET, startHarness, TEST_LIMITS } from '../support/local-harness.js';
import { spawnLocalMain } from '../support/local-main.js';
import { until } from '../support/wait.js';
import { seeded } from './faults.js';
import { describeEntries, diagnoseDataDir } from './store-diagnosis.js';

const SCALE = Number(process.env.FAULT_SCALE ?? 1);
const SEED = Number(process.env.CRASH_SEED ?? 7);
const CASES = Math.round(60 * SCALE);
const events = generateMonth(SEED, { cases: CASES, firstCase: 7001 });
const caseNos = [...new Set(events.map((e) => e.caseNo))];
/** The scan that finds Friday's limits missed, at 00:05 on Saturday: it holds its notices (quiet hours, rest day). */
const HOLD_AT = Date.parse('2026-11-21T00:05:00+08:00');
/** The scan that releases them, at 08:00 on Monday — the one killed. */
const SCAN_AT = Date.parse('2026-11-23T08:00:00+08:00');
const LEASE_MS = 1000;
/** Patience of each step: generous, and larger with the size (a busy machine slows every step). */
const STEP_MS = 240_000 * SCALE;
/** The load posts as fast as it can: fair use (429) is tested in test/flow/fair-use.test.ts. */
const FAIR_USE_OPEN = { CourtRateLimit: '10000', CourtBurstLimit: '5000' };

interface Server {
  readonly process: ChildProcess;
  readonly url: string;
}

/** Every process started, so none outlives a failing test. */
const started: ChildProcess[] = [];
/** What the start-ups after a kill repaired in the store's indexes (`store repair` line of `npm start`). */
const repaired = { restarts: 0, staleRemoved: 0, entriesRestored: 0 };
const t0 = Date.now();
const progress = (step: string) => console.log(`crash [${((Date.now() - t0) / 1000).toFixed(1)} s] ${step}`);

async function startServer(dataDir: string): Promise<Server> {
  const main = spawnLocalMain(dataDir, {
    COURT_SECRETS: JSON.stringify({ [COURT]: SECRET }),
    CLAIM_LEASE_SECONDS: String(LEASE_MS / 1000),
    ...FAIR_USE_OPEN,
  });
  const child = main.child;
  started.push(child);
  const output = main.output;
  let url: string | undefined;
  await until(`the local server starting on ${dataDir}`, () => {
    url = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1];
    if (!url && child.exitCode !== null) throw new Error(`the local server exited:\n${output()}`);
    return url !== undefined;
  });
  const repair = /删除失效索引项 (\d+) 个，补回 (\d+) 个/.exec(output());
  if (repair) repaired.restarts++;
  repaired.staleRemoved += Number(repair?.[1] ?? 0);
  repaired.entriesRestored += Number(repair?.[2] ?? 0);
  return { process: child, url: url ?? '' };
}

function kill(server: Server, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (server.process.exitCode !== null || server.process.signalCode !== null) return resolve();
    server.process.once('exit', () => resolve());
    server.process.kill(signal);
  });
}

async function post(url: string, batch: readonly object[]): Promise<Array<{ eventId: string; status: string }> | undefined> {
  const body = JSON.stringify({ events: batch });
  try {
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders({ court: COURT, secret: SECRET, method: 'POST', target: '/v1/events', body }) },
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

interface ScanAnswer {
  readonly casesRead: number;
  readonly published: number;
  readonly held: number;
  readonly caseErrors: number;
  readonly incomplete: boolean;
  readonly alreadySent: number;
}

async function scan(url: string, at = SCAN_AT): Promise<ScanAnswer> {
  const res = await fetch(`${url}/local/scan`, { method: 'POST', body: JSON.stringify({ time: new Date(at).toISOString() }) });
  expect(res.status).toBe(200);
  return (await res.json()) as ScanAnswer;
}

describe(`crash: SIGKILL during a load and during a scan (${events.length} events, ${caseNos.length} cases, seed ${SEED})`, () => {
  let dataDir: string | undefined;
  let server: Server | undefined;
  const acknowledged = new Set<string>();
  let expectedNotices: string[] = [];
  const expectedStates = new Map<string, string>();
  const figures: Record<string, number> = {};
  const random = seeded(SEED);
  let stage = 0;
  const after = (n: number) => {
    if (stage < n) throw new Error('an earlier step of this test failed; see its error');
  };

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    console.log('crash figures', JSON.stringify({ events: events.length, cases: caseNos.length, acknowledged: acknowledged.size, scanNotices: expectedNotices.length, ...figures, indexRepair: repaired }));
  });

  it('runs the same events and the same scan without a crash (the reference)', async () => {
    const reference = await startHarness();
    try {
      for (let i = 0; i < events.length; i += 100) await reference.post({ events: events.slice(i, i + 100) });
      await reference.system.drain();
      const hold = await reference.system.scan(HOLD_AT);
      figures.referenceHeld = hold.held;
      expect(hold.sent).toBe(0); // nobody woken at 00:05 on a Saturday
      await reference.system.scan(SCAN_AT);
      expectedNotices = reference.system.outbox.list().map((n) => n.attributes.noticeId ?? '').sort();
      for (const caseNo of caseNos) expectedStates.set(caseNo, JSON.stringify((await reference.system.stores.snapshots.getCase(caseNo))?.state));
    } finally {
      await reference.close();
    }
    expect(expectedNotices.length).toBeGreaterThan(10 * SCALE);
    expect(figures.referenceHeld).toBeGreaterThan(10 * SCALE);
    progress(`reference: ${expectedNotices.length} notices`);
    stage = 1;
  }, STEP_MS);

  it('keeps every acknowledged event through a SIGKILL during the load', async () => {
    after(1);
    dataDir = await mkdtemp(join(tmpdir(), 'crash-test-'));
    const batches: Array<typeof events> = [];
    for (let i = 0; i < events.length; i += 15) batches.push(events.slice(i, i + 15));

    // Load, killed part way: once a random share of the events has been acknowledged,
    // with requests of the other posters still in flight.
    let killed: Promise<void> | undefined;
    let armed = true;
    const killAt = Math.floor(events.length * (0.3 + random() * 0.4));
    const postAll = async (to: Server, todo: Array<typeof events>) => {
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
            const results = await post(to.url, batch);
            if (!results) unanswered.push(batch);
            else for (const r of results) if (r.status === 'accepted' || r.status === 'duplicate') acknowledged.add(r.eventId);
            if (armed && acknowledged.size >= killAt) {
              armed = false;
              killed = kill(to, 'SIGKILL');
            }
          }
        }),
      );
      return unanswered;
    };
    server = await startServer(dataDir);
    progress('server started; loading');
    const leftOver = await postAll(server, batches);
    await killed;
    figures.acknowledgedBeforeKill = acknowledged.size;
    figures.unansweredBatches = leftOver.length;
    progress(`killed during the load (${acknowledged.size} events acknowledged, ${leftOver.length} batches unanswered)`);

    // Restart on the same data; the court system resends what had no answer.
    server = await startServer(dataDir);
    killed = undefined;
    expect(await postAll(server, leftOver)).toEqual([]);
    const url = server.url;
    await until('the queue draining', async () => (await health(url)).queueDepth === 0, STEP_MS);
    expect(acknowledged.size).toBe(events.length);
    progress('restarted, resent, drained');
    stage = 2;
  }, STEP_MS);

  it('settles after a SIGKILL during a scan: one scan past the lease sends the rest, the next finds nothing due', async () => {
    after(2);
    const dir = dataDir ?? '';
    let running = server as Server;
    // Saturday 00:05: everything the scan decides is held, nothing goes out.
    const hold = await scan(running.url, HOLD_AT);
    expect({ held: hold.held, published: hold.published }).toEqual({ held: figures.referenceHeld, published: 0 });
    // Monday 08:00: the scan that releases them, killed once a random share of its notices is in the outbox.
    const scanKillAt = Math.floor(expectedNotices.length * (0.2 + random() * 0.5));
    const outboxLines = async () => (await readFile(join(dir, 'notices.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
    const scanning = fetch(`${running.url}/local/scan`, { method: 'POST', body: JSON.stringify({ time: new Date(SCAN_AT).toISOString() }) }).catch(() => undefined);
    await until('the scan writing notices', async () => (await outboxLines()) >= scanKillAt, STEP_MS);
    await kill(running, 'SIGKILL');
    const killedAt = Date.now();
    await scanning;
    figures.noticesBeforeScanKill = await outboxLines();
    progress(`killed during the scan (${figures.noticesBeforeScanKill} of ${expectedNotices.length} notices out)`);

    running = server = await startServer(dir);
    await until('the queue draining', async () => (await health(running.url)).queueDepth === 0, STEP_MS);
    // The dead scan's claims are respected for the lease; after it, one scan takes them over.
    await until('the claim lease passing', () => Date.now() > killedAt + LEASE_MS);
    const first = await scan(running.url);
    progress(`scan after the lease: read ${first.casesRead} cases, published ${first.published}, found ${first.alreadySent} already sent`);
    expect(first.caseErrors).toBe(0);
    expect(first.incomplete).toBe(false);
    const second = await scan(running.url);
    figures.receiverDuplicatesDropped = (await health(running.url)).duplicatesDropped;
    await kill(running, 'SIGTERM');
    if (second.casesRead !== 0) {
      const entries = await diagnoseDataDir(dir, SCAN_AT);
      throw new Error(`the scan did not settle: the next scan still read ${second.casesRead} case(s):\n${describeEntries(entries)}`);
    }
    stage = 3;
  }, STEP_MS);

  it('has every acknowledged event folded into its case, every case as without the crash, and pendingEvents 0', async () => {
    after(3);
    const system = await startLocalSystem({ dataDir: dataDir ?? '', limits: TEST_LIMITS, courtSecrets: { [COURT]: SECRET } });
    try {
      const held = new Set<string>();
      const counted = new Set<string>();
      let pending = 0;
      for (const caseNo of caseNos) {
        const record = await system.stores.snapshots.getCase(caseNo);
        for (const ref of record?.eventRefs ?? []) held.add(ref.slice(COURT.length + 1));
        expect(JSON.stringify(record?.state), caseNo).toBe(expectedStates.get(caseNo));
        // What the case view's pendingEvents counts: accepted, not in the snapshot.
        const applied = new Set(record?.eventRefs ?? []);
        for (const ref of await system.stores.events.acceptedRefs(caseNo)) {
          counted.add(ref.slice(COURT.length + 1));
          if (!applied.has(ref)) pending++;
        }
      }
      expect([...acknowledged].filter((id) => !held.has(id))).toEqual([]);
      expect([...acknowledged].filter((id) => !counted.has(id))).toEqual([]);
      expect(pending).toBe(0);
    } finally {
      await system.close();
    }
  });

  it('has every notice of the scan exactly once in notices.jsonl', async () => {
    after(3);
    const lines = (await readFile(join(dataDir ?? '', 'notices.jsonl'), 'utf8')).split('\n').filter(Boolean);
    const ids = lines.map((l) => (JSON.parse(l) as { attributes: { noticeId: string } }).attributes.noticeId).sort();
    expect(ids).toEqual(expectedNotices);
  });
});
