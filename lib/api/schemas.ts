/**
 * The API's answers as zod schemas (docs/API.md; README "Local mode"): what `docs/openapi.json`
 * describes besides the event schemas of `lib/events.ts`, and what the tests hold the
 * real answers to. Objects are open (a client must accept fields added later); the
 * request schemas in `lib/events.ts` are strict.
 *
 * Build time only: the Lambda functions never import this module (they serve the
 * committed JSON), so it may use everything zod has.
 */
import * as z from 'zod/mini';
import { STEP_RULES } from '../counting.js';
import { LEVELS } from '../escalation.js';
import { CLOSING_KINDS, MEASURE_KINDS } from '../events.js';
import { MAX_BATCH } from '../app/intake.js';
import { CASE_TEAMS, TEAMS } from '../limits.js';
import { NODE_IDS } from '../nodes.js';

const isoTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?\+08:00$/, 'ISO 8601 in +08:00'));

/** One problem with one field: `path` names it, `message` says what was given and what was expected. */
export const FIELD_ERROR = z.object({ path: z.string(), message: z.string(), see: z.optional(z.string()) });

/** Any refused request (4xx, 5xx). */
export const ERROR_BODY = z.object({
  error: z.string(),
  errors: z.optional(z.array(FIELD_ERROR)),
  /** The section of the project's API document (`docs/API.md#...`) that says what was expected. */
  see: z.optional(z.string()),
  requestId: z.optional(z.string()),
});

export const EVENT_STATUSES = ['accepted', 'duplicate', 'conflict', 'rejected'] as const;

/** `202` of `POST /v1/events`: one result per posted event, in the order posted. */
export const EVENT_RESULTS = z.object({
  results: z
    .array(
      z.object({
        eventId: z.optional(z.string()),
        status: z.enum(EVENT_STATUSES),
        errors: z.optional(z.array(FIELD_ERROR)),
      }),
    )
    .check(z.minLength(1), z.maxLength(MAX_BATCH)),
});

export const NODE_VIEW = z.object({
  id: z.enum(NODE_IDS),
  instance: z.optional(z.string()),
  label: z.string(),
  status: z.enum(['pending', 'done', 'overdue']),
  startedAt: isoTime,
  dueAt: isoTime,
  doneAt: z.optional(isoTime),
  late: z.optional(z.literal(true)),
  endedByClosing: z.optional(z.literal(true)),
  /** Ended, not done: by the closing, the measure's release, or the enforcement's resumption. */
  endedBy: z.optional(z.enum(['closing', 'release', 'resumption'])),
  paused: z.optional(z.literal(true)),
  level: z.optional(z.enum(LEVELS)),
  /** `requery`: the round; `renewal`: the measure's term (1 as ordered, 2 after the first renewal, …). */
  round: z.optional(z.int().check(z.gte(1))),
  /** `renewal`: the measure, its kind and the day it lapses. */
  measure: z.optional(
    z.object({ id: z.string(), kind: z.enum(MEASURE_KINDS), lapsesOn: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), kindAssumed: z.optional(z.literal(true)) }),
  ),
  /** The rule the node rests on: seed section, law, the seed's own words (Chinese). */
  basis: z.object({ seed: z.string(), law: z.array(z.string()), text: z.string() }),
  /** How `dueAt` was counted: each step starts where the previous ended, the first at `startedAt`, the last ends at `dueAt`. */
  steps: z
    .array(z.object({ rule: z.enum([...STEP_RULES, 'recorded']), from: isoTime, to: isoTime, note: z.string() }))
    .check(z.minLength(1)),
});

export const NOTICE_RECORD = z.object({
  noticeId: z.string(),
  node: z.enum(NODE_IDS),
  instance: z.optional(z.string()),
  level: z.enum(LEVELS),
  team: z.enum(TEAMS),
  message: z.string(),
  decidedAt: isoTime,
  status: z.enum(['held', 'sending', 'sent', 'cancelled', 'superseded', 'suppressed']),
  /** Held for quiet hours or a rest day: when it is (or was) to be delivered. */
  deliverAt: z.optional(isoTime),
  publishedAt: z.optional(isoTime),
});

export const CASE_WARNING = z.union([
  z.object({ code: z.literal('unknownHolidayYear'), year: z.int(), nodes: z.array(z.string()) }),
  z.object({ code: z.literal('eventsSetAside'), otherCourt: z.int(), afterClosing: z.int(), repeatedFiling: z.int() }),
]);

