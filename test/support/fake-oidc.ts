/**
 * A small OpenID Connect provider on 127.0.0.1 for the board's sign-in tests: discovery,
 * JWKS and a token endpoint that checks the code, the redirect URI and the PKCE verifier,
 * and answers an RS256 ID token. `authorize()` stands for the user signing in at the
 * provider's page.
 */
import { createHash, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOidc {
  readonly issuer: string;
  readonly clientId: string;
  /** The user signs in: a code for these claims, bound to the authorization request's URL (nonce, challenge, redirect). */
  authorize(authorizationUrl: string, claims: Record<string, unknown>, options?: { nonce?: string; key?: KeyObject }): string;
  /** An ID token signed with the provider's key (or another). */
  sign(claims: Record<string, unknown>, key?: KeyObject): string;
  readonly otherKey: KeyObject;
  readonly tokenRequests: number;
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startFakeOidc(clientId = 'board-client'): Promise<FakeOidc> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'key-1';
  const codes = new Map<string, { claims: Record<string, unknown>; challenge: string; redirectUri: string; key: KeyObject }>();
  let issuer = '';
  let tokenRequests = 0;
  const sign = (claims: Record<string, unknown>, key: KeyObject = privateKey) => {
    const head = `${b64({ alg: 'RS256', kid, typ: 'JWT' })}.${b64(claims)}`;
    return `${head}.${createSign('sha256').update(head).sign(key).toString('base64url')}`;
  };
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      return send(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` });
    }
    if (req.url === '/jwks') return send(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] });
    if (req.url === '/token' && req.method === 'POST') {
      tokenRequests++;
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(text);
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!grant || form.get('client_id') !== clientId || form.get('redirect_uri') !== grant.redirectUri) return send(400, { error: 'invalid_grant' });
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return send(400, { error: 'invalid_grant' });
        send(200, { id_token: sign(grant.claims, grant.key), token_type: 'Bearer' });
      });
      return;
    }
    send(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let counter = 0;
  return {
    get issuer() {
      return issuer;
    },
    clientId,
    authorize(authorizationUrl, claims, options = {}) {
      const q = new URL(authorizationUrl).searchParams;
      const code = `code-${++counter}`;
      const now = Math.floor(Date.now() / 1000);
      codes.set(code, {
        claims: { iss: issuer, aud: clientId, iat: now, exp: now + 3600, nonce: options.nonce ?? q.get('nonce'), ...claims },
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        key: options.key ?? privateKey,
      });
      return code;
    },
    sign,
    otherKey: other,
    get tokenRequests() {
      return tokenRequests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
