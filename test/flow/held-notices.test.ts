/**
 * When people are told (README "Escalation", §5), end to end on the local system: the scan just
 * after midnight on a Saturday wakes nobody; the held notices go out at 08:00 on the next
 * working day (Monday, or a 调休 Saturday), once, through overlapping and repeated scans;
 * a node done first cancels its held notice; a higher level supersedes a held lower one.
 *
 * The case: filed Wednesday 18 November 2026, everything done at once but the
 * province-wide related-case query (relatedCases, 一(二)4, 2 days): due 24:00 Friday
 * 20 November; remind at 75 % of 62 h = Friday 08:30; urge at Saturday 00:00.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { at, ev, type Harness, startHarness } from '../support/local-harness.js';

function slippingCase(caseNo: string, filedOn = '2026-11-18') {
  return [
    ev('case.filed', caseNo, `${filedOn}T10:00:00+08:00`, { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] }, `${caseNo}-1`),
    ev('reception.recorded', caseNo, `${filedOn}T10:30:00+08:00`, { interviewer: '李书记员', interviewee: '申请人' }, `${caseNo}-2`),
    ev('query.online.started', caseNo, `${filedOn}T11:00:00+08:00`, undefined, `${caseNo}-3`),
    ev('documents.sent', caseNo, `${filedOn}T15:00:00+08:00`, { documents: ['executionNotice', 'propertyReportOrder', 'summons'] }, `${caseNo}-4`),
  ];
}

/** `POST /local/scan` as an admin would call it. */
async function scanOverHttp(h: Harness, time: string): Promise<{ sent: number; held: number; notices: Array<{ attributes: Record<string, string>; message: string }> }> {
  const res = await fetch(`${h.system.url}/local/scan`, { method: 'POST', body: JSON.stringify({ time }) });
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

const noticesOf = async (h: Harness, caseNo: string) => (await h.get(`/v1/cases/${caseNo}`)).body.notices as Array<Record<string, string>>;
const levelOf = async (h: Harness, caseNo: string, node: string) =>
  ((await h.get(`/v1/cases/${caseNo}`)).body.nodes as Array<{ id: string; level?: string }>).find((n) => n.id === node)?.level;

describe('a scan at 00:05 on a Saturday (SuperviseAfterHours = 72, so nothing overtakes the urge before Monday)', () => {
  it('sends no remind or urge; the urge arrives at 08:00 on Monday, once', async () => {
    const h = await startHarness({ limits: { ...DEFAULT_LIMITS, SuperviseAfterHours: 72 } });
    try {
      const caseNo = '(2026)豫0823执1201号';
      await h.postAndApply({ events: slippingCase(caseNo) });
      const friday = await scanOverHttp(h, '2026-11-20T09:00:00+08:00');
      expect(friday.notices.map((n) => [n.attributes.node, n.attributes.level])).toEqual([['relatedCases', 'remind']]);

      const saturday = await scanOverHttp(h, '2026-11-21T00:05:00+08:00');
      expect(saturday).toMatchObject({ sent: 0, held: 1, notices: [] });
      const held = (await noticesOf(h, caseNo)).find((n) => n.level === 'urge');
      expect(held).toMatchObject({ node: 'relatedCases', status: 'held', decidedAt: '2026-11-21T00:05:00+08:00', deliverAt: '2026-11-23T08:00:00+08:00' });
      expect(held?.publishedAt).toBeUndefined();
      expect(await levelOf(h, caseNo, 'relatedCases')).toBe('remind'); // held is not sent yet

      for (const time of ['2026-11-21T08:00:00+08:00', '2026-11-21T15:00:00+08:00', '2026-11-22T08:00:00+08:00', '2026-11-23T00:05:00+08:00', '2026-11-23T07:45:00+08:00']) {
        const quiet = await scanOverHttp(h, time);
        expect({ time, sent: quiet.sent }).toEqual({ time, sent: 0 });
      }

      const monday = await scanOverHttp(h, '2026-11-23T08:00:00+08:00');
      expect(monday.sent).toBe(1);
      expect(monday.notices.map((n) => [n.attributes.node, n.attributes.level])).toEqual([['relatedCases', 'urge']]);
      expect(monday.notices[0]?.message).toContain('已超期2天8小时'); // said as of 08:00 Monday, not 00:05 Saturday

      for (const time of ['2026-11-23T08:00:00+08:00', '2026-11-23T08:15:00+08:00']) expect((await scanOverHttp(h, time)).sent).toBe(0);
      expect(h.system.outbox.list().map((n) => n.attributes.level)).toEqual(['remind', 'urge']);
      expect((await noticesOf(h, caseNo)).find((n) => n.level === 'urge')).toMatchObject({ status: 'sent', deliverAt: '2026-11-23T08:00:00+08:00', decidedAt: '2026-11-21T00:05:00+08:00' });
      expect(await levelOf(h, caseNo, 'relatedCases')).toBe('urge');
    } finally {
      await h.close();
    }
  });

  it('a node done while its urge is held cancels it: shown at once, recorded by the next scan, never sent', async () => {
    const h = await startHarness({ limits: { ...DEFAULT_LIMITS, SuperviseAfterHours: 72 } });
    try {
      const caseNo = '(2026)豫0823执1202号';
      await h.postAndApply({ events: slippingCase(caseNo) });
      expect((await h.system.scan(at('2026-11-21T00:05:00+08:00'))).held).toBe(1);
      await h.postAndApply(ev('related.queried', caseNo, '2026-11-21T10:00:00+08:00', undefined, `${caseNo}-5`));
      expect((await noticesOf(h, caseNo)).find((n) => n.level === 'urge')?.status).toBe('cancelled');
      const next = await h.system.scan(at('2026-11-21T10:15:00+08:00'));
      expect(next).toMatchObject({ cancelled: 1, sent: 0 });
      const monday = await h.system.scan(at('2026-11-23T08:00:00+08:00'));
      expect(monday.sent).toBe(0);
      expect(h.system.outbox.list().filter((n) => n.attributes.caseNo === caseNo && n.attributes.level === 'urge')).toEqual([]);
      expect((await noticesOf(h, caseNo)).find((n) => n.level === 'urge')?.status).toBe('cancelled');
    } finally {
      await h.close();
    }
  });

  it('two scans at 08:00 on Monday at the same moment deliver each held notice once between them', async () => {
    const h = await startHarness({ limits: { ...DEFAULT_LIMITS, SuperviseAfterHours: 72 } });
    try {
      const cases = Array.from({ length: 12 }, (_, i) => `(2026)豫0823执12${String(10 + i)}号`);
      await h.postAndApply({ events: cases.flatMap((c) => slippingCase(c)) });
      const saturday = await h.system.scan(at('2026-11-21T00:05:00+08:00'));
      expect(saturday).toMatchObject({ sent: 0, held: 12 }); // the remind was overtaken by the urge
      const monday = at('2026-11-23T08:00:00+08:00');
      const [a, b] = await Promise.all([h.system.scan(monday), h.system.scan(monday)]);
      const ids = [...a.notices, ...b.notices].map((n) => n.attributes.noticeId);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
      expect(h.system.outbox.duplicatesDropped).toBe(0);
      expect((await h.system.scan(monday)).sent).toBe(0);
    } finally {
      await h.close();
    }
  });
});

describe('default limits: a higher level replaces a held lower one; 调休 working days', () => {
  it('the 督办 of Sunday supersedes the urge held since Saturday: only the highest is delivered', async () => {
    const h = await startHarness();
    try {
      const caseNo = '(2026)豫0823执1230号';
      await h.postAndApply({ events: slippingCase(caseNo) });
      await h.system.scan(at('2026-11-20T09:00:00+08:00')); // remind
      expect((await h.system.scan(at('2026-11-21T00:05:00+08:00'))).held).toBe(1); // urge
      const sunday = await h.system.scan(at('2026-11-22T00:05:00+08:00'));
      expect(sunday).toMatchObject({ sent: 0, held: 1, superseded: 1 });
      const notices = await noticesOf(h, caseNo);
      expect(notices.map((n) => [n.level, n.status, n.deliverAt])).toEqual([
        ['remind', 'sent', undefined],
        ['urge', 'superseded', '2026-11-23T08:00:00+08:00'],
        ['supervise', 'held', '2026-11-22T08:00:00+08:00'], // 督办 waits for the quiet hours only
      ]);
      expect((await h.system.scan(at('2026-11-22T08:00:00+08:00'))).notices.map((n) => n.attributes.level)).toEqual(['supervise']);
      expect((await h.system.scan(at('2026-11-23T08:00:00+08:00'))).sent).toBe(0);
      expect(h.system.outbox.list().map((n) => n.attributes.level)).toEqual(['remind', 'supervise']);
      expect(await levelOf(h, caseNo, 'relatedCases')).toBe('supervise');
    } finally {
      await h.close();
    }
  });

  it('Saturday 14 February 2026 is a working day (调休 before 春节): the urge found at 00:05 goes out at 08:00 that Saturday', async () => {
    const h = await startHarness();
    try {
      const caseNo = '(2026)豫0823执1240号';
      await h.postAndApply({ events: slippingCase(caseNo, '2026-02-11') }); // Wednesday; due 24:00 Friday 13 February
      const night = await h.system.scan(at('2026-02-14T00:05:00+08:00'));
      expect(night).toMatchObject({ sent: 0, held: 1 });
      expect((await noticesOf(h, caseNo)).find((n) => n.level === 'urge')?.deliverAt).toBe('2026-02-14T08:00:00+08:00');
      const morning = await h.system.scan(at('2026-02-14T08:00:00+08:00'));
      expect(morning.notices.map((n) => n.attributes.level)).toEqual(['urge']);
    } finally {
      await h.close();
    }
  });
});
