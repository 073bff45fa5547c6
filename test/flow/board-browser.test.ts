/**
 * The command-centre board in a real browser (CONTRACT §6): Debian's Chromium, driven by
 * playwright-core, against `npm start` (the local mode's own entry, as a user runs it).
 * A manager opens the login URL the server printed, sees a seeded overdue node on the
 * overview and the overdue list, opens its case, filters by team, and reads the metrics:
 * their charts, and the CSV download checked row by row against `GET /v1/metrics`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, DAY_MS, toChinaIso } from '../../lib/time.js';
import { type Browser, launchChromium, requireChromium } from '../../local/chromium.js';
import { courtClient } from '../../local/court-client.js';
import { spawnLocalMain } from '../support/local-main.js';
import { until as waitUntil } from '../support/wait.js';

const COURT = 'wuzhi';
const SECRET = 'wuzhi-browser-secret-0123456789';
const TOKEN = 'browser-test-token-0123456789';
const LATE = '(2026)豫0823执901号';

let server: ChildProcess;
/** What `npm start` printed so far. */
let output = () => '';
let dataDir: string | undefined;
let browser: Browser;
let page: Page;
let api = '';

/** A request of the court system (signed v2 by the shared client). */
const signed = <T = any>(method: string, path: string, body?: string) => courtClient({ api, court: COURT, secret: SECRET })<T>(method, path, body);

/** Waits on a condition; the server's output goes with a timeout. */
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  let value: T | undefined;
  await waitUntil(what, async () => (value = await probe()) !== undefined, 60_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${output()}`);
  });
  return value as T;
}

let seeded: Promise<void> | undefined;
/** A case filed three days ago and left alone, scanned now: its online query is at 督办. */
const seed = () =>
  (seeded ??= (async () => {
    await ready();
    const filedAt = toChinaIso(Date.now() - 3 * DAY_MS);
    const body = JSON.stringify({ eventId: 'browser-1', type: 'case.filed', caseNo: LATE, occurredAt: filedAt, data: { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] } });
    expect((await signed('POST', '/v1/events', body)).body.results[0].status).toBe('accepted');
    await until('the case applied', async () => ((await (await fetch(`${api}/local/health`)).json()) as { queueDepth: number }).queueDepth === 0 || undefined);
    const scan = await fetch(`${api}/local/scan`, { method: 'POST', body: JSON.stringify({ time: toChinaIso(Date.now()) }) });
    expect(scan.status).toBe(200);
  })());

let starting: Promise<void> | undefined;
/**
 * `npm start` and one Chromium, started by the first test that needs them (work happens in
 * tests, so a missing browser or a slow start fails every test loudly, never skips one).
 */
const ready = () => (starting ??= start());
async function start(): Promise<void> {
  await requireChromium(); // before anything starts: the clear message of a machine without it
  dataDir = await mkdtemp(join(tmpdir(), 'board-browser-'));
  const main = spawnLocalMain(dataDir, {
    BOARD_TOKEN: TOKEN,
    COURT_SECRETS: JSON.stringify({ [COURT]: SECRET }),
    // The seed is relative to the wall clock: no notice is held for the night or a rest day.
    NoticeQuietHours: '',
    NoticeHoldOnRestDays: '',
  });
  server = main.child;
  output = main.output;
  const [started, launched] = await Promise.all([
    until('npm start to print its login URL', async () => /(http:\/\/127\.0\.0\.1:\d+)\/login\?token=\S+/.exec(output()) ?? undefined),
    launchChromium(),
  ]);
  api = started[1] ?? '';
  browser = launched;
  page = await browser.context.newPage();
}

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (server && server.exitCode === null) await new Promise((r) => server.once('exit', r));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the board in Chromium against npm start', () => {
  it('logs in with the printed URL and shows the seeded overdue node on the overview', async () => {
    await seed();
    const loginUrl = /http:\/\/127\.0\.0\.1:\d+\/login\?token=\S+/.exec(output())?.[0] ?? '';
    expect(loginUrl).toContain(`token=${TOKEN}`);
    await page.goto(loginUrl);
    await page.waitForSelector('[data-testid=overdue-total]');
    expect(new URL(page.url()).pathname).toBe('/'); // the token left the address bar
    expect(await page.textContent('.who')).toContain(COURT);
    expect(Number(await page.textContent('[data-testid=overdue-total]'))).toBeGreaterThanOrEqual(1);
    const serviceRow = page.locator('table.matrix tbody tr', { hasText: '事务性工作集约办理团队' });
    expect(Number(await serviceRow.locator('td.level-supervise').textContent())).toBeGreaterThanOrEqual(1);
  });

  it('lists it on the overdue list with its Chinese node name, team and level, and opens its case', async () => {
    await seed();
    await page.click('nav a[data-page=overdue]');
    const row = page.locator('table.overdue tbody tr', { hasText: LATE }).first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual([LATE, '发起网络执行查询', '事务性工作集约办理团队', '督办']);
    expect(cells[5]).toMatch(/^[12]天/); // filed three days ago, due a day (and at most an hour) later
    await row.locator('a.case-no').click();
    await page.waitForSelector('.case-page h2.case-title');
    expect(await page.textContent('.case-page h2.case-title')).toBe(LATE);
    const node = page.locator('table.nodes tr.node', { hasText: '发起网络执行查询' });
    expect(await node.locator('.badge').first().textContent()).toBe('已超期');
    const notices = await page.locator('table.notices tbody tr').allTextContents();
    expect(notices.some((t) => t.includes('督办') && t.includes('已发送'))).toBe(true);
  });

  it('filters the overdue list by team', async () => {
    await seed();
    await page.goto(`${api}/#/overdue`);
    await page.locator('table.overdue').waitFor();
    await page.selectOption('#team', 'simple');
    await page.waitForSelector('p.empty');
    expect(await page.textContent('p.empty')).toBe('该团队没有超期节点。');
    expect(page.url()).toContain('#/overdue?team=simple');
  });

  it('shows the metrics with their charts, and the CSV it downloads says what GET /v1/metrics says', async () => {
    await seed();
    const from = toChinaIso(Date.now() - 3 * DAY_MS).slice(0, 10); // the seeded case's filing day
    const to = addDays(toChinaIso(Date.now()).slice(0, 10), 1);
    await page.goto(`${api}/#/metrics?from=${from}&to=${to}`);
    await page.locator('svg.chart').first().waitFor();
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(2); // the open cases' age, the notices by level
    // The court's own figures, read with its signature: the seeded case, filed and still open.
    const json = (await signed<Record<string, unknown>>('GET', `/v1/metrics?from=${from}&to=${to}`)).body;
    expect(json).toMatchObject({ court: COURT, filed: 1, closed: 0, pendingAge: { open: 1, '0-30': 1 } });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=csv]')]);
    const text = await readFile(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFF指标,代码,数值\r\n')).toBe(true); // UTF-8 with a BOM: Excel opens it as it is
    const rows = text.slice(1).trimEnd().split('\r\n').slice(1).map((line) => line.split(','));
    const flat: Record<string, unknown> = {};
    const walk = (value: unknown, path: string): void => {
      if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      else flat[path] = value;
    };
    walk(json, '');
    // Every figure of the JSON is a row (the court is the session's), each with the same value;
    // `team` is written in Chinese and `asOf` is the moment each answer was made.
    expect(rows.map((r) => r[1]).sort()).toEqual(Object.keys(flat).filter((k) => k !== 'court').sort());
    for (const [, code = '', value] of rows) {
      if (code === 'team' || code === 'asOf') continue;
      expect(value, code).toBe(flat[code] === null ? '' : String(flat[code]));
    }
  });
});
