/**
 * `GET /v1/metrics` (CONTRACT §6): the metrics of a period for the signing court, built
 * from bucket summaries only — one item per day of the period (and per day since, for
 * the pending caseload at its end) and one per open-caseload shard, whatever the size of
 * the court's history (docs/PERFORMANCE.md, "Metrics"). They count what the roll-up
 * pass after the last scan had written (`rolledUpAt`).
 */
import { ALL_OPEN_BUCKETS, dayBucket } from '../metrics/contributions.js';
import { buildReport, daysToRead, type MetricsReport, parseMetricsQuery, type RawMetricsQuery } from '../metrics/report.js';
import type { BucketSums } from '../metrics/summaries.js';
import type { MetricsStore } from '../ports.js';
import { chinaDateOf } from '../time.js';
import { type AccessDeps, type Caller, callerCourt } from './access.js';

export interface MetricsReadDeps extends AccessDeps {
  readonly metrics: Pick<MetricsStore, 'summaries' | 'lastPass'>;
}

/** The report of a court for a query (checked here): from the stored summaries alone. */
export async function metricsOf(deps: Pick<MetricsReadDeps, 'metrics' | 'now'>, court: string, raw: RawMetricsQuery): Promise<MetricsReport> {
  const query = parseMetricsQuery(raw);
  const now = deps.now();
  const days = daysToRead(query, chinaDateOf(now));
  const buckets = [...days.map(dayBucket), ...ALL_OPEN_BUCKETS];
  const [sums, rolledUpAt] = await Promise.all([deps.metrics.summaries(court, buckets), deps.metrics.lastPass()]);
  const dayMap = new Map<string, BucketSums>();
  for (const day of days) {
    const s = sums.get(dayBucket(day));
    if (s) dayMap.set(day, s);
  }
  const open = ALL_OPEN_BUCKETS.flatMap((b) => (sums.has(b) ? [sums.get(b) as BucketSums] : []));
  return buildReport(query, { court, now, days: dayMap, open, ...(rolledUpAt === undefined ? {} : { rolledUpAt }) });
}

/** `GET /v1/metrics?from=&to=&team=` with the court API signature or the board's session (own court only). */
export async function readMetrics(deps: MetricsReadDeps, caller: Caller, raw: RawMetricsQuery): Promise<MetricsReport> {
  return metricsOf(deps, await callerCourt(deps, caller), raw);
}
