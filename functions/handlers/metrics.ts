/**
 * Metrics handler: `GET /v1/metrics` and `GET /v1/metrics.csv` (signed or with a board
 * session, own court only).
 * Reads bucket summaries only (docs/PERFORMANCE.md, "Metrics").
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { type MetricsReadDeps, readMetrics } from '../../lib/app/metrics-read.js';
import { NotFoundError } from '../../lib/errors.js';
import { metricsCsv } from '../../lib/metrics/csv.js';
import { callerOf, httpErrors, type HttpEvent, httpRequest, type HttpResult, json, queryValue } from '../commons/http.js';
import { logger } from '../commons/logger.js';
import { METRICS_ROUTES } from '../commons/routes.js';

export function makeMetricsHandler(deps: MetricsReadDeps) {
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(httpErrors(logger))
    .handler(async (event) => {
      const request = httpRequest(event);
      const [from, to, team] = [queryValue(request, 'from'), queryValue(request, 'to'), queryValue(request, 'team')];
      const raw = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), ...(team === undefined ? {} : { team }) };
      switch (request.routeKey) {
        case METRICS_ROUTES.json:
          return json(200, await readMetrics(deps, callerOf(request), raw));
        case METRICS_ROUTES.csv: {
          const report = await readMetrics(deps, callerOf(request), raw);
          return {
            statusCode: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': `attachment; filename="metrics-${report.court}-${report.from}-${report.to}.csv"`,
              'cache-control': 'no-store',
            },
            body: metricsCsv(report),
          };
        }
        default:
          throw new NotFoundError(`没有此路由 / no route ${request.routeKey}`);
      }
    });
}
