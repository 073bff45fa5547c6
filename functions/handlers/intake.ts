/** Intake handler (`POST /v1/events`): parse → `receiveEvents` → 202 with per-event results. */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { type IntakeDeps, receiveEvents } from '../../lib/app/intake.js';
import { httpErrors, type HttpEvent, httpRequest, type HttpResult, json, signedRequest } from '../commons/http.js';
import { logger } from '../commons/logger.js';
import { metrics } from '../commons/metrics.js';

const METRIC: Record<string, string> = { accepted: 'EventsAccepted', duplicate: 'EventsDuplicate', conflict: 'EventsConflict', rejected: 'EventsRejected' };

export function makeIntakeHandler(deps: IntakeDeps) {
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(httpErrors(logger))
    .handler(async (event) => {
      const { court, results } = await receiveEvents(deps, signedRequest(httpRequest(event)));
      const counts: Record<string, number> = {};
      for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
      logger.info('events received', { court, ...counts });
      for (const [status, n] of Object.entries(counts)) metrics.addMetric(METRIC[status] ?? 'EventsOther', MetricUnit.Count, n);
      metrics.publishStoredMetrics();
      return json(202, { results });
    });
}
