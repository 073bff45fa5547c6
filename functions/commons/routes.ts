/**
 * The API's routes and metric names: plain constants, so the CDK app can import them
 * without loading any handler code.
 */

export const INTAKE_ROUTE = 'POST /v1/events';

export const READ_ROUTES = {
  case: 'GET /v1/cases/{caseNo}',
  list: 'GET /v1/cases',
  timeline: 'GET /v1/public/cases/{caseNo}/timeline',
  /** The OpenAPI description, no signature: the committed `docs/openapi.json`. */
  openapi: 'GET /v1/openapi.json',
  /** The command-centre board's reads (signed, or with a board session). */
  boardSession: 'GET /v1/board/session',
  boardOverview: 'GET /v1/board/overview',
  boardOverdue: 'GET /v1/board/overdue',
} as const;

/** The board's pages and sign-in (`functions/handlers/board.ts`): no signature, a session cookie after login. */
export const BOARD_ROUTES = {
  home: 'GET /',
  asset: 'GET /board/{file}',
  login: 'GET /login',
  /** Where the court's OpenID Connect provider sends the browser back (AWS). */
  callback: 'GET /login/callback',
  logout: 'POST /logout',
} as const;

/** The leadership metrics (CONTRACT §6): JSON and the same as CSV. */
export const METRICS_ROUTES = {
  json: 'GET /v1/metrics',
  csv: 'GET /v1/metrics.csv',
} as const;

/** CloudWatch namespace of every metric the functions emit. */
export const METRICS_NAMESPACE = 'EnforcementDeadlines';
