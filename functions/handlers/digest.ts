/**
 * Digest handler (EventBridge rule, every day at the `DigestSchedule` time of day): on a
 * digest moment — the schedule's days, and 调休 working days — builds and publishes the
 * morning digests of every court, once per court and moment (`lib/app/digest.ts`); on
 * other days it does nothing. "Now" is the scheduled event's time, so a delayed or
 * retried invocation builds the digest of the moment it was meant for. A publish that
 * failed fails the invocation, so Lambda's retry sends the rest.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { type DigestDeps, type DigestRunReport, runDigest, scheduledDigestMoment } from '../../lib/app/digest.js';
import { toChinaIso } from '../../lib/time.js';
import { logger } from '../commons/logger.js';
import { metrics } from '../commons/metrics.js';

export interface DigestSummary {
  /** The digest moment, or absent when the event's time is none (a weekend, a holiday). */
  readonly at?: string;
  readonly courts: ReadonlyArray<{ court: string; status: string; digests: number; published: number; failed: number }>;
  readonly published: number;
  readonly failed: number;
  readonly casesRead: number;
}

export function summarizeDigest(report: DigestRunReport | undefined): DigestSummary {
  const courts = (report?.courts ?? []).map((c) => ({ court: c.court, status: c.status, digests: c.digests.length, published: c.published, failed: c.failed }));
  return {
    ...(report ? { at: toChinaIso(report.at) } : {}),
    courts,
    published: courts.reduce((n, c) => n + c.published, 0),
    failed: courts.reduce((n, c) => n + c.failed, 0),
    casesRead: report?.casesRead ?? 0,
  };
}

/** Thrown after a run whose publish failed in part: Lambda retries the event, which sends only the rest. */
export class DigestPublishError extends Error {
  override readonly name = 'DigestPublishError';
}

export function makeDigestHandler(deps: DigestDeps) {
  return middy<ScheduledEvent, DigestSummary, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      const time = Date.parse(event.time);
      if (Number.isNaN(time)) throw new TypeError('scheduled event has no valid "time"');
      const at = scheduledDigestMoment(deps.rules, time);
      if (at === undefined) {
        logger.info('no digest at this time (not a digest day)', { time: event.time });
        return summarizeDigest(undefined);
      }
      const started = Date.now();
      const summary = summarizeDigest(await runDigest(deps, { at, runId: context.awsRequestId }));
      logger.info('digest finished', { ...summary });
      metrics.addMetric('DigestsPublished', MetricUnit.Count, summary.published);
      metrics.addMetric('DigestFailures', MetricUnit.Count, summary.failed);
      metrics.addMetric('DigestDuration', MetricUnit.Milliseconds, Date.now() - started);
      metrics.publishStoredMetrics();
      if (summary.failed > 0) throw new DigestPublishError(`${summary.failed} digests were not published; the retry sends them`);
      return summary;
    });
}
