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
    for (const e of [filed, related, query]) await h.system.store.saveEvent(e, Date.now());
  });
  afterAll(async () => h.close());
  const deps = () => ({ store: h.system.store, rules: h.system.rules, now: Date.now });

  it('folds it once and lists it once, on the first fold and on an incremental one', async () => {
    expect(await applyCaseWork(deps(), { caseNo: CASE, events: [filed, related, related] })).toBe('applied');
    let record = await h.system.store.getCase(CASE);
    expect(record?.eventRefs).toEqual(['wuzhi#a-1', 'wuzhi#a-2']);
    expect(record?.state.applied.count).toBe(2);

    expect(await applyCaseWork(deps(), { caseNo: CASE, events: [query, query] })).toBe('applied');
    record = await h.system.store.getCase(CASE);
    expect([...(record?.eventRefs ?? [])].sort()).toEqual(['wuzhi#a-1', 'wuzhi#a-2', 'wuzhi#a-3']);
    expect(record?.state.applied.count).toBe(3);

    expect(await applyCaseWork(deps(), { caseNo: CASE, events: [related, query] })).toBe('unchanged');
  });
});
