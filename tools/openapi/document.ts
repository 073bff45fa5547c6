/**
 * The OpenAPI 3.1 description of the API (README "Onboarding a court"), built from the same zod schemas
 * that validate: the events of `lib/events.ts` and the answers of `lib/api/schemas.ts`.
 * `npm run openapi` writes it to `docs/openapi.json`; the functions and the local mode
 * serve that file at `GET /v1/openapi.json` (they never load zod's converter).
 */
import { readFileSync } from 'node:fs';
import { MAX_BATCH, MAX_BODY_BYTES } from '../../lib/app/intake.js';
import { MAX_CASE_NO_CHARS } from '../../lib/case-number.js';
import * as api from '../../lib/api/schemas.js';
import { EVENT_DATA, EVENT_ENVELOPE, EVENT_TYPES, type EventType } from '../../lib/events.js';
import { CASE_TEAMS, TEAMS } from '../../lib/limits.js';
import { SIGNATURE_WINDOW_SECONDS } from '../../lib/signature.js';
import { EVENT_TYPE_DOCS } from './event-types.js';
import { BOARD_SESSION_SCHEME, boardPaths } from './board-paths.js';
import { localPaths, securityScheme } from './texts.js';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });

/** `case.filed` → `CaseFiled`: the component name of an event type. */
export function eventComponentName(type: string): string {
  return type
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * A case number in its canonical spelling (docs/API.md "案号"): what a client should send. The
 * server also takes other spellings of it (full-width, padded, NFD) and canonicalises them.
 */
const CASE_NO_SCHEMA: Json = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_CASE_NO_CHARS,
  pattern: '^[^\\s\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}\\p{M}\\u115F\\u1160\\u3164\\uFFA0\\u2800]+$',
  description:
    '案号：NFKC 规范化并去除首尾空白后，1–64 个字符，不含空白、控制、格式、私用区、组合字符或空白填充字符。A case number: after NFKC and trimming, 1–64 characters without white space, control, format, private-use, combining or blank-filler characters (docs/API.md "案号").',
};

/** The schema of one event of `type`: the shared envelope with `type` fixed and its `data`. */
function eventSchema(type: EventType, envelope: Json): Json {
  const dataSchema = EVENT_DATA[type];
  const required = !dataSchema.safeParse(undefined).success;
  const doc = EVENT_TYPE_DOCS[type];
  const properties = envelope.properties as Json;
  return {
    type: 'object',
    title: type,
    description: doc ? `${doc.zh}\n\n${doc.en}` : type,
    properties: {
      ...properties,
      type: { type: 'string', const: type },
      caseNo: CASE_NO_SCHEMA,
      occurredAt: { ...(properties.occurredAt as Json), format: 'date-time', description: 'ISO 8601 with an offset (发生时间，带时区), e.g. 2026-12-04T10:00:00+08:00' },
      data: ref(`${eventComponentName(type)}Data`),
    },
    required: ['eventId', 'type', 'caseNo', 'occurredAt', ...(required ? ['data'] : [])],
    additionalProperties: false,
  };
}

function eventComponents(): Json {
  const envelope = api.jsonSchema(EVENT_ENVELOPE);
  const out: Json = {};
  for (const type of EVENT_TYPES) {
    const name = eventComponentName(type);
    out[`${name}Data`] = api.jsonSchema(EVENT_DATA[type]);
    out[`${name}Event`] = eventSchema(type, envelope);
  }
  out.Event = {
    description: '一个案件事件；`type` 决定 `data` 的结构。One case event; `type` decides the shape of `data`.',
    oneOf: EVENT_TYPES.map((t) => ref(`${eventComponentName(t)}Event`)),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(EVENT_TYPES.map((t) => [t, `#/components/schemas/${eventComponentName(t)}Event`])) },
  };
  out.EventBatch = {
    type: 'object',
    description: `1–${MAX_BATCH} 个事件；逐个判定，一个被拒不影响其他。1 to ${MAX_BATCH} events, judged one by one.`,
    properties: {
      events: { type: 'array', items: ref('Event'), minItems: 1, maxItems: MAX_BATCH },
      mode: {
        type: 'string',
        enum: ['import'],
        description:
          '导入存量案件（README "Onboarding a court"）：导入应答时其历史已越过的各级提醒记为 suppressed（不发送），此后到达的阈值照常升级。Import of a court\'s open caseload: every escalation level the history had passed when the request is answered is recorded as `suppressed` (never sent); later thresholds escalate as usual.',
      },
    },
    required: ['events'],
    additionalProperties: false,
  };
  return out;
}

