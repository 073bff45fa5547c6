/**
 * Intake (`POST /v1/events`): authenticate, validate event by event, check ownership,
 * store each accepted event idempotently, hand the affected cases to the queue.
 *
 * Nothing is answered `accepted` unless it is stored and queued. A duplicate is queued
 * again: the first posting may have been stored and then lost before it was queued, and
 * applying an event twice changes nothing.
 */
import { apiDoc } from '../api-doc.js';
import { isWellFormed } from '../case-number.js';
import { ForbiddenError, MalformedRequestError, PayloadTooLargeError } from '../errors.js';
import { eventBody, type FieldError, type StoredEvent, validateEvent } from '../events.js';
import { fieldProblem } from '../field-errors.js';
import { formatPath, jsonDepth, MAX_JSON_DEPTH } from '../posted-json.js';
import type { CaseQueue, CaseWork, CourtKeys, EventLog } from '../ports.js';
import { authenticate, type SignedRequest } from '../signature.js';
import type { Instant } from '../time.js';
import { mapLimit } from './concurrency.js';

export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_BATCH = 100;

export type EventStatus = 'accepted' | 'duplicate' | 'conflict' | 'rejected';

export interface EventResult {
  readonly eventId?: string;
  readonly status: EventStatus;
  readonly errors?: readonly FieldError[];
}

export interface IntakeDeps {
  /** The event log only: intake reaches no snapshot, ledger or index. */
  readonly events: EventLog;
  readonly queue: CaseQueue;
  readonly keys: CourtKeys;
  readonly now: () => Instant;
}

export interface IntakeOutcome {
  readonly court: string;
  readonly results: readonly EventResult[];
}

/** The posting modes (README "Onboarding a court"): `import` loads a court's open caseload without alerting for the past. */
export const POSTING_MODES = ['import'] as const;
export type PostingMode = (typeof POSTING_MODES)[number];

/** Splits a parsed body into the posted events (one event, or `{ events: [...], mode? }`). */
function postedEvents(body: unknown): { events: unknown[]; mode?: PostingMode } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new MalformedRequestError('请求体应为一个事件对象或 { "events": [ ... ] } / body must be one event object or { "events": [ ... ] }', [], { see: apiDoc('events') });
  }
  if (!Object.hasOwn(body, 'events')) return { events: [body] };
  const { events, mode, ...rest } = body as { events: unknown; mode?: unknown };
  if (Object.keys(rest).length) {
    throw new MalformedRequestError(
      '批量请求只含 "events" 与 "mode" 字段 / a batch has only the fields "events" and "mode"',
      Object.keys(rest).map((k) => fieldProblem(formatPath([k]), { zh: `未知字段 ${JSON.stringify(k)}`, en: `unknown field ${JSON.stringify(k)}` }, 'events')),
      { see: apiDoc('events') },
    );
  }
  if (Object.hasOwn(body, 'mode') && !(POSTING_MODES as readonly unknown[]).includes(mode)) {
    const given = typeof mode === 'string' ? `"${mode.slice(0, 40)}"` : (JSON.stringify(mode) ?? typeof mode);
    throw new MalformedRequestError(
      '"mode" 只能是 "import" 或不填 / "mode" must be "import" or absent',
      [fieldProblem('mode', { zh: `收到 ${given}；应为 "import"（导入存量案件）或不填`, en: `got ${given}; expected "import" or no "mode"` }, 'events')],
      { see: apiDoc('events') },
    );
  }
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_BATCH) {
    const got = Array.isArray(events) ? `${events.length} 个事件 / ${events.length} events` : typeof events;
    throw new MalformedRequestError(
      `"events" 应为含 1 至 ${MAX_BATCH} 个事件的数组 / "events" must be an array of 1 to ${MAX_BATCH} events`,
      [fieldProblem('events', { zh: `收到 ${got}；应为 1 至 ${MAX_BATCH} 个事件`, en: `got ${got}; expected 1 to ${MAX_BATCH} events` }, 'events')],
      { see: apiDoc('events') },
    );
  }
  return { events, ...(mode === undefined ? {} : { mode: mode as PostingMode }) };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as JSON: UTF-8 (strictly), nested at most `MAX_JSON_DEPTH` levels (counted
 * on the text, before parsing), then parsed. Each failure is a 400 that says which.
 */
