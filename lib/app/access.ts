/**
 * Who is asking: a court system that signs each request with its secret (CONTRACT §1),
 * or a person on the command-centre board holding a session cookie (CONTRACT §6). Both
 * come down to one court; every read is limited to it.
 */
import { openSession } from '../board-session.js';
import { AuthenticationError } from '../errors.js';
import type { CourtKeys, SessionKeys } from '../ports.js';
import { authenticate, type SignedRequest } from '../signature.js';
import type { Instant } from '../time.js';

export interface AccessDeps {
  readonly keys: CourtKeys;
  readonly sessions: SessionKeys;
  readonly now: () => Instant;
}

/** The credentials a read request carries: signature headers, and the board's cookie if any. */
export interface Caller {
  readonly signed: SignedRequest;
  /** The `board_session` cookie's value. */
  readonly session?: string;
}

/**
 * The court a caller may read. A request with signature headers is judged by its
 * signature alone (a court system has no cookie to fall back on); one without them by
 * its board session.
 */
export async function callerCourt(deps: AccessDeps, caller: Caller): Promise<string> {
  const { signed, session } = caller;
  const now = deps.now();
  if (session === undefined || signed.courtId !== undefined || signed.signature !== undefined) {
    return authenticate(signed, (id) => deps.keys.secretOf(id), now);
  }
  const key = await deps.sessions.sessionKey();
  const opened = key ? openSession(key, session, now) : undefined;
  if (!opened) throw new AuthenticationError('登录已失效，请重新登录 / the board session has ended or is not valid; log in again');
  return opened.court;
}