const errorResponse = (description: string, retry = false) => ({
  description,
  ...(retry ? { headers: { 'Retry-After': { description: '重试前等待的秒数 / seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } } } } : {}),
  content: { 'application/json': { schema: ref('Error') } },
});

const RESPONSES = {
  BadRequest: errorResponse('请求无法读取：不是 JSON、嵌套过深、不是事件或批次、查询参数有误。`errors[]` 指明字段。Not JSON, nested too deep, not an event or batch, or a bad query parameter; `errors[]` names the field.'),
  Unauthorized: errorResponse('签名缺失或错误、法院未知、时间戳偏差超过 300 秒。Missing or bad signature, unknown court, or a timestamp more than 300 s off.'),
  Forbidden: errorResponse('案件属于其他法院。The case belongs to another court.'),
  NotFound: errorResponse('没有该案件（或访问码错误）。No such case (or a wrong access code).'),
  PayloadTooLarge: errorResponse(`请求体超过 ${MAX_BODY_BYTES} 字节。Body larger than ${MAX_BODY_BYTES} bytes.`),
  TooManyRequests: errorResponse('超过本法院的请求频率上限；按 Retry-After 等待后重发同一请求。Over the rate limit; wait Retry-After seconds and send the same request again.', true),
  Unavailable: errorResponse('暂时不可用；等待 Retry-After 后重发同一请求（重发是安全的）。Temporarily unavailable; send the same request again after Retry-After (resending is safe).', true),
};

const SIGNED = [{ CourtId: [], Timestamp: [], Signature: [] }];
const errorsOf = (...names: (keyof typeof RESPONSES)[]) => Object.fromEntries(names.map((n) => [String(statusOf[n]), { $ref: `#/components/responses/${n}` }]));
const statusOf: Record<keyof typeof RESPONSES, number> = { BadRequest: 400, Unauthorized: 401, Forbidden: 403, NotFound: 404, PayloadTooLarge: 413, TooManyRequests: 429, Unavailable: 503 };
const caseNoParameter = {
  name: 'caseNo',
  in: 'path',
  required: true,
  description: '案号，百分号编码 / the case number, percent-encoded: `(2026)豫0823执1234号` → `(2026)%E8%B1%AB0823%E6%89%A71234%E5%8F%B7`',
  schema: { type: 'string', minLength: 1 },
};

function apiPaths(): Json {
  return {
    '/v1/events': {
      post: {
        operationId: 'postEvents',
        tags: ['events'],
        summary: '提交案件事件 / Post case events',
        description:
          `一个事件，或 \`{"events": [...]}\`（1–${MAX_BATCH} 个）。\`eventId\` 使提交幂等：同一 id 再次提交答 \`duplicate\`，内容不同答 \`conflict\`。事件可迟到、重复、乱序。\n\n` +
          `One event, or \`{"events": [...]}\` with 1–${MAX_BATCH}. The same \`eventId\` again is \`duplicate\`; with another body \`conflict\`. Events may arrive late, twice or out of order. Max body ${MAX_BODY_BYTES} bytes.`,
        security: SIGNED,
        requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [ref('Event'), ref('EventBatch')] } } } },
        responses: {
          '202': jsonBody(ref('EventResults'), '逐个事件的结果，顺序同提交 / one result per event, in the order posted'),
          ...errorsOf('BadRequest', 'Unauthorized', 'Forbidden', 'PayloadTooLarge', 'TooManyRequests', 'Unavailable'),
        },
      },
    },
    '/v1/cases/{caseNo}': {
      get: {
        operationId: 'getCase',
        tags: ['cases'],
        summary: '读取一个案件 / Read one case',
        description:
          '本法院的案件：分流、节点及期限（每个节点附依据 `basis` 与逐步计算 `steps`）、提醒记录、发现的问题、警告。节点状态按请求时刻计算。' +
          'The court\'s own case: triage, nodes with due times (each with its `basis` and the counting `steps` that lead to `dueAt`), notices, findings, warnings, as of the request.',
        security: SIGNED,
        parameters: [
          caseNoParameter,
          { name: 'lang', in: 'query', required: false, description: '计算步骤说明的语言：zh（默认）或 en / language of the steps\' notes: zh (default) or en', schema: { type: 'string', enum: ['', 'zh', 'en'] } },
        ],
        responses: { '200': jsonBody(ref('CaseView'), '案件 / the case'), ...errorsOf('BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooManyRequests', 'Unavailable') },
      },
    },
    '/v1/cases': {
      get: {
        operationId: 'listCases',
        tags: ['cases'],
        summary: '本院案件列表（指挥中心）/ The court\'s cases',
        description: '按最早的未完成节点期限排序（超期最久的在前）；`overdue` 按请求时刻计算，与案件视图一致。Ordered by the earliest open due time (most overdue first); `overdue` counted as of the request, as the case view counts it; page with `next`.',
        security: SIGNED,
        parameters: [
          { name: 'team', in: 'query', required: false, description: '只列此团队（空 = 全部）/ only this team (empty = all)', schema: { type: 'string', enum: ['', ...CASE_TEAMS] } },
          { name: 'overdue', in: 'query', required: false, description: 'true：只列有超期节点的；false：只列没有的 / only cases with (true) or without (false) an overdue node', schema: { type: 'string', enum: ['', 'true', 'false'] } },
          { name: 'limit', in: 'query', required: false, description: '每页条数 / page size', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
          { name: 'cursor', in: 'query', required: false, description: '上一页的 `next`（本院、同一筛选条件；伪造或篡改的为 400）/ `next` of the previous page (this court, the same filters; forged or tampered: 400)', schema: { type: 'string' } },
        ],
        responses: { '200': jsonBody(ref('CaseList'), '一页案件 / one page'), ...errorsOf('BadRequest', 'Unauthorized', 'TooManyRequests', 'Unavailable') },
      },
    },
    '/v1/public/cases/{caseNo}/timeline': {
      get: {
        operationId: 'getPublicTimeline',
        tags: ['public'],
        summary: '当事人查看执行节点公开信息（第四章二）/ The parties\' disclosure timeline',
        description: '凭法院告知当事人的案件访问码（案件视图中的 `publicCode`），无需签名。按客户端地址限流。With the per-case access code (`publicCode` of the case view); no signature. Rate-limited per client address.',
        security: [],
        parameters: [caseNoParameter, { name: 'code', in: 'query', required: true, description: '案件访问码 / access code', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{12}$' } }],
        responses: { '200': jsonBody(ref('PublicTimeline'), '公开时间线 / the timeline'), ...errorsOf('NotFound', 'TooManyRequests', 'Unavailable') },
      },
    },
    ...metricsPaths(),
    '/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        tags: ['docs'],
        summary: '本文档 / This document',
        security: [],
        responses: { '200': jsonBody({ type: 'object' }, 'OpenAPI 3.1') },
      },
    },
  };
}

const METRICS_PARAMETERS = [
  { name: 'from', in: 'query', required: true, description: '统计起日（含），中国日期 / first China day of the period', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', required: true, description: '统计止日（不含），至多 from 后 366 天 / the day after the last one, at most 366 days after from', schema: { type: 'string', format: 'date' } },
  { name: 'team', in: 'query', required: false, description: '只看此团队（空或 all = 全部）/ one team (empty or all: every team)', schema: { type: 'string', enum: ['', 'all', ...TEAMS] } },
];

/** CONTRACT §6: the leadership metrics, JSON and CSV (docs/METRICS.md). */
function metricsPaths(): Json {
  const description =
    '统计期间为中国日期 from ≤ 日 < to：收结案、结收案比、节点按期率、结案用时、未结案件账龄与超期比例、执行完毕率、终本率、法定期限内结案率、各级通知数。口径见 docs/METRICS.md；数据截至最近一次扫描后的汇总（`rolledUpAt`）。' +
    'For China days from ≤ day < to: filings and closings, clearance rate, on-time shares per node, time to disposition, the pending caseload by age and past its clock, performed, 终本 and within-statutory-limit rates, notices by level. Definitions: docs/METRICS.md; as of the roll-up after the last scan (`rolledUpAt`).';
  const errors = errorsOf('BadRequest', 'Unauthorized', 'TooManyRequests', 'Unavailable');
  return {
    '/v1/metrics': {
      get: {
        operationId: 'getMetrics',
        tags: ['metrics'],
        summary: '质效指标 / Leadership metrics',
        description,
        security: SIGNED,
        parameters: METRICS_PARAMETERS,
        responses: { '200': jsonBody(ref('MetricsReport'), '期间指标 / the figures of the period'), ...errors },
      },
    },
    '/v1/metrics.csv': {
      get: {
        operationId: 'getMetricsCsv',
        tags: ['metrics'],
        summary: '质效指标 CSV（Excel 可直接打开）/ The same as CSV for Excel',
        description: 'UTF-8 带 BOM，CRLF 换行；每行一项：指标（中文名）、代码（JSON 中的路径，如 onTime.reception）、数值（null 为空）。UTF-8 with a BOM, CRLF lines; one row per figure: 指标 (Chinese name), 代码 (its path in the JSON), 数值 (empty for null).',
        security: SIGNED,
        parameters: METRICS_PARAMETERS,
        responses: { '200': { description: 'CSV 附件 / a CSV attachment', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors },
      },
    },
  };
}

function schemaComponents(): Json {
  return {
    ...eventComponents(),
    EventResults: api.jsonSchema(api.EVENT_RESULTS),
    FieldError: api.jsonSchema(api.FIELD_ERROR),
    Error: api.jsonSchema(api.ERROR_BODY),
    CaseView: api.jsonSchema(api.CASE_VIEW),
    CaseList: api.jsonSchema(api.CASE_LIST),
    PublicTimeline: api.jsonSchema(api.PUBLIC_TIMELINE),
    BoardSession: api.jsonSchema(api.BOARD_SESSION),
    BoardOverview: api.jsonSchema(api.BOARD_OVERVIEW),
    BoardOverdue: api.jsonSchema(api.BOARD_OVERDUE),
    MetricsReport: api.jsonSchema(api.METRICS_REPORT),
    LocalScan: api.jsonSchema(api.LOCAL_SCAN),
    LocalNotices: api.jsonSchema(api.LOCAL_NOTICES),
    LocalDigest: api.jsonSchema(api.LOCAL_DIGEST),
    LocalHealth: api.jsonSchema(api.LOCAL_HEALTH),
  };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The whole document, deterministic (no dates, no machine paths): equal sources give equal text. */
export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: '执行节点期限监督 API · Enforcement deadline supervisor API',
      version: packageVersion(),
      description:
        '法院系统提交执行案件事件，系统按法定期间计算各节点期限并逐级提醒、催办、督办。中文接入指南：docs/zh/接入指南.md。\n\n' +
        'Court systems post case events; the supervisor keeps each node\'s time limit under Chinese legal time and escalates. ' +
        `Every request except the public timeline and this document is signed (security scheme below); requests more than ${SIGNATURE_WINDOW_SECONDS} s off the server clock are refused.`,
    },
    servers: [{ url: '{api}', description: '本地模式或部署输出的 API 地址 / the local mode, or the API URL the deploy printed', variables: { api: { default: 'http://127.0.0.1:3000' } } }],
    tags: [
      { name: 'events', description: '事件提交 / posting events' },
      { name: 'cases', description: '案件查询 / reading cases' },
      { name: 'public', description: '当事人公开信息 / for the parties' },
      { name: 'metrics', description: '质效指标（指挥中心）/ leadership metrics (command centre)' },
      { name: 'docs', description: '文档 / documentation' },
      { name: 'board', description: '执行指挥中心看板：签名或看板会话 / the command-centre board: signature or board session' },
      { name: 'local', description: '仅本地模式（npm start），不部署 / local mode only (npm start), not deployed' },
    ],
    paths: { ...apiPaths(), ...boardPaths(ref), ...localPaths(ref) },
    components: {
      schemas: schemaComponents(),
      responses: RESPONSES,
      securitySchemes: { ...securityScheme(), ...BOARD_SESSION_SCHEME },
    },
  };
}

/** The document as committed: two-space JSON and a final line feed. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
