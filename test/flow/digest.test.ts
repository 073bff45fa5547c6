/**
 * The morning digest and 通报 end to end on the local system (README "The morning digest and
 * 通报", and `POST /local/digest` in "Local mode"): a seeded court's cases posted as a court system posts
 * them, one scan, then the digest of Monday 30 November 2026 08:00 (the one before:
 * Friday 27 November 08:00; the next: Tuesday 1 December 08:00). Every list is worked
 * out by hand from the cases below; each digest goes out once per moment, whatever
 * repeats, overlaps or fails.
 */
import { describe, expect, it } from 'vitest';
import type { DigestPublisher } from '../../lib/ports.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { COURT, ev, type Harness, OTHER_COURT, OTHER_SECRET, startHarness } from '../support/local-harness.js';

/** Everything done at once on filing but the province-wide related-case query (service team, 2 days). */
const slipping = (caseNo: string, day: string) => [
  ev('case.filed', caseNo, `${day}T09:00:00+08:00`, { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] }, `${caseNo}-1`),
  ev('reception.recorded', caseNo, `${day}T10:00:00+08:00`, { interviewer: '书记员', interviewee: '申请人' }, `${caseNo}-2`),
  ev('query.online.started', caseNo, `${day}T10:30:00+08:00`, undefined, `${caseNo}-3`),
  ev('documents.sent', caseNo, `${day}T15:00:00+08:00`, { documents: ['executionNotice', 'propertyReportOrder', 'summons'] }, `${caseNo}-4`),
];

/** 1: filed Wed 18 Nov; related query due 24:00 Fri 20 Nov, never done; 督办 sent by the scan of Mon 23 Nov. */
const C1 = '(2026)豫0823执2101号';
/** 2: filed Fri 27 Nov; documents and related query due 24:00 Mon 30 Nov: due before the next digest. */
const C2 = '(2026)豫0823执2102号';
/** 3: closed by 终本 on Sat 28 Nov, ten days after filing, without the checks of 七10: four findings. */
const C3 = '(2026)豫0823执2103号';
/** 4: filed Wed 25 Nov; related query due 24:00 Fri 27 Nov, done late Sun 29 Nov: 通报. */
const C4 = '(2026)豫0823执2104号';
/** 5: another court's, overdue like case 1: never in this court's digests. */
const C5 = '(2026)豫0883执2105号';

const seed = [
  ...slipping(C1, '2026-11-18'),
  ...slipping(C2, '2026-11-27').slice(0, 3),
  ...slipping(C3, '2026-11-18'),
  ev('related.queried', C3, '2026-11-19T09:00:00+08:00', undefined, `${C3}-5`),
  ev('case.closed', C3, '2026-11-28T10:00:00+08:00', { kind: 'terminatedThisRound' }, `${C3}-6`),
  ...slipping(C4, '2026-11-25'),
  ev('related.queried', C4, '2026-11-29T10:00:00+08:00', undefined, `${C4}-5`),
];

interface DigestAnswer {
  at: string;
  previousAt?: string;
  nextAt?: string;
  sent: number;
  failed: number;
  courts: Array<{ court: string; status: string }>;
  digests: Array<{ digestId: string; court: string; team: string; overdue: Item[]; dueSoon: Item[]; findings: Array<{ caseNo: string; code: string }>; supervised?: Item[]; reported?: Item[] }>;
}
interface Item { caseNo: string; node: string; level?: string; lateness: string }
interface Published { subject: string; message: string; attributes: Record<string, string>; digest?: { kind: string; overdue: { total: number } } }

async function digestOverHttp(h: Harness, time: string): Promise<DigestAnswer> {
  const res = await fetch(`${h.system.url}/local/digest`, { method: 'POST', body: JSON.stringify({ time }) });
  expect(res.status).toBe(200);
  return (await res.json()) as DigestAnswer;
}

async function published(h: Harness): Promise<Published[]> {
  return ((await (await fetch(`${h.system.url}/local/notices`)).json()) as Published[]).filter((p) => p.attributes.kind === 'digest');
}

async function seeded(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness({ limits: DEFAULT_LIMITS, ...options });
  expect((await h.postAndApply({ events: seed })).status).toBe(202);
  expect((await h.postAndApply({ events: slipping(C5, '2026-11-18') }, { court: OTHER_COURT, secret: OTHER_SECRET })).status).toBe(202);
  const scan = await h.system.scan(Date.parse('2026-11-23T09:00:00+08:00'));
  expect(scan.notices.filter((n) => n.attributes.caseNo === C1).map((n) => [n.attributes.node, n.attributes.level])).toEqual([['relatedCases', 'supervise']]);
  return h;
}

const keys = (items: readonly Item[] | undefined) => (items ?? []).map((n) => `${n.caseNo} ${n.node}`);
const MONDAY = '2026-11-30T08:00:00+08:00';

