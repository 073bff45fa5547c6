/**
 * The command-centre board over HTTP (CONTRACT §6): the token login and its session
 * cookie, reads limited to the session's court, the overview (team × level, at risk) and
 * the overdue list, each agreeing with the case view at the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../lib/api/schemas.js';
import { SESSION_COOKIE } from '../../lib/board-session.js';
import { at, COURT, ev, type Harness, OTHER_COURT, startHarness } from '../support/local-harness.js';

const NOW = at('2026-03-10T10:00:00+08:00'); // a Tuesday
const TOKEN = 'board-test-token-0123456789';
const A = '(2026)豫0823执701号'; // filed the Friday before, left alone: overdue
const B = '(2026)豫0823执702号'; // filed this morning: its online query falls due within 24 h
const C = '(2026)豫0823执703号'; // the other court's, overdue

const filed = (caseNo: string, when: string, amount: number) =>
  ev('case.filed', caseNo, when, { amount, financial: false, respondents: [{ kind: 'person' }] }, `${caseNo}-filed`);

let h: Harness;
let seeded: Promise<void> | undefined;
/** The court's cases, posted and scanned once (by the first test that needs them). */
const seed = () =>
  (seeded ??= (async () => {
    await h.postAndApply({ events: [filed(A, '2026-03-06T09:30:00+08:00', 50_000), filed(B, '2026-03-10T08:20:00+08:00', 10_000)] });
    await h.postAndApply({ events: [filed(C, '2026-03-06T09:30:00+08:00', 50_000)] }, { court: OTHER_COURT, secret: 'qinyang-secret-0123456789abcdef' });
    await h.system.scan(NOW);
  })());

/** Logs in with the token and returns the session cookie (`name=value`). */
async function login(query = `token=${TOKEN}`): Promise<{ status: number; cookie?: string; setCookie: string | null; location: string | null; text: string }> {
  const res = await fetch(`${h.system.url}/login?${query}`, { redirect: 'manual' });
  const setCookie = res.headers.get('set-cookie');
  const cookie = setCookie?.split(';')[0];
  return { status: res.status, ...(cookie ? { cookie } : {}), setCookie, location: res.headers.get('location'), text: await res.text() };
}

async function read(path: string, cookie?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${h.system.url}${encodeURI(path)}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  h = await startHarness({ clock: () => NOW, boardToken: TOKEN });
});
afterAll(async () => h?.close());

describe('board login (local mode)', () => {
  it('turns the printed login URL into an HttpOnly, SameSite=Strict session cookie and sends the browser to the board', async () => {
    const res = await login();
    expect(res.status).toBe(303);
    expect(res.location).toBe('./');
    expect(res.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict$`));
    const session = await read('/v1/board/session', res.cookie);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ court: COURT, user: 'local', expiresAt: '2026-03-10T22:00:00+08:00' });
    api.BOARD_SESSION.parse(session.body); // as docs/openapi.json describes it
    expect(h.system.loginUrl()).toBe(`${h.system.url}/login?token=${TOKEN}`);
  });

  it('refuses a wrong token and an unknown court, in Chinese, without a cookie', async () => {
    const wrong = await login('token=not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.setCookie).toBeNull();
    expect(wrong.text).toContain('登录链接无效');
    const unknown = await login(`token=${TOKEN}&court=nowhere`);
    expect(unknown.status).toBe(403);
    expect(unknown.text).toContain(`可选 ${COURT}、${OTHER_COURT}`);
    expect(unknown.setCookie).toBeNull();
  });

  it('refuses reads without a signature or session, and with an altered cookie', async () => {
    expect((await read('/v1/board/overview')).status).toBe(401);
    const { cookie } = await login();
    const [name, value] = (cookie ?? '').split('=');
    const altered = `${name}=${value?.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`;
    const res = await read('/v1/board/overview', altered);
    expect(res.status).toBe(401);
    expect(res.body.error).toContain('请重新登录');
  });

  it('logs out by clearing the cookie', async () => {
    const res = await fetch(`${h.system.url}/logout`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict$`));
  });
});

describe('board reads are limited to the session\'s court', () => {
  it('reads its own cases and is refused another court\'s', async () => {
    await seed();
    const { cookie } = await login();
    expect((await read(`/v1/cases/${A}`, cookie)).body).toMatchObject({ caseNo: A, court: COURT });
    expect((await read(`/v1/cases/${C}`, cookie)).status).toBe(403);
    const other = (await login(`token=${TOKEN}&court=${OTHER_COURT}`)).cookie;
    const list = (await read('/v1/board/overdue', other)).body;
    expect(list.court).toBe(OTHER_COURT);
    expect(new Set(list.nodes.map((n: any) => n.caseNo))).toEqual(new Set([C]));
  });

  it('answers a court system\'s signed request too', async () => {
    await seed();
    const res = await h.get('/v1/board/overdue');
    expect(res.status).toBe(200);
    expect(res.body.court).toBe(COURT);
  });
});

