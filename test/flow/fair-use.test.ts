/**
 * Fair use in the local mode (docs/API.md "限流"): each court its own token bucket, the
 * public timeline and unsigned requests one per client address; over a limit is 429 with
 * Retry-After; nobody without a valid signature spends a court's capacity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { signedHeaders } from '../../lib/signature.js';
import { TokenBuckets } from '../../local/rate-limit.js';
import { COURT, ev, type Harness, OTHER_COURT, OTHER_SECRET, SECRET, startHarness } from '../support/local-harness.js';

/**
 * Small bursts and a refill of one request per 100 s (below what the parameters allow,
 * so that a slow machine cannot refill a bucket mid-test): what a test can count exactly.
 */
const LIMITS = { ...DEFAULT_LIMITS, CourtRateLimit: 0.01, CourtBurstLimit: 6, PublicRateLimit: 0.01, PublicBurstLimit: 4 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ limits: LIMITS });
});
afterAll(async () => h.close());

async function get(target: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.system.url}${target}`, { headers });
  await res.arrayBuffer();
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

const as = (court: string, secret: string, target: string) => signedHeaders({ court, secret, method: 'GET', target });

describe('token buckets', () => {
  it('admit the burst, then one per 1/rate seconds, and say how long to wait', () => {
    let now = 0;
    const buckets = new TokenBuckets(2, 3, () => now);
    expect([1, 2, 3].map(() => buckets.take('a'))).toEqual([undefined, undefined, undefined]);
    expect(buckets.take('a')).toEqual({ retryAfterSeconds: 1 });
    expect(buckets.take('b')).toBeUndefined(); // another key, another bucket
    now += 500;
    expect(buckets.take('a')).toBeUndefined();
    expect(buckets.take('a')).toEqual({ retryAfterSeconds: 1 });
    now += 10_000;
    expect([1, 2, 3, 4].map(() => buckets.take('a'))).toEqual([undefined, undefined, undefined, { retryAfterSeconds: 1 }]);
  });
});

describe('over HTTP', () => {
  it('a court over its burst gets 429 with Retry-After; another court is not affected; forgers spend only their own address', async () => {
    // Forged requests under COURT's id (wrong secret) count against the sender's address, not COURT.
    const forged = [];
    for (let i = 0; i < 8; i++) forged.push((await get('/v1/cases', as(COURT, 'not-the-secret-0123456789', '/v1/cases'))).status);
    expect(forged.slice(0, LIMITS.PublicBurstLimit)).toEqual(Array(LIMITS.PublicBurstLimit).fill(401));
    expect(forged.slice(LIMITS.PublicBurstLimit)).toEqual(Array(8 - LIMITS.PublicBurstLimit).fill(429));

    const mine = [];
    for (let i = 0; i < LIMITS.CourtBurstLimit + 2; i++) mine.push(await get('/v1/cases', as(COURT, SECRET, '/v1/cases')));
    expect(mine.slice(0, LIMITS.CourtBurstLimit).map((r) => r.status)).toEqual(Array(LIMITS.CourtBurstLimit).fill(200));
    const over = mine.at(-1);
    expect(over?.status).toBe(429);
    expect(Number(over?.retryAfter)).toBeGreaterThanOrEqual(1);

    expect((await get('/v1/cases', as(OTHER_COURT, OTHER_SECRET, '/v1/cases'))).status).toBe(200);
  });

  it('a 429 says why in Chinese and English and points to docs/API.md', async () => {
    let last: Response | undefined;
    for (let i = 0; i < LIMITS.CourtBurstLimit + 2; i++) {
      last = await fetch(`${h.system.url}/v1/events`, {
        method: 'POST',
        headers: signedHeaders({ court: OTHER_COURT, secret: OTHER_SECRET, method: 'POST', target: '/v1/events', body: 'x' }),
        body: 'x',
      });
      if (last.status === 429) break;
      await last.arrayBuffer();
    }
    expect(last?.status).toBe(429);
    expect(await last?.json()).toEqual({ error: expect.stringMatching(/请求过于频繁.*too many requests/), see: 'docs/API.md#rate-limits' });
  });

  it('the public timeline: a burst of guesses from one address, then 429 — 2,000 guesses no longer fit in seconds', async () => {
    await h.postAndApply(ev('case.filed', '(2026)豫0823执9400号', '2026-03-02T09:00:00+08:00', { amount: 1, financial: false, respondents: [{ kind: 'person' }] }));
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await get(`/v1/public/cases/${encodeURIComponent('(2026)豫0823执9400号')}/timeline?code=${String(i).padStart(12, 'A')}`)).status);
    }
    expect(statuses).toEqual([...Array(LIMITS.PublicBurstLimit).fill(404), ...Array(20 - LIMITS.PublicBurstLimit).fill(429)]);
  });

  it('the local control routes are never limited', async () => {
    for (let i = 0; i < 20; i++) expect((await get('/local/health')).status).toBe(200);
  });
});
