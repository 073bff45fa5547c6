/** GET /v1/cases for the command centre: overdue cases first, pages that join up, filters, signed cursors; the list and the case view agree. */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toChinaIso } from '../../lib/time.js';
import { ev, type Harness, OTHER_COURT, OTHER_SECRET, startHarness } from '../support/local-harness.js';

const filed = (caseNo: string, at: string, amount: number) =>
  ev('case.filed', caseNo, at, { amount, financial: false, respondents: [{ kind: 'person' }] }, `${caseNo}-f`);

describe('listing a court\'s cases', () => {
  let h: Harness;
  const late = ['(2026)豫0823执811号', '(2026)豫0823执812号', '(2026)豫0823执813号'];
  const fresh = ['(2026)豫0823执821号', '(2026)豫0823执822号', '(2026)豫0823执823号', '(2026)豫0823执824号'];

  it('files seven cases, three of them overdue', async () => {
    h = await startHarness();
    const now = toChinaIso(Date.now());
    // Filed in March and left alone: overdue. Filed now: nothing due yet. One of each is small (emergency).
    await h.postAndApply({
      events: [
        ...late.map((c, i) => filed(c, '2026-03-02T09:00:00+08:00', i === 0 ? 5_000 : 50_000)),
        ...fresh.map((c, i) => filed(c, now, i === 0 ? 5_000 : 50_000)),
      ],
    });
  });
  afterAll(async () => h?.close());

  const all = async (query: string) => {
    const seen: Array<{ caseNo: string; overdue: number; team: string }> = [];
    let cursor: string | undefined;
    do {
      const res = await h.get(`/v1/cases?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.cases.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.cases);
      cursor = res.body.next;
    } while (cursor);
    return seen;
  };

  it('pages through every case, the overdue ones first', async () => {
    const cases = await all('');
    expect(cases.map((c) => c.caseNo).sort()).toEqual([...late, ...fresh].sort());
    expect(cases.slice(0, 3).every((c) => c.overdue > 0)).toBe(true);
    expect(cases.slice(3).every((c) => c.overdue === 0)).toBe(true);
  });

  it('reads only the overdue ones for ?overdue=true, and the others for ?overdue=false', async () => {
    expect((await all('&overdue=true')).map((c) => c.caseNo).sort()).toEqual(late);
    expect((await all('&overdue=false')).map((c) => c.caseNo).sort()).toEqual(fresh);
  });

  it('takes the contract\'s own query literally: an empty team is no filter', async () => {
    expect((await all('&team=&overdue=true')).map((c) => c.caseNo).sort()).toEqual(late);
  });

  it('answers a cursor it did not give out with 400 naming it — forged, tampered, another court\'s or another filter\'s', async () => {
    const forged = ['abc', Buffer.from('{"i":-1}').toString('base64url'), Buffer.from('{"i":0,"k":{"pk":1}}').toString('base64url'), Buffer.from('{"i":0,"k":{"pk":"x"}}').toString('base64url')];
    const page = await h.get('/v1/cases?limit=2');
    const real = String(page.body.next);
    const [payload = '', mac = ''] = real.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ k: '000000000000000#(2026)豫0882执1号', s: '|' })).toString('base64url')}.${mac}`;
    const flipped = `${payload}.${mac.startsWith('A') ? `B${mac.slice(1)}` : `A${mac.slice(1)}`}`;
    for (const cursor of [...forged, tampered, flipped]) {
      const res = await h.get(`/v1/cases?cursor=${cursor}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ path: 'cursor', see: 'docs/API.md#case-list' });
    }
    expect((await h.get(`/v1/cases?cursor=${real}&overdue=true`)).status).toBe(400); // issued for another filter
    expect((await h.get(`/v1/cases?cursor=${real}`, { court: OTHER_COURT, secret: OTHER_SECRET })).status).toBe(400); // another court's
    expect((await h.get(`/v1/cases?cursor=${real}&limit=2`)).status).toBe(200);
  });

  it('answers any cursor it did not give out with 400, never 5xx (200 arbitrary ones)', async () => {
    const cursors = fc.sample(
      fc.oneof(fc.string({ minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 }), fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'))),
      { numRuns: 200, seed: 20261130 },
    );
    const statuses: Record<number, number> = {};
    for (const cursor of cursors) {
      const res = await h.get(`/v1/cases?cursor=${encodeURIComponent(cursor)}`);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
    expect(statuses).toEqual({ 400: cursors.length });
  });

  it('filters by team', async () => {
    expect((await all('&team=emergency')).map((c) => c.caseNo).sort()).toEqual([late[0], fresh[0]]);
    expect((await all('&team=ordinary&overdue=true')).map((c) => c.caseNo).sort()).toEqual(late.slice(1));
  });
});

describe('the list and the case view agree, both as of the moment of the request', () => {
  it('after a scan run for a later time, and as the clock moves on with no scan at all', async () => {
    let now = Date.parse('2026-03-02T09:00:00+08:00');
    const h = await startHarness({ clock: () => now });
    try {
      await h.postAndApply(filed('(2026)豫0823执831号', '2026-03-02T09:00:00+08:00', 50_000));
      const both = async () => {
        const [list, view] = await Promise.all([h.get('/v1/cases?limit=100'), h.get('/v1/cases/(2026)豫0823执831号')]);
        const row = list.body.cases.find((c: { caseNo: string }) => c.caseNo === '(2026)豫0823执831号');
        return { list: row.overdue as number, view: view.body.overdue as number, nodes: view.body.nodes.filter((n: { status: string }) => n.status === 'overdue').length as number };
      };
      now += 3_600_000;
      expect(await both()).toEqual({ list: 0, view: 0, nodes: 0 });
      // A scan as of forty days on (the issue's case: the list then said 4, the view 0).
      await fetch(`${h.system.url}/local/scan`, { method: 'POST', body: JSON.stringify({ time: '2026-04-11T09:00:00+08:00' }) });
      expect(await both()).toEqual({ list: 0, view: 0, nodes: 0 });
      now = Date.parse('2026-04-11T09:00:00+08:00');
      const later = await both();
      expect(later.list).toBeGreaterThan(0);
      expect(later).toEqual({ list: later.view, view: later.view, nodes: later.view });
      expect((await h.get('/v1/cases?overdue=true')).body.cases.map((c: { caseNo: string }) => c.caseNo)).toEqual(['(2026)豫0823执831号']);
    } finally {
      await h.close();
    }
  });
});