describe('the morning digest of a seeded court (POST /local/digest)', () => {
  it('lists exactly its overdue and at-risk nodes, per team and for the director, and sends each digest once', async () => {
    const h = await seeded();
    try {
      const answer = await digestOverHttp(h, MONDAY);
      expect(answer).toMatchObject({ at: MONDAY, previousAt: '2026-11-27T08:00:00+08:00', nextAt: '2026-12-01T08:00:00+08:00', failed: 0 });
      expect(answer.courts).toEqual([{ court: OTHER_COURT, status: 'sent' }, { court: COURT, status: 'sent' }]);
      const ours = answer.digests.filter((d) => d.court === COURT);
      expect(ours.map((d) => d.team)).toEqual(['service', 'ordinary', 'all']);
      const [service, ordinary, director] = ours;

      expect(keys(service?.overdue)).toEqual([`${C1} relatedCases`]);
      expect(service?.overdue[0]).toMatchObject({ level: 'supervise', lateness: '已超期9天8小时' });
      expect(keys(service?.dueSoon)).toEqual([`${C2} documents`, `${C2} relatedCases`]);
      expect(service?.findings).toEqual([]);
      expect(ordinary?.overdue).toEqual([]);
      expect(ordinary?.findings.map((f) => f.code).sort()).toEqual(['terminationBeforeThreeMonths', 'terminationWithoutInterview', 'terminationWithoutRelatedRequery', 'terminationWithoutRequery']);
      expect(keys(director?.overdue)).toEqual([`${C1} relatedCases`]);
      expect(keys(director?.dueSoon)).toEqual([`${C2} documents`, `${C2} relatedCases`]);
      expect(director?.findings).toHaveLength(4);
      expect(keys(director?.supervised)).toEqual([`${C1} relatedCases`]); // 督办
      expect(keys(director?.reported)).toEqual([`${C4} relatedCases`]); // 通报: overdue since Friday's digest, done late Sunday
      // The other court's digests hold only its own case.
      const theirs = answer.digests.filter((d) => d.court === OTHER_COURT);
      expect(theirs.map((d) => d.team)).toEqual(['service', 'all']);
      expect(theirs.flatMap((d) => [...d.overdue, ...d.dueSoon]).every((n) => n.caseNo === C5)).toBe(true);

      // Published with kind = digest, court and team for the filter policies; the e-mail in Chinese.
      const out = await published(h);
      expect(out.map((p) => `${p.attributes.court}/${p.attributes.team}`).sort()).toEqual([`${OTHER_COURT}/all`, `${OTHER_COURT}/service`, `${COURT}/all`, `${COURT}/ordinary`, `${COURT}/service`]);
      expect(answer.sent).toBe(5);
      const directorMail = out.find((p) => p.attributes.court === COURT && p.attributes.team === 'all');
      expect(directorMail?.subject).toBe('【执行局每日督办简报·局长】11月30日08:00：超期1项，下次简报前到期2项，督办1项，通报1项，新发现问题4项');
      expect(directorMail?.message).toContain(`五、通报：上次简报以来新超期的节点（1项）\n1. ${C4}「全省关联案件查询」`);
      expect(directorMail?.digest).toMatchObject({ kind: 'digest', overdue: { total: 1 } });
      // The normal notices carry kind = notice.
      const all = (await (await fetch(`${h.system.url}/local/notices`)).json()) as Published[];
      expect(all.filter((p) => p.attributes.kind === 'notice').length).toBeGreaterThan(0);
      expect(all.every((p) => p.attributes.kind === 'notice' || p.attributes.kind === 'digest')).toBe(true);

      // Once per moment: again at 08:00, and later that morning (the same moment), nothing more goes out.
      for (const time of [MONDAY, '2026-11-30T11:30:00+08:00']) {
        const again = await digestOverHttp(h, time);
        expect({ time, at: again.at, sent: again.sent, courts: again.courts.map((c) => c.status) }).toEqual({ time, at: MONDAY, sent: 0, courts: ['alreadySent', 'alreadySent'] });
      }
      expect(await published(h)).toHaveLength(5);
    } finally {
      await h.close();
    }
  });

  it('two runs at the same moment send each digest once between them', async () => {
    const h = await seeded();
    try {
      const TUESDAY = '2026-12-01T08:00:00+08:00';
      const [a, b] = await Promise.all([digestOverHttp(h, TUESDAY), digestOverHttp(h, TUESDAY)]);
      expect(a.sent + b.sent).toBe(a.digests.length);
      const ids = (await published(h)).map((p) => p.attributes.digestId);
      expect(ids).toHaveLength(a.digests.length);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await h.close();
    }
  });

  it('a publish that fails is sent by the retry, and only it', async () => {
    let refuse = 1; // the first digest of the first call is refused
    const flaky = (inner: DigestPublisher): DigestPublisher => ({
      publishDigests: async (digests) => {
        const refused = digests.slice(0, refuse).map((d) => d.digestId);
        refuse = 0;
        const out = await inner.publishDigests(digests.filter((d) => !refused.includes(d.digestId)));
        return { failed: [...out.failed, ...refused] };
      },
    });
    const h = await seeded({ decorate: { digestPublisher: flaky } });
    try {
      const first = await digestOverHttp(h, MONDAY);
      expect(first.failed).toBe(1);
      expect(first.courts.map((c) => c.status)).toContain('failed');
      expect(await published(h)).toHaveLength(4);
      const retry = await digestOverHttp(h, MONDAY);
      expect({ sent: retry.sent, failed: retry.failed }).toEqual({ sent: 1, failed: 0 });
      const ids = (await published(h)).map((p) => p.attributes.digestId);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
    } finally {
      await h.close();
    }
  });

  it('the moment built is the latest digest at or before the time: Friday\'s on Sunday, a 调休 Saturday\'s own', async () => {
    const h = await startHarness();
    try {
      expect((await digestOverHttp(h, '2026-11-29T10:00:00+08:00')).at).toBe('2026-11-27T08:00:00+08:00');
      expect((await digestOverHttp(h, '2026-02-14T09:00:00+08:00')).at).toBe('2026-02-14T08:00:00+08:00'); // worked before 春节
      const bad = await fetch(`${h.system.url}/local/digest`, { method: 'POST', body: JSON.stringify({ time: 'Monday' }) });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ errors: [{ path: 'time' }] });
    } finally {
      await h.close();
    }
  });
});
