/**
 * Apply handler (SQS): triage and node updates. Messages are grouped by case, each case
 * applied once per batch; a case that fails is reported as a partial batch failure so
 * only its messages return to the queue (and, after the redrive limit, the dead-letter
 * queue).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type ApplyDeps, applyCaseWork } from '../../lib/app/apply.js';
import { mapLimit } from '../../lib/app/concurrency.js';
import type { StoredEvent } from '../../lib/events.js';
import { decodeCaseMessage } from '../adapters/sqs-case-queue.js';
import { logger } from '../commons/logger.js';
import { metrics } from '../commons/metrics.js';

export function makeApplyHandler(deps: ApplyDeps) {
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
    const failures: string[] = [];
    const byCase = new Map<string, { messageIds: string[]; events: StoredEvent[]; importedAt?: number }>();
    for (const record of event.Records) {
      try {
        const work = decodeCaseMessage(record.body);
        const group = byCase.get(work.caseNo) ?? { messageIds: [], events: [] };
        group.messageIds.push(record.messageId);
        group.events.push(...work.events);
        // Several imports of one case in a batch: the latest moment covers them all.
        if (work.importedAt !== undefined) group.importedAt = Math.max(group.importedAt ?? 0, work.importedAt);
        byCase.set(work.caseNo, group);
      } catch {
        logger.error('queue message is not a case message', { messageId: record.messageId });
        failures.push(record.messageId);
      }
    }
    const outcomes: Record<string, number> = {};
    await mapLimit([...byCase.entries()], 8, async ([caseNo, group]) => {
      try {
        const outcome = await applyCaseWork(deps, { caseNo, events: group.events, ...(group.importedAt === undefined ? {} : { importedAt: group.importedAt }) });
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      } catch (error) {
        const e = error as Error;
        logger.warn('case not applied; returned to the queue', { messageIds: group.messageIds, errorName: e.name });
        failures.push(...group.messageIds);
      }
    });
    logger.info('cases applied', { ...outcomes, failed: failures.length });
    metrics.addMetric('CasesApplied', MetricUnit.Count, outcomes.applied ?? 0);
    metrics.addMetric('ApplyFailures', MetricUnit.Count, failures.length);
    metrics.publishStoredMetrics();
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  });
}
