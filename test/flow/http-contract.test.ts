/** The outside of POST /v1/events and the reads: statuses and bodies of docs/API.md. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../lib/signature.js';
import { failingStore } from '../support/failing-store.js';
import { COURT, ev, type Harness, OTHER_COURT, OTHER_SECRET, SECRET, startHarness } from '../support/local-harness.js';

const filed = (caseNo: string, eventId?: string) =>
  ev('case.filed', caseNo, '2026-03-02T09:00:00+08:00', { amount: 1000, financial: false, respondents: [{ kind: 'person' }] }, eventId);

function signed(body: string, secret = SECRET, court = COURT, ts = Math.floor(Date.now() / 1000)) {
  return { 'content-type': 'application/json', ...signedHeaders({ court, secret, method: 'POST', target: '/v1/events', body, now: ts * 1000 }) };
}

describe('POST /v1/events: statuses (docs/API.md)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('401 without a signature, with a wrong one, for an unknown court, or outside 300 s', async () => {
    const body = JSON.stringify(filed('(2026)豫0823执401号'));
    expect((await h.postRaw(body, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await h.postRaw(body, signed(body, 'not-the-secret-0123456789'))).status).toBe(401);
    expect((await h.postRaw(body, signed(body, SECRET, 'nobody'))).status).toBe(401);
    const stale = await h.postRaw(body, signed(body, SECRET, COURT, Math.floor(Date.now() / 1000) - 301));
    expect(stale.status).toBe(401);
    expect(stale.body.error).toMatch(/300 s/);
    const tampered = signed(body);
    expect((await h.postRaw(body.replace('1000', '9000'), tampered)).status).toBe(401);
    expect((await h.get('/v1/cases/(2026)豫0823执401号')).status).toBe(404); // nothing stored
  });

  it('400 for a body that is not JSON or not an event / batch, naming what was expected', async () => {
    for (const body of ['not json', '[1,2]', '"text"', '{"events": []}', '{"events": {}}', '{"events": [], "extra": 1}']) {
      const res = await h.post(body);
      expect(res.status, body).toBe(400);
      expect(res.body.error).toMatch(/event|JSON|batch|events/);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|stack/i);
    }
    const tooMany = await h.post({ events: Array.from({ length: 101 }, (_, i) => filed(`(2026)豫0823执5${i}号`)) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ path: 'events', message: expect.stringContaining('1 to 100') });
  });

  it('413 for a body over 256 KiB, and nothing stored', async () => {
    const event = ev('reception.skipped', '(2026)豫0823执413号', '2026-03-02T09:00:00+08:00', { reason: '无法联系' }, 'big-1');
    const body = JSON.stringify({ events: [event, { ...event, eventId: 'big-2', data: { reason: 'x'.repeat(300 * 1024) } }] });
    const res = await h.post(body);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/262144 bytes/);
    expect((await h.post(event)).body.results[0].status).toBe('accepted'); // the first time it is stored
  });

  it('judges a batch event by event: errors name the field, the value and the expectation', async () => {
    const caseNo = '(2026)豫0823执402号';
    const res = await h.postAndApply({
      events: [
        filed(caseNo, 'ok-1'),
        { eventId: 'bad-1', type: 'funds.arrived', caseNo, occurredAt: '2026-03-03T10:00:00+08:00', data: { paymentId: 'P1', amount: -5 } },
        { eventId: 'bad-2', type: 'case.exploded', caseNo, occurredAt: '2026-03-03T10:00:00+08:00' },
        { eventId: 'bad-3', type: 'assets.frozen', caseNo, occurredAt: '2026-03-03 10:00' },
        { eventId: 'bad-4', type: 'case.filed', caseNo, occurredAt: '2026-03-03T10:00:00+08:00', data: { amount: 1, financial: false, respondents: [{ kind: 'person' }], traits: ['rich'] } },
      ],
    });
    expect(res.status).toBe(202);
    const [ok, amount, type, time, trait] = res.body.results;
    expect(ok).toEqual({ eventId: 'ok-1', status: 'accepted' });
    expect(amount).toMatchObject({ eventId: 'bad-1', status: 'rejected', errors: [{ path: 'data.amount', message: '收到 -5；应为 ≥ 0 的数 / got -5; expected a number ≥ 0' }] });
    expect(type.errors[0]).toMatchObject({ path: 'type', message: expect.stringContaining('"case.exploded"') });
    expect(time.errors[0]).toMatchObject({ path: 'occurredAt', message: expect.stringContaining('offset') });
    expect(trait.errors[0]).toMatchObject({ path: 'data.traits.0', message: expect.stringContaining('one of') });
    const stored = await h.get(`/v1/cases/${caseNo}`);
    expect(stored.body.nodes.some((n: { id: string }) => n.id === 'payout')).toBe(false);
  });

  it('gives a second copy of an event in one request the fate of the first', async () => {
    const caseNo = '(2026)豫0823执406号';
    const original = filed(caseNo, 'copy-1');
    await h.postAndApply(original);
    const changed = { ...original, data: { amount: 9, financial: false, respondents: [{ kind: 'person' }] } };
    const res = await h.post({ events: [changed, changed] });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['conflict', 'conflict']);
    const fresh = filed('(2026)豫0823执407号', 'copy-2');
    const again = await h.post({ events: [fresh, fresh] });
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'duplicate']);
  });

  it('refuses line separators, bidi overrides and other invisible controls in text', async () => {
    for (const bad of ['P\u2028', 'P\u202e1', 'P\u0085']) {
      const res = await h.post({ eventId: `ctl-${bad.length}-${bad.charCodeAt(1)}`, type: 'funds.arrived', caseNo: '(2026)豫0823执408号', occurredAt: '2026-03-03T10:00:00+08:00', data: { paymentId: bad, amount: 5 } });
      expect(res.body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'data.paymentId' }] });
    }
  });

  it('answers a path that names no possible case with 400 naming caseNo, not a fault', async () => {
    const long = await h.get(`/v1/cases/${'案'.repeat(700)}`); // 2,100 bytes: over DynamoDB's key limit
    expect(long.status).toBe(400);
    expect(long.body.errors[0]).toMatchObject({ path: 'caseNo', message: expect.stringContaining('expected 1 to 64'), see: 'docs/API.md#case-numbers' });
    const res = await fetch(`${h.system.url}/v1/public/cases/${encodeURIComponent('x'.repeat(2100))}/timeline?code=AAAAAAAAAAAA`);
    expect(res.status).toBe(400);
  });

  it('keeps prototype-pollution keys inert', async () => {
    const body = '{"eventId":"pp-1","type":"assets.frozen","caseNo":"(2026)豫0823执403号","occurredAt":"2026-03-03T10:00:00+08:00","data":{"__proto__":{"polluted":true}}}';
    const res = await h.post(body);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'data.__proto__' }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('another court\'s case in a batch: that event rejected naming caseNo, the others accepted; its number cannot be filed again', async () => {
    const mine = '(2026)豫0823执404号';
    const theirs = '(2026)豫0882执404号';
    await h.postAndApply(filed(theirs, 'theirs-1'), { court: OTHER_COURT, secret: OTHER_SECRET });
    const res = await h.postAndApply({ events: [filed(mine, 'mine-1'), ev('assets.frozen', theirs, '2026-03-03T10:00:00+08:00', undefined, 'mine-2')] });
    expect(res.status).toBe(202);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected']);
    expect(res.body.results[1].errors[0]).toMatchObject({ path: 'caseNo', see: 'docs/API.md#courts' });
    expect((await h.get(`/v1/cases/${mine}`)).status).toBe(200);
    expect((await h.get(`/v1/cases/${theirs}`)).status).toBe(403);
    expect((await h.post(filed(theirs, 'mine-3'))).body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'caseNo' }] }); // nor may it file the same number
  });
});

describe('faults of the store are 503 with nothing inside', () => {
  let h: Harness;
  let down = false;
  beforeAll(async () => {
    h = await startHarness({
      decorate: { stores: failingStore(() => down, new Error('secret internals')) },
    });
  });
  afterAll(async () => h.close());

  it('answers 503 with Retry-After, then accepts the same request once the store is back', async () => {
    const event = filed('(2026)豫0823执405号', 'retry-1');
    down = true;
    const res = await h.post(event);
    expect(res.status).toBe(503);
    expect(res.body.error).toMatch(/retry/);
    expect(JSON.stringify(res.body)).not.toMatch(/secret internals|DynamoDB/);
    down = false;
    const again = await h.postAndApply(event);
    expect(again.body.results[0].status).toBe('accepted');
    expect((await h.get('/v1/cases/(2026)豫0823执405号')).status).toBe(200);
  });
});
