/**
 * Court codes and ownership (docs/API.md "法院代字与案件归属"), over HTTP: a court with
 * codes writes and reads only its own case numbers; ownership is decided event by event;
 * a request refused as a whole leaves no claim and no event behind.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../lib/errors.js';
import type { EventLog } from '../../lib/ports.js';
import { parseCourts } from '../../local/env-court-keys.js';
import { COURT, ev, type Harness, OTHER_COURT, OTHER_SECRET, SECRET, startHarness } from '../support/local-harness.js';
import { until } from '../support/wait.js';

const filed = (caseNo: string, eventId: string) =>
  ev('case.filed', caseNo, '2026-03-02T09:00:00+08:00', { amount: 1000, financial: false, respondents: [{ kind: 'person' }] }, eventId);
const other = { court: OTHER_COURT, secret: OTHER_SECRET };
/** A court without codes, next to two with codes. */
const THIRD_COURT = 'demo-court';
const THIRD_SECRET = 'demo-secret-0123456789abcdef';

describe('courts with codes (豫0823 for wuzhi, 豫0882 for qinyang)', () => {
  let started: Harness | undefined;
  const harness = async () => (started ??= await startHarness({
    courtSecrets: { [COURT]: SECRET, [OTHER_COURT]: OTHER_SECRET, [THIRD_COURT]: THIRD_SECRET },
    courtCodes: { [COURT]: ['豫0823'], [OTHER_COURT]: ['豫0882'] },
  }));
  afterAll(async () => started?.close());

  it('a foreign case number in a batch is rejected for that event alone; the others go on', async () => {
    const h = await harness();
    const res = await h.postAndApply({
      events: [filed('(2026)豫0823执7001号', 'c-1'), filed('(2026)豫0882执7001号', 'c-2'), ev('related.queried', '(2026)豫0823执7001号', '2026-03-02T10:00:00+08:00', undefined, 'c-3')],
    });
    expect(res.status).toBe(202);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(res.body.results[1].errors[0]).toMatchObject({ path: 'caseNo', message: expect.stringContaining('豫0882'), see: 'docs/API.md#courts' });
    expect((await h.get('/v1/cases/(2026)豫0823执7001号')).status).toBe(200);
  });

  it('the other court can neither squat a number nor learn that it exists: rejected, and a read is 403', async () => {
    const h = await harness();
    const squat = await h.post(filed('(2026)豫0823执7002号', 'squat-1'), other);
    expect(squat.body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'caseNo' }] });
    // The rightful court files it afterwards without trouble.
    expect((await h.postAndApply(filed('(2026)豫0823执7002号', 'mine-7002'))).body.results[0].status).toBe('accepted');
    const existing = await h.get('/v1/cases/(2026)豫0823执7002号', other);
    const missing = await h.get('/v1/cases/(2026)豫0823执7999号', other);
    expect([existing.status, missing.status]).toEqual([403, 403]);
    expect(existing.body.error).toBe(missing.body.error); // the same answer whether it exists or not
  });

  it('a court without codes cannot squat a number carrying another court\'s code either', async () => {
    const h = await harness();
    const third = { court: THIRD_COURT, secret: THIRD_SECRET };
    const squat = await h.post({ events: [filed('(2026)豫0823执7003号', 'third-1'), filed('(2026)京0105执1号', 'third-2')] }, third);
    expect(squat.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'accepted']);
    expect(squat.body.results[0].errors[0]).toMatchObject({ path: 'caseNo', message: expect.stringContaining('豫0823') });
    expect((await h.get('/v1/cases/(2026)豫0823执7003号', third)).status).toBe(403);
  });

  it('property: in any batch of any court, exactly the events of numbers it may not use are rejected, and they leave nothing', async () => {
    const h = await harness();
    const courts = { [COURT]: { court: COURT, secret: SECRET }, [OTHER_COURT]: other, [THIRD_COURT]: { court: THIRD_COURT, secret: THIRD_SECRET } };
    const mayUse: Record<string, (code: string) => boolean> = {
      [COURT]: (code) => code === '豫0823',
      [OTHER_COURT]: (code) => code === '豫0882',
      [THIRD_COURT]: (code) => code !== '豫0823' && code !== '豫0882',
    };
    let next = 8000;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(COURT, OTHER_COURT, THIRD_COURT), fc.array(fc.constantFrom('豫0823', '豫0882', '京0105', ''), { minLength: 1, maxLength: 8 }), async (poster, codes) => {
        const numbers = codes.map((code) => ({ code, caseNo: `(2026)${code}执${next++}号` }));
        const res = await h.post({ events: numbers.map((n, i) => filed(n.caseNo, `prop-${n.caseNo}-${i}`)) }, courts[poster]);
        expect(res.status).toBe(202);
        const may = mayUse[poster] ?? (() => false);
        expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(numbers.map((n) => (may(n.code) ? 'accepted' : 'rejected')));
        for (const n of numbers.filter((x) => !may(x.code))) {
          expect((await h.get(`/v1/cases/${n.caseNo}`, courts[poster])).status).toBe(403);
          expect((await h.system.stores.events.caseOwners([n.caseNo])).size).toBe(0); // no claim left
        }
      }),
      { numRuns: 15 },
    );
  });

  it('COURT_SECRETS takes both forms, and refuses a code given to two courts', () => {
    const courts = parseCourts(JSON.stringify({ a: 'secret-of-16-chars!!', b: { secret: 'another-secret-16+', codes: ['豫0823'] } }));
    expect(courts.codes).toEqual({ b: ['豫0823'] });
    expect(courts.secrets).toEqual({ a: 'secret-of-16-chars!!', b: 'another-secret-16+' });
    expect(() => parseCourts(JSON.stringify({ a: { secret: 'secret-of-16-chars!!', codes: ['豫0823'] }, b: { secret: 'another-secret-16+', codes: ['豫0823'] } }))).toThrow(/also a code of a/);
    expect(() => parseCourts(JSON.stringify({ a: { secret: 'secret-of-16-chars!!', codes: ['豫 0823'] } }))).toThrow(/not a court code/);
  });
});

