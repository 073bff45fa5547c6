/**
 * Read handler: `GET /v1/cases/{caseNo}`, `GET /v1/cases` (signed, own court only),
 * the parties' `GET /v1/public/cases/{caseNo}/timeline?code=` and `GET /v1/openapi.json`.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { listCases, readCase, readPublicTimeline, type ReadDeps } from '../../lib/app/read.js';
import { NotFoundError } from '../../lib/errors.js';
import { httpErrors, type HttpEvent, type HttpResult, json, pathParameter, signedRequest } from '../commons/http.js';
import { READ_ROUTES } from '../commons/routes.js';
import { logger } from '../commons/logger.js';
import { openApiResponse } from './openapi.js';

export function makeReadHandler(deps: ReadDeps) {
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(httpErrors(logger))
    .handler(async (event) => {
      const query = event.queryStringParameters ?? {};
      switch (event.routeKey) {
        case READ_ROUTES.case:
          return json(200, await readCase(deps, signedRequest(event), pathParameter(event, 'caseNo') ?? '', query.lang === undefined ? {} : { lang: query.lang }));
        case READ_ROUTES.list:
          return json(
            200,
            await listCases(deps, signedRequest(event), {
              ...(query.team === undefined ? {} : { team: query.team }),
              ...(query.overdue === undefined ? {} : { overdue: query.overdue }),
              ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
              ...(query.limit === undefined ? {} : { limit: query.limit }),
            }),
          );
        case READ_ROUTES.openapi:
          return openApiResponse();
        case READ_ROUTES.timeline:
          return json(200, await readPublicTimeline(deps, pathParameter(event, 'caseNo') ?? '', query.code));
        default:
          throw new NotFoundError(`no route ${event.routeKey}`);
      }
    });
}
