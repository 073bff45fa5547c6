/**
 * Board sessions (CONTRACT §6): after a login — the local mode's token, or the court's
 * OpenID Connect provider on AWS — the browser holds one HttpOnly, SameSite=Strict cookie
 * whose value names the court, the user and the end of the session, signed with HMAC-SHA256
 * under a key only the server knows. Stateless: any function holding the key can check
 * it, nothing is stored; a new key (the local mode makes one per start) ends every session.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { COURT_ID } from './signature.js';
import { HOUR_MS, type Instant } from './time.js';

/** The cookie's name. */
export const SESSION_COOKIE = 'board_session';
/** How long a session lasts after its login: a working day and a bit. */
export const SESSION_HOURS = 12;

export interface BoardSession {
  /** The court whose cases the holder may read: the only one. */
  readonly court: string;
  /** Who logged in: `local` for the token login, the provider's subject (`sub`) on AWS. */
  readonly user: string;
  /** A display name, when the provider gave one. */
  readonly name?: string;
  readonly expiresAt: Instant;
}

const mac = (key: string, purpose: string, payload: string) => createHmac('sha256', key).update(`${purpose}\n${payload}`).digest('base64url');

/** `<base64url JSON>.<base64url HMAC>` of a value, for one purpose (a session, a login transaction). */
export function sealValue(key: string, purpose: string, value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${mac(key, purpose, payload)}`;
}

/** The value sealed under `key` for `purpose`, or undefined (altered, forged, another purpose, malformed). */
export function openValue(key: string, purpose: string, token: string | undefined): unknown {
  if (!token || token.length > 4096) return undefined;
  const [payload, given, ...rest] = token.split('.');
  if (!payload || !given || rest.length) return undefined;
  const expected = Buffer.from(mac(key, purpose, payload));
  const got = Buffer.from(given);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The cookie value of a session. */
export function sealSession(key: string, session: BoardSession): string {
  return sealValue(key, 'board-session', { c: session.court, u: session.user, ...(session.name ? { n: session.name } : {}), e: session.expiresAt });
}

/** The session a cookie value proves at `now`, or undefined (forged, altered, expired, malformed). */
export function openSession(key: string, token: string, now: Instant): BoardSession | undefined {
  const p = openValue(key, 'board-session', token) as { c?: unknown; u?: unknown; n?: unknown; e?: unknown } | undefined;
  if (!p || typeof p.c !== 'string' || !COURT_ID.test(p.c) || typeof p.u !== 'string' || typeof p.e !== 'number') return undefined;
  if (p.e <= now) return undefined;
  return { court: p.c, user: p.u, ...(typeof p.n === 'string' ? { name: p.n } : {}), expiresAt: p.e };
}

/** A new session for `court`, ending `SESSION_HOURS` after `now` (or at `until`, if sooner). */
export function newSession(court: string, user: string, now: Instant, options: { name?: string; until?: Instant } = {}): BoardSession {
  const end = now + SESSION_HOURS * HOUR_MS;
  return { court, user, ...(options.name ? { name: options.name } : {}), expiresAt: options.until === undefined ? end : Math.min(end, options.until) };
}

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * `Set-Cookie` for a session: HttpOnly (no script reads it), SameSite=Strict (no other
 * site's page sends it), the whole site (`Path=/`), `Secure` where the board is served
 * over HTTPS (AWS); `maxAgeSeconds` 0 clears it.
 */
export function sessionCookie(value: string, maxAgeSeconds: number, options: { secure: boolean; path?: string }): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    `Path=${options.path ?? '/'}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
