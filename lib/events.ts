/**
 * Case events as court systems post them (docs/API.md "事件类型"): strict schemas, one per type,
 * and validation errors that name the field, the value and what was expected.
 */
import * as z from 'zod/mini';
import { checkCaseNo } from './case-number.js';
import { dedupe, type FieldError, fieldError, fieldProblem, toFieldErrors } from './field-errors.js';
import { CASE_TEAMS } from './limits.js';
import { formatPath, illFormedStrings, preview } from './posted-json.js';
import { DAY_MS, type Instant, isCivilDate, parseOffsetDateTime } from './time.js';

export const TRAITS = [
  'actByAssistanceNotice',
  'vehicleTransfer',
  'respondentMissing',
  'servedByPublicNotice',
  'noPreciseLeads',
  'performedOrSettling',
  'controlTeamRejects',
  'priorTerminatedCase',
  'easy',
  'disposeProperty',
  'transferPropertyRights',
  'returnPremises',
  'criminalConfiscation',
  'severeAntagonism',
  'insufficientProperty',
  'historicalIssues',
  'complexOrSensitive',
] as const;
/** A fact from the filing system or the control team that triage reads. */
export type Trait = (typeof TRAITS)[number];

export const CLOSING_KINDS = ['performed', 'terminatedThisRound', 'terminated', 'rejected', 'withdrawn', 'other'] as const;
export type ClosingKind = (typeof CLOSING_KINDS)[number];

export const REQUIRED_DOCUMENTS = ['executionNotice', 'propertyReportOrder', 'summons'] as const;

/** Kinds of a control measure, by the term it lapses after (CPL interpretation Art. 485). */
export const MEASURE_KINDS = ['deposit', 'movable', 'realty', 'other'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Caps that keep one event small and every string printable. */
export const MAX_TEXT = 500;
export const MAX_NAME = 100;
export const MAX_ID = 128;
export const MAX_CASE_NO = 64;
export const MAX_AMOUNT = 1e13; // ten trillion yuan: above any real claim
export const MAX_COUNT = 1_000_000;
/** How far in the future `occurredAt` may lie (clock skew between court systems). */
export const MAX_FUTURE_MS = DAY_MS;

/**
 * Printable text: no control or format characters and no line or paragraph separators
 * (Unicode Cc, Cf, Zl, Zp). They break logs, SMS and CSV exports, SNS refuses them in an
 * e-mail subject, and bidirectional overrides can make a text read other than it is.
 */
export const PRINTABLE_TEXT = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;
const PRINTABLE = PRINTABLE_TEXT;
const text = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(PRINTABLE, 'printable text'), z.refine((s) => s.trim().length > 0, 'non-blank text'));
const id = text(MAX_ID);
const amount = z.number().check(z.gte(0), z.lte(MAX_AMOUNT));
const count = z.int().check(z.gte(0), z.lte(MAX_COUNT));
const none = z.optional(z.strictObject({}));
/** A calendar day `YYYY-MM-DD` (the end date a ruling sets). */
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'), z.refine(isCivilDate, 'a calendar date YYYY-MM-DD'));
/** A control measure: its id starts its `renewal` node; `until` is the end date its ruling sets. */
const measure = { measureId: z.optional(id), until: z.optional(date) };
const traits = z.array(z.enum(TRAITS)).check(z.maxLength(TRAITS.length), z.refine((a) => new Set(a).size === a.length, 'no repeated trait'));

