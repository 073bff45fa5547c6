/**
 * The morning digest and 通报 (README "The morning digest and 通报", seed 一(五)2-3): a seeded court on Monday
 * 30 November 2026 at 08:00; the digest before was Friday 27 November 08:00, the next is
 * Tuesday 1 December 08:00. Every list worked out by hand from the cases below.
 */
import { describe, expect, it } from 'vitest';
import { buildDigests, type Digest, type DigestCase, journalEntries } from '../../lib/digest.js';
import { digestEmail, digestJson, digestSubject, digestSummary, DIGEST_LIST_MAX } from '../../lib/digest-text.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { cst, ev, filed, fold } from './fixtures.js';

const AT = cst('2026-11-30T08:00');
const PREVIOUS = cst('2026-11-27T08:00');
const NEXT = cst('2026-12-01T08:00');

const opts = (caseNo: string) => ({ caseNo });
const received = (local: string, caseNo: string) => ev('reception.recorded', local, { interviewer: '书记员', interviewee: '申请人' }, opts(caseNo));
const queried = (local: string, caseNo: string) => ev('query.online.started', local, undefined, opts(caseNo));
const documents = (local: string, caseNo: string) => ev('documents.sent', local, { documents: ['executionNotice', 'propertyReportOrder', 'summons'] }, opts(caseNo));

/** 1: filed Wed 18 Nov; the related-case query (service team, 2 days) due 24:00 Fri 20 Nov, never done; 督办 sent. */
const C1 = '(2026)豫0823执1号';
const case1: DigestCase = {
  state: fold([filed('2026-11-18T09:00', {}, opts(C1)), received('2026-11-18T10:00', C1), queried('2026-11-18T10:30', C1), documents('2026-11-18T15:00', C1)]),
  sent: { relatedCases: 'supervise' },
};
/** 2: filed Fri 27 Nov; documents and related query due 24:00 Mon 30 Nov (the weekend rolls the last day): due before the next digest. */
const C2 = '(2026)豫0823执2号';
const case2: DigestCase = {
  state: fold([filed('2026-11-27T10:00', {}, opts(C2)), received('2026-11-27T10:30', C2), queried('2026-11-27T11:00', C2)]),
  sent: {},
};
/** 3: closed by 终本 on Sat 28 Nov, ten days after filing, without the checks of 七10: findings since the last digest. */
const C3 = '(2026)豫0823执3号';
const case3: DigestCase = {
  state: fold([
    filed('2026-11-18T09:00', {}, opts(C3)), received('2026-11-18T10:00', C3), queried('2026-11-18T10:30', C3), documents('2026-11-18T15:00', C3),
    ev('related.queried', '2026-11-19T09:00', undefined, opts(C3)),
    ev('case.closed', '2026-11-28T10:00', { kind: 'terminatedThisRound' }, opts(C3)),
  ]),
  sent: {},
};
/** 4: filed Wed 25 Nov; related query due 24:00 Fri 27 Nov, done late Sun 29 Nov: 通报 (went overdue since the last digest). */
const C4 = '(2026)豫0823执4号';
const case4: DigestCase = {
  state: fold([
    filed('2026-11-25T09:00', {}, opts(C4)), received('2026-11-25T10:00', C4), queried('2026-11-25T10:30', C4), documents('2026-11-25T15:00', C4),
    ev('related.queried', '2026-11-29T10:00', undefined, opts(C4)),
  ]),
  sent: { relatedCases: 'urge' },
};
/** 5: another court's case never shows. */
const case5: DigestCase = { state: fold([filed('2026-11-18T09:00', {}, { caseNo: '(2026)豫0883执5号', court: 'qinyang' })]), sent: {} };

/** What apply wrote to the court's journal as these cases were folded. */
const journalOf = (cases: readonly DigestCase[]) => cases.flatMap((c) => journalEntries(undefined, c.state, c.sent));
const seeded = [case1, case2, case3, case4, case5];
const digests = buildDigests({ court: 'wuzhi', at: AT, previousAt: PREVIOUS, nextAt: NEXT, cases: seeded, journal: journalOf(seeded), limits: DEFAULT_LIMITS });
const of = (team: string) => digests.find((d) => d.team === team) as Digest;
const keys = (items: ReadonlyArray<{ caseNo: string; node: string }> | undefined) => (items ?? []).map((n) => `${n.caseNo} ${n.node}`);

