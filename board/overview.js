// 总览: overdue nodes by team × level now, and the queue of nodes due within 24 hours.
import { getJson, query } from './api.js';
import { caseLink, due, empty, h, levelBadge, named, table } from './format.js';

export async function renderOverview({ labels, team, session }) {
  const data = await getJson(`v1/board/overview${query({ team })}`);
  const year = data.asOf.slice(0, 4);
  const levelName = (l) => (l === 'none' ? '尚未发出' : named(labels.levels, l));
  const filterLink = (t, text) => h('a', { href: `#/overdue${query({ team: t })}` }, text);
  // The full name on a desk or the wall, the short one on a phone.
  const teamCell = (t) => [h('span', { class: 'long' }, named(labels.teams, t)), h('span', { class: 'short' }, named(labels.teamsShort, t))];
  const cell = (n, cls) => h('td', { class: `num ${n ? cls : 'zero'}` }, String(n));

  const cards = h(
    'div',
    { class: 'cards' },
    h('a', { class: `card ${data.totals.overdue ? 'alert' : 'ok'}`, href: `#/overdue${query({ team })}` },
      h('span', { class: 'label' }, '超期节点'), h('strong', { 'data-testid': 'overdue-total' }, String(data.totals.overdue)), h('span', { class: 'sub' }, `涉及 ${data.totals.cases} 件案件`)),
    h('div', { class: `card ${data.totals.atRisk ? 'warn' : 'ok'}` },
      h('span', { class: 'label' }, `${session.atRiskHours} 小时内到期`), h('strong', {}, String(data.totals.atRisk)), h('span', { class: 'sub' }, '尚未超期，需抓紧办理')),
  );

  const matrix = table(
    ['团队', ...data.levels.map(levelName), '超期合计', `${session.atRiskHours}小时内到期`],
    data.rows.map((row) =>
      h('tr', {},
        h('th', { scope: 'row' }, row.overdueTotal ? filterLink(row.team, teamCell(row.team)) : teamCell(row.team)),
        data.levels.map((l) => cell(row.overdue[l], `level-${l}`)),
        cell(row.overdueTotal, 'total'),
        cell(row.atRisk, 'risk'),
      ),
    ),
    { class: 'matrix', 'aria-label': '各团队超期节点（按督办级别）' },
  );

  const risk = data.atRisk.length
    ? table(
        ['案号', '节点', '团队', '期限', '剩余时间', '已发通知'],
        data.atRisk.map((n) => [caseLink(n.caseNo), n.instance ? `${n.label}（${n.instance}）` : n.label, named(labels.teams, n.team), due(n.dueAt, year), n.dueIn, n.level ? levelBadge(labels, n.level) : '—']),
        { class: 'list', 'aria-label': '即将到期的节点' },
      )
    : empty('24 小时内没有到期的节点。');

  return h(
    'div',
    { dataset: { asOf: data.asOf } },
    cards,
    h('section', { class: 'panel' }, h('h2', {}, '超期节点：团队 × 级别'), matrix,
      h('p', { class: 'muted' }, '“尚未发出”：已超期，催办尚未发出（由下一次扫描发出；夜间和休息日暂缓到早上 8 点）。节点归属于承办它的团队（查询、冻结、送达、款项等事务性节点归事务性工作集约办理团队）。')),
    h('section', { class: 'panel' }, h('h2', {}, `即将到期（${session.atRiskHours} 小时内）`), risk),
  );
}