/** The `data` schema of every event type. Unknown types and unknown fields are refused. */
export const EVENT_DATA = {
  'case.filed': z.strictObject({
    courtCaseNo: z.optional(text(MAX_CASE_NO)),
    amount,
    financial: z.boolean(),
    respondents: z
      .array(
        z.strictObject({
          kind: z.enum(['person', 'organization', 'government']),
          idHash: z.optional(z.string().check(z.regex(/^[A-Za-z0-9+/=_-]{8,128}$/, 'a hash of 8-128 letters, digits or + / = _ -'))),
        }),
      )
      .check(z.minLength(1), z.maxLength(50)),
    traits: z.optional(traits),
    handler: z.optional(text(MAX_NAME)),
  }),
  'case.reassigned': z.strictObject({ team: z.enum(CASE_TEAMS), reason: text(MAX_TEXT), approvedBy: text(MAX_NAME) }),
  'reception.recorded': z.strictObject({ interviewer: text(MAX_NAME), interviewee: text(MAX_NAME) }),
  'reception.skipped': z.strictObject({ reason: text(MAX_TEXT) }),
  'query.online.started': none,
  'query.online.returned': z.strictObject({
    found: z.strictObject({ deposits: amount, payment: amount, securities: amount, insurance: amount, vehicles: count }),
    enough: z.boolean(),
    traits: z.optional(traits),
  }),
  'assets.frozen': z.optional(z.strictObject({ ...measure, kind: z.optional(z.enum(MEASURE_KINDS)) })),
  'vehicle.seized': z.optional(z.strictObject(measure)),
  'query.traditional.started': none,
  'query.traditional.returned': z.strictObject({
    found: z.strictObject({ housingFund: count, realty: count, land: count, plant: count }),
    traits: z.optional(traits),
  }),
  'realty.seized': z.optional(z.strictObject(measure)),
  'related.queried': none,
  'documents.sent': z.strictObject({
    documents: z
      .array(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'a document name such as executionNotice')))
      .check(z.minLength(1), z.maxLength(20)),
  }),
  'funds.arrived': z.strictObject({ paymentId: id, amount }),
  'funds.confirmed': z.strictObject({ paymentId: id }),
  'payout.approved': z.strictObject({ paymentId: id, approvedBy: text(MAX_NAME) }),
  'funds.paid': z.strictObject({ paymentId: id }),
  'field.returned': z.strictObject({ batchId: id }),
  'materials.handed': z.strictObject({ batchId: id }),
  'dossier.digitised': z.strictObject({ batchId: id }),
  'lead.submitted': z.strictObject({ leadId: id, urgent: z.boolean() }),
  'lead.verified': z.strictObject({ leadId: id }),
  'summons.expired': none,
  'respondent.missing': none,
  'summons.enforced': none,
  'reward.requested': z.strictObject({ requestId: id }),
  'reward.decided': z.strictObject({ requestId: id, approved: z.boolean() }),
  'reward.published': z.strictObject({ requestId: id }),
  'release.required': z.strictObject({ measureId: id }),
  'measures.released': z.strictObject({ measureId: id }),
  'measures.renewed': z.strictObject({ measureId: id, until: z.optional(date) }),
  'enforcement.resumed': z.optional(z.strictObject({ newCaseNo: z.optional(text(MAX_CASE_NO)) })),
  'deduction.eligible': z.strictObject({ measureId: id }),
  'funds.deducted': z.strictObject({ measureId: id }),
  'termination.interviewed': none,
  'closing.ready': none,
  'case.closed': z.strictObject({ kind: z.enum(CLOSING_KINDS) }),
  'clock.paused': z.strictObject({ reason: text(MAX_TEXT), approvedBy: text(MAX_NAME) }),
  'clock.resumed': none,
  'longcase.reported': none,
} as const;

export type EventType = keyof typeof EVENT_DATA;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];
export type EventData<T extends EventType> = NonNullable<z.infer<(typeof EVENT_DATA)[T]>>;

/** A validated event, with its time as an instant. */
export type CaseEvent = {
  [T in EventType]: {
    readonly eventId: string;
    readonly type: T;
    readonly caseNo: string;
    /** As posted, for the record. */
    readonly occurredAt: string;
    /** `occurredAt` as an instant: what the fold sorts by. */
    readonly at: Instant;
    readonly data: EventData<T>;
  };
}[EventType];

/** An accepted event, as stored: the posting court is part of it. */
export type StoredEvent = CaseEvent & { readonly court: string };

export type { FieldError } from './field-errors.js';

/** The envelope every event shares; `data` is checked by `EVENT_DATA[type]`. */
export const EVENT_ENVELOPE = z.strictObject({
  eventId: z.string().check(z.minLength(1), z.maxLength(MAX_ID), z.regex(PRINTABLE, 'printable text')),
  type: z.string(),
  // Canonicalised and checked by `checkCaseNo` (docs/API.md "案号"): 1–64 characters after NFKC and trimming.
  caseNo: z.string(),
  occurredAt: z.string().check(z.maxLength(40)),
  data: z.optional(z.unknown()),
});

export type EventValidation = { ok: true; event: CaseEvent } | { ok: false; errors: FieldError[] };

/**
 * Validates one posted event. `now` bounds `occurredAt` (at most a day ahead of the
 * receiver's clock); `eventId` of a rejected event is echoed by the caller when present.
 * The case number comes back in its canonical spelling (`checkCaseNo`). Every string of
 * the event, names included, must be well-formed Unicode.
 */
