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
} as const;

/** CloudWatch namespace of every metric the functions emit. */
export const METRICS_NAMESPACE = 'EnforcementDeadlines';
