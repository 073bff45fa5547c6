/**
 * `npm run import` (CONTRACT §7): a 20,000-event export, the CLI killed with SIGKILL half
 * way, run again — it resumes from its checkpoint, nothing is doubled and every event is
 * accepted. The API is the local mode's intake on dynalite; the apply step is left out
 * (its queue only counts) because this is about the import's bookkeeping, and folding
 * 20,000 events would only slow the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../tools/import/checkpoint.js';
import { countLines } from '../../tools/import/checkpoint.js';
import { sampleExport } from '../../tools/sample-export.js';
import { COURT, type Harness, SECRET, startHarness } from '../support/local-harness.js';

const ROOT = new URL('../../', import.meta.url);
const EVENTS = 20_000;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function startImport(args: string[], api: string): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/import.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, API: api, COURT_ID: COURT, COURT_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Checkpoint;
  } catch {
    return undefined; // not written yet
  }
}

describe('npm run import', () => {
  let h: Harness;
  let dir: string;
  const saved: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'import-test-'));
    h = await startHarness({
      decorate: {
        // Count what the intake stores: a resumed import must not send again what was answered.
        stores: (stores) => ({
          ...stores,
          events: Object.assign(Object.create(stores.events) as typeof stores.events, {
            saveEvent: (...args: Parameters<typeof stores.events.saveEvent>) => {
              saved.push(args[0].eventId);
              return stores.events.saveEvent(...args);
            },
          }),
        }),
        queue: () => ({ enqueue: async () => undefined }),
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('resumes after SIGKILL half way: every event accepted once, nothing sent twice but the batches on the wire', async () => {
    const lines = sampleExport({ cases: 1_900, months: 12, until: Date.parse('2026-11-30T18:00:00+08:00'), code: '豫0823', seed: 7 }).slice(0, EVENTS);
    expect(lines).toHaveLength(EVENTS);
    const file = join(dir, 'export.jsonl');
    const checkpointPath = `${file}.import-checkpoint.json`;
    await writeFile(file, `${lines.join('\n')}\n`);
    const url = h.system.url ?? '';

    const first = startImport([file], url);
    let seen = 0;
    for (let shown = 0; ; ) {
      const cp = await readCheckpoint(checkpointPath);
      seen = cp ? countLines(cp.answered) : 0;
      if (seen >= shown + 2_000) console.log(`first run: ${(shown = seen)} events answered`);
      if (seen >= EVENTS / 2) break;
      const exited = await Promise.race([first.done.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))]);
      if (exited) throw new Error(`the import ended before it was killed: ${(await first.done).stderr}`);
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const partial = await readCheckpoint(checkpointPath);
    const answeredBefore = countLines(partial?.answered ?? []);
    console.log(`killed after ${answeredBefore} of ${EVENTS} events answered (${saved.length} stored so far)`);
    expect(answeredBefore).toBeGreaterThanOrEqual(EVENTS / 2);
    expect(answeredBefore).toBeLessThan(EVENTS);

    const second = await startImport([file], url).done;
    expect(second.code, second.stderr + second.stdout).toBe(0);
    expect(second.stdout).toMatch(/导入完成/);
    expect(second.stdout).toMatch(/接受 accepted\s+20,000/);
    expect(second.stderr).toMatch(/事件 events \d[\d,]*\/20,000 · 案件 cases/); // plain progress lines (not a TTY)

    const done = await readCheckpoint(checkpointPath);
    expect(done?.counts).toEqual({ accepted: EVENTS, duplicate: 0, conflict: 0, rejected: 0 });
    expect(done?.finishedAt).toBeDefined();
    // Everything stored, each event once; only the batches in flight at the kill were sent again.
    const ids = new Set(lines.map((l) => (JSON.parse(l) as { eventId: string }).eventId));
    expect(new Set(saved)).toEqual(ids);
    const resent = saved.length - EVENTS;
    console.log(`second run sent ${second.stdout.match(/跳过已完成的 (\d+) 行/)?.[1] ?? '?'} skipped lines, ${resent} events again`);
    expect(resent).toBeLessThanOrEqual(4 * 100); // at most the four batches on the wire
    expect(second.stdout).toMatch(new RegExp(`跳过已完成的 ${answeredBefore} 行`));

    // A third run has nothing left to send.
    const third = await startImport([file], url).done;
    expect(third.code).toBe(0);
    expect(saved.length - EVENTS).toBe(resent);
  }, 300_000);
});
