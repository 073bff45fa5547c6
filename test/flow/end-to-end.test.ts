/**
 * The whole flow on the local system (dynalite, in-process queue, file-less outbox):
 * a court system posts events over signed HTTP → apply → scan → notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, COURT, ev, type Harness, OTHER_COURT, OTHER_SECRET, startHarness } from '../support/local-harness.js';

const CASE = '(2026)豫0823执101号';

/** 2026-03-02 is a Monday; the 一(二) control nodes run from the online results on 03-03. */
function vehicleCase(caseNo: string) {
  return [
    ev('case.filed', caseNo, '2026-03-02T09:00:00+08:00', { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] }, `${caseNo}-1`),
    ev('reception.recorded', caseNo, '2026-03-02T10:00:00+08:00', { interviewer: '李书记员', interviewee: '申请人' }, `${caseNo}-2`),
    ev('query.online.started', caseNo, '2026-03-02T15:00:00+08:00', undefined, `${caseNo}-3`),
    ev('query.online.returned', caseNo, '2026-03-03T11:00:00+08:00', { found: { deposits: 8000, payment: 0, securities: 0, insurance: 0, vehicles: 1 }, enough: false }, `${caseNo}-4`),
    ev('related.queried', caseNo, '2026-03-03T12:00:00+08:00', undefined, `${caseNo}-5`),
    ev('documents.sent', caseNo, '2026-03-03T14:00:00+08:00', { documents: ['executionNotice', 'propertyReportOrder', 'summons'] }, `${caseNo}-6`),
    ev('query.traditional.started', caseNo, '2026-03-03T16:00:00+08:00', undefined, `${caseNo}-7`),
    ev('assets.frozen', caseNo, '2026-03-04T09:00:00+08:00', undefined, `${caseNo}-8`),
  ];
}

describe('flow: post → apply → scan → notice', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('accepts a batch, applies it and shows the case with its nodes (docs/API.md "案件视图")', async () => {
    const res = await h.postAndApply({ events: vehicleCase(CASE) });
    expect(res.status).toBe(202);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(8).fill('accepted'));
    const got = await h.get(`/v1/cases/${CASE}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ caseNo: CASE, court: COURT, team: 'ordinary', status: 'open', paused: false });
    expect(got.body.triage).toMatchObject({ team: 'ordinary', matched: ['O1'], provisional: false });
    const vehicle = got.body.nodes.find((n: { id: string }) => n.id === 'vehicleSeizure');
    // "线上查询车辆…查询结果反馈后2日内": results on Tue 03-03 → ends 24:00 Thu 03-05.
    expect(vehicle).toMatchObject({ startedAt: '2026-03-03T11:00:00+08:00', dueAt: '2026-03-06T00:00:00+08:00' });
    expect(got.body.nodes.find((n: { id: string }) => n.id === 'freeze')).toMatchObject({ status: 'done', doneAt: '2026-03-04T09:00:00+08:00' });
  });

  it('explains every node: basis and steps leading to dueAt, notes in Chinese or, with ?lang=en, English (docs/API.md "案件视图")', async () => {
    const zh = await h.get(`/v1/cases/${CASE}`);
    for (const n of zh.body.nodes) {
      expect(n.basis.seed, n.id).toMatch(/^第/);
      expect(n.steps[0].from, n.id).toBe(n.startedAt);
      expect(n.steps.at(-1).to, n.id).toBe(n.dueAt);
    }
    const vehicle = zh.body.nodes.find((n: { id: string }) => n.id === 'vehicleSeizure');
    expect(vehicle.steps.map((s: { note: string }) => s.note)).toEqual(['2026年3月3日发生，当日不计入，自次日起算', '加2日（VehicleSeizureDays）：至2026年3月5日24时']);
    const en = await h.get(`/v1/cases/${CASE}?lang=en`);
    expect(en.status).toBe(200);
    const online = en.body.nodes.find((n: { id: string }) => n.id === 'onlineQuery');
    // Filed 09:00: the hour is not counted, 24 hours from 10:00.
    expect(online).toMatchObject({ dueAt: '2026-03-03T10:00:00+08:00', basis: { law: ['Civil Procedure Law Art. 85', 'SPC Interpretation of the Civil Procedure Law Art. 125'] } });
    expect(online.steps.map((s: { note: string }) => s.note)).toEqual([
      'Happened at 09:00 on 2026-03-02; that hour is not counted: counting starts at 10:00',
      'Add 24 hours (OnlineQueryHours): to 10:00 on 2026-03-03; hour limits do not move for rest days',
    ]);
    const bad = await h.get(`/v1/cases/${CASE}?lang=fr`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('lang');
  });

  it('reminds, urges and supervises the slipping node once each, and nothing done in time', async () => {
    const remind = await h.system.scan(at('2026-03-05T12:00:00+08:00'));
    expect(remind.notices.map((n) => [n.attributes.node, n.attributes.level])).toEqual([['vehicleSeizure', 'remind']]);
    expect(remind.notices[0]?.attributes).toMatchObject({ court: COURT, caseNo: CASE, team: 'service' });

    // Daytime scans: quiet hours and rest-day holds are test/flow/held-notices.test.ts's.
    const urge = await h.system.scan(at('2026-03-06T09:00:00+08:00'));
    expect(urge.notices.map((n) => n.attributes.level)).toEqual(['urge']);
    expect(urge.notices[0]?.message).toContain('已超期9小时');

    const supervise = await h.system.scan(at('2026-03-07T09:00:00+08:00'));
    expect(supervise.notices.map((n) => n.attributes.level)).toEqual(['supervise']);

    const again = await h.system.scan(at('2026-03-07T09:00:00+08:00'));
    expect(again.notices).toEqual([]);
    expect(again.casesRead).toBe(0); // nothing due: the index no longer holds this threshold

    const got = await h.get(`/v1/cases/${CASE}`);
    const vehicle = got.body.nodes.find((n: { id: string }) => n.id === 'vehicleSeizure');
    expect(vehicle).toMatchObject({ status: 'overdue', level: 'supervise' });
    expect(got.body.notices.map((n: { level: string; status: string }) => [n.level, n.status])).toEqual([
      ['remind', 'sent'],
      ['urge', 'sent'],
      ['supervise', 'sent'],
    ]);
    expect(h.system.outbox.list()).toHaveLength(3);
  });

  it('lists the court\'s overdue cases for the command centre', async () => {
    const list = await h.get('/v1/cases?overdue=true');
    expect(list.status).toBe(200);
    expect(list.body.cases.map((c: { caseNo: string }) => c.caseNo)).toContain(CASE);
    const simple = await h.get('/v1/cases?team=simple');
    expect(simple.body.cases).toEqual([]);
    const bad = await h.get('/v1/cases?team=nobody');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'team' });
  });

  it('gives the parties the disclosure timeline behind the access code (第四章二)', async () => {
    const code = (await h.get(`/v1/cases/${CASE}`)).body.publicCode as string;
    const res = await fetch(`${h.system.url}/v1/public/cases/${encodeURIComponent(CASE)}/timeline?code=${code}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { timeline: Array<{ what: string }> };
    expect(body.timeline[0]?.what).toBe('执行案件立案，执行程序启动');
    expect(body.timeline.map((t) => t.what)).toContain('冻结被执行人存款等财产');
    expect(JSON.stringify(body)).not.toContain('李书记员'); // no names of people
    const wrong = await fetch(`${h.system.url}/v1/public/cases/${encodeURIComponent(CASE)}/timeline?code=AAAAAAAAAAAA`);
    expect(wrong.status).toBe(404);
  });

  it('refuses another court\'s case, for writing and reading', async () => {
    const write = await h.post(ev('reception.skipped', CASE, '2026-03-04T10:00:00+08:00', { reason: '无法联系' }), { court: OTHER_COURT, secret: OTHER_SECRET });
    expect(write.status).toBe(202);
    expect(write.body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'caseNo', see: 'docs/API.md#courts' }] });
    const read = await h.get(`/v1/cases/${CASE}`, { court: OTHER_COURT, secret: OTHER_SECRET });
    expect(read.status).toBe(403);
    const list = await h.get('/v1/cases', { court: OTHER_COURT, secret: OTHER_SECRET });
    expect(list.body.cases).toEqual([]);
  });
});

