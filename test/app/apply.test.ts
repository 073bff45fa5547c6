/** The apply step on a real store (dynalite): repeats inside one batch, races with the filing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseWork } from '../../lib/app/apply.js';
import type { StoredEvent } from '../../lib/events.js';
import { validateEvent } from '../../lib/events.js';
import { startHarness, type Harness } from '../support/local-harness.js';

const stored = (raw: object): StoredEvent => {
  const v = validateEvent(raw, Date.now());
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return { ...v.event, court: 'wuzhi' } as StoredEvent;
};
const CASE = '(2026)豫0823执951号';
const filed = stored({ eventId: 'a-1', type: 'case.filed', caseNo: CASE, occurredAt: '2026-03-02T09:00:00+08:00', data: { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] } });
const related = stored({ eventId: 'a-2', type: 'related.queried', caseNo: CASE, occurredAt: '2026-03-02T10:00:00+08:00' });
const query = stored({ eventId: 'a-3', type: 'query.online.started', caseNo: CASE, occurredAt: '2026-03-02T11:00:00+08:00' });

describe('apply: the same event twice in one batch (a repeated posting queues its case again)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // The events are stored as the intake stores them.
    for (const e of [filed, related, query]) await h.system.stores.events.saveEvent(e, Date.now());
  });
  afterAll(async () => h.close());
  const deps = () => ({ ...h.system.stores, rules: h.system.rules, now: Date.now });

  it('folds it once and lists it once, on the first fold and on an incremental one', async () => {
    expect(await applyCaseWork(deps(), { caseNo: CASE, events: [filed, related, related] })).toBe('applied');
    let record = await h.system.stores.snapshots.getCase(CASE);
    expect(record?.eventRefs).toEqual(['wuzhi#a-1', 'wuzhi#a-2']);
    expect(record?.state.applied.count).toBe(2);

    expect(await applyCaseWork(deps(), { caseNo: CASE, events: [query, query] })).toBe('applied');
    record = await h.system.stores.snapshots.getCase(CASE);
    expect([...(record?.eventRefs ?? [])].sort()).toEqual(['wuzhi#a-1', 'wuzhi#a-2', 'wuzhi#a-3']);
    expect(record?.state.applied.count).toBe(3);

    expect(await applyCaseWork(deps(), { caseNo: CASE, events: [related, query] })).toBe('unchanged');
  });
});

describe('apply: S7 when a 终本 closing is recorded while the later case is being created', () => {
  it('folds the closing in, though the closing\'s own refresh found no case to refresh yet', async () => {
    const h = await startHarness();
    try {
      const person = [{ kind: 'person' as const, idHash: 'feedfacecafebeef' }];
      const prior = '(2025)豫0823执960号';
      const later = '(2026)豫0823执961号';
      const priorEvents = [
        stored({ eventId: 'p-1', type: 'case.filed', caseNo: prior, occurredAt: '2025-10-09T09:00:00+08:00', data: { amount: 20_000, financial: false, respondents: person } }),
        stored({ eventId: 'p-2', type: 'case.closed', caseNo: prior, occurredAt: '2026-03-10T10:00:00+08:00', data: { kind: 'terminatedThisRound' } }),
      ];
      const laterFiling = stored({ eventId: 'l-1', type: 'case.filed', caseNo: later, occurredAt: '2026-06-01T09:00:00+08:00', data: { amount: 20_000, financial: false, respondents: person } });
      for (const e of [...priorEvents, laterFiling]) await h.system.stores.events.saveEvent(e, Date.now());
      const base = { rules: h.system.rules, now: Date.now };
      await applyCaseWork({ ...base, ...h.system.stores }, { caseNo: prior, events: [priorEvents[0] as StoredEvent] });

      // The later case reads the closings (none yet); before it writes its snapshot, the
      // prior case's closing is applied in full.
      let interleaved = false;
      const racing = new Proxy(h.system.stores.history, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop !== 'priorTerminations' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: unknown[]) => {
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            if (!interleaved) {
              interleaved = true;
              await applyCaseWork({ ...base, ...h.system.stores }, { caseNo: prior, events: priorEvents });
            }
            return result;
          };
        },
      });
      await applyCaseWork({ ...base, ...h.system.stores, history: racing }, { caseNo: later, events: [laterFiling] });
      expect(interleaved).toBe(true);
      expect((await h.system.stores.snapshots.getCase(later))?.state.triage).toMatchObject({ team: 'simple', matched: ['S7'] });
    } finally {
      await h.close();
    }
  });
});
