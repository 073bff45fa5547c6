// 质效指标: the period's figures (CONTRACT §6; CourTools 2–4 and the court's own rates),
// charts of the pending caseload's age, on-time shares per node and notices per level,
// and the same as a CSV file Excel opens.
import { getJson, query } from './api.js';
import { barChart } from './chart.js';
import { empty, h, named, percent } from './format.js';

const AGE_BANDS = ['0-30', '31-90', '91-180', '181-365', '366+'];

/** Today in China, and the first days of this and the next month (`YYYY-MM-DD`). */
function thisMonth() {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const [y, m] = today.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${today.slice(0, 7)}-01`, to: next };
}


function card(label, value, sub) {
  return h('div', { class: 'card' }, h('span', { class: 'label' }, label), h('strong', {}, value), sub ? h('span', { class: 'sub' }, sub) : null);
}

export async function renderMetrics({ labels, team, params, setParams, session }) {
  const period = { ...thisMonth(), ...Object.fromEntries(['from', 'to'].filter((k) => params.get(k)).map((k) => [k, params.get(k)])) };
  const q = query({ from: period.from, to: period.to, team });
  let m;
  try {
    m = await getJson(`v1/metrics${q}`);
  } catch (error) {
    if (error.status !== 404) throw error;
    return h('section', { class: 'panel' }, h('h2', {}, '质效指标'), empty('本系统尚未提供质效指标接口（GET /v1/metrics）。'));
  }

  const form = h('form', { class: 'period', onsubmit: (e) => { e.preventDefault(); const f = new FormData(e.target); setParams({ from: f.get('from'), to: f.get('to') }); } },
    h('label', {}, '自 ', h('input', { type: 'date', name: 'from', value: period.from, required: true })),
    h('label', {}, '至（不含） ', h('input', { type: 'date', name: 'to', value: period.to, required: true })),
    h('button', { type: 'submit' }, '查询'),
    h('a', { class: 'button', href: `v1/metrics.csv${q}`, download: `质效指标_${session.court}_${period.from}_${period.to}.csv`, 'data-testid': 'csv' }, '下载 CSV（Excel）'),
  );

  const ttd = m.timeToDisposition || {};
  const cards = h('div', { class: 'cards' },
    card('新收', String(m.filed ?? '—'), '期间立案'),
    card('结案', String(m.closed ?? '—'), '期间结案'),
    card('结收比', percent(m.clearanceRate), '结案 ÷ 新收'),
    card('结案用时中位数', ttd.medianDays === null || ttd.medianDays === undefined ? '—' : `${ttd.medianDays} 天`, `结案期限内结案 ${percent(ttd.withinClock)}`),
    card('实际执行率', percent(m.performedRate), '执行完毕 ÷ 结案'),
    card('终本率', percent(m.terminationRate), '终结本次执行 ÷ 结案'),
    card('法定期限内结案率', percent(m.withinStatutoryLimit), '扣除暂停期间'),
    card('超期未结', percent((m.pendingAge || {}).backlog), `截至 ${(m.pendingAge || {}).at || period.to} 未结 ${(m.pendingAge || {}).open ?? '—'} 件中超过结案期限的比例`),
  );

  const age = m.pendingAge || {};
  const ageChart = barChart(AGE_BANDS.map((b) => ({ label: `${b} 天`, value: Number(age[b] || 0) })), { title: '未结案件账龄' });

  // Nodes done in the period: the share done by their due time, and how many were done.
  const onTime = Object.entries(m.onTime || {}).filter(([, share]) => typeof share === 'number');
  const counts = m.onTimeCounts || {};
  const onTimeChart = onTime.length
    ? barChart(
        onTime.map(([id, share]) => ({
          label: named(labels.nodes, id),
          value: share,
          text: `${percent(share)}${counts[id] ? `（${counts[id].onTime}/${counts[id].done}）` : ''}`,
          className: share < 0.9 ? 'low' : '',
        })),
        { max: 1, title: '节点按期完成率' },
      )
    : empty('期间没有完成的节点。');

  const notices = Object.entries(m.notices || {});
  const noticeChart = notices.length
    ? barChart(notices.map(([l, n]) => ({ label: named(labels.levels, l), value: Number(n), className: `level-${l}` })), { title: '各级通知数' })
    : empty('期间没有发出通知。');

  return h('div', {},
    h('section', { class: 'panel' }, h('h2', {}, '质效指标', team ? ` · ${named(labels.teams, team)}` : ''), form, cards),
    h('section', { class: 'panel' }, h('h2', {}, `未结案件账龄（截至 ${period.to}）`), ageChart),
    h('section', { class: 'panel' }, h('h2', {}, '节点按期完成率'), onTimeChart),
    h('section', { class: 'panel' }, h('h2', {}, '通知（按级别）'), noticeChart),
    h('section', { class: 'panel muted' }, h('p', {}, '口径见《管理人员使用说明》“质效指标”一节。比例在除数为零时显示“—”。')),
  );
}
