/**
 * The court API on AWS: an API Gateway REST API (Lambda proxy) with the routes of
 * `functions/commons/routes.ts`, access logs by route template, and every media type
 * declared binary so the functions receive the body's raw bytes (the v2 signature covers
 * bytes, not decoded text). A REST API and not an HTTP API because AWS WAF — the fair-use
 * limits, `FairUseFirewall` — can be associated with a REST API stage, not with an HTTP
 * API (docs/API.md "限流", README §11).
 */
import { Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BOARD_ROUTES, INTAKE_ROUTE, METRICS_ROUTES, READ_ROUTES } from '../../functions/commons/routes.js';

/** The stage: the base URL is `https://<api>.execute-api.<region>.amazonaws.com/api/`; signed paths start at `/v1/`. */
export const API_STAGE = 'api';

export interface CourtApiProps {
  readonly intake: IFunction;
  readonly read: IFunction;
  /** The leadership metrics (`METRICS_ROUTES`): signed, or with the board's session. */
  readonly metrics: IFunction;
  /** The command-centre board's pages and sign-in (`BOARD_ROUTES`). */
  readonly board: IFunction;
}

export class CourtApi extends Construct {
  readonly api: apigw.RestApi;
  readonly stage: apigw.Stage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CourtApiProps) {
    super(scope, id);
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
    this.api = new apigw.RestApi(this, 'Api', {
      description: 'Enforcement deadline supervisor: court systems post events and read cases (HMAC-signed v2, docs/API.md)',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      binaryMediaTypes: ['*/*'],
      cloudWatchRole: false,
      deployOptions: {
        stageName: API_STAGE,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        // Route templates, never paths or query strings: case numbers and the public
        // timeline's access code stay out of the logs.
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            resource: '$context.resourcePath',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            waf: '$context.wafResponseCode',
            error: '$context.error.message',
          }),
        ),
      },
    });
    this.stage = this.api.deploymentStage;
    Validations.of(this.stage).acknowledge({
      id: 'AwsSolutions-APIG6',
      reason:
        'Execution logging needs an account-wide API Gateway CloudWatch role that this stack would take over from others in the account; every request is already in the access log (route template, status, latency, WAF verdict, integration error) and each function logs its own faults.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'The functions validate every request themselves, event by event, and answer per event (docs/API.md); an API Gateway request validator would refuse a whole batch for one bad event and cannot check the signature over the raw body.',
    });
    this.api.addGatewayResponse('NoSuchRoute', {
      type: apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN,
      statusCode: '404',
      templates: { 'application/json': '{"error":"没有此路由 / no such route","see":"docs/API.md#routes"}' },
    });

    const integrations = {
      intake: new apigw.LambdaIntegration(props.intake),
      read: new apigw.LambdaIntegration(props.read),
      metrics: new apigw.LambdaIntegration(props.metrics),
    };
    const routes: Array<[string, apigw.LambdaIntegration]> = [
      [INTAKE_ROUTE, integrations.intake],
      ...Object.values(READ_ROUTES).map((key): [string, apigw.LambdaIntegration] => [key, integrations.read]),
      ...Object.values(METRICS_ROUTES).map((key): [string, apigw.LambdaIntegration] => [key, integrations.metrics]),
    ];
    this.addRoutes(routes, {
      apig4:
        'Authorization happens in the function: court systems sign each request with HMAC-SHA256 over the method, path, query and raw body (docs/API.md), which an API Gateway authorizer cannot see (no body), and the board sends its HttpOnly session cookie instead; the public timeline is authorized by its per-case access code; GET /v1/openapi.json is public documentation.',
      cog4: 'Callers are court systems with shared HMAC secrets, board users with a session the board function issued after the court\'s OpenID Connect sign-in, parties with per-case access codes and readers of the public OpenAPI document; all are checked in the function (docs/API.md).',
    });
    // The board: its pages hold no data; /login is where a user without a session gets one.
    const board = new apigw.LambdaIntegration(props.board);
    this.addRoutes(
      Object.values(BOARD_ROUTES).map((key): [string, apigw.LambdaIntegration] => [key, board]),
      {
        apig4:
          'The board\'s pages and its sign-in routes are public by design: the files hold no data, and /login is where a user without a session goes to get one from the court\'s OpenID Connect provider; every data read checks the session cookie in the read function.',
        cog4: 'The board signs users in with the court\'s own OpenID Connect provider or a Cognito user pool (BoardIssuer), in the board function (authorization code + PKCE), not with an API Gateway Cognito authorizer: the pages and /login must be reachable before sign-in.',
      },
    );
  }

  /** Routes without an API Gateway authorizer, each with the reasons cdk-nag is told why. */
  private addRoutes(routes: ReadonlyArray<[string, apigw.LambdaIntegration]>, reasons: { readonly apig4: string; readonly cog4: string }): void {
    for (const [key, integration] of routes) {
      const route = this.addRoute(key, integration);
      Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: reasons.apig4 });
      Validations.of(route).acknowledge({ id: 'AwsSolutions-COG4', reason: reasons.cog4 });
    }
  }

  private addRoute(key: string, integration: apigw.LambdaIntegration): apigw.Method {
    const [method = 'GET', path = '/'] = key.split(' ');
    const resource = path === '/' ? this.api.root : this.api.root.resourceForPath(path);
    return resource.addMethod(method, integration, { authorizationType: apigw.AuthorizationType.NONE });
  }
}
