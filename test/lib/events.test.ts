/**
 * Posted case events (docs/API.md): strict schemas per type, errors that name the path,
 * the value and what was expected, and the canonical body behind duplicate / conflict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  compareEvents,
  EVENT_TYPES,
  type EventType,
  eventBody,
  eventOrderKey,
  type FieldError,
  MAX_ID,
  TRAITS,
  validateEvent,
} from '../../lib/events.js';
import { CASE_NO, cst, rawEvent } from './fixtures.js';

const now = cst('2026-03-02T12:00');

// docs/API.md "事件类型", in the contract's order.
const CONTRACT_EVENT_TYPES = [
  'case.filed', 'case.reassigned', 'reception.recorded', 'reception.skipped', 'query.online.started',
  'query.online.returned', 'assets.frozen', 'vehicle.seized', 'query.traditional.started',
  'query.traditional.returned', 'realty.seized', 'related.queried', 'documents.sent', 'funds.arrived',
  'funds.confirmed', 'payout.approved', 'funds.paid', 'field.returned', 'materials.handed',
  'dossier.digitised', 'lead.submitted', 'lead.verified', 'summons.expired', 'respondent.missing',
  'summons.enforced', 'reward.requested', 'reward.decided', 'reward.published', 'release.required',
  'measures.released', 'measures.renewed', 'enforcement.resumed', 'deduction.eligible', 'funds.deducted',
  'termination.interviewed', 'closing.ready', 'case.closed', 'clock.paused', 'clock.resumed', 'longcase.reported',
] as const;

// docs/API.md "事件类型" (traits).
const CONTRACT_TRAITS = [
  'actByAssistanceNotice', 'vehicleTransfer', 'respondentMissing', 'servedByPublicNotice', 'noPreciseLeads',
  'performedOrSettling', 'controlTeamRejects', 'priorTerminatedCase', 'easy', 'disposeProperty',
  'transferPropertyRights', 'returnPremises', 'criminalConfiscation', 'severeAntagonism',
  'insufficientProperty', 'historicalIssues', 'complexOrSensitive',
] as const;

/** One valid `data` per event type of docs/API.md (`undefined`: the type carries none). */
const SAMPLES: Record<EventType, unknown> = {
  'case.filed': {
    courtCaseNo: '(2025)豫0823民初567号',
    amount: 86_500.5,
    financial: false,
    respondents: [{ kind: 'person', idHash: 'c2hhMjU2LWlk' }, { kind: 'organization' }],
    traits: ['vehicleTransfer', 'noPreciseLeads'],
    handler: '王执行员',
  },
  'case.reassigned': { team: 'large', reason: '案件涉及历史遗留问题，经研究调整', approvedBy: '执行局长' },
  'reception.recorded': { interviewer: '李书记员', interviewee: '申请执行人张某' },
  'reception.skipped': { reason: '申请执行人未到场，已电话联系' },
  'query.online.started': undefined,
  'query.online.returned': {
    found: { deposits: 1200, payment: 300.25, securities: 0, insurance: 0, vehicles: 1 },
    enough: false,
    traits: ['controlTeamRejects'],
  },
  'assets.frozen': { measureId: 'F-2026-01', kind: 'deposit', until: '2027-03-01' },
  'vehicle.seized': {},
  'query.traditional.started': undefined,
  'query.traditional.returned': { found: { housingFund: 1, realty: 2, land: 0, plant: 0 } },
  'realty.seized': undefined,
  'related.queried': undefined,
  'documents.sent': { documents: ['executionNotice', 'propertyReportOrder', 'summons', 'consumptionRestriction'] },
  'funds.arrived': { paymentId: 'P-2026-0001', amount: 20_000 },
  'funds.confirmed': { paymentId: 'P-2026-0001' },
  'payout.approved': { paymentId: 'P-2026-0001', approvedBy: '主管领导' },
  'funds.paid': { paymentId: 'P-2026-0001' },
  'field.returned': { batchId: 'B1' },
  'materials.handed': { batchId: 'B1' },
  'dossier.digitised': { batchId: 'B1' },
  'lead.submitted': { leadId: 'L1', urgent: true },
  'lead.verified': { leadId: 'L1' },
  'summons.expired': undefined,
  'respondent.missing': undefined,
  'summons.enforced': undefined,
  'reward.requested': { requestId: 'R1' },
  'reward.decided': { requestId: 'R1', approved: true },
  'reward.published': { requestId: 'R1' },
  'release.required': { measureId: 'M1' },
  'measures.released': { measureId: 'M1' },
  'measures.renewed': { measureId: 'M1', until: '2027-12-31' },
  'enforcement.resumed': { newCaseNo: '(2026)豫0823执恢12号' },
  'deduction.eligible': { measureId: 'M2' },
  'funds.deducted': { measureId: 'M2' },
  'termination.interviewed': undefined,
  'closing.ready': undefined,
  'case.closed': { kind: 'terminatedThisRound' },
  'clock.paused': { reason: '依法中止执行', approvedBy: '分管领导' },
  'clock.resumed': undefined,
  'longcase.reported': undefined,
};

