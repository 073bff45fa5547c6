/**
 * The life of a notice after the escalation decided it (README "Escalation" "When people are
 * told", §7 import): held until `deliverAt`, cancelled when the node is done first,
 * superseded by a higher level, suppressed after an import; what the case view shows.
 */
import { describe, expect, it } from 'vitest';
import { createLegalCalendar } from '../../lib/calendar.js';
import { caseView, noticeRecords } from '../../lib/case-view.js';
import { deliveryPolicyOf } from '../../lib/delivery.js';
import { escalate, type Notice, passedAtImport } from '../../lib/escalation.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { addToOutbox, outboxAction, outboxWakeAt, scheduleDelivery, viewStatus } from '../../lib/notice-lifecycle.js';
import type { LedgerEntry } from '../../lib/ports.js';
import { HOUR_MS, toChinaIso } from '../../lib/time.js';
import { cst, endOf, ev, filed, fold, onlineReturned } from './fixtures.js';

const calendar = createLegalCalendar();
const policy = deliveryPolicyOf(DEFAULT_LIMITS);

// Monday 2026-11-30: vehicle found at 10:00 on Wednesday 12-02 → vehicleSeizure due
// 24:00 Friday 12-04 (2 days); remind at 75 % of 62 h = Friday 08:30; supervise Saturday 24:00.
const found = [filed('2026-11-30T09:00'), onlineReturned('2026-12-02T10:00', { vehicles: 1 }, true)];
const state = fold(found);
const DUE = endOf('2026-12-04');

const decide = (at: number, sent = {}) => scheduleDelivery(escalate(state, DEFAULT_LIMITS, at, sent).notices, policy, calendar).filter((n) => n.node === 'vehicleSeizure');

describe('held: a notice decided in the quiet hours or on a rest day waits for its deliverAt', () => {
  it('the urge found by the scan at 00:05 Saturday waits for Monday 08:00; one found on Friday afternoon goes at once', () => {
    const [urge] = decide(DUE + 5 * 60_000, { vehicleSeizure: 'remind' });
    expect(urge).toMatchObject({ level: 'urge', decidedAt: DUE + 5 * 60_000, deliverAt: cst('2026-12-07T08:00') });
    const [remind] = decide(cst('2026-12-04T15:00'));
    expect(remind?.level).toBe('remind');
    expect(remind?.deliverAt).toBeUndefined();
  });

  it('is held until deliverAt, then published; cancelled if its node is done first', () => {
    const [urge] = decide(DUE + 5 * 60_000, { vehicleSeizure: 'remind' }) as [Notice];
    expect(outboxAction(urge, state, cst('2026-12-05T10:00'))).toBe('hold');
    expect(outboxAction(urge, state, cst('2026-12-07T07:59'))).toBe('hold');
    expect(outboxAction(urge, state, cst('2026-12-07T08:00'))).toBe('publish');
    const seized = fold([...found, ev('vehicle.seized', '2026-12-05T10:00')]);
    expect(outboxAction(urge, seized, cst('2026-12-05T10:30'))).toBe('cancel');
    expect(outboxAction(urge, seized, cst('2026-12-07T08:00'))).toBe('cancel');
  });

  it('a notice due at once is published even if its node was done meanwhile (it was due when decided)', () => {
    const [remind] = decide(cst('2026-12-04T15:00')) as [Notice];
    const seized = fold([...found, ev('vehicle.seized', '2026-12-04T15:01')]);
    expect(outboxAction(remind, seized, cst('2026-12-04T15:02'))).toBe('publish');
  });

  it('a higher level of the same node replaces a held lower one; other nodes are untouched', () => {
    const [urge] = decide(DUE + 5 * 60_000, { vehicleSeizure: 'remind' }) as [Notice];
    const other = { ...urge, noticeId: 'other', node: 'documents' as const };
    const [supervise] = decide(DUE + 24 * HOUR_MS + 5 * 60_000, { vehicleSeizure: 'urge' }) as [Notice];
    expect(supervise).toMatchObject({ level: 'supervise', deliverAt: cst('2026-12-06T08:00') }); // 督办 waits for the quiet hours only
    const outbox = addToOutbox({ [urge.noticeId]: urge, other }, [supervise]);
    expect(outbox[urge.noticeId]?.supersededBy).toBe(supervise.noticeId);
    expect(outboxAction(outbox[urge.noticeId] as Notice, state, cst('2026-12-07T08:00'))).toBe('supersede');
    expect(outbox.other?.supersededBy).toBeUndefined();
    expect(outbox[supervise.noticeId]).toEqual(supervise);
  });

  it('a notice already on its way (not held) is not superseded', () => {
    const [remind] = decide(cst('2026-12-04T15:00')) as [Notice];
    const [urge] = decide(DUE + 5 * 60_000, { vehicleSeizure: 'remind' }) as [Notice];
    expect(addToOutbox({ [remind.noticeId]: remind }, [urge])[remind.noticeId]?.supersededBy).toBeUndefined();
  });

  it('the case wakes the scan at the earliest deliverAt, when a held notice\'s node was done, or at once while something is to be carried out', () => {
    const [urge] = decide(DUE + 5 * 60_000, { vehicleSeizure: 'remind' }) as [Notice];
    const now = cst('2026-12-05T01:00');
    expect(outboxWakeAt({ [urge.noticeId]: urge }, state, now, now)).toBe(cst('2026-12-07T08:00'));
    // Done while held: due from the moment it was done, so the next scan records the cancellation.
    const seized = fold([...found, ev('vehicle.seized', '2026-12-05T00:30')]);
    expect(outboxWakeAt({ [urge.noticeId]: urge }, seized, now, now)).toBe(cst('2026-12-05T00:30'));
    expect(outboxWakeAt({}, state, now, now)).toBeUndefined();
  });
});

