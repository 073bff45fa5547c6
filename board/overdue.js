// 超期清单: every overdue node of the court, the latest first.
import { getJson, query } from './api.js';
import { caseLink, due, empty, h, levelBadge, named, table } from './format.js';

export async function renderOverdue({ labels, team }) {
  const data = await getJson(`v1/board/overdue${query({ team })}`);
  const year = data.asOf.slice(0, 4);
  const title = `超期清单${team ? ` · ${named(labels.teams, team)}` : ''}`;
  const list = data.nodes.length
    ? table(
        ['案号', '节点', '团队', '级别', '期限', '超期'],
        data.nodes.map((n) => [
          caseLink(n.caseNo),
          n.instance ? `${n.label}（${n.instance}）` : n.label,
          named(labels.teams, n.team),
          levelBadge(labels, n.level),
          due(n.dueAt, year),
          h('td', { class: 'late' }, n.late),
        ]),
        { class: 'list overdue', 'aria-label': '超期节点' },
      )
    : empty(team ? '该团队没有超期节点。' : '没有超期节点。');
  return h(
    'div',
    { dataset: { asOf: data.asOf } },
    h('section', { class: 'panel' },
      h('h2', {}, title, ' ', h('span', { class: 'count' }, `${data.total} 个节点`)),
      data.truncated ? h('p', { class: 'muted' }, `只列出超期最久的 ${data.nodes.length} 个。`) : null,
      list),
  );
}
