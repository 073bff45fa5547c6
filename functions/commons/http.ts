/**
 * HTTP API plumbing shared by the handlers: the request out of an API Gateway REST API
 * event (Lambda proxy, payload 1.0), JSON responses, and the one place where errors
 * become statuses. Only client errors (< 500) say what was wrong; a 500 says nothing
 * inside.
 *
 * What the signature check needs is taken as sent: the REST API hands the path still
 * percent-encoded (`event.path`) and decodes it here exactly once; the stack declares
 * every media type binary, so the body arrives base64-encoded and its raw bytes are
 * what the HMAC covers.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import {
  AuthenticationError,
  ForbiddenError,
  MalformedRequestError,
  NotFoundError,
  PayloadTooLargeError,
} from '../../lib/errors.js';
import type { FieldError } from '../../lib/events.js';
import { ConfigurationError, StoreUnavailableError } from '../../lib/errors.js';
import { canonicalTarget, type QueryParameter, type SignedRequest } from '../../lib/signature.js';
import { apiDoc } from '../../lib/api-doc.js';
import type { Caller } from '../../lib/app/access.js';
import { cookieValue, SESSION_COOKIE } from '../../lib/board-session.js';

export type HttpEvent = APIGatewayProxyEvent;
export type HttpResult = APIGatewayProxyResult;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** One request as the handlers read it. */
export interface HttpRequest {
  /** `GET /v1/cases/{caseNo}`: the method and the resource template that matched. */
  readonly routeKey: string;
  readonly method: string;
  /** The path, percent-decoded once. */
  readonly path: string;
  /** Path parameters by name, each decoded once. */
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters, form-decoded, in the order received. */
  readonly query: readonly QueryParameter[];
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's raw bytes. */
  readonly body: Buffer;
}

function decodeOnce(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MalformedRequestError(
      `路径不是合法的百分号编码 UTF-8 / the path is not valid percent-encoded UTF-8`,
      [{ path: '(path)', message: `收到 ${JSON.stringify(path.slice(0, 80))}；应为百分号编码的 UTF-8 文本 / expected percent-encoded UTF-8`, see: apiDoc('paths') }],
      { see: apiDoc('paths') },
    );
  }
}

/** The request out of a REST API proxy event. */
export function httpRequest(event: HttpEvent): HttpRequest {
  const rawPath = event.path ?? '/';
  const rawSegments = rawPath.split('/');
  const segments = rawSegments.map((s) => decodeOnce(s, rawPath));
  // Parameters are read from the template aligned at the end of the path (a custom
  // domain may add a base path in front).
  const template = (event.resource ?? '').split('/');
  const offset = segments.length - template.length;
  const params: Record<string, string> = {};
  template.forEach((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    const value = segments[offset + i];
    if (name && value !== undefined && offset >= 0) params[name] = value;
  });
  const query: QueryParameter[] = [];
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const value of values ?? []) query.push([name, value]);
  }
  if (!event.multiValueQueryStringParameters) {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) if (value !== undefined) query.push([name, value]);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  const raw = event.body ?? '';
  return {
    routeKey: `${event.httpMethod} ${event.resource}`,
    method: event.httpMethod.toUpperCase(),
    path: segments.join('/'),
    params,
    query,
    headers,
    body: event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8'),
  };
}

/** What the signature check reads from a request. */
export function signedRequest(request: HttpRequest): SignedRequest {
  const h = request.headers;
  return {
    method: request.method,
    target: canonicalTarget(request.path, request.query),
    body: request.body,
    ...(h['x-court-id'] === undefined ? {} : { courtId: h['x-court-id'] }),
    ...(h['x-timestamp'] === undefined ? {} : { timestamp: h['x-timestamp'] }),
    ...(h['x-signature'] === undefined ? {} : { signature: h['x-signature'] }),
  };
}

/** The last value of a query parameter. */
export function queryValue(request: HttpRequest, name: string): string | undefined {
  let value: string | undefined;
  for (const [k, v] of request.query) if (k === name) value = v;
  return value;
}

/** A result that sets cookies (payload 1.0: `Set-Cookie` as a multi-value header, one value per cookie). */
export function withCookies(result: HttpResult, cookies: readonly string[]): HttpResult {
  const previous = (result.multiValueHeaders?.['set-cookie'] ?? []) as Array<string | number | boolean>;
  return { ...result, multiValueHeaders: { ...result.multiValueHeaders, 'set-cookie': [...previous, ...cookies] } };
}

/** The board's session cookie, if the request carries one. */
export function sessionToken(request: HttpRequest): string | undefined {
  return cookieValue(request.headers.cookie, SESSION_COOKIE);
}

/** Signature headers and the board's session cookie: whoever reads (`lib/app/access.ts`). */
export function callerOf(request: HttpRequest): Caller {
  const session = sessionToken(request);
  return { signed: signedRequest(request), ...(session === undefined ? {} : { session }) };
}

interface Mapped {
  readonly status: number;
  readonly error: string;
  readonly errors?: readonly FieldError[];
  readonly see?: string;
  readonly headers?: Record<string, string>;
}

/** Domain error → HTTP status and public message. */
export function mapError(error: unknown): Mapped {
  if (error instanceof MalformedRequestError) {
    return { status: 400, error: error.message, ...(error.errors.length ? { errors: error.errors } : {}), see: error.see ?? apiDoc('errors') };
  }
  if (error instanceof AuthenticationError) return { status: 401, error: `未通过签名验证 / unauthorized: ${error.message}`, see: apiDoc('signature') };
  if (error instanceof ForbiddenError) return { status: 403, error: `无权访问 / forbidden: ${error.message}`, see: apiDoc('courts') };
  if (error instanceof NotFoundError) return { status: 404, error: error.message };
  if (error instanceof PayloadTooLargeError) return { status: 413, error: error.message, see: apiDoc('events') };
  if (error instanceof StoreUnavailableError) {
    return { status: 503, error: '暂时不可用，请原样重发 / temporarily unavailable; retry the same request', headers: { 'retry-after': '1' } };
  }
  return { status: 500, error: '内部错误 / internal error' };
}

export interface ErrorLog {
  error(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
}

/**
 * Error-handling middleware (use it first, so its `onError` runs last). Server faults
 * are logged by name and message only: event bodies never reach the log.
 */
export function httpErrors(log: ErrorLog): MiddlewareObj<HttpEvent, HttpResult, Error, Context> {
  return {
    onError: (request) => {
      const mapped = mapError(request.error);
      const requestId = request.context?.awsRequestId;
      if (mapped.status >= 500) {
        const e = request.error;
        const configuration = e instanceof ConfigurationError;
        log.error('request failed', { errorName: e?.name, errorMessage: configuration || mapped.status === 503 ? e?.message : undefined, requestId });
      } else {
        log.warn('request refused', { status: mapped.status, requestId });
      }
      request.response = json(
        mapped.status,
        { error: mapped.error, ...(mapped.errors ? { errors: mapped.errors } : {}), ...(mapped.see ? { see: mapped.see } : {}), ...(requestId ? { requestId } : {}) },
        mapped.headers,
      );
    },
  };
}