describe('courts without codes: the first to file owns the case', () => {
  let started: Harness | undefined;
  let failSaves = false;
  const harness = async () =>
    (started ??= await startHarness({
      decorate: {
        stores: (stores) => {
          const log = stores.events;
          const events: EventLog = {
            caseOwners: (...a) => log.caseOwners(...a),
            claimCase: (...a) => log.claimCase(...a),
            releaseClaim: (...a) => log.releaseClaim(...a),
            recordAccepted: (...a) => log.recordAccepted(...a),
            acceptedRefs: (...a) => log.acceptedRefs(...a),
            loadEvents: (...a) => log.loadEvents(...a),
            addWaiting: (...a) => log.addWaiting(...a),
            waitingRefs: (...a) => log.waitingRefs(...a),
            saveEvent: async (...a) => {
              if (failSaves) throw new StoreUnavailableError('injected');
              return log.saveEvent(...a);
            },
          };
          return { ...stores, events };
        },
      },
    }));
  afterAll(async () => started?.close());

  it('ownership is decided per event: another court\'s case in a batch of 100 rejects that event only', async () => {
    const h = await harness();
    await h.postAndApply(filed('(2026)豫0823执7100号', 'theirs-7100'), other);
    const events = [filed('(2026)豫0823执7101号', 'ours-7101'), ...Array.from({ length: 98 }, (_, i) => ev('related.queried', '(2026)豫0823执7101号', '2026-03-02T10:00:00+08:00', undefined, `ours-q-${i}`)), ev('related.queried', '(2026)豫0823执7100号', '2026-03-02T10:00:00+08:00', undefined, 'ours-foreign')];
    const res = await h.postAndApply({ events });
    expect(res.status).toBe(202);
    const statuses = res.body.results.map((r: { status: string }) => r.status);
    expect(statuses.filter((s: string) => s === 'accepted')).toHaveLength(99);
    expect(res.body.results[99]).toMatchObject({ eventId: 'ours-foreign', status: 'rejected', errors: [{ path: 'caseNo' }] });
  });

  it('a request refused as a whole (503) leaves no claim and no event: the number can still be filed by anyone', async () => {
    const h = await harness();
    failSaves = true;
    const refused = await h.post(filed('(2026)豫0823执7200号', 'refused-7200'));
    failSaves = false;
    expect(refused.status).toBe(503);
    expect((await h.get('/v1/cases/(2026)豫0823执7200号')).status).toBe(404);
    const theirs = await h.postAndApply(filed('(2026)豫0823执7200号', 'theirs-7200'), other);
    expect(theirs.body.results[0].status).toBe('accepted');
    expect((await h.get('/v1/cases/(2026)豫0823执7200号', other)).body.court).toBe(OTHER_COURT);
  });

  it('racing courts leave no case "filed but not processed": every claim ends with its court\'s filing applied', async () => {
    const h = await harness();
    const numbers = Array.from({ length: 15 }, (_, i) => `(2026)豫0823执73${String(i).padStart(2, '0')}号`);
    const batches = numbers.flatMap((caseNo, i) => [
      h.post({ events: [filed(caseNo, `race-a-${i}`), ev('related.queried', numbers[(i + 1) % numbers.length] ?? '', '2026-03-02T10:00:00+08:00', undefined, `race-a-q-${i}`)] }),
      h.post({ events: [filed(caseNo, `race-b-${i}`), ev('related.queried', numbers[(i + 2) % numbers.length] ?? '', '2026-03-02T10:00:00+08:00', undefined, `race-b-q-${i}`)] }, other),
    ]);
    const answers = await Promise.all(batches);
    expect(answers.every((a) => a.status === 202)).toBe(true);
    await h.system.drain();
    for (const caseNo of numbers) {
      const [mine, theirs] = await Promise.all([h.get(`/v1/cases/${caseNo}`), h.get(`/v1/cases/${caseNo}`, other)]);
      // Exactly one court owns each number, and its case is there.
      expect([mine.status, theirs.status].sort(), caseNo).toEqual([200, 403]);
      expect((mine.status === 200 ? mine : theirs).body.pendingEvents).toBe(0);
    }
  });
});