describe('suppressed: levels an import finds already passed (README "Onboarding a court")', () => {
  it('records every level passed by the import moment, each its own notice, and nothing after it', () => {
    const importedAt = DUE + 30 * HOUR_MS; // Sunday 06:00: remind, urge and supervise all passed
    const passed = passedAtImport(state, DEFAULT_LIMITS, importedAt, {});
    const seizure = passed.notices.filter((n) => n.node === 'vehicleSeizure');
    expect(seizure.map((n) => n.level)).toEqual(['remind', 'urge', 'supervise']);
    expect(seizure.every((n) => n.suppressed === true && n.decidedAt === importedAt)).toBe(true);
    expect(passed.sent.vehicleSeizure).toBe('supervise');
    // Between urge and supervise: two levels, and the scan after the import sends only supervise.
    const early = passedAtImport(state, DEFAULT_LIMITS, DUE + HOUR_MS, {});
    expect(early.notices.filter((n) => n.node === 'vehicleSeizure').map((n) => n.level)).toEqual(['remind', 'urge']);
    expect(escalate(state, DEFAULT_LIMITS, DUE + 25 * HOUR_MS, early.sent).notices.filter((n) => n.node === 'vehicleSeizure').map((n) => n.level)).toEqual(['supervise']);
  });

  it('leaves levels already decided alone, and is never scheduled for delivery', () => {
    const passed = passedAtImport(state, DEFAULT_LIMITS, DUE + HOUR_MS, { vehicleSeizure: 'remind' });
    const seizure = passed.notices.filter((n) => n.node === 'vehicleSeizure');
    expect(seizure.map((n) => n.level)).toEqual(['urge']);
    expect(scheduleDelivery(seizure, policy, calendar)).toEqual(seizure);
    expect(outboxAction(seizure[0] as Notice, state, DUE + 2 * HOUR_MS)).toBe('suppress');
  });
});

describe('the case view: each notice with its status, and the node level', () => {
  const saturday = DUE + 5 * 60_000;
  const [urge] = decide(saturday, { vehicleSeizure: 'remind' }) as [Notice];
  const entry = (notice: Notice, status: LedgerEntry['status'], publishedAt?: number): LedgerEntry => ({
    notice, status, claimedAt: saturday, claimedBy: 'run', ...(publishedAt === undefined ? {} : { publishedAt }),
  });

  it('held (with deliverAt) until sent; the level counts only once it is on its way', () => {
    const [remind] = decide(cst('2026-12-04T15:00')) as [Notice];
    const ledger = [entry(remind, 'sent', cst('2026-12-04T15:00')), entry(urge, 'held')];
    const records = noticeRecords(ledger, { [urge.noticeId]: urge }, state, cst('2026-12-05T10:00'));
    expect(records.map((r) => [r.level, r.status, r.deliverAt])).toEqual([
      ['remind', 'sent', undefined],
      ['urge', 'held', '2026-12-07T08:00:00+08:00'],
    ]);
    expect(records[1]?.decidedAt).toBe(toChinaIso(saturday));
    const view = caseView(state, records, cst('2026-12-05T10:00'));
    expect(view.nodes.find((n) => n.id === 'vehicleSeizure')?.level).toBe('remind');
    // Due, not yet sent: still held. Sent: the level moves up.
    expect(viewStatus('held', urge, state, cst('2026-12-07T08:05'))).toBe('held');
    const sent = noticeRecords([ledger[0] as LedgerEntry, entry(urge, 'sent', cst('2026-12-07T08:00'))], {}, state, cst('2026-12-07T09:00'));
    expect(caseView(state, sent, cst('2026-12-07T09:00')).nodes.find((n) => n.id === 'vehicleSeizure')?.level).toBe('urge');
  });

  it('a node done while its notice is held shows the notice cancelled at once, before the scan records it', () => {
    const seized = fold([...found, ev('vehicle.seized', '2026-12-05T10:00')]);
    const [record] = noticeRecords([entry(urge, 'held')], { [urge.noticeId]: urge }, seized, cst('2026-12-05T10:30'));
    expect(record?.status).toBe('cancelled');
    const [recorded] = noticeRecords([entry(urge, 'cancelled')], {}, seized, cst('2026-12-05T11:00'));
    expect(recorded?.status).toBe('cancelled');
  });

  it('suppressed levels show from the outbox before the scan records them, and count for the level', () => {
    const passed = passedAtImport(state, DEFAULT_LIMITS, DUE + 30 * HOUR_MS, {}).notices.filter((n) => n.node === 'vehicleSeizure');
    const records = noticeRecords([], addToOutbox({}, passed), state, DUE + 31 * HOUR_MS);
    expect(records.map((r) => [r.level, r.status])).toEqual([
      ['remind', 'suppressed'],
      ['urge', 'suppressed'],
      ['supervise', 'suppressed'],
    ]);
    expect(caseView(state, records, DUE + 31 * HOUR_MS).nodes.find((n) => n.id === 'vehicleSeizure')?.level).toBe('supervise');
  });
});