describe('flow: arrival order and repeats do not matter (docs/API.md)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  const view = async (caseNo: string) => {
    const { body } = await h.get(`/v1/cases/${caseNo}`);
    return { team: body.team, triage: body.triage, nodes: body.nodes, findings: body.findings };
  };

  it('shuffled, one by one, with duplicates, gives the same case as in order', async () => {
    const ordered = '(2026)豫0823执201号';
    const shuffled = '(2026)豫0823执202号';
    await h.postAndApply({ events: vehicleCase(ordered) });
    const events = vehicleCase(shuffled);
    for (const i of [7, 3, 5, 0, 6, 1, 4, 2, 3, 0, 7]) {
      await h.post(events[i]);
    }
    await h.system.drain();
    expect(await view(shuffled)).toEqual(await view(ordered));
  });

  it('answers duplicate for the same id and body, conflict for the same id with another body', async () => {
    const caseNo = '(2026)豫0823执203号';
    const [filed] = vehicleCase(caseNo);
    expect((await h.postAndApply(filed)).body.results[0].status).toBe('accepted');
    expect((await h.post(filed)).body.results[0].status).toBe('duplicate');
    // Same event, other key order and the same instant written in UTC: still the same body.
    const reordered = Object.fromEntries(Object.entries(filed as object).reverse());
    expect((await h.post({ ...reordered, occurredAt: '2026-03-02T01:00:00Z' })).body.results[0].status).toBe('duplicate');
    const changed = { ...(filed as object), data: { amount: 1, financial: false, respondents: [{ kind: 'person' }] } };
    expect((await h.post(changed)).body.results[0].status).toBe('conflict');
    const { body } = await h.get(`/v1/cases/${caseNo}`);
    expect(body.triage.matched).toEqual(['O1']); // the conflicting amount was not applied
  });

  it('keeps events that arrive before case.filed and applies them when it comes', async () => {
    const caseNo = '(2026)豫0823执204号';
    const events = vehicleCase(caseNo);
    await h.postAndApply({ events: events.slice(1) });
    expect((await h.get(`/v1/cases/${caseNo}`)).status).toBe(404);
    await h.postAndApply(events[0]);
    const later = '(2026)豫0823执205号';
    await h.postAndApply({ events: vehicleCase(later) });
    const a = await view(caseNo);
    const b = await view(later);
    expect(a.nodes).toEqual(b.nodes);
  });
});

