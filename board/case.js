// 案件: every node with how its due time was counted, the notices and what became of
// them, the findings, and the pauses of the case clocks.
import { getJson } from './api.js';
import { due, empty, h, levelBadge, named, table, when } from './format.js';

const nodeName = (n) => (n.instance ? `${n.label}（${n.instance}）` : n.label);

function explanation(node) {
  if (!node.basis && !(node.steps && node.steps.length)) return h('p', { class: 'muted' }, '暂无计算说明。');
  const parts = [];
  if (node.basis) {
    parts.push(h('p', {}, h('strong', {}, '依据：'), `《执行工作方案》${node.basis.seed}`, node.basis.law && node.basis.law.length ? `；${node.basis.law.join('；')}` : ''));
    if (node.basis.text) parts.push(h('blockquote', {}, node.basis.text));
  }
  if (node.steps && node.steps.length) {
    parts.push(h('ol', { class: 'steps' }, node.steps.map((s) => h('li', {}, s.note))));
  }
  return parts;
}

function nodeRows(view, labels, year) {
  const rows = [];
  for (const n of view.nodes) {
    const status = n.paused ? '暂停计时' : n.endedBy ? named(labels.endedBy, n.endedBy) : n.endedByClosing ? named(labels.endedBy, 'closing') : named(labels.nodeStatuses, n.status);
    rows.push(
      h('tr', { class: `node status-${n.status}` },
        h('td', {}, nodeName(n)),
        h('td', {}, h('span', { class: `badge status-${n.status}` }, status), n.late ? h('span', { class: 'badge late' }, '逾期完成') : null),
        h('td', {}, due(n.dueAt, year)),
        h('td', {}, n.doneAt ? when(n.doneAt, year) : '—'),
        h('td', {}, n.level ? levelBadge(labels, n.level) : '—'),
      ),
      h('tr', { class: 'explain' }, h('td', { colspan: '5' }, h('details', {}, h('summary', {}, '期限如何计算'), explanation(n)))),
    );
  }
  return rows;
}

export async function renderCase({ labels, caseNo }) {
  const view = await getJson(`v1/cases/${encodeURIComponent(caseNo)}`);
  const year = (view.filedAt || '').slice(0, 4);
  const labelOf = (id, instance) => {
    const node = view.nodes.find((n) => n.id === id && n.instance === instance) || view.nodes.find((n) => n.id === id);
    return node ? nodeName(node) : id;
  };
  const status = view.status === 'closed' ? `已结案（${named(labels.closings, view.closed && view.closed.kind)}，${when(view.closed && view.closed.at, year)}）` : view.paused ? '办理中（期限暂停计算）' : '办理中';
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, '状态'), h('dd', {}, status),
    h('dt', {}, '承办团队'), h('dd', {}, named(labels.teams, view.team), view.triage.provisional ? '（初步分流）' : ''),
    h('dt', {}, '分流依据'), h('dd', {}, view.triage.matched.length ? view.triage.matched.map((id) => h('span', { class: 'rule', title: (labels.triageRules || {})[id] || '' }, id, ' ', (labels.triageRules || {})[id] || '')) : '—'),
    h('dt', {}, '立案'), h('dd', {}, when(view.filedAt, year)),
    view.overdue ? [h('dt', {}, '超期节点'), h('dd', { class: 'late' }, `${view.overdue} 个`)] : null,
  );
  const notices = view.notices.length
    ? table(['级别', '节点', '状态', '决定时间', '发送 / 计划发送', '内容'],
        view.notices.map((n) => [levelBadge(labels, n.level), labelOf(n.node, n.instance), named(labels.noticeStatuses, n.status), when(n.decidedAt, year), when(n.publishedAt || n.deliverAt, year) || '—', h('td', { class: 'message' }, n.message)]),
        { class: 'list notices' })
    : empty('尚未发出任何通知。');
  const findings = view.findings.length
    ? h('ul', { class: 'findings' }, view.findings.map((f) => h('li', {}, h('strong', {}, named(labels.findings, f.code, '其他问题')), `（${f.seed}，${when(f.at, year)}）`)))
    : empty('没有发现问题。');
  const pauses = (view.pauses || []).length
    ? table(['起', '止', '事由', '批准人'], view.pauses.map((p) => [when(p.from, year), p.to ? when(p.to, year) : '尚在暂停', p.reason, p.approvedBy]), { class: 'list' })
    : empty('期限未曾暂停。');
  const warnings = (view.warnings || []).map((w) => h('p', { class: 'warning' }, named(labels.warnings, w.code, '提示'), w.year ? `（${w.year} 年）` : ''));
  return h('div', { class: 'case-page' },
    h('p', {}, h('a', { href: '#/', onclick: (e) => { if (history.length > 1) { e.preventDefault(); history.back(); } } }, '← 返回')),
    h('section', { class: 'panel' }, h('h2', { class: 'case-title' }, view.caseNo), facts, warnings),
    h('section', { class: 'panel' }, h('h2', {}, '节点与期限'), table(['节点', '状态', '期限', '完成', '已发通知'], nodeRows(view, labels, year), { class: 'list nodes' })),
    h('section', { class: 'panel' }, h('h2', {}, '通知'), notices),
    h('section', { class: 'panel' }, h('h2', {}, '检查发现（一案双查）'), findings),
    h('section', { class: 'panel' }, h('h2', {}, '期限暂停'), pauses),
  );
}