export function validateEvent(input: unknown, now: Instant): EventValidation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [fieldError('(event)', preview(input), { zh: '事件对象', en: 'an event object' }, 'events')] };
  }
  const illFormed = illFormedStrings(input);
  if (illFormed.length) {
    return {
      ok: false,
      errors: dedupe(
        illFormed.map((path) =>
          fieldProblem(
            formatPath(path),
            { zh: '不是合法的 Unicode 文本（含孤立的代理项，如 \\ud800）；应为合法的 Unicode 文本', en: 'not well-formed Unicode (a lone surrogate such as \\ud800); expected well-formed text' },
            'text',
          ),
        ),
      ),
    };
  }
  const head = EVENT_ENVELOPE.safeParse(input);
  const errors: FieldError[] = head.success ? [] : toFieldErrors(head.error.issues, input);
  const raw = input as Record<string, unknown>;
  const caseNo = checkCaseNo(raw.caseNo);
  if (!caseNo.ok) errors.push(fieldProblem('caseNo', { zh: caseNo.zh, en: caseNo.en }, 'caseNumbers'));
  const type = raw.type;
  const typeKnown = typeof type === 'string' && Object.hasOwn(EVENT_DATA, type);
  if (!typeKnown && !errors.some((e) => e.path === 'type')) {
    errors.push(fieldError('type', preview(type), { zh: '已知的事件类型，如 case.filed', en: 'a known event type such as case.filed' }, 'eventTypes'));
  }
  let at: Instant | undefined;
  const offsetTime = { zh: '带时区偏移的 ISO 8601 时间，如 2026-12-04T10:00:00+08:00', en: 'ISO 8601 with an offset, e.g. 2026-12-04T10:00:00+08:00' };
  if (typeof raw.occurredAt === 'string') {
    at = parseOffsetDateTime(raw.occurredAt);
    if (at === undefined) {
      errors.push(fieldError('occurredAt', preview(raw.occurredAt), offsetTime, 'events'));
    } else if (at > now + MAX_FUTURE_MS) {
      errors.push(fieldError('occurredAt', preview(raw.occurredAt), { zh: '不晚于此刻起一日内的时间', en: 'a time no later than one day from now' }, 'events'));
    } else if (at < Date.UTC(1990, 0, 1)) {
      errors.push(fieldError('occurredAt', preview(raw.occurredAt), { zh: '1990 年以后的时间', en: 'a time after 1990' }, 'events'));
    }
  } else if (!errors.some((e) => e.path === 'occurredAt')) {
    errors.push(fieldError('occurredAt', preview(raw.occurredAt), offsetTime, 'events'));
  }
  let data: unknown;
  if (typeKnown) {
    const parsed = EVENT_DATA[type as EventType].safeParse(raw.data);
    if (parsed.success) data = canonicalData(parsed.data ?? {}, errors);
    else errors.push(...toFieldErrors(parsed.error.issues, raw, ['data']));
  }
  if (errors.length || !head.success || at === undefined || !caseNo.ok) return { ok: false, errors: dedupe(errors) };
  return {
    ok: true,
    event: { eventId: head.data.eventId, type: type as EventType, caseNo: caseNo.caseNo, occurredAt: head.data.occurredAt, at, data } as CaseEvent,
  };
}

/** JSON with object keys sorted: equal events give equal text whatever the key order. */
/** A case number inside `data` (the new number of a resumed case) is spelled the one way, too. */
function canonicalData(data: unknown, errors: FieldError[]): unknown {
  const record = data as { newCaseNo?: unknown };
  if (record.newCaseNo === undefined) return data;
  const check = checkCaseNo(record.newCaseNo);
  if (!check.ok) {
    errors.push(fieldProblem('data.newCaseNo', { zh: check.zh, en: check.en }, 'caseNumbers'));
    return data;
  }
  return { ...record, newCaseNo: check.caseNo };
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * What makes two postings "the same event": id, type, case, the instant (not its
 * spelling) and the data. Same id with another body is a conflict.
 */
export function eventBody(event: CaseEvent): string {
  return canonicalJson({ eventId: event.eventId, type: event.type, caseNo: event.caseNo, at: event.at, data: event.data });
}

/** Reference of a stored event: `court#eventId` (court ids have no `#`). */
export function eventRef(e: { court: string; eventId: string }): string {
  return `${e.court}#${e.eventId}`;
}

/** Total order of the fold: by instant, then by eventId. */
export function compareEvents(a: { at: Instant; eventId: string }, b: { at: Instant; eventId: string }): number {
  return a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/** A sortable key with the same order as `compareEvents` (for storage). */
export function eventOrderKey(e: { at: Instant; eventId: string }): string {
  return `${String(e.at).padStart(15, '0')}#${e.eventId}`;
}
