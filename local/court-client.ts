/**
 * A court system's client for the API, as the demo, `local/post.ts` and the tests use it:
 * signs each request (v2, `signedHeaders`), and on 429 waits what `Retry-After` says
 * before trying again (at most `retries` times).
 */
import { signedHeaders } from '../lib/signature.js';

export interface CourtClientOptions {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:3000 */
  readonly api: string;
  readonly court: string;
  readonly secret: string;
  /** Retries after a 429 (default 3; 0 = hand the 429 back). */
  readonly retries?: number;
  /** The clock the timestamps are signed with (default: now); the demo's replay clock. */
  readonly now?: () => number;
}

export interface Answer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export function courtClient(options: CourtClientOptions) {
  const retries = options.retries ?? 3;
  return async function request<T = unknown>(method: string, target: string, body?: string | Uint8Array): Promise<Answer<T>> {
    for (let attempt = 0; ; attempt++) {
      const headers = signedHeaders({ court: options.court, secret: options.secret, method, target, ...(body === undefined ? {} : { body }), ...(options.now ? { now: options.now() } : {}) });
      const res = await fetch(`${options.api}${target}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body }),
      });
      if (res.status === 429 && attempt < retries) {
        const seconds = Number(res.headers.get('retry-after') ?? '1');
        await res.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, Number.isFinite(seconds) ? seconds : 1) * 1000));
        continue;
      }
      return { status: res.status, headers: res.headers, body: jsonOrText(await res.text()) as T };
    }
  };
}

/** An answer's body as JSON, or its text when it is not JSON (a proxy's page); undefined when empty. */
export function jsonOrText(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
