/**
 * Import of a court's open caseload (README "Onboarding a court"): `"mode": "import"`. Open cases with a
 * year of history are imported on Wednesday 25 November 2026 at 10:00; the next scan
 * sends nothing for what was already late (recorded as suppressed, each level its own
 * entry), and a threshold reached after the import is sent, once. 100 cases in
 * `npm test`; `npm run test:faults` (FAULT_SCALE=5) imports 500.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../events/generate-month.js';
import { addDays, toChinaIso } from '../../lib/time.js';
import { at, ev, startHarness } from '../support/local-harness.js';

/** When the import request is answered (the system's clock in this test). */
const IMPORTED = at('2026-11-25T10:00:00+08:00');
const CASES = 100 * Number(process.env.FAULT_SCALE ?? 1);

/** Open cases filed over the year before the import, each with part of its first week done. */
function history() {
  const random = seededRandom(20261125);
  const events = [];
  for (let i = 0; i < CASES; i++) {
    const caseNo = `(2025)豫0823执${5000 + i}号`;
    const filedOn = addDays('2026-11-22', -Math.floor(random() * 362));
    const t = (h: number) => `${filedOn}T${String(h).padStart(2, '0')}:00:00+08:00`;
    events.push(ev('case.filed', caseNo, t(9), { amount: 10_000 + Math.floor(random() * 200_000), financial: false, respondents: [{ kind: 'person' }] }, `${caseNo}-f`));
    if (random() < 0.7) events.push(ev('reception.recorded', caseNo, t(10), { interviewer: '书记员', interviewee: '申请人' }, `${caseNo}-r`));
    if (random() < 0.8) events.push(ev('query.online.started', caseNo, t(11), undefined, `${caseNo}-q`));
    if (random() < 0.5) events.push(ev('documents.sent', caseNo, t(15), { documents: ['executionNotice', 'propertyReportOrder', 'summons'] }, `${caseNo}-d`));
  }
  return events;
}

/** Filed the day before the import: its related-case query (2 days) reaches 75 % on Thursday 08:30. */
const RECENT = '(2026)豫0823执9001号';
const recent = [ev('case.filed', RECENT, '2026-11-24T10:00:00+08:00', { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] }, 'recent-f')];

describe('import (README "Onboarding a court")', () => {
  it('refuses a mode it does not know, Chinese first, naming the field, and stores nothing', async () => {
    const h = await startHarness({ clock: () => IMPORTED });
    try {
      const res = await h.post({ events: recent, mode: 'bulk' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'mode', message: '收到 "bulk"；应为 "import"（导入存量案件）或不填 / got "bulk"; expected "import" or no "mode"', see: 'docs/API.md#events' }]);
      expect((await h.post({ events: recent, mode: 7 })).body.errors[0].message).toContain('got 7;');
      await h.system.drain();
      expect(await h.system.stores.snapshots.getCase(RECENT)).toBeUndefined();
      expect((await h.post({ ...recent[0], mode: 'import' })).body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'mode' }] });
    } finally {
      await h.close();
    }
  });

  it(`${CASES} open cases with a year of history: nothing sent for the past, each passed level suppressed, later thresholds sent once`, async () => {
    const h = await startHarness({ clock: () => IMPORTED });
    try {
      const events = [...history(), ...recent];
      const started = Date.now();
      for (let i = 0; i < events.length; i += 100) {
        const res = await h.post({ events: events.slice(i, i + 100), mode: 'import' });
        expect(res.status).toBe(202);
        expect(res.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
      }
      await h.system.drain();
      console.log(`import: ${events.length} events of ${CASES + 1} cases applied in ${Date.now() - started} ms`);

      // Before any scan the case view shows what the import found passed.
      const old = (await h.get('/v1/cases/(2025)豫0823执5000号')).body;
      const related = old.notices.filter((n: { node: string }) => n.node === 'relatedCases');
      expect(related.map((n: { level: string; status: string }) => [n.level, n.status])).toEqual([
        ['remind', 'suppressed'],
        ['urge', 'suppressed'],
        ['supervise', 'suppressed'],
      ]);
      expect(related.every((n: { decidedAt: string }) => n.decidedAt === toChinaIso(IMPORTED))).toBe(true);
      expect(old.nodes.find((n: { id: string }) => n.id === 'relatedCases')).toMatchObject({ status: 'overdue', level: 'supervise' });

      const scanStarted = Date.now();
      const next = await h.system.scan(IMPORTED + 5 * 60_000);
      console.log('import: first scan', JSON.stringify({ casesRead: next.casesRead, sent: next.sent, suppressed: next.suppressed, ms: Date.now() - scanStarted }));
      expect(next.sent).toBe(0);
      expect(next.held).toBe(0);
      expect(next.suppressed).toBeGreaterThanOrEqual(CASES * 3); // at least remind, urge and supervise of relatedCases per old case
      expect(h.system.outbox.list()).toEqual([]);
      const ledger = await h.system.stores.ledger.listNotices('(2025)豫0823执5000号');
      expect(ledger.filter((e) => e.notice.node === 'relatedCases').map((e) => e.status)).toEqual(['suppressed', 'suppressed', 'suppressed']);
      expect((await h.system.scan(IMPORTED + 10 * 60_000)).casesRead).toBe(0);

      // Thursday 09:00: thresholds reached after the import escalate as usual, once.
      const thursday = at('2026-11-26T09:00:00+08:00');
      const later = await h.system.scan(thursday);
      expect(later.notices.filter((n) => n.attributes.caseNo === RECENT).map((n) => [n.attributes.node, n.attributes.level])).toContainEqual(['relatedCases', 'remind']);
      for (const n of later.notices) {
        const entry = (await h.system.stores.ledger.listNotices(n.attributes.caseNo ?? '')).find((e) => e.notice.noticeId === n.attributes.noticeId);
        expect(entry?.status).toBe('sent');
        expect(entry?.notice.reachedAt).toBeGreaterThan(IMPORTED);
      }
      expect((await h.system.scan(thursday)).sent).toBe(0);
      const ids = h.system.outbox.list().map((n) => n.attributes.noticeId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(later.sent);
    } finally {
      await h.close();
    }
  }, 600_000);
});
