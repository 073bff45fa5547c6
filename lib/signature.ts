/**
 * Request signatures (docs/API.md §2 "签名"). Every request carries `X-Court-Id`,
 * `X-Timestamp` (unix seconds, within 300 s of the receiver's clock) and
 * `X-Signature: v2=<hex HMAC-SHA256(secret, canonical)>`, where `canonical` is the
 * bytes of, joined by one line feed: the timestamp, the method in upper case, the
 * canonical request target, and the raw body exactly as sent (empty for a GET).
 *
 * The canonical request target is the path percent-decoded once, then — when the
 * query is not empty — `?` and its parameters, each form-decoded (`+` is a space),
 * sorted by name then value in UTF-16 code-unit order, written `name=value` and joined
 * by `&`. The signature thus covers what is asked, not only the body.
 *
 * `v1=<hex HMAC(secret, "<timestamp>.<raw body>")>` (before v2) is accepted only where
 * the caller allows it: `POST /v1/events`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from './errors.js';
import type { Instant } from './time.js';

export const SIGNATURE_WINDOW_SECONDS = 300;
export const COURT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Raw bytes of a body; a string is taken as its UTF-8 bytes. */
export type BodyBytes = Uint8Array | string;

const bytesOf = (body: BodyBytes): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength));

/** UTF-16 code-unit order (JavaScript's own `<` on strings). */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A query parameter, form-decoded: `[name, value]`. */
export type QueryParameter = readonly [string, string];

/**
 * The canonical request target: the decoded path, and the query parameters sorted by
 * name then value, `?name=value&...` (nothing when there are none).
 */
export function canonicalTarget(decodedPath: string, query: Iterable<QueryParameter> = []): string {
  const pairs = [...query].sort((a, b) => byCodeUnits(a[0], b[0]) || byCodeUnits(a[1], b[1]));
  return pairs.length ? `${decodedPath}?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : decodedPath;
}

/** The bytes the v2 HMAC covers: `<timestamp>\n<METHOD>\n<target>\n<raw body>`. */
export function canonicalBytes(timestamp: string, method: string, target: string, body: BodyBytes): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}\n${method.toUpperCase()}\n${target}\n`, 'utf8'), bytesOf(body)]);
}

/** `v2=<hex>` for a request already in canonical form. */
export function signV2(secret: string, timestamp: string, method: string, target: string, body: BodyBytes): string {
  return `v2=${createHmac('sha256', secret).update(canonicalBytes(timestamp, method, target, body)).digest('hex')}`;
}

/** `v1=<hex>`: the signature before v2 (timestamp and body only); `POST /v1/events` still takes it. */
export function signV1(secret: string, timestamp: string, body: BodyBytes): string {
  return `v1=${createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), bytesOf(body)])).digest('hex')}`;
}

/**
 * Splits a request target as sent (`/v1/cases/%E8%B1%AB...?overdue=true`) into the path
 * decoded once and the form-decoded query. Throws `URIError` for a path that is not
 * valid percent-encoded UTF-8.
 */
export function parseTarget(rawTarget: string): { path: string; query: QueryParameter[] } {
  const q = rawTarget.indexOf('?');
  const rawPath = q < 0 ? rawTarget : rawTarget.slice(0, q);
  const rawQuery = q < 0 ? '' : rawTarget.slice(q + 1);
  return { path: decodeURIComponent(rawPath), query: [...new URLSearchParams(rawQuery)] };
}

export interface SignRequestInput {
  readonly court: string;
  readonly secret: string;
  readonly method: string;
  /** The path and query exactly as the request line will carry them, e.g. `/v1/cases?team=simple`. */
  readonly target: string;
  /** The body exactly as it will be sent; omit for a GET. */
  readonly body?: BodyBytes;
  /** Unix milliseconds (default: now). */
  readonly now?: number;
}

/**
 * The three headers a court system sends: what clients, tools and tests use to sign.
 *
 *   fetch(`${api}${target}`, { method, body, headers: { ...signedHeaders({ court, secret, method, target, body }) } })
 */
export function signedHeaders(input: SignRequestInput): { 'x-court-id': string; 'x-timestamp': string; 'x-signature': string } {
  const timestamp = String(Math.floor((input.now ?? Date.now()) / 1000));
  const { path, query } = parseTarget(input.target);
  return {
    'x-court-id': input.court,
    'x-timestamp': timestamp,
    'x-signature': signV2(input.secret, timestamp, input.method, canonicalTarget(path, query), input.body ?? ''),
  };
}

export interface SignedRequest {
  readonly courtId?: string;
  readonly timestamp?: string;
  readonly signature?: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The canonical request target (`canonicalTarget`). */
  readonly target: string;
  /** The raw body exactly as received (empty for a GET). */
  readonly body: BodyBytes;
}

export interface AuthenticateOptions {
  /** Accept a `v1=` signature (only `POST /v1/events` does). */
  readonly acceptV1?: boolean;
}

const sameText = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Checks a request's signature and returns the court it proves. Every failure is the
 * same `AuthenticationError` kind, with a reason that does not help a forger.
 */
export async function authenticate(
  request: SignedRequest,
  secretOf: (courtId: string) => Promise<string | undefined>,
  now: Instant,
  options: AuthenticateOptions = {},
): Promise<string> {
  const { courtId, timestamp, signature } = request;
  if (!courtId || !timestamp || !signature) {
    throw new AuthenticationError('缺少 X-Court-Id、X-Timestamp 或 X-Signature 请求头 / X-Court-Id, X-Timestamp and X-Signature are required');
  }
  if (!COURT_ID.test(courtId)) throw new AuthenticationError('X-Court-Id 不是法院标识（小写字母、数字、连字符）/ X-Court-Id is not a court id');
  if (!/^\d{1,12}$/.test(timestamp)) throw new AuthenticationError('X-Timestamp 应为 Unix 秒数 / X-Timestamp must be unix seconds');
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    throw new AuthenticationError(
      `X-Timestamp 与服务器时间相差超过 ${SIGNATURE_WINDOW_SECONDS} 秒 / X-Timestamp is more than ${SIGNATURE_WINDOW_SECONDS} s from the server clock`,
    );
  }
  const v1 = signature.startsWith('v1=');
  if (v1 && !options.acceptV1) {
    throw new AuthenticationError('此接口只接受 v2 签名 / this route takes v2 signatures only (v1 is accepted on POST /v1/events)');
  }
  const secret = await secretOf(courtId);
  // Compute even for an unknown court so timing does not reveal which courts exist.
  const key = secret ?? 'unknown-court';
  const expected = v1 ? signV1(key, timestamp, request.body) : signV2(key, timestamp, request.method, request.target, request.body);
  const same = sameText(signature, expected);
  if (!secret || !same) throw new AuthenticationError('签名不符 / signature does not match');
  return courtId;
}

/** The access code a court gives the parties for the public timeline of one case. */
export function publicAccessCode(secret: string, caseNo: string): string {
  return createHmac('sha256', secret).update(`timeline:${caseNo}`).digest('base64url').slice(0, 12);
}

/** Constant-time check of a public access code. */
export function checkPublicAccessCode(secret: string, caseNo: string, code: string): boolean {
  return sameText(code, publicAccessCode(secret, caseNo));
}
