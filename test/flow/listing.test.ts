/** GET /v1/cases for the command centre: overdue cases first, pages that join up, filters. */
import { afterAll, describe, expect, it } from 'vitest';
import { toChinaIso } from '../../lib/time.js';
import { ev, type Harness, startHarness } from '../support/local-harness.js';

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

  it('answers a cursor it did not give out with 400 naming it', async () => {
    for (const cursor of ['abc', Buffer.from('{"i":-1}').toString('base64url'), Buffer.from('{"i":0,"k":{"pk":1}}').toString('base64url')]) {
      const res = await h.get(`/v1/cases?cursor=${cursor}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body.errors[0].path).toBe('cursor');
    }
  });

  it('filters by team', async () => {
    expect((await all('&team=emergency')).map((c) => c.caseNo).sort()).toEqual([late[0], fresh[0]]);
    expect((await all('&team=ordinary&overdue=true')).map((c) => c.caseNo).sort()).toEqual(late.slice(1));
  });
});