/** `GET /v1/cases/{caseNo}`. */
export const CASE_VIEW = z.object({
  caseNo: z.string(),
  court: z.string(),
  team: z.enum(CASE_TEAMS),
  triage: z.object({
    team: z.enum(CASE_TEAMS),
    matched: z.array(z.string()),
    provisional: z.boolean(),
    manual: z.optional(z.object({ team: z.enum(CASE_TEAMS), reason: z.string(), approvedBy: z.string(), at: isoTime })),
  }),
  status: z.enum(['open', 'closed']),
  paused: z.boolean(),
  pauses: z.optional(z.array(z.object({ from: isoTime, to: z.optional(isoTime), reason: z.string(), approvedBy: z.string() }))),
  filedAt: isoTime,
  closed: z.optional(z.object({ at: isoTime, kind: z.string() })),
  /** After a 终本 closing: the enforcement was resumed (执恢). */
  resumed: z.optional(z.object({ at: isoTime, newCaseNo: z.optional(z.string()) })),
  reception: z.optional(z.object({ status: z.enum(['recorded', 'skipped']), reason: z.optional(z.string()) })),
  nodes: z.array(NODE_VIEW),
  overdue: z.int().check(z.gte(0)),
  /** Events of the case answered accepted and not yet applied to this view; 0: the view holds everything accepted. */
  pendingEvents: z.int().check(z.gte(0)),
  notices: z.array(NOTICE_RECORD),
  findings: z.array(z.object({ code: z.string(), seed: z.string(), at: isoTime })),
  warnings: z.array(CASE_WARNING),
  publicCode: z.string().check(z.regex(/^[A-Za-z0-9_-]{12}$/)),
});

/** `GET /v1/cases`. */
export const CASE_LIST = z.object({
  cases: z.array(
    z.object({
      caseNo: z.string(),
      team: z.enum(CASE_TEAMS),
      status: z.enum(['open', 'closed']),
      /** Nodes overdue at `asOf`, counted as the case view counts them. */
      overdue: z.int().check(z.gte(0)),
      paused: z.boolean(),
      /** The earliest due time among the nodes still open. */
      nextDueAt: z.optional(isoTime),
    }),
  ),
  /** The moment the counts are as of: the request's. */
  asOf: isoTime,
  /** Signed cursor of the next page (valid for this court and these filters only). */
  next: z.optional(z.string()),
});

const civilDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'));
const count = z.int().check(z.gte(0));
/** A share from 0 to 1, or null when its divisor is 0. */
const share = z.nullable(z.number().check(z.gte(0), z.lte(1)));

/** `GET /v1/metrics` (CONTRACT §6; definitions in docs/METRICS.md). */
export const METRICS_REPORT = z.object({
  court: z.string(),
  from: civilDate,
  to: civilDate,
  team: z.nullable(z.enum(TEAMS)),
  asOf: isoTime,
  rolledUpAt: z.nullable(isoTime),
  filed: count,
  closed: count,
  /** closed ÷ filed: above 1 when more cases close than are filed. */
  clearanceRate: z.nullable(z.number().check(z.gte(0))),
  onTime: z.record(z.enum(NODE_IDS), share),
  onTimeCounts: z.record(z.enum(NODE_IDS), z.object({ done: count, onTime: count })),
  timeToDisposition: z.object({ closed: count, medianDays: z.nullable(z.number()), withinClock: share }),
  pendingAge: z.object({
    at: civilDate,
    open: count,
    '0-30': count,
    '31-90': count,
    '91-180': count,
    '181-365': count,
    '366+': count,
    backlog: share,
  }),
  closings: z.record(z.enum(CLOSING_KINDS), count),
  performedRate: share,
  terminationRate: share,
  withinStatutoryLimit: share,
  notices: z.record(z.enum(LEVELS), count),
});

/** `GET /v1/public/cases/{caseNo}/timeline`. */
export const PUBLIC_TIMELINE = z.object({
  caseNo: z.string(),
  status: z.enum(['open', 'closed']),
  timeline: z.array(z.object({ at: isoTime, what: z.string() })),
});

/** One node on the board: the overdue list and the at-risk queue. */
export const BOARD_NODE = z.object({
  caseNo: z.string(),
  node: z.enum(NODE_IDS),
  instance: z.optional(z.string()),
  label: z.string(),
  team: z.enum(TEAMS),
  level: z.optional(z.enum(LEVELS)),
  dueAt: isoTime,
  lateMs: z.optional(z.int().check(z.gte(0))),
  late: z.optional(z.string()),
  dueInMs: z.optional(z.int().check(z.gte(0))),
  dueIn: z.optional(z.string()),
});

const BOARD_LEVELS = ['none', ...LEVELS] as const;

