/**
 * The command-centre board's face (CONTRACT §6): its pages (`GET /`, `GET /board/{file}`),
 * the login that turns a token or an OpenID Connect sign-in into a session cookie, and
 * the logout. The pages read everything else through the API (`GET /v1/…`).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { BoardLoginFlow, LoginOutcome } from '../../lib/app/board-login.js';
import { sealSession, sessionCookie } from '../../lib/board-session.js';
import { NotFoundError } from '../../lib/errors.js';
import type { SessionKeys } from '../../lib/ports.js';
import type { Instant } from '../../lib/time.js';
import { ASSET_NAME, type Asset, loadAssets, PAGE_SECURITY_HEADERS } from '../commons/board-assets.js';
import { httpErrors, type HttpEvent, httpRequest, type HttpResult, withCookies } from '../commons/http.js';
import { logger } from '../commons/logger.js';
import { BOARD_ROUTES } from '../commons/routes.js';

export interface BoardDeps {
  /** Directory of the board's files. */
  readonly assetsDir: string;
  readonly login: BoardLoginFlow;
  readonly sessions: SessionKeys;
  /** `Secure` cookies: the board is served over HTTPS (AWS). */
  readonly secureCookies: boolean;
  readonly now: () => Instant;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page in Chinese: a refusal, or the hop that lands a fresh session on the board. */
function page(statusCode: number, title: string, body: string, root: './' | '../' = './'): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...PAGE_SECURITY_HEADERS },
    body:
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(title)}</title><link rel="stylesheet" href="${root}board/style.css"></head>` +
      `<body class="plain"><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  };
}

function asset(file: Asset, ifNoneMatch: string | undefined): HttpResult {
  const headers = { 'content-type': file.type, 'cache-control': 'no-cache', etag: file.etag, ...PAGE_SECURITY_HEADERS };
  if (ifNoneMatch === file.etag) return { statusCode: 304, headers, body: '' };
  return { statusCode: 200, headers, body: file.body };
}

/**
 * The board's address as the browser sees it: the scheme the gateway was reached by, the
 * host, and whatever base path stands in front of the route (the REST API's stage, a
 * custom domain's mapping): `requestContext.path` is the path as requested, `resource`
 * the route's own template.
 */
export function boardUrl(event: HttpEvent): string {
  const h: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) h[k.toLowerCase()] = v;
  const scheme = h['x-forwarded-proto'] ?? 'http';
  const host = h.host ?? event.requestContext.domainName;
  const own = (event.resource ?? '/').replace(/\{[^}]+\}/g, '');
  const path = event.requestContext.path ?? event.path;
  const base = own && path.endsWith(own) ? path.slice(0, path.length - own.length) : '';
  return `${scheme}://${host}${base.replace(/\/$/, '')}/`;
}

export function makeBoardHandler(deps: BoardDeps) {
  let assets: Promise<ReadonlyMap<string, Asset>> | undefined;
  const files = () => (assets ??= loadAssets(deps.assetsDir));

  /** `root`: the way from the route's directory back to the board (`/login` → `./`, `/login/callback` → `../`). */
  async function landed(outcome: LoginOutcome, via: 'redirect' | 'page', root: './' | '../'): Promise<HttpResult> {
    if (outcome.kind === 'refused') return page(outcome.status, '无法登录', `<p>${escapeHtml(outcome.message)}</p><p><a href="${root}">返回看板</a></p>`, root);
    if (outcome.kind === 'redirect') {
      return withCookies({ statusCode: 302, headers: { location: outcome.location, 'cache-control': 'no-store' }, body: '' }, outcome.cookies);
    }
    const key = await deps.sessions.sessionKey();
    if (!key) return page(503, '无法登录', '<p>看板尚未配置会话密钥，请联系管理员。</p>', root);
    const maxAge = (outcome.session.expiresAt - deps.now()) / 1000;
    const cookies = [sessionCookie(sealSession(key, outcome.session), maxAge, { secure: deps.secureCookies }), ...(outcome.clearCookies ?? [])];
    // After a provider's redirect a SameSite=Strict cookie is not sent on the rest of
    // that navigation: a page that moves on by itself starts a new, same-site one.
    if (via === 'page') {
      return withCookies(page(200, '已登录', `<p><a id="go" href="${root}">进入指挥中心看板</a></p><script src="${root}board/landing.js"></script>`, root), cookies);
    }
    return withCookies({ statusCode: 303, headers: { location: root, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' }, cookies);
  }

  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(httpErrors(logger))
    .handler(async (event) => {
      const request = httpRequest(event);
      const query = Object.fromEntries(request.query); // the last value of each parameter
      const cookies = request.headers.cookie ?? '';
      const ifNoneMatch = request.headers['if-none-match'];
      switch (request.routeKey) {
        case BOARD_ROUTES.home: {
          const index = (await files()).get('index.html');
          if (!index) throw new NotFoundError('看板文件缺失 / the board files are missing');
          return asset(index, ifNoneMatch);
        }
        case BOARD_ROUTES.asset: {
          const name = request.params.file ?? '';
          const file = ASSET_NAME.test(name) ? (await files()).get(name) : undefined;
          if (!file) throw new NotFoundError(`没有此文件 / no board file ${name.slice(0, 64)}`);
          return asset(file, ifNoneMatch);
        }
        case BOARD_ROUTES.login:
          return landed(await deps.login.login({ query, cookieHeader: cookies, now: deps.now(), boardUrl: boardUrl(event) }), 'redirect', './');
        case BOARD_ROUTES.callback:
          if (!deps.login.callback) throw new NotFoundError('此部署不使用统一身份认证 / this deployment signs in without a provider');
          return landed(await deps.login.callback({ query, cookieHeader: cookies, now: deps.now(), boardUrl: boardUrl(event) }), 'page', '../');
        case BOARD_ROUTES.logout:
          return withCookies({ statusCode: 303, headers: { location: './', 'cache-control': 'no-store' }, body: '' }, [sessionCookie('', 0, { secure: deps.secureCookies })]);
        default:
          throw new NotFoundError(`没有此路由 / no route ${request.routeKey}`);
      }
    });
}
