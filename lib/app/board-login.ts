/**
 * Signing in to the board (CONTRACT §6). Two ways, one outcome — a session for exactly
 * one court:
 * - local mode: the login URL `npm start` prints, `/login?token=…&court=…`. The token
 *   (`BOARD_TOKEN`, else random per start) proves the holder runs the server; `court`
 *   picks one of the configured courts (the only one, or the first, when absent).
 * - AWS: the court's OpenID Connect provider (`oidc-login.ts`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type BoardSession, newSession } from '../board-session.js';
import type { Instant } from '../time.js';

/** What a login step answers: a session, a redirect to the provider, or a refusal in words. */
export type LoginOutcome =
  | { readonly kind: 'session'; readonly session: BoardSession; readonly clearCookies?: readonly string[] }
  | { readonly kind: 'redirect'; readonly location: string; readonly cookies: readonly string[] }
  | { readonly kind: 'refused'; readonly status: 400 | 401 | 403 | 503; readonly message: string };

/** One request to a login route. */
export interface LoginRequest {
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly cookieHeader?: string;
  readonly now: Instant;
  /** The board's address as the browser sees it (`https://…/api/`): where the provider sends it back. */
  readonly boardUrl: string;
}

/** The two login routes of the board; the local mode has no callback. */
export interface BoardLoginFlow {
  /** `GET /login` */
  login(request: LoginRequest): Promise<LoginOutcome>;
  /** `GET /login/callback` (OpenID Connect) */
  callback?(request: LoginRequest): Promise<LoginOutcome>;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The local mode's token login. */
export function tokenLogin(token: string, courts: readonly string[]): BoardLoginFlow {
  return {
    async login({ query, now }) {
      if (!query.token || !sameSecret(query.token, token)) {
        return { kind: 'refused', status: 401, message: '登录链接无效：请使用 npm start 启动时打印的登录链接（服务重启后旧链接失效，除非设置了 BOARD_TOKEN）。' };
      }
      const court = query.court || courts[0];
      if (court === undefined || !courts.includes(court)) {
        return { kind: 'refused', status: 403, message: `没有法院 "${String(query.court).slice(0, 64)}"：可选 ${courts.join('、')}（COURT_SECRETS 中配置的法院）。` };
      }
      return { kind: 'session', session: newSession(court, 'local', now) };
    },
  };
}
