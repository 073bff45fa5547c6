/**
 * Signing in to the board with the court's OpenID Connect provider (CONTRACT §6, AWS):
 * the board handler against a provider on this machine, over real HTTP. A user of a
 * deployed court gets a session for that court only; every forged, replayed, foreign or
 * court-less sign-in gets none.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcLogin } from '../../lib/app/oidc-login.js';
import { openSession, SESSION_COOKIE } from '../../lib/board-session.js';
import { HttpOidcProvider } from '../../functions/adapters/oidc-provider.js';
import { BOARD_ROUTES } from '../../functions/commons/routes.js';
import { makeBoardHandler } from '../../functions/handlers/board.js';
import { createHttpServer } from '../../local/http-server.js';
import { BOARD_DIR } from '../../local/system.js';
import { type FakeOidc, startFakeOidc } from '../support/fake-oidc.js';

const KEY = 'session-key-of-this-deployment-0123456789';
const COURTS = new Set(['wuzhi', 'qinyang']);

let idp: FakeOidc;
let board: Server;
let base = '';

function serve(settings: { issuer: string; clientId: string }): Server {
  const sessions = { sessionKey: async () => KEY };
  const provider = new HttpOidcProvider({ issuer: settings.issuer, clientId: settings.clientId });
  const handler = makeBoardHandler({
    assetsDir: BOARD_DIR,
    login: oidcLogin({ ...settings, courtClaim: 'custom:court', courts: COURTS }, provider, sessions),
    sessions,
    secureCookies: true,
    now: Date.now,
  });
  return createHttpServer(Object.values(BOARD_ROUTES).map((key) => ({ method: key.split(' ')[0] ?? 'GET', path: key.split(' ')[1] ?? '/', handler })));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `GET /login`: where the browser is sent, and the login cookie it holds meanwhile. */
async function startLogin(): Promise<{ authorize: string; cookie: string; setCookie: string }> {
  const res = await fetch(`${base}/login`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { authorize: res.headers.get('location') ?? '', cookie: setCookie.split(';')[0] ?? '', setCookie };
}

async function callback(query: string, cookie: string): Promise<{ status: number; cookies: string[]; text: string }> {
  const res = await fetch(`${base}/login/callback?${query}`, { headers: { cookie }, redirect: 'manual' });
  return { status: res.status, cookies: res.headers.getSetCookie(), text: await res.text() };
}

const sessionOf = (cookies: string[]) => {
  const value = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0]?.slice(SESSION_COOKIE.length + 1);
  return value ? openSession(KEY, value, Date.now()) : undefined;
};

beforeAll(async () => {
  idp = await startFakeOidc();
  board = serve({ issuer: idp.issuer, clientId: idp.clientId });
  base = await listen(board);
});
afterAll(async () => {
  await new Promise((r) => board?.close(r));
  await idp?.close();
});

describe('board sign-in with OpenID Connect', () => {
  it('sends the browser to the provider with PKCE, state and nonce, and keeps them in a Lax, Secure, HttpOnly cookie', async () => {
    const { authorize, setCookie } = await startLogin();
    const url = new URL(authorize);
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: `${base}/login/callback`,
      scope: 'openid profile',
      code_challenge_method: 'S256',
      state: expect.stringMatching(/^[\w-]{20,}$/),
      nonce: expect.stringMatching(/^[\w-]{20,}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(setCookie).toMatch(/^board_login=[^;]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
  });

  it('gives a user of a deployed court a session for that court, and moves on to the board by itself', async () => {
    const { authorize, cookie } = await startLogin();
    const code = idp.authorize(authorize, { sub: 'user-7', name: '张局长', 'custom:court': 'qinyang' });
    const res = await callback(`code=${code}&state=${new URL(authorize).searchParams.get('state')}`, cookie);
    expect(res.status).toBe(200);
    expect(sessionOf(res.cookies)).toMatchObject({ court: 'qinyang', user: 'user-7', name: '张局长' });
    expect(res.cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    expect(res.cookies).toContain('board_login=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure');
    expect(res.text).toContain('href="../"');
    expect(res.text).toContain('board/landing.js');
  });

  it('gives no session to a user without a deployed court, naming the claim', async () => {
    for (const claims of [{ sub: 'u1' }, { sub: 'u2', 'custom:court': 'zhengzhou' }]) {
      const { authorize, cookie } = await startLogin();
      const res = await callback(`code=${idp.authorize(authorize, claims)}&state=${new URL(authorize).searchParams.get('state')}`, cookie);
      expect(res.status).toBe(403);
      expect(res.text).toContain('custom:court');
      expect(sessionOf(res.cookies)).toBeUndefined();
    }
  });

  it('refuses a callback that this browser did not start, a replayed code, and a provider error', async () => {
    const first = await startLogin();
    const second = await startLogin();
    const state = new URL(first.authorize).searchParams.get('state');
    const code = idp.authorize(first.authorize, { sub: 'u', 'custom:court': 'wuzhi' });
    expect((await callback(`code=${code}&state=${state}`, second.cookie)).status).toBe(400); // another login's cookie
    expect((await callback(`code=${code}&state=${state}`, '')).status).toBe(400); // no cookie at all
    const ok = await callback(`code=${code}&state=${state}`, first.cookie);
    expect(ok.status).toBe(200);
    const replay = await callback(`code=${code}&state=${state}`, first.cookie);
    expect(replay.status).toBe(401); // the provider refuses a used code
    expect(sessionOf(replay.cookies)).toBeUndefined();
    const denied = await callback(`error=access_denied&state=${state}`, first.cookie);
    expect(denied.status).toBe(401);
    expect(denied.text).toContain('access_denied');
  });

  it('refuses ID tokens with another nonce, another signer, audience or issuer, or already expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, Record<string, unknown>, { nonce?: string; key?: typeof idp.otherKey }]> = [
      ['nonce', {}, { nonce: 'someone-elses-login' }],
      ['signer', {}, { key: idp.otherKey }],
      ['audience', { aud: 'another-client' }, {}],
      ['issuer', { iss: 'https://elsewhere.example' }, {}],
      ['expiry', { exp: now - 3600 }, {}],
    ];
    for (const [what, claims, options] of cases) {
      const { authorize, cookie } = await startLogin();
      const code = idp.authorize(authorize, { sub: 'u', 'custom:court': 'wuzhi', ...claims }, options);
      const res = await callback(`code=${code}&state=${new URL(authorize).searchParams.get('state')}`, cookie);
      expect(res.status, what).toBe(401);
      expect(sessionOf(res.cookies), what).toBeUndefined();
    }
  });

  it('answers 503 in Chinese where no provider is configured', async () => {
    const bare = serve({ issuer: '', clientId: '' });
    const url = await listen(bare);
    try {
      const res = await fetch(`${url}/login`, { redirect: 'manual' });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('BoardIssuer');
    } finally {
      await new Promise((r) => bare.close(r));
    }
  });
});