describe('digests of a seeded court', () => {
  it('one per team with something to report, then always the director\'s', () => {
    expect(digests.map((d) => d.team)).toEqual(['service', 'ordinary', 'all']);
    expect(new Set(digests.map((d) => d.digestId)).size).toBe(3);
  });

  it('the service team: exactly its overdue and at-risk nodes', () => {
    const d = of('service');
    expect(keys(d.overdue)).toEqual([`${C1} relatedCases`]);
    expect(d.overdue[0]).toMatchObject({ label: '全省关联案件查询', lateness: '已超期9天8小时', level: 'supervise', dueAt: '2026-11-21T00:00:00+08:00' });
    expect(keys(d.dueSoon)).toEqual([`${C2} documents`, `${C2} relatedCases`]);
    expect(d.dueSoon[0]).toMatchObject({ lateness: '还剩16小时', dueAt: '2026-12-01T00:00:00+08:00' });
    expect(d.findings).toEqual([]);
  });

  it('the ordinary team: the findings of the 终本 closing since the last digest, nothing late', () => {
    const d = of('ordinary');
    expect(d.overdue).toEqual([]);
    expect(d.dueSoon).toEqual([]);
    // No second online query, no second related-case query, no interview, closed ten days after filing (七10, 终本规定第一条).
    expect(d.findings.map((f) => f.code).sort()).toEqual(['terminationBeforeThreeMonths', 'terminationWithoutInterview', 'terminationWithoutRelatedRequery', 'terminationWithoutRequery']);
    expect(d.findings.every((f) => f.caseNo === C3 && f.at === '2026-11-28T10:00:00+08:00')).toBe(true);
  });

  it('the director: everything, the 督办 list and the 通报 list', () => {
    const d = of('all');
    expect(keys(d.overdue)).toEqual([`${C1} relatedCases`]);
    expect(keys(d.dueSoon)).toEqual([`${C2} documents`, `${C2} relatedCases`]);
    expect(d.findings).toHaveLength(4);
    expect(keys(d.supervised)).toEqual([`${C1} relatedCases`]);
    expect(keys(d.reported)).toEqual([`${C4} relatedCases`]); // case 1 went overdue before the last digest
    expect(d.reported?.[0]).toMatchObject({ doneAt: '2026-11-29T10:00:00+08:00', lateness: '已于11月29日10:00办结（超期1天10小时）' });
  });

  it('the journal: findings at their moment; a node done late once, when it is done late', () => {
    expect(journalEntries(case4.state, case4.state, case4.sent)).toEqual([]);
    const open = fold([filed('2026-11-25T09:00', {}, opts(C4))]);
    expect(journalEntries(open, case4.state, case4.sent).map((e) => e.kind)).toEqual(['doneLate']);
    expect(journalOf([case3]).map((e) => e.kind)).toEqual(['finding', 'finding', 'finding', 'finding']);
  });

  it('a level reached before an import is marked suppressed', () => {
    const imported = { ...case1, importedAt: cst('2026-11-25T10:00') };
    const [service] = buildDigests({ court: 'wuzhi', at: AT, previousAt: PREVIOUS, nextAt: NEXT, cases: [imported], journal: [], limits: DEFAULT_LIMITS });
    expect(service?.overdue[0]).toMatchObject({ level: 'supervise', suppressed: true });
  });

  it('a court with nothing to report still gets the director\'s digest, empty', () => {
    const only = buildDigests({ court: 'wuzhi', at: AT, previousAt: PREVIOUS, nextAt: NEXT, cases: [], journal: [], limits: DEFAULT_LIMITS });
    expect(only.map((d) => [d.team, d.overdue.length, d.dueSoon.length, d.findings.length])).toEqual([['all', 0, 0, 0]]);
  });
});

describe('digest texts: Chinese e-mail, SMS summary, JSON', () => {
  it('subject and summary count what the lists hold', () => {
    expect(digestSubject(of('service'))).toBe('【执行局每日督办简报】事务性工作集约办理团队11月30日08:00：超期1项，下次简报前到期2项');
    expect(digestSummary(of('all'))).toBe('【督办简报】局长11月30日08:00：超期1项，下次简报前到期2项，督办1项，通报1项，新发现问题4项。详见邮件或指挥中心看板。');
    expect([...digestSummary(of('all'))].length).toBeLessThanOrEqual(140);
  });

  it('the e-mail lists each node with its due time, lateness, level and team', () => {
    const body = digestEmail(of('all'));
    expect(body).toContain(`1. ${C1}「全省关联案件查询」期限11月20日24时，已超期9天8小时，已督办（事务性工作集约办理团队）`);
    expect(body).toContain('五、通报：上次简报以来新超期的节点（1项）');
    expect(body).toContain('终本前未约谈申请执行人（依据第三章七10');
  });

  it('long lists are capped and counted, so one message always fits SNS', () => {
    const many: DigestCase[] = Array.from({ length: 400 }, (_, i) => ({
      state: fold([filed('2026-11-18T09:00', {}, opts(`(2026)豫0823执${1000 + i}号`))]),
      sent: { relatedCases: 'supervise' },
    }));
    const director = buildDigests({ court: 'wuzhi', at: AT, previousAt: PREVIOUS, nextAt: NEXT, cases: many, journal: [], limits: DEFAULT_LIMITS }).find((d) => d.team === 'all');
    expect(director?.overdue.length).toBeGreaterThan(DIGEST_LIST_MAX * 4);
    const json = JSON.parse(digestJson(director as Digest));
    expect(json.overdue.total).toBe(director?.overdue.length);
    expect(json.overdue.items).toHaveLength(DIGEST_LIST_MAX);
    expect(digestEmail(director as Digest)).toContain(`……另有${(director?.overdue.length ?? 0) - DIGEST_LIST_MAX}项，详见指挥中心看板。`);
    const whole = Buffer.byteLength(JSON.stringify({ default: digestSummary(director as Digest), email: digestEmail(director as Digest), https: digestJson(director as Digest) }));
    expect(whole).toBeLessThan(256 * 1024);
  });
});
