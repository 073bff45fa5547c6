/**
 * HTTP API plumbing shared by the handlers: the signed request out of an API Gateway
 * (HTTP API, payload 2.0) event, JSON responses, and the one place where errors become
 * statuses. Only client errors (< 500) say what was wrong; a 500 says nothing inside.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  AuthenticationError,
  ForbiddenError,
  MalformedRequestError,
  NotFoundError,
  PayloadTooLargeError,
} from '../../lib/errors.js';
import type { FieldError } from '../../lib/events.js';
import { ConfigurationError, StoreUnavailableError } from '../../lib/errors.js';
import type { SignedRequest } from '../../lib/signature.js';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** The raw body (decoded when API Gateway base64-encoded it) and the signature headers. */
export function signedRequest(event: HttpEvent): SignedRequest {
  const h = event.headers ?? {};
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return {
    body,
    ...(h['x-court-id'] === undefined ? {} : { courtId: h['x-court-id'] }),
    ...(h['x-timestamp'] === undefined ? {} : { timestamp: h['x-timestamp'] }),
    ...(h['x-signature'] === undefined ? {} : { signature: h['x-signature'] }),
  };
}

/** A path parameter, percent-decoded once if the gateway left it encoded. */
export function pathParameter(event: HttpEvent, name: string): string | undefined {
  const value = event.pathParameters?.[name];
  if (value === undefined || !/%[0-9A-Fa-f]{2}/.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface Mapped {
  readonly status: number;
  readonly error: string;
  readonly errors?: readonly FieldError[];
  readonly headers?: Record<string, string>;
}

/** Domain error → HTTP status and public message. */
export function mapError(error: unknown): Mapped {
  if (error instanceof MalformedRequestError) return { status: 400, error: error.message, ...(error.errors.length ? { errors: error.errors } : {}) };
  if (error instanceof AuthenticationError) return { status: 401, error: `unauthorized: ${error.message}` };
  if (error instanceof ForbiddenError) return { status: 403, error: `forbidden: ${error.message}` };
  if (error instanceof NotFoundError) return { status: 404, error: error.message };
  if (error instanceof PayloadTooLargeError) return { status: 413, error: error.message };
  if (error instanceof StoreUnavailableError) return { status: 503, error: 'temporarily unavailable; retry the same request', headers: { 'retry-after': '1' } };
  return { status: 500, error: 'internal error' };
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
        { error: mapped.error, ...(mapped.errors ? { errors: mapped.errors } : {}), ...(requestId ? { requestId } : {}) },
        mapped.headers,
      );
    },
  };
}
