/**
 * Posting one batch of an import and reading its answer. Waits and sends the same batch
 * again on 429 (as long as `Retry-After` says), 503 and network faults (with back-off);
 * hands back every other answer. Resending is safe: the API answers an event it already
 * has `duplicate`.
 */
import { signedHeaders } from '../../lib/signature.js';
import { jsonOrText } from '../../local/court-client.js';

export interface Target {
  /** Base URL without a trailing slash. */
  readonly api: string;
  readonly court: string;
  readonly secret: string;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export class ImportStopped extends Error {
  override readonly name = 'ImportStopped';
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Headers of a signed (v2, docs/API.md "签名 v2") `POST /v1/events`. */
export function signedPost(target: Target, body: string, now = Date.now()): Record<string, string> {
  return { 'content-type': 'application/json', ...signedHeaders({ court: target.court, secret: target.secret, method: 'POST', target: '/v1/events', body, now }) };
}

export interface PostOptions {
  /** Faults (503, network) tolerated in a row before giving up. */
  readonly maxFaults?: number;
  readonly signal?: AbortSignal;
  /** Told about each wait (for the log line). */
  readonly onWait?: (reason: string, ms: number) => void;
}

/** Posts one body until the API gives an answer that is not "later". */
export async function postBatch(target: Target, body: string, options: PostOptions = {}): Promise<Answer> {
  const maxFaults = options.maxFaults ?? 8;
  let faults = 0;
  for (;;) {
    if (options.signal?.aborted) throw new ImportStopped('stopped');
    let res: Response;
    try {
      // Not aborted by the signal: a batch on the wire is let finish, so its answer is kept.
      res = await fetch(`${target.api}/v1/events`, { method: 'POST', headers: signedPost(target, body), body });
    } catch (error) {
      if (++faults > maxFaults) throw new ImportStopped(`无法连接 ${target.api}（${(error as Error).message}）/ cannot reach the API`);
      const ms = Math.min(30_000, 500 * 2 ** (faults - 1));
      options.onWait?.(`网络错误 network error (${(error as Error).message})`, ms);
      await sleep(ms, options.signal);
      continue;
    }
    const parsed = jsonOrText(await res.text());
    const retryAfter = Number(res.headers.get('retry-after'));
    if (res.status === 429) {
      // The rate limit is the court's own: waiting is the answer, however often.
      const ms = (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1) * 1000;
      options.onWait?.('429 超过频率上限 rate limited', ms);
      await sleep(ms, options.signal);
      continue;
    }
    if (res.status === 503 || res.status === 502 || res.status === 504 || res.status === 500) {
      if (++faults > maxFaults) throw new ImportStopped(`API 持续不可用（${res.status}）/ the API keeps answering ${res.status}`);
      const ms = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.min(30_000, 500 * 2 ** (faults - 1));
      options.onWait?.(`${res.status} 暂时不可用 unavailable`, ms);
      await sleep(ms, options.signal);
      continue;
    }
    return { status: res.status, body: parsed };
  }
}
