/**
 * The parts of the OpenAPI document that are words: the signature scheme (with a worked
 * example computed here, so it is always right) and the local mode's routes.
 */
import { createHmac } from 'node:crypto';
import { SIGNATURE_WINDOW_SECONDS } from '../../lib/signature.js';

type Json = Record<string, unknown>;

/** A worked example of the v2 canonical text and its signature (the demo court's secret). */
export function signatureExample(): { secret: string; canonical: string; signature: string } {
  const secret = 'demo-secret-0123456789abcdef';
  const canonical = ['1764460800', 'GET', '/v1/cases?overdue=true&team=simple', ''].join('\n');
  return { secret, canonical, signature: `v2=${createHmac('sha256', secret).update(canonical, 'utf8').digest('hex')}` };
}

export function securityScheme(): Json {
  const ex = signatureExample();
  const signatureText = [
    '`X-Signature: v2=<hex HMAC-SHA256(secret, canonical)>`。`canonical` 由以下四部分以换行符 `\\n`（一个 LF）连接：',
    '1. `X-Timestamp` 的值（unix 秒）；2. 方法，大写（`GET`、`POST`）；3. 请求目标：路径百分号解码一次为 UTF-8 文本（`/v1/cases/(2026)豫0823执1号`），查询串非空时加 `?` 和参数——每个参数按 HTML 表单规则解码（`+` 为空格），按名称再按值（UTF-16 码元顺序）排序，写成 `name=value`，以 `&` 连接；4. 请求体的原始字节（GET 为空）。HMAC 对字节计算，而非解码后的文本。',
    '',
    `The signature covers the timestamp, the METHOD, the canonical request target and the raw body bytes, joined by "\\n". The request target is the path percent-decoded once to UTF-8, then, if the query is not empty, "?" and its parameters form-decoded ("+" is a space), sorted by name then value in UTF-16 code-unit order, written name=value and joined by "&". Requests more than ${SIGNATURE_WINDOW_SECONDS} s off the server clock are refused (401). \`v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>\` is still accepted on POST /v1/events only.`,
    '',
    `Worked example 示例 (secret \`${ex.secret}\`, \`GET /v1/cases?team=simple&overdue=true\` at timestamp 1764460800): canonical = ${JSON.stringify(ex.canonical)}; \`X-Signature: ${ex.signature}\`.`,
  ].join('\n');
  return {
    CourtId: { type: 'apiKey', in: 'header', name: 'X-Court-Id', description: '法院系统标识（部署时配置）/ the court system\'s id. Used together with X-Timestamp and X-Signature.' },
    Timestamp: { type: 'apiKey', in: 'header', name: 'X-Timestamp', description: `发送时刻，unix 秒；与服务器时钟相差不得超过 ${SIGNATURE_WINDOW_SECONDS} 秒 / unix seconds, within ${SIGNATURE_WINDOW_SECONDS} s of the server clock.` },
    Signature: { type: 'apiKey', in: 'header', name: 'X-Signature', description: signatureText },
  };
}

/** Routes only the local mode (`npm start`) serves. */
export function localPaths(ref: (name: string) => Json): Json {
  const json = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });
  const timeBody = {
    required: false,
    content: {
      'application/json': {
        schema: { type: 'object', properties: { time: { type: 'string', format: 'date-time', description: 'ISO 8601 with an offset; default: now' } } },
      },
    },
  };
  return {
    '/local/scan': {
      post: {
        operationId: 'localScan',
        tags: ['local'],
        summary: '按任意时刻运行一次扫描 / Run one scan as of a moment',
        security: [],
        requestBody: timeBody,
        responses: { '200': json(ref('LocalScan'), '本次扫描发出的提醒 / what the scan sent'), '400': { $ref: '#/components/responses/BadRequest' }, '503': { $ref: '#/components/responses/Unavailable' } },
      },
    },
    '/local/digest': {
      post: {
        operationId: 'localDigest',
        tags: ['local'],
        summary: '生成并发送每日督办简报（不晚于该时刻的最近一期，每期只发一次） / Build and send the morning digests of the latest digest moment at or before the time, once per moment',
        security: [],
        requestBody: timeBody,
        responses: {
          '200': json(ref('LocalDigest'), '该期简报及本次发送数；已发过的期次 sent 为 0 / the digests of the moment and how many this call sent (0 when sent before)'),
          '400': { $ref: '#/components/responses/BadRequest' },
          '503': { $ref: '#/components/responses/Unavailable' },
        },
      },
    },
    '/local/notices': {
      get: {
        operationId: 'localNotices',
        tags: ['local'],
        summary: '迄今发出的全部提醒和简报（attributes.kind 为 notice 或 digest） / Every notice and digest published so far (attributes.kind notice or digest)',
        security: [],
        responses: { '200': json(ref('LocalNotices'), '提醒 / notices') },
      },
    },
    '/local/health': {
      get: {
        operationId: 'localHealth',
        tags: ['local'],
        summary: '队列深度等 / Queue depth and counters',
        security: [],
        responses: { '200': json(ref('LocalHealth'), '`queueDepth` 为 0 时所有已接收事件均已处理 / 0 when every accepted event is applied') },
      },
    },
  };
}
