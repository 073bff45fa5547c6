/**
 * The command-centre board's part of the OpenAPI document (CONTRACT §6): its reads,
 * which take a court signature or the board's session cookie, and its pages and sign-in.
 */
type Json = Record<string, unknown>;

/** The board's session: the HttpOnly cookie set by its login. */
export const BOARD_SESSION_SCHEME: Json = {
  BoardSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'board_session',
    description:
      '看板登录后浏览器持有的会话 Cookie（HttpOnly、SameSite=Strict，12 小时），只能读取登录法院的数据。本地模式由 npm start 打印的登录链接取得，云上由本院统一身份认证取得。\n\n' +
      'The session cookie of the command-centre board (HttpOnly, SameSite=Strict, 12 hours): reads of the signed-in court only. Local mode: the login URL `npm start` prints; AWS: the court\'s OpenID Connect sign-in.',
  },
};

const SIGNED_OR_SESSION = [{ CourtId: [], Timestamp: [], Signature: [] }, { BoardSession: [] }];
const errors = (...codes: Array<[number, string]>) => Object.fromEntries(codes.map(([status, name]) => [String(status), { $ref: `#/components/responses/${name}` }]));
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

export function boardPaths(ref: (name: string) => Json): Json {
  const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
  const team = {
    name: 'team',
    in: 'query',
    required: false,
    description: '只看承办该节点的团队（空 = 全部；事务性节点归 service）/ only nodes this team acts on (empty = all; service nodes belong to `service`)',
    schema: { type: 'string', enum: ['', 'service', 'simple', 'ordinary', 'large', 'emergency', 'financial'] },
  };
  const read = (operationId: string, summary: string, description: string, schema: string, parameters: Json[] = []) => ({
    get: {
      operationId,
      tags: ['board'],
      summary,
      description,
      security: SIGNED_OR_SESSION,
      parameters,
      responses: { '200': json(schema, summary), ...errors([400, 'BadRequest'], [401, 'Unauthorized'], [429, 'TooManyRequests'], [503, 'Unavailable']) },
    },
  });
  const page = (operationId: string, summary: string, responses: Json, method = 'get', parameters: Json[] = []) => ({
    [method]: { operationId, tags: ['board'], summary, security: [], parameters, responses },
  });
  return {
    '/v1/board/session': read('boardSession', '当前登录 / Who is signed in', '登录的法院、用户、到期时刻，以及看板显示的各类代码的中文名称。The signed-in court, user and end of the session, and the Chinese names of every code the board shows.', 'BoardSession'),
    '/v1/board/overview': read(
      'boardOverview',
      '总览：团队 × 级别的超期节点，24 小时内到期的节点 / Overview: overdue nodes by team × level, nodes due within 24 h',
      '按请求时刻计算，与案件视图一致；`none` 为已超期、尚未发出催办的节点。As of the request, as the case view judges them; `none`: overdue, not escalated yet.',
      'BoardOverview',
      [team],
    ),
    '/v1/board/overdue': read(
      'boardOverdue',
      '超期清单，超期最久的在前 / Overdue nodes, the latest first',
      '至多 500 个，超出时 `truncated` 为 true。Up to 500 nodes; `truncated` when there are more.',
      'BoardOverdue',
      [team],
    ),
    '/': page('boardHome', '指挥中心看板页面 / The board\'s page', { '200': html('看板 / the board') }),
    '/board/{file}': page('boardAsset', '看板的脚本与样式 / The board\'s scripts and styles', { '200': { description: 'JavaScript, CSS' }, '304': { description: '未改变（ETag）/ not modified' }, ...errors([404, 'NotFound']) }, 'get', [
      { name: 'file', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*\\.(html|js|css|svg|ico)$' } },
    ]),
    '/login': page('boardLogin', '登录看板 / Sign in to the board', {
      '302': { description: '云上：转到本院统一身份认证 / AWS: to the court\'s OpenID Connect provider' },
      '303': { description: '本地模式：令牌正确，设置会话 Cookie 并转到看板 / local mode: the token is right; session cookie set, on to the board' },
      '401': html('令牌错误 / wrong token'),
      '403': html('没有该法院 / no such court'),
      '503': html('未配置统一身份认证 / sign-in not configured'),
    }, 'get', [
      { name: 'token', in: 'query', required: false, description: '本地模式的登录令牌（BOARD_TOKEN）/ the local mode\'s login token', schema: { type: 'string' } },
      { name: 'court', in: 'query', required: false, description: '本地模式：登录哪个法院（默认第一个）/ local mode: the court to sign in to (default the first)', schema: { type: 'string' } },
    ]),
    '/login/callback': page('boardLoginCallback', '统一身份认证回调（云上）/ The provider\'s callback (AWS)', {
      '200': html('已登录，页面自动进入看板 / signed in; the page moves on to the board'),
      '400': html('登录不是从本浏览器发起的或已过期 / not started in this browser, or expired'),
      '401': html('身份令牌无效 / ID token refused'),
      '403': html('账号没有本系统中的法院 / no deployed court in the account'),
    }, 'get', [
      { name: 'code', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'state', in: 'query', required: false, schema: { type: 'string' } },
    ]),
    '/logout': page('boardLogout', '退出登录 / Sign out', { '303': { description: '会话 Cookie 已清除 / session cookie cleared' } }, 'post'),
  };
}
