/**
 * How big is the stored snapshot of a case with ~30 node instances (the national
 * estimate's assumption)? Folds a generated case with extra payments, batches, leads and
 * measures release measures, and packs it as the store does.
 *
 *   npx tsx bench/experiments/snapshot-size.ts
 */
import { planRecord, rulesFor } from '../../lib/app/case-records.js';
import { foldCase } from '../../lib/case-state.js';
import { escalate } from '../../lib/escalation.js';
import { eventRef, type StoredEvent, validateEvent } from '../../lib/events.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { HOUR_MS, toChinaIso } from '../../lib/time.js';
import { pack } from '../../functions/adapters/codec.js';
import { generateMonth } from '../../events/generate-month.js';

const rules = rulesFor(DEFAULT_LIMITS);
const month = generateMonth(2026);
const caseNo = month[0]?.caseNo ?? '';
const base = month.filter((e) => e.caseNo === caseNo);
const filedAt = Date.parse(base[0]?.occurredAt ?? '');
const extra: Array<Record<string, unknown>> = [];
const add = (type: string, hours: number, data: Record<string, unknown>) =>
  extra.push({ eventId: `extra-${extra.length + 1}`, type, caseNo, occurredAt: toChinaIso(filedAt + hours * HOUR_MS), data });
for (let p = 1; p <= 5; p++) {
  add('funds.arrived', 50 + p * 30, { paymentId: `P-${p}`, amount: 1000 * p });
  if (p < 4) add('funds.confirmed', 60 + p * 30, { paymentId: `P-${p}` });
  if (p < 3) add('payout.approved', 80 + p * 30, { paymentId: `P-${p}`, approvedBy: '执行局长' });
}
for (let b = 1; b <= 3; b++) {
  add('field.returned', 40 + b * 50, { batchId: `B-${b}` });
  add('materials.handed', 45 + b * 50, { batchId: `B-${b}` });
}
for (let l = 1; l <= 3; l++) add('lead.submitted', 70 + l * 40, { leadId: `L-${l}`, urgent: l === 1 });
for (let m = 1; m <= 2; m++) add('release.required', 100 + m * 20, { measureId: `M-${m}` });

const asOf = filedAt + 20 * 24 * HOUR_MS;
const events: StoredEvent[] = [...base, ...extra].map((raw) => {
  const v = validateEvent(raw, asOf);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return { ...v.event, court: 'wuzhi' } as StoredEvent;
});
const state = foldCase(events, { limits: rules.limits, calendar: rules.calendar });
if (!state) throw new Error('not filed');
const { sent, notices } = escalate(state, rules.limits, asOf, {});
const record = planRecord(undefined, state, sent, {}, rules, asOf);
const body = pack({ state: record.state, sent: record.sent, outbox: record.outbox });
const withOutbox = pack({ state: record.state, sent: record.sent, outbox: Object.fromEntries(notices.slice(0, 3).map((n) => [n.noticeId, n])) });
console.log(`${state.nodes.length} node instances, ${events.length} events, ${Object.keys(sent).length} nodes escalated`);
console.log(`body ${body.length} bytes packed (${JSON.stringify({ state: record.state, sent }).length} as JSON), refs ${pack(events.map(eventRef)).length} bytes`);
console.log(`body with 3 notices in the outbox: ${withOutbox.length} bytes`);
