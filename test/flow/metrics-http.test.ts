/**
 * `GET /v1/metrics` and `.csv` over HTTP (CONTRACT §6): signed by the court, its own
 * cases only, bad queries refused with the field, the value and what was expected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS_REPORT } from '../../lib/api/schemas.js';
import { signedHeaders as sign } from '../../lib/signature.js';
import { toChinaIso } from '../../lib/time.js';
import { COURT, ev, type Harness, OTHER_COURT, OTHER_SECRET, SECRET, startHarness } from '../support/local-harness.js';

const A = '(2026)豫0823执7001号';
const B = '(2026)豫0823执7002号';
const filing = (caseNo: string, at: string) => ev('case.filed', caseNo, at, { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] });

describe('GET /v1/metrics over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('counts the court’s own cases once the scan after them has rolled them up, and only its own', async () => {
    await h.postAndApply({
      events: [filing(A, '2026-03-02T09:00:00+08:00'), ev('reception.recorded', A, '2026-03-02T10:00:00+08:00', { interviewer: '刘书记员', interviewee: '申请执行人' })],
    });
    await h.postAndApply({ events: [filing(B, '2026-03-03T09:00:00+08:00'), ev('case.closed', B, '2026-03-20T10:00:00+08:00', { kind: 'withdrawn' })] }, { court: OTHER_COURT, secret: OTHER_SECRET });
    expect((await h.get('/v1/metrics?from=2026-03-01&to=2026-04-01')).body).toMatchObject({ filed: 0, rolledUpAt: null });
    const scanAt = Date.now();
    expect((await h.system.scan(scanAt)).rolledUp).toBe(2);
    const mine = await h.get('/v1/metrics?from=2026-03-01&to=2026-04-01');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ court: COURT, from: '2026-03-01', to: '2026-04-01', team: null, filed: 1, closed: 0, clearanceRate: 0, rolledUpAt: toChinaIso(scanAt) });
    expect(mine.body.onTimeCounts.reception).toEqual({ done: 1, onTime: 1 });
    METRICS_REPORT.parse(mine.body); // as docs/openapi.json describes it
    expect(mine.body.pendingAge).toMatchObject({ at: '2026-04-01', open: 1, '0-30': 1 });
    const theirs = await h.get('/v1/metrics?from=2026-03-01&to=2026-04-01', { court: OTHER_COURT, secret: OTHER_SECRET });
    expect(theirs.body).toMatchObject({ court: OTHER_COURT, filed: 1, closed: 1, closings: { withdrawn: 1 }, pendingAge: { open: 0, backlog: null } });
    // A's closing in April: March still counts it open at its end, April counts it closed.
    await h.postAndApply({ events: [ev('case.closed', A, '2026-04-03T10:00:00+08:00', { kind: 'performed' })] });
    await h.system.scan(Date.now());
    expect((await h.get('/v1/metrics?from=2026-03-01&to=2026-04-01')).body.pendingAge.open).toBe(1);
    expect((await h.get('/v1/metrics?from=2026-04-01&to=2026-05-01')).body).toMatchObject({ closed: 1, performedRate: 1, pendingAge: { open: 0 } });
  });

  it('gives the same as CSV, as a download Excel opens', async () => {
    const res = await fetch(`${h.system.url}/v1/metrics.csv?from=2026-03-01&to=2026-04-01`, { headers: signedHeaders('/v1/metrics.csv?from=2026-03-01&to=2026-04-01') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="metrics-${COURT}-2026-03-01-2026-04-01.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\n收案数,filed,1\r\n');
  });

  it('refuses a bad query with 400, naming each field, its value and what was expected (Chinese first)', async () => {
    const res = await h.get('/v1/metrics?from=2026-03-01&to=2027-06-01&team=nobody');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['to', 'team']);
    expect(res.body.errors[0].message).toMatch(/^收到 "2027-06-01"；应为from 之后至多 366 天.* \/ got "2027-06-01"; expected at most 366 days after from/);
    const csv = await h.get('/v1/metrics.csv?to=2026-04-01');
    expect(csv.status).toBe(400);
    expect(csv.body.errors[0]).toMatchObject({ path: 'from' });
  });

  it('answers 401 without a valid signature', async () => {
    const res = await fetch(`${h.system.url}/v1/metrics?from=2026-03-01&to=2026-04-01`);
    expect(res.status).toBe(401);
  });
});

/** Signature headers of a GET of the harness's court (`h.get` reads JSON; the CSV is read raw). */
function signedHeaders(target: string): Record<string, string> {
  return sign({ court: COURT, secret: SECRET, method: 'GET', target });
}
