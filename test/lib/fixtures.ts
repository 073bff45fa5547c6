/**
 * Shared builders for the unit tests of lib/. Events are built the way the system
 * receives them: raw JSON-like input → `validateEvent(raw, now)` → plus the posting
 * court. Times are written as China wall-clock times (UTC+8), like the seed's clerks
 * would read them.
 */
import { createLegalCalendar, type LegalCalendar } from '../../lib/calendar.js';
import { type CaseState, type FoldContext, foldCase, type NodeInstance } from '../../lib/case-state.js';
import { type EventData, type EventType, type StoredEvent, validateEvent } from '../../lib/events.js';
import type { PriorTermination } from '../../lib/facts.js';
import { DEFAULT_LIMITS, type Limits } from '../../lib/limits.js';
import type { NodeId } from '../../lib/nodes.js';
import { endOfChinaDay, type Instant } from '../../lib/time.js';

/** The court of the seed: 武陟县人民法院. */
export const court = 'wuzhi';
export const CASE_NO = '(2026)豫0823执1234号';

/**
 * The receiver's clock when fixture events are validated: later than every fixture
 * time, so the "at most one day in the future" rule never gets in the way.
 */
export const RECEIVED: Instant = Date.parse('2031-01-01T00:00:00+08:00');

/** `'2026-03-02T10:00'` in China time → `'2026-03-02T10:00:00+08:00'`. */
export function iso(local: string): string {
  return /T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : local;
}

/** China wall-clock time → instant. `cst('2026-03-02T10:00')`. */
export function cst(local: string): Instant {
  const t = Date.parse(iso(local));
  if (Number.isNaN(t)) throw new RangeError(`bad fixture time ${local}`);
  return t;
}

/** 24:00 China time at the end of a day: when a day period ends. */
export function endOf(date: string): Instant {
  return endOfChinaDay(date);
}

let sequence = 0;

export interface EventOptions {
  readonly eventId?: string;
  readonly caseNo?: string;
  readonly court?: string;
}

/** The raw event a court system would post. */
export function rawEvent(type: string, local: string, data?: unknown, options: EventOptions = {}): Record<string, unknown> {
  return {
    eventId: options.eventId ?? `${type}.${++sequence}`,
    type,
    caseNo: options.caseNo ?? CASE_NO,
    occurredAt: iso(local),
    ...(data === undefined ? {} : { data }),
  };
}

/** A stored event: validated like a posted one, with the posting court added. */
export function ev<T extends EventType>(type: T, local: string, data?: EventData<T>, options: EventOptions = {}): StoredEvent {
  const result = validateEvent(rawEvent(type, local, data, options), RECEIVED);
  if (!result.ok) throw new Error(`fixture event ${type} is invalid: ${JSON.stringify(result.errors)}`);
  return { ...result.event, court: options.court ?? court };
}

export const RESPONDENT_HASH = 'R-idhash-0001';

/** `case.filed` with an ordinary-looking default: 50,000 yuan, one private respondent. */
export function filed(local: string, data: Partial<EventData<'case.filed'>> = {}, options: EventOptions = {}): StoredEvent {
  return ev(
    'case.filed',
    local,
    { amount: 50_000, financial: false, respondents: [{ kind: 'person', idHash: RESPONDENT_HASH }], ...data },
    options,
  );
}

/** `query.online.returned` with nothing found unless said otherwise. */
export function onlineReturned(
  local: string,
  found: Partial<EventData<'query.online.returned'>['found']> = {},
  enough = false,
  traits?: EventData<'query.online.returned'>['traits'],
): StoredEvent {
  return ev('query.online.returned', local, {
    found: { deposits: 0, payment: 0, securities: 0, insurance: 0, vehicles: 0, ...found },
    enough,
    ...(traits ? { traits } : {}),
  });
}

export function withLimits(changes: Partial<Limits>): Limits {
  return { ...DEFAULT_LIMITS, ...changes };
}

const CALENDAR = createLegalCalendar();

export function context(limits: Limits = DEFAULT_LIMITS, history?: readonly PriorTermination[]): FoldContext {
  const calendar: LegalCalendar =
    Object.keys(limits.HolidayOverrides).length === 0 ? CALENDAR : createLegalCalendar(limits.HolidayOverrides);
  return { limits, calendar, ...(history ? { history } : {}) };
}

/** Folds and insists there is a case. */
export function fold(events: readonly StoredEvent[], ctx: FoldContext = context()): CaseState {
  const state = foldCase(events, ctx);
  if (!state) throw new Error('no case.filed among the fixture events');
  return state;
}

export function findNode(state: CaseState, id: NodeId, instance?: string): NodeInstance | undefined {
  return state.nodes.find((n) => n.node === id && n.instance === instance);
}

/** The node instance, or a failure naming what was there instead. */
export function node(state: CaseState, id: NodeId, instance?: string): NodeInstance {
  const found = findNode(state, id, instance);
  if (!found) {
    const have = state.nodes.map((n) => (n.instance ? `${n.node}#${n.instance}` : n.node)).join(', ');
    throw new Error(`no node ${id}${instance ? `#${instance}` : ''}; the case has: ${have}`);
  }
  return found;
}

export function nodeIds(state: CaseState): string[] {
  return state.nodes.map((n) => (n.instance ? `${n.node}#${n.instance}` : n.node));
}
