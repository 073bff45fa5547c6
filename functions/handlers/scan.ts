/**
 * Scan handler (EventBridge schedule): "now" is the scheduled event's time, so a delayed
 * or retried invocation judges deadlines as of when it was meant to run. Stops paging
 * 30 s before the Lambda's time is up; what is left stays due for the next run.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { rollupPass, type RollupPassReport } from '../../lib/app/metrics-rollup.js';
import { runScan, type ScanDeps, type ScanReport } from '../../lib/app/scan.js';
import type { Notice } from '../../lib/escalation.js';
import { toChinaIso } from '../../lib/time.js';
import type { MetricsStore } from '../../lib/ports.js';
import { logger } from '../commons/logger.js';
import { metrics } from '../commons/metrics.js';

export const SAFETY_MARGIN_MS = 30_000;

export interface ScanSummary {
  readonly now: string;
  readonly casesRead: number;
  readonly casesUpdated: number;
  readonly published: number;
  /** Notices published by this run (= `published`; the local mode (README "Local mode") names it `sent`). */
  readonly sent: number;
  /** Notices this run held until their `deliverAt` (quiet hours, rest days). */
  readonly held: number;
  readonly cancelled: number;
  readonly superseded: number;
  readonly suppressed: number;
  readonly failed: number;
  readonly alreadySent: number;
  readonly replanned: number;
  readonly incomplete: boolean;
  readonly caseErrors: number;
  readonly replanPending: boolean;
  /** Cases rolled up into the leadership metrics by this run's pass, and cases it left marked. */
  readonly rolledUp: number;
  readonly rollupLeft: number;
  /** What this run published. */
  readonly notices: readonly NoticeSummary[];
  /** What this run held, and until when. */
  readonly heldNotices: ReadonlyArray<NoticeSummary & { deliverAt: string }>;
}

export interface NoticeSummary {
  readonly noticeId: string;
  readonly caseNo: string;
  readonly node: string;
  readonly instance?: string;
  readonly level: string;
  readonly team: string;
}

function noticeSummary(n: Notice): NoticeSummary {
  return { noticeId: n.noticeId, caseNo: n.caseNo, node: n.node, ...(n.instance === undefined ? {} : { instance: n.instance }), level: n.level, team: n.team };
}

export function summarize(report: ScanReport, rollup?: RollupPassReport): ScanSummary {
  return {
    now: new Date(report.now).toISOString(),
    casesRead: report.casesRead,
    casesUpdated: report.casesUpdated,
    published: report.published.length,
    sent: report.published.length,
    held: report.held.length,
    cancelled: report.cancelled,
    superseded: report.superseded,
    suppressed: report.suppressed,
    failed: report.failed,
    alreadySent: report.alreadySent,
    replanned: report.replanned,
    incomplete: report.incomplete,
    caseErrors: report.caseErrors,
    replanPending: report.replanPending,
    rolledUp: rollup?.rolled ?? 0,
    rollupLeft: rollup?.left ?? 0,
    notices: report.published.map(noticeSummary),
    heldNotices: report.held.map((n) => ({ ...noticeSummary(n), deliverAt: toChinaIso(n.deliverAt ?? n.decidedAt) })),
  };
}

/** The scan, and — with the metrics store — the metrics roll-up pass after it. */
export function makeScanHandler(deps: ScanDeps & { readonly metrics?: MetricsStore }) {
  return middy<ScheduledEvent, ScanSummary, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
    const now = Date.parse(event.time);
    if (Number.isNaN(now)) throw new TypeError('scheduled event has no valid "time"');
    const started = Date.now();
    const outOfTime = () => context.getRemainingTimeInMillis() < SAFETY_MARGIN_MS;
    const report = await runScan(deps, { now, runId: context.awsRequestId, outOfTime });
    // Cases whose metrics are not rolled up: the notices just confirmed, and what a crash left.
    const rollup = deps.metrics ? await rollupPass({ ...deps, metrics: deps.metrics }, { now, outOfTime }) : undefined;
    const summary = summarize(report, rollup);
    const { notices: _notices, heldNotices: _held, ...counts } = summary;
    logger.info('scan finished', counts);
    const byLevel: Record<string, number> = {};
    const overdueByTeam: Record<string, number> = {};
    for (const n of report.published) {
      byLevel[n.level] = (byLevel[n.level] ?? 0) + 1;
      if (n.level === 'urge' || n.level === 'approvalSupervisor') overdueByTeam[n.team] = (overdueByTeam[n.team] ?? 0) + 1;
    }
    for (const [level, count] of Object.entries(byLevel)) {
      const single = metrics.singleMetric();
      single.addDimension('level', level);
      single.addMetric('NoticesPublished', MetricUnit.Count, count);
    }
    for (const [team, count] of Object.entries(overdueByTeam)) {
      const single = metrics.singleMetric();
      single.addDimension('team', team);
      single.addMetric('NodesOverdue', MetricUnit.Count, count);
    }
    metrics.addMetric('ScanDuration', MetricUnit.Milliseconds, Date.now() - started);
    metrics.addMetric('ScanCasesRead', MetricUnit.Count, report.casesRead);
    metrics.addMetric('NoticeFailures', MetricUnit.Count, report.failed);
    metrics.addMetric('ScanCaseErrors', MetricUnit.Count, report.caseErrors);
    metrics.addMetric('MetricsRollupLeft', MetricUnit.Count, summary.rollupLeft);
    metrics.addMetric('ScanLag', MetricUnit.Seconds, report.oldestDueAt === undefined ? 0 : Math.max(0, (now - report.oldestDueAt) / 1000));
    metrics.publishStoredMetrics();
    return summary;
  });
}
