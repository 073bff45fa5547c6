/**
 * The body of `POST /v1/events` (docs/API.md "事件与批量"): strictly UTF-8, nested at most
 * 32 levels (counted on the text, before any parser recurses), JSON, then one event or a
 * batch of 1–100 with an optional `mode`. Each failure is a 400 that says which.
 */
import { apiDoc } from '../api-doc.js';
import { MalformedRequestError } from '../errors.js';
import { fieldProblem } from '../field-errors.js';
import { formatPath, jsonDepth, MAX_JSON_DEPTH } from '../posted-json.js';

export const MAX_BATCH = 100;

/** The posting modes (README "Onboarding a court"): `import` loads a court's open caseload without alerting for the past. */
export const POSTING_MODES = ['import'] as const;
export type PostingMode = (typeof POSTING_MODES)[number];

/** Splits a parsed body into the posted events (one event, or `{ events: [...], mode? }`). */
export function postedEvents(body: unknown): { events: unknown[]; mode?: PostingMode } {
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
