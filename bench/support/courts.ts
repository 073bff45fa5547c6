/**
 * Realistic event streams: the month generator's case timelines (events/generate-month.ts,
 * one small county court, ~42 cases and ~485 events a month) for several courts, each
 * with its own seed, case numbers and secret, and the requests their systems post.
 */
import { generateMonth } from '../../events/generate-month.js';
import { DEFAULT_LIMITS, type Limits } from '../../lib/limits.js';
import { signedHeaders } from '../../lib/signature.js';
import { CHINA_OFFSET_MS, type Instant } from '../../lib/time.js';

/** An event as a court system posts it (docs/API.md). */
export interface PostedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly caseNo: string;
  readonly occurredAt: string;
  readonly data?: Record<string, unknown>;
}

export interface Court {
  readonly id: string;
  /** Court code in case numbers, e.g. 豫0823. */
  readonly code: string;
  readonly secret: string;
}

/** County courts of 焦作 (Henan), in the case-number codes of the national numbering. */
const COUNTIES: ReadonlyArray<readonly [string, string]> = [
  ['wuzhi', '豫0823'],
  ['qinyang', '豫0882'],
  ['mengzhou', '豫0883'],
  ['wenxian', '豫0825'],
  ['xiuwu', '豫0821'],
  ['boai', '豫0822'],
  ['shanyang', '豫0811'],
  ['jiefang', '豫0802'],
];

export function courts(count: number): Court[] {
  if (count > COUNTIES.length) throw new RangeError(`at most ${COUNTIES.length} courts`);
  return COUNTIES.slice(0, count).map(([id, code]) => ({ id, code, secret: `${id}-bench-secret-0123456789` }));
}

/** The seed's limits with fair use opened wide: the benches measure the system, not the 429s of docs/API.md "限流". */
export const BENCH_LIMITS: Limits = { ...DEFAULT_LIMITS, CourtRateLimit: 10_000, CourtBurstLimit: 5_000, PublicRateLimit: 1_000, PublicBurstLimit: 1_000 };

export const courtSecrets = (list: readonly Court[]) => Object.fromEntries(list.map((c) => [c.id, c.secret]));

/** The generator's month for one court: its own seed, its own case numbers. */
export function courtMonth(court: Court, seed: number): PostedEvent[] {
  return generateMonth(seed).map((e) => {
    const caseNo = e.caseNo.replace('豫0823', court.code);
    if (court.code !== '豫0823' && caseNo === e.caseNo) throw new Error(`bench: unexpected case number ${e.caseNo} from the generator`);
    return { ...e, caseNo };
  });
}

export interface CourtEvent {
  readonly court: Court;
  readonly event: PostedEvent;
  readonly at: Instant;
}

/** Every court's month, `seed + i` for the i-th court, in time order. */
export function courtsMonth(list: readonly Court[], seed: number): CourtEvent[] {
  const all = list.flatMap((court, i) => courtMonth(court, seed + i).map((event) => ({ court, event, at: Date.parse(event.occurredAt) })));
  return all.sort((a, b) => a.at - b.at || (a.court.id < b.court.id ? -1 : a.court.id > b.court.id ? 1 : 0));
}

/** One request of a court system: its events and when it is sent. */
export interface SyncRequest {
  readonly court: Court;
  /** The sender's (and the system's) clock when the request is posted. */
  readonly at: Instant;
  readonly events: readonly PostedEvent[];
}

export const MAX_EVENTS_PER_REQUEST = 100;
/** A sync runs this long after its window closes. */
export const SYNC_DELAY_MS = 60_000;

/**
 * The requests of court systems that sync every `windowMs`: each request holds one
 * court's events of one window (split at 100 events) and is sent when the window has
 * closed. `windowMs` 0: every event posted alone, a minute after it happened.
 */
export function syncRequests(stream: readonly CourtEvent[], windowMs: number): SyncRequest[] {
  if (windowMs === 0) return stream.map(({ court, event, at }) => ({ court, at: at + SYNC_DELAY_MS, events: [event] }));
  const groups = new Map<string, { court: Court; at: Instant; events: PostedEvent[] }>();
  for (const { court, event, at } of stream) {
    // Windows follow the China clock (a daily sync runs just after midnight, UTC+8).
    const windowEnd = (Math.floor((at + CHINA_OFFSET_MS) / windowMs) + 1) * windowMs - CHINA_OFFSET_MS;
    const key = `${windowEnd}|${court.id}`;
    const group = groups.get(key) ?? { court, at: windowEnd + SYNC_DELAY_MS, events: [] };
    group.events.push(event);
    groups.set(key, group);
  }
  const requests: SyncRequest[] = [];
  for (const g of [...groups.values()].sort((a, b) => a.at - b.at || (a.court.id < b.court.id ? -1 : 1))) {
    for (let i = 0; i < g.events.length; i += MAX_EVENTS_PER_REQUEST) {
      requests.push({ court: g.court, at: g.at, events: g.events.slice(i, i + MAX_EVENTS_PER_REQUEST) });
    }
  }
  return requests;
}

export interface PostResult {
  readonly status: number;
  readonly accepted: number;
  readonly results: ReadonlyArray<{ status: string }>;
}

/** A court system's signature headers (v2) for one request as of `at` (the sender's clock). */
function courtHeaders(court: Court, at: Instant, method: string, target: string, body: string): Record<string, string> {
  return signedHeaders({ court: court.id, secret: court.secret, method, target, body, now: at });
}

/** Posts one signed request as of `at` (the signature's timestamp is the sender's clock). */
export async function postEvents(url: string, request: SyncRequest): Promise<PostResult> {
  const body = JSON.stringify(request.events.length === 1 ? request.events[0] : { events: request.events });
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...courtHeaders(request.court, request.at, 'POST', '/v1/events', body) },
    body,
  });
  const answer = (await res.json()) as { results?: Array<{ status: string }> };
  const results = answer.results ?? [];
  return { status: res.status, accepted: results.filter((r) => r.status === 'accepted').length, results };
}

/** `GET /v1/cases/{caseNo}` signed by its court as of `at`: the status and the body as text. */
export async function getCaseView(url: string, court: Court, caseNo: string, at: Instant): Promise<{ status: number; body: string }> {
  const target = `/v1/cases/${encodeURIComponent(caseNo)}`;
  const res = await fetch(`${url}${target}`, { headers: courtHeaders(court, at, 'GET', target, '') });
  return { status: res.status, body: await res.text() };
}