/** `GET /v1/board/overview`. */
export const BOARD_OVERVIEW = z.object({
  court: z.string(),
  asOf: isoTime,
  team: z.optional(z.enum(TEAMS)),
  levels: z.array(z.enum(BOARD_LEVELS)),
  rows: z.array(
    z.object({
      team: z.enum(TEAMS),
      overdue: z.record(z.enum(BOARD_LEVELS), z.int().check(z.gte(0))),
      overdueTotal: z.int().check(z.gte(0)),
      atRisk: z.int().check(z.gte(0)),
    }),
  ),
  totals: z.object({ overdue: z.int().check(z.gte(0)), atRisk: z.int().check(z.gte(0)), cases: z.int().check(z.gte(0)) }),
  atRisk: z.array(BOARD_NODE),
  truncated: z.boolean(),
});

/** `GET /v1/board/overdue`. */
export const BOARD_OVERDUE = z.object({
  court: z.string(),
  asOf: isoTime,
  team: z.optional(z.enum(TEAMS)),
  nodes: z.array(BOARD_NODE),
  total: z.int().check(z.gte(0)),
  truncated: z.boolean(),
});

/** `GET /v1/board/session`: who is signed in, and the Chinese names of every code the board shows. */
export const BOARD_SESSION = z.object({
  court: z.string(),
  user: z.string(),
  name: z.optional(z.string()),
  expiresAt: isoTime,
  atRiskHours: z.int(),
  labels: z.record(z.string(), z.record(z.string(), z.string())),
});

const OUTBOX_ENTRY = z.object({
  subject: z.string(),
  message: z.string(),
  attributes: z.record(z.string(), z.string()),
  publishedAt: z.string(),
  /** A digest (`attributes.kind` = `digest`): the JSON HTTPS subscribers receive. */
  digest: z.optional(z.record(z.string(), z.unknown())),
});

/** Local mode: `GET /local/notices`. */
export const LOCAL_NOTICES = z.array(OUTBOX_ENTRY);

/** Local mode: `POST /local/scan`: what it published (`sent`, `notices`) and held until later (`held`, `heldNotices`). */
export const LOCAL_SCAN = z.object({
  sent: z.int().check(z.gte(0)),
  held: z.int().check(z.gte(0)),
  cancelled: z.int().check(z.gte(0)),
  superseded: z.int().check(z.gte(0)),
  suppressed: z.int().check(z.gte(0)),
  notices: z.array(OUTBOX_ENTRY),
  heldNotices: z.array(z.object({ noticeId: z.string(), caseNo: z.string(), node: z.string(), level: z.enum(LEVELS), team: z.enum(TEAMS), deliverAt: isoTime })),
});

const DIGEST_NODE = z.object({
  caseNo: z.string(),
  node: z.string(),
  instance: z.optional(z.string()),
  label: z.string(),
  team: z.enum(TEAMS),
  dueAt: isoTime,
  due: z.string(),
  lateMs: z.optional(z.int()),
  lateness: z.string(),
  level: z.optional(z.enum(LEVELS)),
  suppressed: z.optional(z.literal(true)),
  doneAt: z.optional(isoTime),
});

/** One morning digest (README "The morning digest and 通报"): a team's (`team`) or the director's (`all`, with 督办 and 通报). */
export const DIGEST = z.object({
  digestId: z.string(),
  court: z.string(),
  team: z.enum([...TEAMS, 'all']),
  at: isoTime,
  previousAt: z.optional(isoTime),
  nextAt: z.optional(isoTime),
  overdue: z.array(DIGEST_NODE),
  dueSoon: z.array(DIGEST_NODE),
  findings: z.array(z.object({ caseNo: z.string(), team: z.enum(TEAMS), code: z.string(), seed: z.string(), at: isoTime, text: z.string() })),
  supervised: z.optional(z.array(DIGEST_NODE)),
  reported: z.optional(z.array(DIGEST_NODE)),
});

/** Local mode: `POST /local/digest`: the digests of the latest digest moment at or before `time`, and what this call sent. */
export const LOCAL_DIGEST = z.object({
  at: isoTime,
  previousAt: z.optional(isoTime),
  nextAt: z.optional(isoTime),
  sent: z.int().check(z.gte(0)),
  failed: z.int().check(z.gte(0)),
  courts: z.array(z.object({ court: z.string(), status: z.enum(['sent', 'alreadySent', 'busy', 'failed']) })),
  digests: z.array(DIGEST),
});

/** Local mode: `GET /local/health`. */
export const LOCAL_HEALTH = z.object({ queueDepth: z.int().check(z.gte(0)) });

/** The JSON Schema of a zod schema, as OpenAPI 3.1 embeds it (no `$schema`). */
export function jsonSchema(schema: z.core.$ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
