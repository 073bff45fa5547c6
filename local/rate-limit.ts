/**
 * Fair use in the local mode (docs/API.md "限流"), where AWS WAF stands on AWS: token
 * buckets — `rate` tokens a second, at most `burst` saved up — one per court whose
 * signature checks out, and one per client address for the public timeline and for
 * anyone without a valid signature. A forger thus spends only its own address's
 * bucket, never a court's.
 */
import type { Limits } from '../lib/limits.js';
import { authenticate, canonicalTarget, parseTarget } from '../lib/signature.js';
import type { CourtKeys } from '../lib/ports.js';
import type { Admission } from './http-server.js';

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly clock: () => number = Date.now,
    /** Above this many keys, full buckets are forgotten (a new bucket starts full anyway). */
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one token for `key`; when there is none, says how many seconds until there is. */
  take(key: string): { retryAfterSeconds: number } | undefined {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return { retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate)) };
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.rate >= this.burst) this.buckets.delete(key);
    }
  }
}

type FairUse = Pick<Limits, 'CourtRateLimit' | 'CourtBurstLimit' | 'PublicRateLimit' | 'PublicBurstLimit'>;

/**
 * The admission check of the local front: `/local/*` and the board's files are never limited; the public
 * timeline counts per client address; a court route counts per court when its signature
 * checks out, else per client address at the public limits.
 */
export function fairUseAdmission(
  limits: FairUse,
  keys: CourtKeys,
  clocks: { readonly signatures?: () => number; readonly buckets?: () => number } = {},
): Admission {
  const clock = clocks.signatures ?? Date.now;
  const courts = new TokenBuckets(limits.CourtRateLimit, limits.CourtBurstLimit, clocks.buckets);
  const addresses = new TokenBuckets(limits.PublicRateLimit, limits.PublicBurstLimit, clocks.buckets);
  return async (request) => {
    if (request.route.path.startsWith('/local/')) return undefined;
    // The board's own files (GET /, /board/{file}) read no store; one page view loads a
    // dozen of them at once, more than a public burst. Its login and reads are counted.
    if (request.method === 'GET' && (request.route.path === '/' || request.route.path.startsWith('/board/'))) return undefined;
    if (request.route.path.startsWith('/v1/public/')) return addresses.take(`public:${request.sourceIp}`);
    const court = await provenCourt(request, keys, clock());
    return court ? courts.take(`court:${court}`) : addresses.take(`unsigned:${request.sourceIp}`);
  };
}

async function provenCourt(request: Parameters<Admission>[0], keys: CourtKeys, now: number): Promise<string | undefined> {
  try {
    const { path, query } = parseTarget(request.target);
    return await authenticate(
      {
        method: request.method,
        target: canonicalTarget(path, query),
        body: request.body,
        ...(request.headers['x-court-id'] === undefined ? {} : { courtId: request.headers['x-court-id'] }),
        ...(request.headers['x-timestamp'] === undefined ? {} : { timestamp: request.headers['x-timestamp'] }),
        ...(request.headers['x-signature'] === undefined ? {} : { signature: request.headers['x-signature'] }),
      },
      (id) => keys.secretOf(id),
      now,
      { acceptV1: request.method === 'POST' && request.route.path === '/v1/events' },
    );
  } catch {
    return undefined;
  }
}
