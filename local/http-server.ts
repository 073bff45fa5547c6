/**
 * The local HTTP front: turns each request into the event the deployed REST API would
 * send (Lambda proxy, payload 1.0), calls the same handler, and writes its result back.
 * As on AWS, the path stays percent-encoded (`event.path`; the handler decodes it once)
 * and the body arrives base64-encoded, byte for byte (the stack declares every media type
 * binary). An optional admission check stands where AWS WAF stands: it may answer 429
 * before the handler runs.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

export type HttpHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface Route {
  readonly method: string;
  /** Path pattern with `{name}` segments, as in API Gateway. */
  readonly path: string;
  readonly handler: HttpHandler;
}

/** What the admission check sees of a request. */
export interface AdmissionRequest {
  readonly route: Route;
  readonly method: string;
  /** Path and query exactly as the request line carried them. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly sourceIp: string;
}

/** Undefined to let the request through, or how long the client must wait. */
export type Admission = (request: AdmissionRequest) => Promise<{ retryAfterSeconds: number } | undefined>;

/** API Gateway refuses bodies above 10 MB; the local front stops reading at 1 MiB. */
const MAX_READ = 1024 * 1024;

export function lambdaContext(functionName: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Matches a raw (still encoded) path against a pattern; parameters come back decoded once, as API Gateway gives them. */
function match(pattern: string, rawPath: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = rawPath.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith('{') && w.endsWith('}')) {
      if (!g) return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        params[w.slice(1, -1)] = g; // the handler refuses it with 400
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_READ) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, result: APIGatewayProxyResult): void {
  // Multi-value headers (`set-cookie`: one per cookie) as API Gateway writes them.
  const multi = Object.fromEntries(Object.entries(result.multiValueHeaders ?? {}).map(([k, v]) => [k, v.map(String)]));
  res.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string> | undefined), ...multi });
  res.end(result.body ?? '');
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

/**
 * How long an idle keep-alive connection stays open: longer than clients keep theirs
 * (undici: 4 s), so a client never sends on a connection the server is closing — a reset
 * a court system would have to retry, seen under heavy load.
 */
const KEEP_ALIVE_MS = 65_000;

export function createHttpServer(routes: readonly Route[], options: { admit?: Admission } = {}): Server {
  const server = createServer((req, res) => {
    void serve(routes, options.admit, req, res).catch(() => {
      // A request line that is no URL, or a client gone mid-body: answer if still possible.
      if (!res.headersSent && !res.writableEnded && !req.socket.destroyed) {
        send(res, { statusCode: 400, headers: jsonHeaders, body: JSON.stringify({ error: 'bad request' }) });
      } else {
        req.socket.destroy();
      }
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 5_000;
  return server;
}

/** Form-decoded query parameters, as API Gateway gives them (`+` is a space). */
function queryParameters(rawQuery: string): { single: Record<string, string>; multi: Record<string, string[]> } | undefined {
  if (!rawQuery) return undefined;
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

async function serve(routes: readonly Route[], admit: Admission | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) throw new Error('not an origin-form request target');
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  const method = req.method ?? 'GET';
  let params: Record<string, string> | undefined;
  const route = routes.find((r) => r.method === method && (params = match(r.path, rawPath)) !== undefined);
  if (!route) {
    const allowed = routes.some((r) => match(r.path, rawPath));
    return send(res, { statusCode: allowed ? 405 : 404, headers: jsonHeaders, body: JSON.stringify({ error: allowed ? 'method not allowed' : `no route ${method} ${rawPath}` }) });
  }
  const body = await readBody(req);
  if (body === undefined) {
    return send(res, { statusCode: 413, headers: jsonHeaders, body: JSON.stringify({ error: 'body is larger than 1 MiB' }) });
  }
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k] = Array.isArray(v) ? (v.at(-1) ?? '') : v;
    multiValueHeaders[k] = Array.isArray(v) ? v : [v];
  }
  const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
  const wait = await admit?.({ route, method, target, headers, body, sourceIp });
  if (wait) {
    return send(res, {
      statusCode: 429,
      headers: { ...jsonHeaders, 'retry-after': String(wait.retryAfterSeconds) },
      body: JSON.stringify({
        error: `请求过于频繁，请 ${wait.retryAfterSeconds} 秒后重试 / too many requests; retry after ${wait.retryAfterSeconds} s`,
        see: 'docs/API.md#rate-limits',
      }),
    });
  }
  const query = queryParameters(rawQuery);
  const now = Date.now();
  const event: APIGatewayProxyEvent = {
    resource: route.path,
    path: rawPath,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: query?.single ?? null,
    multiValueQueryStringParameters: query?.multi ?? null,
    pathParameters: params && Object.keys(params).length ? params : null,
    stageVariables: null,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      domainName: 'localhost',
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp,
        user: null,
        userAgent: headers['user-agent'] ?? null,
        userArn: null,
      },
      path: rawPath,
      protocol: 'HTTP/1.1',
      requestId: randomUUID(),
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: route.path,
      stage: 'local',
    },
    body: body.length ? body.toString('base64') : null,
    isBase64Encoded: body.length > 0,
  };
  try {
    send(res, await route.handler(event, lambdaContext(`${method} ${route.path}`)));
  } catch {
    send(res, { statusCode: 500, headers: jsonHeaders, body: JSON.stringify({ error: 'internal error' }) });
  }
}
