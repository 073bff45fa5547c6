/**
 * The client examples a court's IT copies (examples/): Python (standard library), Java
 * (JDK only, compiled here with javac) and curl each sign a request (v2), post an event
 * and read the case back from the local mode.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURT, type Harness, SECRET, startHarness } from '../support/local-harness.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('client examples against the local mode', () => {
  let h: Harness;
  let env: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    h = await startHarness();
    env = { API: h.system.url ?? '', COURT_ID: COURT, COURT_SECRET: SECRET };
    dir = await mkdtemp(join(tmpdir(), 'examples-'));
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  const readBack = async (caseNo: string) => {
    const view = await h.get(`/v1/cases/${caseNo}`);
    expect(view.status).toBe(200);
    expect(view.body.caseNo).toBe(caseNo);
  };

  it('Python (standard library) signs, posts and reads back; a wrong secret is refused', async () => {
    const caseNo = '(2026)豫0823执9001号';
    const ok = await run('python3', [join(EXAMPLES, 'python/court_client.py')], { ...env, CASE_NO: caseNo });
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/POST \/v1\/events → 202 .*"accepted"/);
    expect(ok.out).toMatch(/→ 200 \(2026\)豫0823执9001号 团队 team=\w+ 节点 nodes=\d+/);
    await readBack(caseNo);
    const wrong = await run('python3', [join(EXAMPLES, 'python/court_client.py')], { ...env, COURT_SECRET: 'not-the-secret-0123456789', CASE_NO: '(2026)豫0823执9011号' });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/POST \/v1\/events → 401/);
  });

  it('Java (JDK only) compiles with javac, signs, posts and reads back', async () => {
    const caseNo = '(2026)豫0823执9002号';
    const compiled = await run('javac', ['-encoding', 'UTF-8', '-d', dir, join(EXAMPLES, 'java/CourtClient.java')], {});
    expect(compiled.code, compiled.out).toBe(0);
    const ok = await run('java', ['-Dfile.encoding=UTF-8', '-Dstdout.encoding=UTF-8', '-cp', dir, 'CourtClient'], { ...env, CASE_NO: caseNo });
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/POST \/v1\/events → 202 .*"accepted"/);
    expect(ok.out).toMatch(/GET \/v1\/cases\/%282026%29%E8%B1%AB0823%E6%89%A79002%E5%8F%B7 → 200/);
    await readBack(caseNo);
  });

  it('curl (with openssl) signs, posts and reads back', async () => {
    const caseNo = '(2026)豫0823执9003号';
    const ok = await run('bash', [join(EXAMPLES, 'curl/post-and-read.sh')], { ...env, CASE_NO: caseNo });
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/POST \/v1\/events → .*"accepted"/);
    expect(ok.out).toMatch(/GET \/v1\/cases\/\(2026\)豫0823执9003号 → 200/);
    await readBack(caseNo);
  });
});
