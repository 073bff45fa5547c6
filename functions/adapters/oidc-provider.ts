/**
 * `OidcProvider` over HTTPS: the provider's discovery document
 * (`<issuer>/.well-known/openid-configuration`) and signing keys, cached for an hour,
 * and the code exchange at its token endpoint — with the client secret when the
 * provider gave the board one (HTTP Basic, `client_secret_basic`), as a public client
 * with PKCE otherwise. Faults become `StoreUnavailableError` (503, "try again").
 */
import type { JsonWebKey } from 'node:crypto';
import type { OidcProvider, ProviderMetadata } from '../../lib/app/oidc-login.js';
import { StoreUnavailableError } from '../../lib/errors.js';

const CACHE_MS = 60 * 60_000;
const TIMEOUT_MS = 5_000;

export interface OidcProviderOptions {
  readonly issuer: string;
  readonly clientId: string;
  /** The client secret, when the provider issued one (read lazily: a secret store call). */
  readonly clientSecret?: () => Promise<string | undefined>;
  readonly fetch?: typeof fetch;
  readonly clock?: () => number;
}

/** The client secret in the stack's secret `{"clientSecret": "…"}`; `none` (as created) is a public client. */
export function clientSecretOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const value = (JSON.parse(text) as { clientSecret?: unknown }).clientSecret;
    return typeof value === 'string' && value !== '' && value !== 'none' ? value : undefined;
  } catch {
    return undefined;
  }
}

export class HttpOidcProvider implements OidcProvider {
  private meta?: { value: ProviderMetadata; until: number };
  private jwks?: { value: readonly JsonWebKey[]; until: number };
  private readonly fetch: typeof fetch;
  private readonly clock: () => number;

  constructor(private readonly options: OidcProviderOptions) {
    this.fetch = options.fetch ?? fetch;
    this.clock = options.clock ?? Date.now;
  }

  private async json(url: string, init?: RequestInit, refusals: readonly number[] = []): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await this.fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new StoreUnavailableError(`identity provider unreachable: ${new URL(url).host}`, { cause: error });
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (refusals.includes(res.status)) return { refused: typeof body.error === 'string' ? body.error : String(res.status) };
    if (!res.ok) throw new StoreUnavailableError(`identity provider answered ${res.status} at ${new URL(url).pathname}${typeof body.error === 'string' ? ` (${body.error})` : ''}`);
    return body;
  }

  async metadata(): Promise<ProviderMetadata> {
    const now = this.clock();
    if (this.meta && this.meta.until > now) return this.meta.value;
    const doc = await this.json(`${this.options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof doc[field] !== 'string') throw new StoreUnavailableError(`identity provider's discovery document has no ${field}`);
    }
    const value = doc as unknown as ProviderMetadata;
    this.meta = { value, until: now + CACHE_MS };
    return value;
  }

  async keys(refresh = false): Promise<readonly JsonWebKey[]> {
    const now = this.clock();
    if (!refresh && this.jwks && this.jwks.until > now) return this.jwks.value;
    const doc = await this.json((await this.metadata()).jwks_uri);
    const value = Array.isArray(doc.keys) ? (doc.keys as JsonWebKey[]) : [];
    this.jwks = { value, until: now + CACHE_MS };
    return value;
  }

  async exchangeCode(input: { code: string; verifier: string; redirectUri: string }): Promise<string | { refused: string }> {
    const { token_endpoint } = await this.metadata();
    const secret = await this.options.clientSecret?.();
    const form = new URLSearchParams({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.verifier, client_id: this.options.clientId });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (secret) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
    // 400/401: the code was used, expired or is not ours — the user logs in again.
    const body = await this.json(token_endpoint, { method: 'POST', headers, body: form.toString() }, [400, 401]);
    if (typeof body.refused === 'string') return { refused: body.refused };
    if (typeof body.id_token !== 'string') throw new StoreUnavailableError('identity provider answered no id_token');
    return body.id_token;
  }
}