describe('flow: scans that overlap or repeat (README "Escalation": at most once, ever)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });

  it('files twelve cases with a vehicle to seize', async () => {
    for (let i = 0; i < 12; i++) expect((await h.post({ events: vehicleCase(`(2026)豫0823执3${String(i).padStart(2, '0')}号`) })).status).toBe(202);
    await h.system.drain();
  });
  afterAll(async () => h.close());

  it('two scans at the same time publish each notice once between them', async () => {
    const t = at('2026-03-06T09:00:00+08:00');
    const [a, b] = await Promise.all([h.system.scan(t), h.system.scan(t)]);
    const ids = [...a.notices, ...b.notices].map((n) => n.attributes.noticeId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12); // one urge per case (the remind was overtaken)
    expect(h.system.outbox.duplicatesDropped).toBe(0);
  });

  it('a re-run of the same scan publishes nothing new', async () => {
    const t = at('2026-03-06T09:00:00+08:00');
    const again = await h.system.scan(t);
    expect(again.notices).toEqual([]);
    const later = await h.system.scan(at('2026-03-08T09:00:00+08:00'));
    expect(later.notices.map((n) => n.attributes.level)).toEqual(Array(12).fill('supervise'));
    expect(h.system.outbox.list()).toHaveLength(24);
  });
});

describe('flow: after a 终本 closing the measures and the requery rounds are still watched (DOMAIN renewal, requery)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());
  const CLOSED = '(2026)豫0823执401号';

  it('a closed case with open renewal and requery nodes stays in the scan, escalates them, and shows them', async () => {
    await h.postAndApply({
      events: [
        ev('case.filed', CLOSED, '2026-01-05T10:00:00+08:00', { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] }),
        // A ruling that freezes until Sat 2026-07-04: renewal due 15 days before, 06-19 (端午) → Thu 06-18.
        ev('assets.frozen', CLOSED, '2026-01-06T10:00:00+08:00', { measureId: 'F401', until: '2026-07-04' }),
        // 终本 on Mon 2026-04-20: requery round 1 due six months on, Tue 2026-10-20.
        ev('case.closed', CLOSED, '2026-04-20T10:00:00+08:00', { kind: 'terminatedThisRound' }),
      ],
    });
    const closed = await h.get(`/v1/cases/${CLOSED}`);
    expect(closed.body.status).toBe('closed');
    const open = closed.body.nodes.filter((n: { doneAt?: string }) => n.doneAt === undefined);
    expect(open.map((n: { id: string; instance: string; dueAt: string }) => [n.id, n.instance, n.dueAt])).toEqual([
      ['renewal', 'F401#1', '2026-06-19T00:00:00+08:00'],
      ['requery', '1', '2026-10-21T00:00:00+08:00'],
    ]);

    // Friday 19 June is 端午, a rest day: the urge is decided, and held for Monday 08:00 (NoticeHoldOnRestDays).
    const renewal = await h.system.scan(at('2026-06-19T09:00:00+08:00'));
    expect(renewal.heldNotices.map((n) => [n.node, n.instance, n.level, n.team, n.deliverAt])).toEqual([['renewal', 'F401#1', 'urge', 'service', '2026-06-22T08:00:00+08:00']]);
    const held = (await h.get(`/v1/cases/${CLOSED}`)).body.notices.find((n: { node: string }) => n.node === 'renewal');
    expect(held).toMatchObject({ status: 'held', level: 'urge' });
    expect(held.message).toContain('「续行查封冻结(F401)」期限6月18日24时，已超期9小时');

    // Renewed before Monday: the held urge is cancelled, never sent.
    await h.postAndApply(ev('measures.renewed', CLOSED, '2026-06-19T10:00:00+08:00', { measureId: 'F401', until: '2026-12-31' }));
    expect((await h.system.scan(at('2026-06-22T08:00:00+08:00'))).notices.filter((n) => n.attributes.node === 'renewal')).toEqual([]);
    expect((await h.get(`/v1/cases/${CLOSED}`)).body.notices.find((n: { node: string }) => n.node === 'renewal')?.status).toBe('cancelled');
    const requery = await h.system.scan(at('2026-10-22T09:00:00+08:00'));
    expect(requery.notices.map((n) => [n.attributes.node, n.attributes.level])).toEqual([['requery', 'supervise']]);
    const after = await h.get(`/v1/cases/${CLOSED}`);
    expect(after.body.nodes.find((n: { instance?: string }) => n.instance === 'F401#2')).toMatchObject({ status: 'pending', dueAt: '2026-12-17T00:00:00+08:00' });
    expect(after.body.overdue).toBe(1);
  });
});
