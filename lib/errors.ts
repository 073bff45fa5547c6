/**
 * Every error class of the project. Each says what was wrong, with the value and what was expected; the
 * shell maps them to HTTP statuses in one place (`functions/commons/http.ts`).
 */
import type { FieldError } from './events.js';

/** The request as a whole cannot be read: not JSON, not an event or a batch. */
export class MalformedRequestError extends Error {
  override readonly name = 'MalformedRequestError';
  /** The section of docs/API.md that says what was expected (`apiDoc`). */
  readonly see?: string;
  constructor(message: string, readonly errors: readonly FieldError[] = [], options?: { cause?: unknown; see?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.see !== undefined) this.see = options.see;
  }
}

/** Missing or bad signature, unknown court, stale timestamp. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/** The signing court does not own the case. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** Optimistic writes kept losing to concurrent writers; the work is retried later. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
}

/** A fault of a dependency that may pass (store, queue, publisher): the caller retries or answers 503. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A setting that is missing or wrong; the message names it, the value and what was expected. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`invalid configuration: ${problems.join('; ')}`, options);
  }
}

/** A deployment configuration file (`infra/config/*.json`) that is missing or wrong. */
export class DeploymentConfigError extends Error {
  override readonly name = 'DeploymentConfigError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problems.join('; ')}`, options);
  }
}
