/**
 * Intake (`POST /v1/events`): authenticate, validate event by event, decide ownership
 * event by event, store each accepted event idempotently, hand the affected cases to the
 * queue.
 *
 * Nothing is answered `accepted` unless it is stored and queued. A duplicate is queued
 * again: the first posting may have been stored and then lost before it was queued, and
 * applying an event twice changes nothing. A request refused as a whole leaves no claim
 * behind; an event refused leaves nothing.
 */
import { randomUUID } from 'node:crypto';
import { isWellFormed } from '../case-number.js';
import { checkCourtCode } from '../court-codes.js';
import { PayloadTooLargeError } from '../errors.js';
import { eventBody, eventRef, type FieldError, type StoredEvent, validateEvent } from '../events.js';
import { fieldProblem } from '../field-errors.js';
import type { CaseQueue, CaseWork, CourtCodes, CourtKeys, EventLog } from '../ports.js';
import { authenticate, type SignedRequest } from '../signature.js';
import type { Instant } from '../time.js';
import { mapLimit } from './concurrency.js';
import { MAX_BATCH, parseBody, postedEvents } from './intake-body.js';

export { MAX_BATCH, parseBody } from './intake-body.js';

export const MAX_BODY_BYTES = 256 * 1024;

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
  readonly codes: CourtCodes;
  readonly now: () => Instant;
}

export interface IntakeOutcome {
  readonly court: string;
  readonly results: readonly EventResult[];
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

  const fate = new Map<string, EventResult>();
  const claims: string[] = [];
  const token = randomUUID();
  try {
    // Ownership, event by event: a case number of another court is that event's rejection.
    const refusal = await foreignCases(deps, court, valid.map((v) => v.event), now, token, claims);
    const kept = valid.filter(({ index, event }) => {
      const why = refusal.get(event.caseNo);
      if (!why) return true;
      results[index] = { eventId: event.eventId, status: 'rejected', errors: [why] };
      fate.set(event.eventId, results[index]);
      return false;
    });

    const outcomes = await mapLimit(kept, 16, ({ event }) => deps.events.saveEvent(event, now));
    const work = new Map<string, StoredEvent[]>();
    kept.forEach(({ index, event }, i) => {
      const status = outcomes[i] ?? 'conflict';
      results[index] = { eventId: event.eventId, status };
      fate.set(event.eventId, results[index]);
      if (status !== 'conflict') work.set(event.caseNo, [...(work.get(event.caseNo) ?? []), event]);
    });
    // What `pendingEvents` counts: recorded before the case is queued (a set, so repeats change nothing).
    await mapLimit([...work], 8, ([caseNo, events]) => deps.events.recordAccepted(caseNo, events.map(eventRef)));
    // An import's moment travels with its work: the levels the history had passed when the
    // request is answered are recorded as suppressed, however late apply runs.
    const importedAt = mode === 'import' ? deps.now() : undefined;
    const batch: CaseWork[] = [...work.entries()].map(([caseNo, events]) => ({ caseNo, events, ...(importedAt === undefined ? {} : { importedAt }) }));
    if (batch.length) await deps.queue.enqueue(batch);
  } catch (error) {
    // Refused as a whole (503): the cases this request claimed are given back.
    await Promise.allSettled(claims.map((caseNo) => deps.events.releaseClaim(caseNo, court, token)));
    throw error;
  }
  for (const { index, eventId } of copies) {
    const first = fate.get(eventId);
    results[index] = first?.status === 'rejected' ? first : { eventId, status: first?.status === 'conflict' ? 'conflict' : 'duplicate' };
  }
  return { court, results };
}

/**
 * The cases of these events the court may not write, each with the reason: a case number
 * without one of the court's codes, or a case another court owns (or claims now, racing
 * this filing). Filings of unowned cases are claimed here; `claims` collects the claims
 * this request made.
 */
async function foreignCases(
  deps: IntakeDeps,
  court: string,
  events: readonly StoredEvent[],
  now: Instant,
  token: string,
  claims: string[],
): Promise<Map<string, FieldError>> {
  const refused = new Map<string, FieldError>();
  const caseNos = [...new Set(events.map((e) => e.caseNo))];
  for (const caseNo of caseNos) {
    const check = checkCourtCode(deps.codes, court, caseNo);
    if (!check.ok) refused.set(caseNo, fieldProblem('caseNo', check, 'courts'));
  }
  const open = caseNos.filter((c) => !refused.has(c));
  const owners = open.length ? await deps.events.caseOwners(open) : new Map<string, string>();
  const otherCourt = (caseNo: string) =>
    fieldProblem('caseNo', { zh: `案件 ${caseNo} 属于其他法院`, en: `case ${caseNo} is owned by another court` }, 'courts');
  for (const caseNo of open) if (owners.has(caseNo) && owners.get(caseNo) !== court) refused.set(caseNo, otherCourt(caseNo));
  const filings = [...new Set(events.filter((e) => e.type === 'case.filed' && !owners.has(e.caseNo) && !refused.has(e.caseNo)).map((e) => e.caseNo))];
  const outcomes = await mapLimit(filings, 8, async (caseNo) => {
    const outcome = await deps.events.claimCase(caseNo, court, now, token);
    if (outcome === 'claimed') claims.push(caseNo);
    return outcome;
  });
  filings.forEach((caseNo, i) => {
    if (outcomes[i] === 'taken') refused.set(caseNo, otherCourt(caseNo));
  });
  return refused;
}