describe('pendingEvents: 0 exactly when every accepted event of the case is applied', () => {
  let started: Harness | undefined;
  let hold = true;
  const harness = async () =>
    (started ??= await startHarness({
      decorate: {
        queue: (queue) => ({
          enqueue: async (work) => {
            while (hold) await new Promise((r) => setTimeout(r, 5));
            return queue.enqueue(work);
          },
        }),
      },
    }));
  afterAll(async () => started?.close());

  it('counts what is accepted and not yet applied, repeats and all, and falls to 0 when applied', async () => {
    const h = await harness();
    hold = false;
    await h.postAndApply(filed('(2026)豫0823执7400号', 'p-filed'));
    expect((await h.get('/v1/cases/(2026)豫0823执7400号')).body.pendingEvents).toBe(0);
    // Accepted (recorded) while the queue is held: visible as pending.
    hold = true;
    const posting = h.post({ events: [ev('related.queried', '(2026)豫0823执7400号', '2026-03-02T10:00:00+08:00', undefined, 'p-1'), ev('reception.skipped', '(2026)豫0823执7400号', '2026-03-02T11:00:00+08:00', { reason: '无法联系' }, 'p-2')] });
    let pending = 0;
    await until('the two events recorded as accepted', async () => (pending = (await h.get('/v1/cases/(2026)豫0823执7400号')).body.pendingEvents) > 0);
    expect(pending).toBe(2);
    hold = false;
    expect((await posting).body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    await h.system.drain();
    expect((await h.get('/v1/cases/(2026)豫0823执7400号')).body.pendingEvents).toBe(0);
    // The same events again: duplicates, nothing more to apply.
    const again = await h.postAndApply({ events: [ev('related.queried', '(2026)豫0823执7400号', '2026-03-02T10:00:00+08:00', undefined, 'p-1')] });
    expect(again.body.results[0].status).toBe('duplicate');
    expect((await h.get('/v1/cases/(2026)豫0823执7400号')).body.pendingEvents).toBe(0);
  });
});
