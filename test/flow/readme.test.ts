/**
 * The README is a contract with a newcomer: `npm start` starts, its curl examples work
 * as shown, and the model it explains names every node, rule and parameter.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NUMERIC_PARAMETERS } from '../../lib/limits.js';
import { NODE_CATALOG } from '../../lib/nodes.js';
import { TRIAGE_RULES } from '../../lib/triage.js';
import { spawnLocalMain } from '../support/local-main.js';
import { until } from '../support/wait.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const readme = () => readFile(join(ROOT, 'README.md'), 'utf8');

/** The `sh` blocks of the README's local-mode section, in order. */
async function shellBlocks(): Promise<string[]> {
  const text = await readme();
  const section = text.slice(text.indexOf('## Local mode'), text.indexOf('## The model'));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

/** The JSON documents curl printed back to back (curl adds no newline). */
function jsonDocuments(text: string): unknown[] {
  const docs: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) docs.push(JSON.parse(text.slice(start, i + 1)));
  }
  return docs;
}

describe('README: the local mode as a newcomer meets it', () => {
  let server: ChildProcess | undefined;
  let port = 0;
  let dataDir: string | undefined;

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts with npm start and prints where the data lives, the demo court and its secret', async () => {
    const dir = (dataDir = await mkdtemp(join(tmpdir(), 'readme-test-')));
    const main = spawnLocalMain(dir, { COURT_SECRETS: '' });
    const child = (server = main.child);
    const output = main.output;
    await until('npm start coming up', () => {
      port = Number(/API\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output())?.[1] ?? 0);
      if (!port && child.exitCode !== null) throw new Error(`npm start exited:\n${output()}`);
      return port > 0;
    });
    expect(output()).toContain(dir);
    expect(output()).toMatch(/demo-court.*demo-secret-0123456789abcdef/);
  });

  it('accepts the README\'s signed POST, serves the GETs, runs a scan and builds the digest', async () => {
    if (!port) throw new Error('npm start did not come up; see the test before');
    const blocks = await shellBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const run = (script: string) => {
      const result = spawnSync('bash', ['-c', script.replaceAll('127.0.0.1:3000', `127.0.0.1:${port}`)], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    const post = jsonDocuments(run(blocks[0] ?? ''));
    expect(post).toEqual([{ results: [{ eventId: 'demo-1', status: 'accepted' }] }]);
    // The queue applies it: /local/health says when nothing is left.
    await until('the queue applying the event', async () => ((await (await fetch(`http://127.0.0.1:${port}/local/health`)).json()) as { queueDepth: number }).queueDepth === 0);
    const [one, list] = jsonDocuments(run(blocks[1] ?? ''));
    expect(one).toMatchObject({ caseNo: '(2026)豫0823执1号', court: 'demo-court', status: 'open' });
    expect(list).toHaveProperty('cases');
    const [scan, notices] = jsonDocuments(run(blocks[2] ?? '')) as [{ notices: unknown[] }, unknown[]];
    expect(scan.notices.length).toBeGreaterThan(0);
    expect(notices).toEqual(scan.notices);
    // The morning digest: the demo court's director always gets one, and it lists the case's late nodes.
    const [digest] = jsonDocuments(run(blocks[3] ?? '')) as [{ sent: number; digests: Array<{ court: string; team: string; overdue: Array<{ caseNo: string }> }> }];
    const director = digest.digests.find((d) => d.court === 'demo-court' && d.team === 'all');
    expect(director?.overdue.map((n) => n.caseNo)).toContain('(2026)豫0823执1号');
    expect(digest.sent).toBe(digest.digests.length);
  });
});

describe('README: the model names every node, rule and parameter', () => {
  it('lists every node of the catalog with its parameter', async () => {
    const text = await readme();
    for (const node of NODE_CATALOG) {
      const row = text.split('\n').find((line) => line.startsWith(`| \`${node.id}\` |`));
      expect(row, node.id).toBeDefined();
      expect(row).toContain(node.limit.param);
    }
  });

  it('names every triage rule and every limit parameter', async () => {
    const text = await readme();
    for (const rule of TRIAGE_RULES) expect(text, rule.id).toMatch(new RegExp(`\\b${rule.id}\\b`));
    for (const name of Object.keys(NUMERIC_PARAMETERS)) expect(text, name).toContain(name);
  });
});