function errorsOf(input: unknown, at = now): FieldError[] {
  const result = validateEvent(input, at);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event)}`);
  return result.errors;
}

function errorAt(input: unknown, path: string): FieldError {
  const errors = errorsOf(input);
  const found = errors.find((e) => e.path === path);
  if (!found) throw new Error(`no error at ${path}; errors: ${JSON.stringify(errors)}`);
  return found;
}

const filing = (data: Record<string, unknown> = {}) =>
  rawEvent('case.filed', '2026-03-02T10:00', { amount: 5000, financial: false, respondents: [{ kind: 'person' }], ...data });

describe('validateEvent: one valid sample per event type of docs/API.md', () => {
  it('the event types are exactly those of docs/API.md, and the sample table covers each', () => {
    expect([...EVENT_TYPES].sort()).toEqual([...CONTRACT_EVENT_TYPES].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...CONTRACT_EVENT_TYPES].sort());
  });

  it('the traits are exactly those of docs/API.md', () => {
    expect([...TRAITS].sort()).toEqual([...CONTRACT_TRAITS].sort());
  });

  it.each(EVENT_TYPES)('%s is accepted with its occurredAt as an instant', (type) => {
    const raw = rawEvent(type, '2026-03-02T10:00', SAMPLES[type], { eventId: `${type}-1` });
    const result = validateEvent(raw, now);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.event).toMatchObject({ eventId: `${type}-1`, type, caseNo: CASE_NO, occurredAt: '2026-03-02T10:00:00+08:00' });
    expect(result.event.at).toBe(Date.parse('2026-03-02T02:00:00Z'));
    expect(result.event.data).toEqual(SAMPLES[type] ?? {});
  });

  it('a batch-like or non-object input is refused as a whole', () => {
    for (const input of [null, 'case.filed', 42, [filing()]]) {
      expect(errorsOf(input)).toEqual([{ path: '(event)', message: expect.stringContaining('expected an event object'), see: 'docs/API.md#events' }]);
    }
  });
});

describe('validateEvent: strict — unknown types, traits and fields are refused with their path', () => {
  it('an unknown type', () => {
    expect(errorAt({ ...filing(), type: 'case.opened' }, 'type').message).toContain(
      'got "case.opened"; expected a known event type such as case.filed',
    );
  });

  it('a type that is only an inherited property name is still unknown', () => {
    expect(errorAt({ ...filing(), type: 'toString' }, 'type').message).toContain('got "toString"');
  });

  it('an unknown trait', () => {
    const error = errorAt(filing({ traits: ['easy', 'veryEasy'] }), 'data.traits.1');
    expect(error.message).toContain('got "veryEasy"; expected one of actByAssistanceNotice');
    for (const trait of TRAITS) expect(error.message).toContain(trait);
  });

  it('a repeated trait', () => {
    expect(errorAt(filing({ traits: ['easy', 'easy'] }), 'data.traits').message).toContain('no repeated trait');
  });

  it('an unknown field in the envelope and in the data, each with its path', () => {
    const errors = errorsOf({ ...filing({ lawyer: '赵律师' }), priority: 'high' });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'priority', message: expect.stringContaining('unknown field "priority"; remove it') }),
        expect.objectContaining({ path: 'data.lawyer', message: expect.stringContaining('unknown field "lawyer"; remove it') }),
      ]),
    );
  });

  it('data on an event type that carries none', () => {
    expect(errorAt(rawEvent('assets.frozen', '2026-03-02T10:00', { amount: 1 }), 'data.amount').message).toContain('unknown field "amount"');
  });

  it('a nested unknown field (in a respondent)', () => {
    expect(errorAt(filing({ respondents: [{ kind: 'person', name: '张三' }] }), 'data.respondents.0.name').message).toContain('unknown field');
  });

  it('a missing required field names the field and says it got nothing', () => {
    expect(errorAt(rawEvent('funds.arrived', '2026-03-02T10:00', { amount: 1 }), 'data.paymentId').message).toContain(
      'got nothing; expected a string',
    );
    expect(errorAt(rawEvent('funds.arrived', '2026-03-02T10:00'), 'data').message).toContain('got nothing');
  });

  it('a wrong enum value names the allowed values', () => {
    expect(errorAt(rawEvent('case.closed', '2026-03-02T10:00', { kind: 'finished' }), 'data.kind').message).toContain(
      'got "finished"; expected one of performed, terminatedThisRound, terminated, rejected, withdrawn, other',
    );
    expect(errorAt(rawEvent('case.reassigned', '2026-03-02T10:00', { team: 'service', reason: 'x', approvedBy: 'y' }), 'data.team').message).toContain(
      'got "service"; expected one of simple, ordinary, large, emergency, financial',
    );
  });
});

describe('validateEvent: length caps and printable text', () => {
  it.each([
    { what: 'eventId of 129 characters', input: { ...filing(), eventId: 'e'.repeat(MAX_ID + 1) }, path: 'eventId', expected: 'at most 128 characters' },
    { what: 'caseNo of 65 characters', input: { ...filing(), caseNo: '号'.repeat(65) }, path: 'caseNo', expected: 'expected 1 to 64' },
    { what: 'empty caseNo', input: { ...filing(), caseNo: '' }, path: 'caseNo', expected: 'expected 1 to 64 characters' },
    { what: 'blank caseNo', input: { ...filing(), caseNo: '   ' }, path: 'caseNo', expected: 'only white space' },
    { what: 'a control character in caseNo', input: { ...filing(), caseNo: '(2026)豫0823执\u00011234号' }, path: 'caseNo', expected: 'U+0001, is a control character' },
    {
      what: 'a reason of 501 characters',
      input: rawEvent('reception.skipped', '2026-03-02T10:00', { reason: '因'.repeat(501) }),
      path: 'data.reason',
      expected: 'at most 500 characters',
    },
    {
      what: 'an interviewer name of 101 characters',
      input: rawEvent('reception.recorded', '2026-03-02T10:00', { interviewer: '李'.repeat(101), interviewee: '张' }),
      path: 'data.interviewer',
      expected: 'at most 100 characters',
    },
    { what: 'no respondent', input: filing({ respondents: [] }), path: 'data.respondents', expected: 'at least 1 item' },
    {
      what: '51 respondents',
      input: filing({ respondents: Array.from({ length: 51 }, () => ({ kind: 'person' })) }),
      path: 'data.respondents',
      expected: 'at most 50 items',
    },
    {
      what: '21 documents',
      input: rawEvent('documents.sent', '2026-03-02T10:00', { documents: Array.from({ length: 21 }, (_, i) => `doc${i}`) }),
      path: 'data.documents',
      expected: 'at most 20 items',
    },
    { what: 'a control character in eventId', input: { ...filing(), eventId: 'ev\u00001' }, path: 'eventId', expected: 'printable text' },
    { what: 'a short idHash', input: filing({ respondents: [{ kind: 'person', idHash: 'abc' }] }), path: 'data.respondents.0.idHash', expected: 'a hash of 8-128' },
  ])('refuses $what', ({ input, path, expected }) => {
    expect(errorAt(input, path).message).toContain(expected);
  });

  it('accepts the caps themselves: eventId of 128 and caseNo of 64 characters', () => {
    expect(validateEvent({ ...filing(), eventId: 'e'.repeat(MAX_ID), caseNo: '号'.repeat(64) }, now).ok).toBe(true);
  });
});

describe('validateEvent: amounts and counts', () => {
  it.each([
    { amount: -1, message: 'got -1; expected a number ≥ 0' },
    { amount: -0.01, message: 'got -0.01; expected a number ≥ 0' },
    { amount: '5000', message: 'got "5000"; expected a finite number' },
    { amount: 1e14, message: 'got 100000000000000; expected a number ≤ 10000000000000' },
  ])('amount $amount → $message', ({ amount, message }) => {
    expect(errorAt(filing({ amount }), 'data.amount').message).toContain(message);
  });

  it.each([Infinity, -Infinity, NaN])('a non-finite amount (%s) is refused at data.amount', (amount) => {
    expect(errorAt(filing({ amount }), 'data.amount').message).toContain('expected a finite number');
  });

  // JSON.stringify(Infinity) is "null": the message must name what was sent. JSON.parse('{"amount":1e999}') gives Infinity.
  it('the message for a non-finite amount names the value that was sent, not "null"', () => {
    const posted = JSON.parse('{"eventId":"e1","type":"case.filed","caseNo":"x","occurredAt":"2026-03-02T10:00:00+08:00","data":{"amount":1e999,"financial":false,"respondents":[{"kind":"person"}]}}') as unknown;
    const message = errorAt(posted, 'data.amount').message;
    expect(message).not.toContain('got null');
    expect(message).toContain('Infinity');
  });

  it('a fractional vehicle count is refused (counts are whole numbers)', () => {
    const raw = rawEvent('query.online.returned', '2026-03-02T10:00', {
      found: { deposits: 0, payment: 0, securities: 0, insurance: 0, vehicles: 1.5 },
      enough: false,
    });
    expect(errorAt(raw, 'data.found.vehicles').message).toContain('got 1.5; expected a whole number');
  });

  it('a negative funds amount is refused', () => {
    expect(errorAt(rawEvent('funds.arrived', '2026-03-02T10:00', { paymentId: 'P1', amount: -5 }), 'data.amount').message).toContain('≥ 0');
  });
});

describe('validateEvent: occurredAt is ISO 8601 with an offset, not far in the future', () => {
  it.each([
    ['2026-03-02T10:00:00', 'no offset: ambiguous, never guessed'],
    ['2026-03-02 10:00:00+08:00', 'no T'],
    ['2026-03-02', 'a date only'],
    ['2026-02-30T10:00:00+08:00', 'no such day'],
    ['2026-03-02T24:00:00+08:00', 'hour 24'],
    ['yesterday', 'words'],
  ])('refuses "%s" (%s), naming the value', (occurredAt) => {
    expect(errorAt({ ...filing(), occurredAt }, 'occurredAt').message).toContain(
      `got ${JSON.stringify(occurredAt)}; expected ISO 8601 with an offset, e.g. 2026-12-04T10:00:00+08:00`,
    );
  });

  it('refuses a time more than one day after the receiver\'s clock, accepts exactly one day', () => {
    const oneDayAhead = new Date(now + 24 * 3_600_000).toISOString();
    const tooFar = new Date(now + 24 * 3_600_000 + 1000).toISOString();
    expect(validateEvent({ ...filing(), occurredAt: oneDayAhead }, now).ok).toBe(true);
    expect(errorAt({ ...filing(), occurredAt: tooFar }, 'occurredAt').message).toContain(
      `got "${tooFar}"; expected a time no later than one day from now`,
    );
  });

  it('refuses a time before 1990', () => {
    expect(errorAt({ ...filing(), occurredAt: '1989-12-31T23:00:00Z' }, 'occurredAt').message).toContain('expected a time after 1990');
  });

  it('refuses a missing or non-string occurredAt', () => {
    const { occurredAt: _omit, ...withoutTime } = filing();
    expect(errorAt(withoutTime, 'occurredAt').message).toContain('got nothing');
    expect(errorAt({ ...filing(), occurredAt: 1772416800 }, 'occurredAt').message).toContain('got 1772416800');
  });

  it('the same moment in any offset gives the same instant', () => {
    const spellings = ['2026-03-02T10:00:00+08:00', '2026-03-02T02:00:00Z', '2026-03-01T21:00:00-05:00', '2026-03-02T10:00+08:00', '2026-03-02T02:00:00.000Z'];
    const instants = spellings.map((occurredAt) => {
      const result = validateEvent({ ...filing(), occurredAt }, now);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.event.at;
    });
    expect(new Set(instants)).toEqual(new Set([Date.parse('2026-03-02T02:00:00Z')]));
  });
});

describe('validateEvent: __proto__ keys are data, never a prototype', () => {
  const postedWithProto = [
    ['in the envelope', '{"__proto__":{"type":"case.filed"},"eventId":"e1","type":"case.filed","caseNo":"x","occurredAt":"2026-03-02T10:00:00+08:00","data":{"amount":1,"financial":false,"respondents":[{"kind":"person"}]}}', '__proto__'],
    ['in the data', '{"eventId":"e1","type":"case.filed","caseNo":"x","occurredAt":"2026-03-02T10:00:00+08:00","data":{"__proto__":{"polluted":true},"amount":1,"financial":false,"respondents":[{"kind":"person"}]}}', 'data.__proto__'],
    ['in a respondent', '{"eventId":"e1","type":"case.filed","caseNo":"x","occurredAt":"2026-03-02T10:00:00+08:00","data":{"amount":1,"financial":true,"respondents":[{"kind":"person","__proto__":{"kind":"government","polluted":true}}]}}', 'data.respondents.0.__proto__'],
  ] as const;

  it.each(postedWithProto)('a "__proto__" key %s is an unknown field and Object.prototype stays clean', (_where, json, path) => {
    const errors = errorsOf(JSON.parse(json));
    expect(errors).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining('unknown field "__proto__"; remove it') }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('kind');
  });

  it('a "constructor" or "prototype" key is an unknown field too', () => {
    expect(errorsOf(filing({ constructor: { prototype: { polluted: true } } })).map((e) => e.path)).toContain('data.constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validateEvent: errors name the path, the value and what was expected', () => {
  it('each problem is one error with "got … ; expected …"', () => {
    const errors = errorsOf(rawEvent('lead.submitted', '2026-03-02T10:00', { leadId: '', urgent: 'yes' }));
    expect(errors).toEqual([
      { path: 'data.leadId', message: '收到 ""；应为至少 1 个字符 / got ""; expected at least 1 character', see: 'docs/API.md#event-types' },
      { path: 'data.urgent', message: '收到 "yes"；应为布尔值 true 或 false / got "yes"; expected a boolean', see: 'docs/API.md#event-types' },
    ]);
  });

  it('a long value is shortened in the message', () => {
    const message = errorAt(filing({ handler: 'x'.repeat(800) }), 'data.handler').message;
    expect(message.length).toBeLessThan(150);
    expect(message).toContain('...');
  });
});

describe('eventBody: "the same event" regardless of key order and offset spelling', () => {
  const event = (input: unknown) => {
    const result = validateEvent(input, now);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.event;
  };
  const a = {
    eventId: 'ev-1',
    type: 'funds.arrived',
    caseNo: CASE_NO,
    occurredAt: '2026-03-02T10:00:00+08:00',
    data: { paymentId: 'P1', amount: 100 },
  };
  const b = {
    data: { amount: 100, paymentId: 'P1' },
    occurredAt: '2026-03-02T02:00:00Z',
    caseNo: CASE_NO,
    type: 'funds.arrived',
    eventId: 'ev-1',
  };

  it('equal bodies for the same event written differently', () => {
    expect(eventBody(event(b))).toBe(eventBody(event(a)));
  });

  it('different bodies when the data or the instant differ (a conflict, not a duplicate)', () => {
    expect(eventBody(event({ ...a, data: { paymentId: 'P1', amount: 101 } }))).not.toBe(eventBody(event(a)));
    expect(eventBody(event({ ...a, occurredAt: '2026-03-02T10:00:01+08:00' }))).not.toBe(eventBody(event(a)));
  });

  it('canonicalJson sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 0 }], a: null })).toBe('{"a":null,"b":[2,{"c":0,"d":1}]}');
  });

  it('property: canonicalJson does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
      { numRuns: 200 },
    );
  });
});

describe('fold order: compareEvents and eventOrderKey agree', () => {
  it('property: sorting by the storage key gives the fold order', () => {
    const item = fc.record({ at: fc.integer({ min: 0, max: 4_102_444_800_000 }), eventId: fc.string({ minLength: 1, maxLength: 12 }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), (items) => {
        const byCompare = [...items].sort(compareEvents);
        const byKey = [...items].sort((x, y) => (eventOrderKey(x) < eventOrderKey(y) ? -1 : eventOrderKey(x) > eventOrderKey(y) ? 1 : 0));
        expect(byKey.map(eventOrderKey)).toEqual(byCompare.map(eventOrderKey));
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateEvent: the new number of a resumed case is spelled the one way', () => {
  it('full-width forms and spaces give the canonical number, as for caseNo', () => {
    const raw = rawEvent('enforcement.resumed', '2026-03-02T10:00', { newCaseNo: ' （２０２６）豫0823执恢１号\u3000' });
    const result = validateEvent(raw, now);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.event.data).toEqual({ newCaseNo: '(2026)豫0823执恢1号' });
  });

  it('an invisible or ill-formed new number is refused at data.newCaseNo, naming what was expected', () => {
    for (const newCaseNo of ['(2026)豫0823执\u200b1号', '(2026)豫0823执1号\ud800', '   ']) {
      const error = errorAt(rawEvent('enforcement.resumed', '2026-03-02T10:00', { newCaseNo }), 'data.newCaseNo');
      expect(error.see).toMatch(/^docs\/API\.md#/);
      expect(error.message).toMatch(/expected/);
    }
  });
});
