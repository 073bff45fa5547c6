/**
 * Signing in to the board on AWS with the court's OpenID Connect provider, or a Cognito
 * user pool (which is one): the authorization code flow with PKCE, done by the server so
 * no token ever reaches the page's scripts (CONTRACT §6).
 *
 * 1. `GET /login`: a short-lived, signed `board_login` cookie keeps state, nonce and the
 *    PKCE verifier; the browser goes to the provider's authorization endpoint.
 * 2. `GET /login/callback?code&state`: the state must match the cookie; the code is
 *    exchanged at the token endpoint; the ID token's signature (the provider's JWKS),
 *    issuer, audience, expiry and nonce are checked; the claim named by
 *    `BoardCourtClaim` names the user's court, which must be a deployed court. The
 *    answer is a board session for that court only.
 */
import { createHash, createPublicKey, randomBytes, verify as verifySignature, type JsonWebKey } from 'node:crypto';
import { type BoardSession, cookieValue, newSession, openValue, sealValue } from '../board-session.js';
import type { SessionKeys } from '../ports.js';
import type { Instant } from '../time.js';
import type { BoardLoginFlow, LoginOutcome, LoginRequest } from './board-login.js';

/** The login transaction's cookie: sent back by the provider's cross-site redirect, so SameSite=Lax. */
export const LOGIN_COOKIE = 'board_login';
const LOGIN_MINUTES = 10;
/** Clock skew allowed between the provider and us. */
const SKEW_MS = 60_000;

export interface OidcSettings {
  /** The provider's issuer URL, exactly as its ID tokens say (`BoardIssuer`). */
  readonly issuer: string;
  /** The board's client id at the provider, the ID token's audience (`BoardAudience`). */
  readonly clientId: string;
  /** The ID token claim that names the user's court (`BoardCourtClaim`, e.g. `custom:court`). */
  readonly courtClaim: string;
  /** Courts deployed in this stack: a user of another court gets no session. */
  readonly courts: ReadonlySet<string>;
}

export interface ProviderMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
}

/** What the flow needs from the provider over the network (`functions/adapters/oidc-provider.ts`). */
export interface OidcProvider {
  metadata(): Promise<ProviderMetadata>;
  /** The provider's signing keys; `refresh` asks again (a key the cache does not hold yet). */
  keys(refresh?: boolean): Promise<readonly JsonWebKey[]>;
  /** Exchanges an authorization code; answers the ID token, or the provider's refusal (`invalid_grant`…). */
  exchangeCode(input: { code: string; verifier: string; redirectUri: string }): Promise<string | { refused: string }>;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

interface LoginTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly expiresAt: Instant;
}

const sealTransaction = (key: string, t: LoginTransaction) => sealValue(key, 'board-login', t);

function openTransaction(key: string, token: string | undefined, now: Instant): LoginTransaction | undefined {
  const t = openValue(key, 'board-login', token) as Partial<LoginTransaction> | undefined;
  return t && typeof t.state === 'string' && typeof t.nonce === 'string' && typeof t.verifier === 'string' && typeof t.expiresAt === 'number' && t.expiresAt > now
    ? (t as LoginTransaction)
    : undefined;
}

function loginCookie(value: string, maxAgeSeconds: number): string {
  return `${LOGIN_COOKIE}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax; Secure`;
}


const refuse = (status: 400 | 401 | 403 | 503, message: string): LoginOutcome => ({ kind: 'refused', status, message });

