/**
 * Fair use (docs/API.md "限流") as AWS WAF counts it. A rate-based rule counts requests
 * in a trailing window (60, 120, 300 or 600 s) and has no burst; a token bucket of
 * `rate` per second and `burst` saved up admits at most `burst + rate × window` requests
 * in any window. That sum is the WAF limit that stands for the bucket: a client within
 * its bucket is never blocked, and one far above it is.
 */

/** The shortest window WAF offers: the closest it comes to a per-second rate. */
export const WAF_WINDOW_SECONDS = 60;

/** AWS WAF's bounds on a rate-based rule's limit. */
export const WAF_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

/** The WAF limit for a window that admits what a token bucket (rate/s, burst) admits. */
export function windowLimit(rate: number, burst: number, windowSeconds: number = WAF_WINDOW_SECONDS): number {
  return Math.min(WAF_LIMIT_RANGE.max, Math.max(WAF_LIMIT_RANGE.min, burst + rate * windowSeconds));
}
