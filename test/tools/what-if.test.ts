/**
 * `npm run what-if` (README "Onboarding a court") on a local data directory made by the real flow: it
 * shows the due times `SimpleCaseDays=20` moves and the notices the next scan would
 * send, applies the functions' parameter checks first, refuses a directory in use, and
 * changes nothing — every file of the data directory is byte for byte as before.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lib/time.js';
import { localSource } from '../../tools/what-if/source.js';
import { startHarness } from '../support/local-harness.js';

const ROOT = new URL('../../', import.meta.url);

function whatIf(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/what-if.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Every file under a directory with the SHA-256 of its bytes. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

describe('npm run what-if', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('shows what SimpleCaseDays=20 moves and escalates, after the parameter checks, and changes no byte of the store', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'what-if-test-'));
    dirs.push(dataDir);
    // The first cases of the demo month, through the real intake, apply and scan.
    const month = JSON.parse(await readFile(new URL('events/month-2026-10.json', ROOT), 'utf8')) as Array<{ type: string; caseNo: string; occurredAt: string }>;
    const early = new Set(month.filter((e) => e.type === 'case.filed' && e.occurredAt < '2026-10-10').map((e) => e.caseNo));
    const events = month.filter((e) => early.has(e.caseNo) && e.occurredAt < '2026-10-20');
    const h = await startHarness({ dataDir });
    for (let i = 0; i < events.length; i += 100) expect((await h.postAndApply({ events: events.slice(i, i + 100) })).status).toBe(202);
    await h.system.scan(Date.parse('2026-10-20T18:00:00+08:00'));
    const simple: Array<{ caseNo: string; dueAt: string }> = [];
    for (const caseNo of early) {
      const view = (await h.get(`/v1/cases/${caseNo}`)).body;
      const node = view.nodes.find((n: any) => n.id === 'closeSimple' && n.status !== 'done');
      if (view.status === 'open' && node) simple.push({ caseNo, dueAt: node.dueAt });
    }
    await h.close();
    expect(simple.length).toBeGreaterThan(0);
    const before = await fingerprint(dataDir);

    const run = await whatIf(['--SimpleCaseDays=20', '--at', '2026-10-20T18:15:00+08:00'], dataDir);
    console.log(run.stdout);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/SimpleCaseDays 30 → 20/);
    for (const { caseNo, dueAt } of simple) {
      const row = run.stdout.split('\n').find((l) => l.includes(caseNo) && l.includes('closeSimple') && /\d{4}-\d\d-\d\d \d\d:\d\d\s+\d{4}/.test(l));
      expect(row, `${caseNo} closeSimple is not listed as moved`).toBeDefined();
      // China time; the end of a day limit reads "24:00" of its last day.
      const instant = (day: string, hm: string) => Date.parse(`${day}T${hm === '24:00' ? '00:00' : hm}:00+08:00`) + (hm === '24:00' ? DAY_MS : 0);
      const [oldDue, newDue] = [...(row ?? '').matchAll(/(\d{4}-\d\d-\d\d) (\d\d:\d\d)/g)].map((m) => instant(m[1] ?? '', m[2] ?? ''));
      expect(oldDue).toBe(Date.parse(dueAt)); // the due time the case view shows today
      const earlier = ((oldDue ?? 0) - (newDue ?? 0)) / DAY_MS;
      expect(earlier).toBeGreaterThanOrEqual(7); // ten days earlier, give or take rest days at either end
      expect(earlier).toBeLessThanOrEqual(13);
    }
    expect(run.stdout).toMatch(/下次扫描将发出的提醒/);
    expect(await fingerprint(dataDir)).toEqual(before);

    // The functions' own checks come first: a range, then a rule across parameters.
    const low = await whatIf(['--SimpleCaseDays=0'], dataDir);
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/参数检查未通过[\s\S]*SimpleCaseDays: "0" is not valid; expected a whole number from 1 to 366/);
    const crossed = await whatIf(['--LargeAmountThreshold=1000'], dataDir);
    expect(crossed.code).toBe(1);
    expect(crossed.stderr).toMatch(/LargeAmountThreshold: 1000 is below OrdinaryAmountThreshold/);
    const unknown = await whatIf(['--SimpleCaseDay=20'], dataDir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/未知参数 unknown parameter --SimpleCaseDay/);

    // A directory in use by a running process (its lock names a live pid) is refused.
    await writeFile(join(dataDir, 'server.lock'), String(process.pid));
    const busy = await whatIf(['--SimpleCaseDays=20'], dataDir);
    await rm(join(dataDir, 'server.lock'));
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(new RegExp(`正被进程 ${process.pid} 使用[\\s\\S]*one process per DATA_DIR`, 'i'));
    expect(await fingerprint(dataDir)).toEqual(before);
  }, 240_000);

  it('reads through a client that refuses every write', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'what-if-ro-'));
    dirs.push(dataDir);
    const h = await startHarness({ dataDir });
    await h.close();
    const source = await localSource(dataDir);
    try {
      const refused = await source.stores.meta.putMeta('probe', { x: 1 }, undefined).then(() => undefined, (e: Error) => e);
      expect(String((refused?.cause as Error | undefined)?.message ?? refused?.message)).toMatch(/what-if is read only: refused PutItem/);
      expect(await source.stores.meta.getMeta('probe')).toBeUndefined();
    } finally {
      await source.close();
    }
  });
});