/** The ID token's claims, after its signature, issuer, audience, expiry and nonce are checked; or why not. */
export async function verifyIdToken(
  token: string,
  provider: OidcProvider,
  expected: { issuer: string; audience: string; nonce: string; now: Instant },
): Promise<{ claims: Record<string, unknown> } | { problem: string }> {
  const [h, p, s, ...rest] = token.split('.');
  if (!h || !p || !s || rest.length) return { problem: 'not a signed token' };
  let header: { alg?: string; kid?: string };
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { problem: 'not a signed token' };
  }
  const algorithms: Record<string, { hash: string; dsa?: 'ieee-p1363' }> = { RS256: { hash: 'sha256' }, ES256: { hash: 'sha256', dsa: 'ieee-p1363' } };
  const alg = algorithms[header.alg ?? ''];
  if (!alg) return { problem: `signature algorithm ${String(header.alg)} not accepted` };
  const find = (keys: readonly JsonWebKey[]) => keys.find((k) => (header.kid === undefined || k.kid === header.kid) && (k.use === undefined || k.use === 'sig'));
  const jwk = find(await provider.keys()) ?? find(await provider.keys(true));
  if (!jwk) return { problem: 'signed with a key the provider does not publish' };
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const ok = verifySignature(alg.hash, Buffer.from(`${h}.${p}`), alg.dsa ? { key, dsaEncoding: alg.dsa } : key, Buffer.from(s, 'base64url'));
  if (!ok) return { problem: 'signature does not match' };
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== expected.issuer) return { problem: 'issued by another provider' };
  if (!audience.includes(expected.audience)) return { problem: 'issued for another client' };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 + SKEW_MS <= expected.now) return { problem: 'expired' };
  if (typeof claims.iat === 'number' && claims.iat * 1000 - SKEW_MS > expected.now) return { problem: 'issued in the future' };
  if (claims.nonce !== expected.nonce) return { problem: 'nonce does not match this login' };
  return { claims };
}

export function oidcLogin(settings: OidcSettings, provider: OidcProvider, sessions: SessionKeys): BoardLoginFlow {
  const redirectUri = (request: LoginRequest) => new URL('login/callback', request.boardUrl).href;
  const configured = settings.issuer !== '' && settings.clientId !== '';
  const notConfigured = refuse(503, '本部署尚未配置统一身份认证（BoardIssuer、BoardAudience），请联系管理员。');

  return {
    async login(request) {
      if (!configured) return notConfigured;
      const key = await sessions.sessionKey();
      if (!key) return refuse(503, '看板尚未配置会话密钥，请联系管理员。');
      const metadata = await provider.metadata();
      const t: LoginTransaction = { state: b64url(randomBytes(18)), nonce: b64url(randomBytes(18)), verifier: b64url(randomBytes(32)), expiresAt: request.now + LOGIN_MINUTES * 60_000 };
      const url = new URL(metadata.authorization_endpoint);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: settings.clientId,
        redirect_uri: redirectUri(request),
        scope: 'openid profile',
        state: t.state,
        nonce: t.nonce,
        code_challenge: b64url(createHash('sha256').update(t.verifier).digest()),
        code_challenge_method: 'S256',
      }).toString();
      return { kind: 'redirect', location: url.href, cookies: [loginCookie(sealTransaction(key, t), LOGIN_MINUTES * 60)] };
    },

    async callback(request) {
      if (!configured) return notConfigured;
      const { query, now } = request;
      const key = await sessions.sessionKey();
      if (!key) return refuse(503, '看板尚未配置会话密钥，请联系管理员。');
      const t = openTransaction(key, cookieValue(request.cookieHeader, LOGIN_COOKIE), now);
      if (query.error) return refuse(401, `统一身份认证未通过（${String(query.error).slice(0, 80)}），请重新登录。`);
      if (!t || !query.state || query.state !== t.state) return refuse(400, '登录已过期或不是从本看板发起的，请重新登录。');
      if (!query.code) return refuse(400, '统一身份认证没有返回授权码，请重新登录。');
      const idToken = await provider.exchangeCode({ code: query.code, verifier: t.verifier, redirectUri: redirectUri(request) });
      if (typeof idToken !== 'string') return refuse(401, `统一身份认证拒绝了本次登录（${idToken.refused.slice(0, 80)}），请重新登录。`);
      const verified = await verifyIdToken(idToken, provider, { issuer: settings.issuer, audience: settings.clientId, nonce: t.nonce, now });
      if ('problem' in verified) return refuse(401, `身份令牌无效（${verified.problem}），请重新登录。`);
      const court = verified.claims[settings.courtClaim];
      if (typeof court !== 'string' || !settings.courts.has(court)) {
        return refuse(403, `您的账号没有本系统中的法院（${settings.courtClaim} = ${typeof court === 'string' ? court.slice(0, 64) : '无'}），请联系管理员。`);
      }
      const sub = typeof verified.claims.sub === 'string' ? verified.claims.sub : 'unknown';
      const name = ['name', 'preferred_username', 'cognito:username'].map((c) => verified.claims[c]).find((v): v is string => typeof v === 'string');
      const session: BoardSession = newSession(court, sub, now, name ? { name: name.slice(0, 64) } : {});
      return { kind: 'session', session, clearCookies: [loginCookie('', 0)] };
    },
  };
}
