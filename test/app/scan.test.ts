/** The scan on a real store (dynalite): one failing case does not hold back its page. */
import { StoreUnavailableError } from '../../lib/errors.js';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../lib/app/scan.js';
import type { CaseRecord, CaseSnapshots } from '../../lib/ports.js';
import { at, ev, startHarness } from '../support/local-harness.js';

const filed = (caseNo: string) => ev('case.filed', caseNo, '2026-03-02T09:00:00+08:00', { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] }, `${caseNo}-f`);

describe('scan: a case whose step fails', () => {
  it('is counted and left due, while the rest of its page is notified', async () => {
    const h = await startHarness();
    try {
      const broken = '(2026)豫0823执971号';
      const healthy = '(2026)豫0823执972号';
      await h.postAndApply({ events: [filed(broken), filed(healthy)] });
      let failing = true;
      const snapshots = new Proxy(h.system.stores.snapshots, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (typeof value !== 'function') return value;
          if (prop !== 'updateCase') return value.bind(target);
          return (record: CaseRecord, version: number) => {
            if (failing && record.caseNo === broken) throw new StoreUnavailableError('injected');
            return (value as CaseSnapshots['updateCase']).call(target, record, version);
          };
        },
      });
      const deps = { ...h.system.stores, snapshots, publisher: h.system.outbox, rules: h.system.rules, wallClock: Date.now };
      const time = at('2026-03-10T10:00:00+08:00');
      const first = await runScan(deps, { now: time, runId: 'one' });
      expect(first.caseErrors).toBe(1);
      expect(new Set(first.published.map((n) => n.caseNo))).toEqual(new Set([healthy]));
      expect((await h.system.stores.snapshots.getCase(broken))?.nextCheckAt).toBeLessThanOrEqual(time); // still due

      failing = false;
      const second = await runScan(deps, { now: time, runId: 'two' });
      expect(second.caseErrors).toBe(0);
      expect(new Set(second.published.map((n) => n.caseNo))).toEqual(new Set([broken]));
    } finally {
      await h.close();
    }
  });
});
