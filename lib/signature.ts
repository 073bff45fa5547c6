/**
 * Request signatures (CONTRACT §1): `X-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`,
 * `X-Timestamp` in unix seconds within 300 s of the receiver's clock, compared in
 * constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from './errors.js';
import type { Instant } from './time.js';

export const SIGNATURE_WINDOW_SECONDS = 300;
export const COURT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The signature header value for a body, as a court system computes it. */
export function sign(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface SignedRequest {
  readonly courtId?: string;
  readonly timestamp?: string;
  readonly signature?: string;
  /** The raw body exactly as received ('' for GET). */
  readonly body: string;
}

/**
 * Checks a request's signature and returns the court it proves. Every failure is the
 * same `AuthenticationError` kind, with a reason that does not help a forger.
 */
export async function authenticate(
  request: SignedRequest,
  secretOf: (courtId: string) => Promise<string | undefined>,
  now: Instant,
): Promise<string> {
  const { courtId, timestamp, signature } = request;
  if (!courtId || !timestamp || !signature) {
    throw new AuthenticationError('X-Court-Id, X-Timestamp and X-Signature are required');
  }
  if (!COURT_ID.test(courtId)) throw new AuthenticationError('X-Court-Id is not a court id');
  if (!/^\d{1,12}$/.test(timestamp)) throw new AuthenticationError('X-Timestamp must be unix seconds');
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    throw new AuthenticationError(`X-Timestamp is more than ${SIGNATURE_WINDOW_SECONDS} s from the server clock`);
  }
  const secret = await secretOf(courtId);
  // Compute even for an unknown court so timing does not reveal which courts exist.
  const expected = Buffer.from(sign(secret ?? 'unknown-court', timestamp, request.body));
  const given = Buffer.from(signature);
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!secret || !same) throw new AuthenticationError('signature does not match');
  return courtId;
}

/** The access code a court gives the parties for the public timeline of one case. */
export function publicAccessCode(secret: string, caseNo: string): string {
  return createHmac('sha256', secret).update(`timeline:${caseNo}`).digest('base64url').slice(0, 12);
}

/** Constant-time check of a public access code. */
export function checkPublicAccessCode(secret: string, caseNo: string, code: string): boolean {
  const expected = Buffer.from(publicAccessCode(secret, caseNo));
  const given = Buffer.from(code);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