describe('overdue list and overview agree with the case view at the same moment', () => {
  it('lists every overdue node of the court, the latest first, with its lateness and level', async () => {
    await seed();
    const { cookie } = await login();
    const list = (await read('/v1/board/overdue', cookie)).body;
    const views = await Promise.all([A, B].map(async (c) => (await read(`/v1/cases/${c}`, cookie)).body));
    const expected = views.flatMap((v) => v.nodes.filter((n: any) => n.status === 'overdue').map((n: any) => `${v.caseNo} ${n.id} ${n.dueAt} ${n.level}`));
    expect(list.nodes.map((n: any) => `${n.caseNo} ${n.node} ${n.dueAt} ${n.level}`).sort()).toEqual(expected.sort());
    expect(list.total).toBe(expected.length);
    const lateness = list.nodes.map((n: any) => n.lateMs);
    expect(lateness).toEqual([...lateness].sort((x, y) => y - x));
    for (const n of list.nodes) expect(n.lateMs).toBe(NOW - Date.parse(n.dueAt));
    // Filed Friday 09:30, the online query (24 hours) was due on Saturday morning: three
    // days late, past the director's threshold; the service team acts on it.
    const onlineQuery = views[0].nodes.find((n: any) => n.id === 'onlineQuery');
    expect(list.nodes[0]).toMatchObject({ caseNo: A, node: 'onlineQuery', label: '发起网络执行查询', team: 'service', level: 'supervise', dueAt: onlineQuery.dueAt });
    expect(list.nodes[0].late).toMatch(/^3天/);
  });

  it('counts the overview\'s team × level cells from the same nodes, and queues what falls due within 24 h', async () => {
    await seed();
    const { cookie } = await login();
    const overview = (await read('/v1/board/overview', cookie)).body;
    const list = (await read('/v1/board/overdue', cookie)).body;
    for (const row of overview.rows) {
      for (const level of overview.levels) {
        const count = list.nodes.filter((n: any) => n.team === row.team && (n.level ?? 'none') === level).length;
        expect(row.overdue[level], `${row.team} × ${level}`).toBe(count);
      }
    }
    expect(overview.rows.map((r: any) => r.team)).toEqual(['service', 'simple', 'ordinary', 'large', 'emergency', 'financial']);
    expect(overview.totals).toMatchObject({ overdue: list.total, cases: 1 });
    // B was filed at 08:20: its online query (24 hours) falls due tomorrow morning.
    const viewB = (await read(`/v1/cases/${B}`, cookie)).body;
    const onlineQuery = viewB.nodes.find((n: any) => n.id === 'onlineQuery');
    expect(overview.atRisk).toContainEqual(expect.objectContaining({ caseNo: B, node: 'onlineQuery', team: 'service', dueAt: onlineQuery.dueAt, dueIn: expect.stringMatching(/^2[23]小时/) }));
    const dueSoon = viewB.nodes.filter((n: any) => n.status === 'pending' && Date.parse(n.dueAt) - NOW <= 24 * 3_600_000);
    expect(overview.atRisk.filter((n: any) => n.caseNo === B).map((n: any) => n.node).sort()).toEqual(dueSoon.map((n: any) => n.id).sort());
  });

  it('filters by the team that acts on the node, and names a bad team in the error', async () => {
    await seed();
    const { cookie } = await login();
    const service = (await read('/v1/board/overdue?team=service', cookie)).body;
    expect(service.nodes.length).toBeGreaterThan(0);
    expect(service.nodes.every((n: any) => n.team === 'service')).toBe(true);
    const ordinary = (await read('/v1/board/overview?team=ordinary', cookie)).body;
    expect(ordinary.rows.map((r: any) => r.team)).toEqual(['ordinary']);
    expect(ordinary.atRisk.every((n: any) => n.team === 'ordinary')).toBe(true);
    const bad = await read('/v1/board/overview?team=everyone', cookie);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'team', message: expect.stringContaining('"everyone"') }]);
  });
});

describe('board pages', () => {
  it('serves the board at / with a strict content security policy, its files, and nothing else', async () => {
    const home = await fetch(`${h.system.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(home.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await home.text()).toContain('执行指挥中心');
    const app = await fetch(`${h.system.url}/board/app.js`);
    expect(app.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const again = await fetch(`${h.system.url}/board/app.js`, { headers: { 'if-none-match': app.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    for (const path of ['/board/..%2Fpackage.json', '/board/missing.js', '/board/.eslintrc.js']) {
      expect((await fetch(`${h.system.url}${path}`)).status, path).toBe(404);
    }
  });
});

describe('held notices on the board (quiet hours)', () => {
  it('a notice held for the night does not raise the node\'s level; the case view shows it held, with its delivery time', async () => {
    const night = at('2026-03-10T23:00:00+08:00'); // a Tuesday night: inside 22:00-08:00
    const nh = await startHarness({ clock: () => night, boardToken: TOKEN });
    try {
      const caseNo = '(2026)豫0823执711号';
      await nh.postAndApply({ events: [filed(caseNo, '2026-03-09T20:30:00+08:00', 50_000)] });
      await nh.system.scan(night);
      const view = (await nh.get(`/v1/cases/${caseNo}`)).body;
      const held = view.notices.filter((n: any) => n.status === 'held');
      expect(held.length).toBeGreaterThan(0);
      expect(held.every((n: any) => n.deliverAt === '2026-03-11T08:00:00+08:00')).toBe(true);
      const list = (await nh.get('/v1/board/overdue')).body;
      const online = list.nodes.find((n: any) => n.caseNo === caseNo && n.node === 'onlineQuery');
      const node = view.nodes.find((n: any) => n.id === 'onlineQuery');
      expect(node.status).toBe('overdue');
      expect(online).toBeDefined();
      // Filed 20:30 the evening before: its online query was two hours late at 23:00, and the
      // urge decided then waits for 08:00. Neither the board nor the case view counts it yet.
      expect(held.map((n: any) => n.level)).toContain('urge');
      expect(node.level).toBeUndefined();
      expect(online.level).toBeUndefined();
      const overview = (await nh.get('/v1/board/overview?team=service')).body;
      expect(overview.rows[0].overdue.none).toBeGreaterThanOrEqual(1);
      expect(overview.rows[0].overdue.urge).toBe(0);
    } finally {
      await nh.close();
    }
  });
});
