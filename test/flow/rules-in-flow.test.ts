/** Rules that need the system's own history or its configuration, through the whole flow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesFor } from '../../lib/app/case-records.js';
import { runScan } from '../../lib/app/scan.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { at, ev, type Harness, startHarness } from '../support/local-harness.js';

const person = (idHash?: string) => [{ kind: 'person', ...(idHash ? { idHash } : {}) }];

describe('S7 from the system\'s own history (第三章二7)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  // "被执行人在本院有执行案件，且上一个被执行案件因暂无财产可供执行终结本次执行程序，新案件在上一个案件结案后六个月内立案的"
  it('sends a new case of a respondent whose last case closed by 终本 within six months to the simple team', async () => {
    const prior = '(2025)豫0823执900号';
    await h.postAndApply({
      events: [
        ev('case.filed', prior, '2025-10-09T09:00:00+08:00', { amount: 20_000, financial: false, respondents: person('a1b2c3d4e5f60718') }),
        ev('case.closed', prior, '2026-03-10T10:00:00+08:00', { kind: 'terminatedThisRound' }),
      ],
    });
    const within = '(2026)豫0823执901号';
    const after = '(2026)豫0823执902号';
    const stranger = '(2026)豫0823执903号';
    await h.postAndApply({
      events: [
        ev('case.filed', within, '2026-09-09T09:00:00+08:00', { amount: 20_000, financial: false, respondents: person('a1b2c3d4e5f60718') }),
        ev('case.filed', after, '2026-09-11T09:00:00+08:00', { amount: 20_000, financial: false, respondents: person('a1b2c3d4e5f60718') }),
        ev('case.filed', stranger, '2026-09-09T09:00:00+08:00', { amount: 20_000, financial: false, respondents: person('ffffeeeeddddcccc') }),
      ],
    });
    const triage = async (caseNo: string) => (await h.get(`/v1/cases/${caseNo}`)).body.triage;
    expect(await triage(within)).toMatchObject({ team: 'simple', matched: ['S7'] });
    expect(await triage(after)).toMatchObject({ team: 'emergency', matched: ['E1'] });
    expect(await triage(stranger)).toMatchObject({ team: 'emergency', matched: ['E1'] });
    const prior终本 = (await h.get(`/v1/cases/${prior}`)).body;
    expect(prior终本.findings.map((f: { code: string }) => f.code)).toEqual([
      'terminationWithoutRequery',
      'terminationWithoutRelatedRequery',
      'terminationWithoutInterview',
      'receptionNotRecorded',
    ]);
  });
});

describe('S7 whatever the arrival order', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('re-triages a case filed first when its respondent\'s earlier 终本 closing is posted later', async () => {
    const later = '(2026)豫0823执911号';
    await h.postAndApply(ev('case.filed', later, '2026-06-01T09:00:00+08:00', { amount: 20_000, financial: false, respondents: person('0123456789abcdef') }));
    expect((await h.get(`/v1/cases/${later}`)).body.triage).toMatchObject({ team: 'emergency', matched: ['E1'] });
    // The earlier case and its 终本 closing (2026-03-10, before the filing above) arrive now.
    const earlier = '(2025)豫0823执910号';
    await h.postAndApply({
      events: [
        ev('case.filed', earlier, '2025-10-09T09:00:00+08:00', { amount: 20_000, financial: false, respondents: person('0123456789abcdef') }),
        ev('case.closed', earlier, '2026-03-10T10:00:00+08:00', { kind: 'terminatedThisRound' }),
      ],
    });
    expect((await h.get(`/v1/cases/${later}`)).body.triage).toMatchObject({ team: 'simple', matched: ['S7'] });
  });
});

describe('pauses move the case-level clocks (第三章七13)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('a ten-day 中止 moves closeSimple by ten days and silences it meanwhile', async () => {
    const caseNo = '(2026)豫0823执910号';
    await h.postAndApply({
      events: [
        ev('case.filed', caseNo, '2026-03-02T09:00:00+08:00', { amount: 8_000, financial: false, respondents: person(), traits: ['easy'] }),
        ev('clock.paused', caseNo, '2026-03-10T09:00:00+08:00', { reason: '当事人达成和解', approvedBy: '分管副院长' }),
      ],
    });
    const paused = (await h.get(`/v1/cases/${caseNo}`)).body;
    expect(paused.paused).toBe(true);
    const close = (b: { nodes: Array<{ id: string }> }) => b.nodes.find((n) => n.id === 'closeSimple');
    // 30 days from Mon 03-02 → Wed 04-01, ends 24:00.
    expect(close(paused)).toMatchObject({ dueAt: '2026-04-02T00:00:00+08:00', paused: true, status: 'pending' });
    const quiet = await h.system.scan(at('2026-04-05T12:00:00+08:00'));
    expect(quiet.notices.filter((n) => n.attributes.node === 'closeSimple')).toEqual([]);

    await h.postAndApply(ev('clock.resumed', caseNo, '2026-03-20T09:00:00+08:00'));
    const resumed = (await h.get(`/v1/cases/${caseNo}`)).body;
    expect(resumed.paused).toBe(false);
    // 04-01 + 10 paused days = Sat 04-11, a rest day → Mon 04-13, ends 24:00.
    expect(close(resumed)).toMatchObject({ dueAt: '2026-04-14T00:00:00+08:00' });
  });
});

describe('a changed limit applies to open cases from the next scan on (README §10)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('re-plans open nodes, keeps the verdict of closed ones, and escalates under the new limit', async () => {
    const caseNo = '(2026)豫0823执920号';
    await h.postAndApply({
      events: [
        ev('case.filed', caseNo, '2026-03-02T09:00:00+08:00', { amount: 50_000, financial: false, respondents: person() }),
        // reception on day 3: late under ReceptionDays=1 (due 24:00 03-03)
        ev('reception.recorded', caseNo, '2026-03-04T10:00:00+08:00', { interviewer: '刘书记员', interviewee: '申请执行人' }),
        ev('query.online.started', caseNo, '2026-03-02T10:00:00+08:00'),
        ev('related.queried', caseNo, '2026-03-02T11:00:00+08:00'),
        ev('documents.sent', caseNo, '2026-03-02T12:00:00+08:00', { documents: ['executionNotice', 'propertyReportOrder', 'summons'] }),
      ],
    });
    const before = (await h.get(`/v1/cases/${caseNo}`)).body;
    expect(before.nodes.find((n: { id: string }) => n.id === 'closeOther').dueAt).toBe('2026-06-03T00:00:00+08:00');

    // The admin shortens OtherCaseMonths from 3 to 1 and lengthens ReceptionDays to 5.
    const rules = rulesFor({ ...DEFAULT_LIMITS, OtherCaseMonths: 1, ReceptionDays: 5 });
    const report = await runScan(
      { ...h.system.stores, publisher: h.system.outbox, rules, wallClock: Date.now },
      { now: at('2026-03-31T12:00:00+08:00'), runId: 'after-change' },
    );
    expect(report.replanned).toBe(1);
    // 1 month from 03-02 → 04-02 (Thu): 75 % of it has passed on 03-31 → remind.
    expect(report.published.map((n) => [n.node, n.level])).toEqual([['closeOther', 'remind']]);
    const stored = await h.system.stores.snapshots.getCase(caseNo);
    const node = (id: string) => stored?.state.nodes.find((n) => n.node === id);
    expect(stored?.plannedWith).toBe(rules.fingerprint);
    expect(node('closeOther')?.dueAt).toBe(at('2026-04-03T00:00:00+08:00'));
    // Closed nodes keep their verdict: reception stays judged by the one-day limit.
    expect(node('reception')?.dueAt).toBe(at('2026-03-04T00:00:00+08:00'));
    // A second scan under the same rules finds the sweep done and re-plans nothing.
    const again = await runScan({ ...h.system.stores, publisher: h.system.outbox, rules, wallClock: Date.now }, { now: at('2026-03-31T12:00:00+08:00'), runId: 'again' });
    expect(again.replanned).toBe(0);
    expect(again.published).toEqual([]);
  });
});