export function parseBody(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch (cause) {
    throw new MalformedRequestError('请求体不是合法的 UTF-8 / body is not valid UTF-8', [], { cause, see: apiDoc('events') });
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new MalformedRequestError(
      `请求体嵌套超过 ${MAX_JSON_DEPTH} 层 / body is nested deeper than ${MAX_JSON_DEPTH} levels (the outer object or array is level 1)`,
      [],
      { see: apiDoc('events') },
    );
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MalformedRequestError('请求体不是 JSON / body is not JSON', [], { cause, see: apiDoc('events') });
  }
}

/** Receives one signed request of case events. */
export async function receiveEvents(deps: IntakeDeps, request: SignedRequest): Promise<IntakeOutcome> {
  const now = deps.now();
  const bytes = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`请求体超过 ${MAX_BODY_BYTES} 字节，每次至多 ${MAX_BATCH} 个事件 / body is larger than ${MAX_BODY_BYTES} bytes; post at most ${MAX_BATCH} events per request`);
  }
  // v1 signatures (timestamp and body only) are still taken here, and nowhere else.
  const court = await authenticate(request, (id) => deps.keys.secretOf(id), now, { acceptV1: true });
  const { events: posted, mode } = postedEvents(parseBody(bytes));

  // Judge each event on its own; within one request the first of an id wins, and a later
  // copy of it shares its fate (a copy of a conflicting event is no duplicate of anything).
  const results: EventResult[] = new Array(posted.length);
  const valid: Array<{ index: number; event: StoredEvent }> = [];
  const firstOfId = new Map<string, StoredEvent>();
  const copies: Array<{ index: number; eventId: string }> = [];
  posted.forEach((raw, index) => {
    const v = validateEvent(raw, now);
    const eventId = typeof (raw as { eventId?: unknown } | null)?.eventId === 'string' ? (raw as { eventId: string }).eventId : undefined;
    if (!v.ok) {
      results[index] = { ...(eventId && eventId.length <= 128 && isWellFormed(eventId) ? { eventId } : {}), status: 'rejected', errors: v.errors };
      return;
    }
    const event: StoredEvent = { ...v.event, court } as StoredEvent;
    const earlier = firstOfId.get(event.eventId);
    if (earlier) {
      if (eventBody(earlier) === eventBody(event)) copies.push({ index, eventId: event.eventId });
      else results[index] = { eventId: event.eventId, status: 'conflict' };
      return;
    }
    firstOfId.set(event.eventId, event);
    valid.push({ index, event });
  });

  // Ownership: a court writes only cases it filed; one foreign case refuses the request.
  const caseNos = [...new Set(valid.map((v) => v.event.caseNo))];
  const owners = caseNos.length ? await deps.events.caseOwners(caseNos) : new Map<string, string>();
  const foreign = caseNos.filter((c) => owners.has(c) && owners.get(c) !== court);
  if (foreign.length) throw new ForbiddenError(`case ${foreign[0]} is owned by another court`);
  const filings = [...new Set(valid.filter((v) => v.event.type === 'case.filed' && !owners.has(v.event.caseNo)).map((v) => v.event.caseNo))];
  const claims = await mapLimit(filings, 8, (caseNo) => deps.events.claimCase(caseNo, court, now));
  const taken = filings.filter((_, i) => claims[i] === 'taken');
  if (taken.length) throw new ForbiddenError(`case ${taken[0]} is owned by another court`);

  const outcomes = await mapLimit(valid, 16, ({ event }) => deps.events.saveEvent(event, now));
  const work = new Map<string, StoredEvent[]>();
  const fate = new Map<string, EventStatus>();
  valid.forEach(({ index, event }, i) => {
    const status = outcomes[i] ?? 'conflict';
    results[index] = { eventId: event.eventId, status };
    fate.set(event.eventId, status);
    if (status !== 'conflict') work.set(event.caseNo, [...(work.get(event.caseNo) ?? []), event]);
  });
  for (const { index, eventId } of copies) results[index] = { eventId, status: fate.get(eventId) === 'conflict' ? 'conflict' : 'duplicate' };
  // An import's moment travels with its work: the levels the history had passed when the
  // request is answered are recorded as suppressed, however late apply runs.
  const importedAt = mode === 'import' ? deps.now() : undefined;
  const batch: CaseWork[] = [...work.entries()].map(([caseNo, events]) => ({ caseNo, events, ...(importedAt === undefined ? {} : { importedAt }) }));
  if (batch.length) await deps.queue.enqueue(batch);
  return { court, results };
}

