/**
 * fast-check generators of whole case histories: a filing plus a random mix of the
 * contract's events, with repeatable-node ids from small pools so instances collide
 * (measures ordered, renewed and released; queries after a 终本 closing), some events
 * from another court, and times spread over ~200 days of 2026.
 */
import fc from 'fast-check';
import type { EventType, StoredEvent } from '../../lib/events.js';
import { type Instant, toChinaIso } from '../../lib/time.js';
import { court, cst, ev, RESPONDENT_HASH } from './fixtures.js';

const BASE = cst('2026-03-02T00:00');
const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** A time `minDays`..`maxDays` after 2026-03-02 00:00 China time, to the minute. */
export const timeBetween = (minDays: number, maxDays: number): fc.Arbitrary<Instant> =>
  fc.integer({ min: minDays * DAY_MINUTES, max: maxDays * DAY_MINUTES }).map((m) => BASE + m * MINUTE);

const none = fc.constant(undefined);
const pick = <K extends string>(key: K, values: readonly string[]) => fc.constantFrom(...values).map((v) => ({ [key]: v }) as Record<K, string>);
const paymentId = pick('paymentId', ['P1', 'P2']);
const batchId = pick('batchId', ['B1', 'B2']);
const leadId = fc.constantFrom('L1', 'L2');
const requestId = fc.constantFrom('R1', 'R2');
const measureId = pick('measureId', ['M1', 'M2']);

const PALETTE: ReadonlyArray<readonly [EventType, fc.Arbitrary<unknown>]> = [
  ['reception.recorded', fc.constant({ interviewer: '李书记员', interviewee: '申请执行人' })],
  ['reception.skipped', fc.constant({ reason: '申请执行人未到场' })],
  ['query.online.started', none],
  [
    'query.online.returned',
    fc.record({
      found: fc.record({
        deposits: fc.constantFrom(0, 5000, 60_000),
        payment: fc.constantFrom(0, 800),
        securities: fc.constantFrom(0, 1000),
        insurance: fc.constantFrom(0, 300),
        vehicles: fc.constantFrom(0, 1),
      }),
      enough: fc.boolean(),
      traits: fc.subarray(['controlTeamRejects', 'noPreciseLeads'] as const),
    }),
  ],
  ['assets.frozen', fc.option(fc.record({ measureId: fc.constantFrom('M1', 'M2', 'F1'), kind: fc.constantFrom('deposit', 'other') }, { requiredKeys: ['measureId'] }), { nil: undefined })],
  ['vehicle.seized', fc.option(fc.record({ measureId: fc.constantFrom('V1', 'M1'), until: fc.constantFrom('2026-08-31', '2027-03-31') }, { requiredKeys: ['measureId'] }), { nil: undefined })],
  ['query.traditional.started', none],
  ['query.traditional.returned', fc.record({ found: fc.record({ housingFund: fc.constantFrom(0, 1), realty: fc.constantFrom(0, 2), land: fc.constant(0), plant: fc.constant(0) }) })],
  ['realty.seized', fc.option(measureId, { nil: undefined })],
  ['related.queried', none],
  ['documents.sent', fc.subarray(['executionNotice', 'propertyReportOrder', 'summons'], { minLength: 1 }).map((documents) => ({ documents }))],
  ['funds.arrived', paymentId.map((d) => ({ ...d, amount: 1000 }))],
  ['funds.confirmed', paymentId],
  ['payout.approved', paymentId.map((d) => ({ ...d, approvedBy: '主管领导' }))],
  ['funds.paid', paymentId],
  ['field.returned', batchId],
  ['materials.handed', batchId],
  ['dossier.digitised', batchId],
  ['lead.submitted', fc.record({ leadId, urgent: fc.boolean() })],
  ['lead.verified', leadId.map((id) => ({ leadId: id }))],
  ['summons.expired', none],
  ['respondent.missing', none],
  ['summons.enforced', none],
  ['reward.requested', requestId.map((id) => ({ requestId: id }))],
  ['reward.decided', fc.record({ requestId, approved: fc.boolean() })],
  ['reward.published', requestId.map((id) => ({ requestId: id }))],
  ['release.required', measureId],
  ['measures.released', measureId],
  ['measures.renewed', fc.record({ measureId: fc.constantFrom('M1', 'M2', 'V1'), until: fc.constantFrom('2026-12-31', '2027-06-30') }, { requiredKeys: ['measureId'] })],
  ['enforcement.resumed', fc.option(fc.constant({ newCaseNo: '(2026)豫0823执恢12号' }), { nil: undefined })],
  ['deduction.eligible', measureId],
  ['funds.deducted', measureId],
  ['termination.interviewed', none],
  ['closing.ready', none],
  ['clock.paused', fc.constant({ reason: '依法中止执行', approvedBy: '分管领导' })],
  ['clock.resumed', none],
  ['longcase.reported', none],
  ['case.reassigned', fc.record({ team: fc.constantFrom('simple', 'ordinary', 'large'), reason: fc.constant('动态调整'), approvedBy: fc.constant('执行局长') })],
];

interface Spec {
  readonly type: EventType;
  readonly at: Instant;
  readonly data: unknown;
  readonly otherCourt: boolean;
}

const ordinarySpec: fc.Arbitrary<Spec> = fc
  .constantFrom(...PALETTE)
  .chain(([type, data]) => fc.record({ type: fc.constant(type), at: timeBetween(0, 200), data, otherCourt: fc.nat(19).map((n) => n === 0) }));

// Closings are rarer and late, so most histories stay open long enough to be interesting.
const closingSpec: fc.Arbitrary<Spec> = fc.record({
  type: fc.constant('case.closed' as const),
  at: timeBetween(60, 220),
  data: fc.constantFrom('performed', 'terminatedThisRound', 'withdrawn').map((kind) => ({ kind })),
  otherCourt: fc.constant(false),
});

const filingSpec = fc.record({
  at: timeBetween(0, 10),
  amount: fc.constantFrom(5000, 20_000, 50_000, 2_000_000),
  financial: fc.nat(4).map((n) => n === 0),
  traits: fc.subarray(['easy', 'noPreciseLeads', 'servedByPublicNotice'] as const),
});

function build(spec: Spec, eventId: string): StoredEvent {
  // `ev` is typed per event type; the generated data matches the type it was drawn with.
  return ev(spec.type as 'case.closed', toChinaIso(spec.at), spec.data as { kind: 'performed' }, {
    eventId,
    ...(spec.otherCourt ? { court: 'xinxiang' } : {}),
  });
}

/** A case history: one filing (id `filing`) and up to `max` other events (ids `e0`, `e1`, …). */
export const caseHistory = (max = 30): fc.Arbitrary<StoredEvent[]> =>
  fc
    .tuple(
      filingSpec,
      fc.array(fc.oneof({ weight: 25, arbitrary: ordinarySpec }, { weight: 1, arbitrary: closingSpec }), { minLength: 2, maxLength: max, size: 'max' }),
    )
    .map(([filing, specs]) => [
      ev(
        'case.filed',
        toChinaIso(filing.at),
        { amount: filing.amount, financial: filing.financial, respondents: [{ kind: 'person', idHash: RESPONDENT_HASH }], traits: [...filing.traits] },
        { eventId: 'filing', court },
      ),
      ...specs.map((s, i) => build(s, `e${i}`)),
    ]);
