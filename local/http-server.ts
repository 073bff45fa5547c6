/**
 * The local HTTP front: turns each request into the API Gateway (HTTP API, payload 2.0)
 * event the deployed API would send, calls the same handler, and writes its result back.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Route {
  readonly method: string;
  /** Path pattern with `{name}` segments, as in API Gateway. */
  readonly path: string;
  readonly handler: HttpHandler;
}

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

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
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
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_READ) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  res.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string> | undefined) });
  res.end(result.body ?? '');
}

export function createHttpServer(routes: readonly Route[]): Server {
  return createServer((req, res) => {
    void serve(routes, req, res).catch(() => {
      // A request line that is no URL, or a client gone mid-body: answer if still possible.
      if (!res.headersSent && !res.writableEnded && !req.socket.destroyed) {
        send(res, { statusCode: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'bad request' }) });
      } else {
        req.socket.destroy();
      }
    });
  });
}

async function serve(routes: readonly Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  let params: Record<string, string> | undefined;
  const route = routes.find((r) => r.method === method && (params = match(r.path, url.pathname)) !== undefined);
  if (!route) {
    const allowed = routes.some((r) => match(r.path, url.pathname));
    return send(res, { statusCode: allowed ? 405 : 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: allowed ? 'method not allowed' : `no route ${method} ${url.pathname}` }) });
  }
  const body = await readBody(req);
  if (body === undefined) {
    return send(res, { statusCode: 413, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'body is larger than 1 MiB' }) });
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const routeKey = `${method} ${route.path}`;
  const now = Date.now();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams.entries()) } : {}),
    ...(params && Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body ? { body } : {}),
    isBase64Encoded: false,
  };
  try {
    send(res, await route.handler(event, lambdaContext(routeKey)));
  } catch {
    send(res, { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'internal error' }) });
  }
}
