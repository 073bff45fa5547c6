/**
 * Read handler: `GET /v1/cases/{caseNo}`, `GET /v1/cases` and the board's
 * `GET /v1/board/…` (signed or with a board session, own court only), the parties'
 * `GET /v1/public/cases/{caseNo}/timeline?code=` and `GET /v1/openapi.json`.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { boardOverdue, boardOverview, boardSession } from '../../lib/app/board.js';
import { listCases, readCase, readPublicTimeline, type ReadDeps } from '../../lib/app/read.js';
import { NotFoundError } from '../../lib/errors.js';
import { callerOf, httpErrors, type HttpEvent, httpRequest, type HttpResult, json, queryValue } from '../commons/http.js';
import { READ_ROUTES } from '../commons/routes.js';
import { logger } from '../commons/logger.js';
import { openApiResponse } from './openapi.js';

export function makeReadHandler(deps: ReadDeps) {
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(httpErrors(logger))
    .handler(async (event) => {
      const request = httpRequest(event);
      const q = (name: string) => queryValue(request, name);
      switch (request.routeKey) {
        case READ_ROUTES.case:
          return json(200, await readCase(deps, callerOf(request), request.params.caseNo ?? '', { ...(q('lang') === undefined ? {} : { lang: q('lang') }) }));
        case READ_ROUTES.list: {
          const [team, overdue, cursor, limit] = [q('team'), q('overdue'), q('cursor'), q('limit')];
          return json(
            200,
            await listCases(deps, callerOf(request), {
              ...(team === undefined ? {} : { team }),
              ...(overdue === undefined ? {} : { overdue }),
              ...(cursor === undefined ? {} : { cursor }),
              ...(limit === undefined ? {} : { limit }),
            }),
          );
        }
        case READ_ROUTES.openapi:
          return openApiResponse();
        case READ_ROUTES.boardSession:
          return json(200, await boardSession(deps, callerOf(request)));
        case READ_ROUTES.boardOverview:
          return json(200, await boardOverview(deps, callerOf(request), { ...(q('team') === undefined ? {} : { team: q('team') }) }));
        case READ_ROUTES.boardOverdue:
          return json(200, await boardOverdue(deps, callerOf(request), { ...(q('team') === undefined ? {} : { team: q('team') }) }));
        case READ_ROUTES.timeline:
          return json(200, await readPublicTimeline(deps, request.params.caseNo ?? '', q('code')));
        default:
          throw new NotFoundError(`没有此路由 / no route ${request.routeKey}`);
      }
    });
}
