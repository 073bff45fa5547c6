// The command-centre board: a page per hash route, every list filtered by team, the
// overview and the overdue list refreshed every minute (the wall screen stays current).
import { ApiError, getJson } from './api.js';
import { renderCase } from './case.js';
import { h } from './format.js';
import { renderMetrics } from './metrics.js';
import { renderOverdue } from './overdue.js';
import { renderOverview } from './overview.js';

const REFRESH_MS = 60_000;
const PAGES = { overview: renderOverview, overdue: renderOverdue, case: renderCase, metrics: renderMetrics };

const view = document.getElementById('view');
const teamSelect = document.getElementById('team');
let session;
let shown = 0;

/** `#/overdue?team=simple` → { page: 'overdue', params }, `#/case/<caseNo>` → { page: 'case', caseNo }. */
function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = hash.split('?');
  const params = new URLSearchParams(search);
  if (path.startsWith('case/')) return { page: 'case', caseNo: decodeURIComponent(path.slice(5)), params };
  return { page: PAGES[path] && path !== 'case' ? path : 'overview', params };
}

/** Moves to the same page with new query values (the team filter, the metrics period). */
function setParams(values) {
  const { page, caseNo, params } = route();
  for (const [k, v] of Object.entries(values)) {
    if (v) params.set(k, v);
    else params.delete(k);
  }
  const q = params.toString();
  location.hash = `#/${page === 'case' ? `case/${encodeURIComponent(caseNo)}` : page}${q ? `?${q}` : ''}`;
}

function showLogin(message) {
  document.querySelector('.who').hidden = true;
  document.querySelector('.filters').hidden = true;
  view.replaceChildren(
    h('section', { class: 'panel login' },
      h('h2', {}, '请先登录'),
      h('p', {}, message),
      h('p', {}, h('a', { class: 'button', href: 'login' }, '登录')),
      h('p', { class: 'muted' }, '本机运行（npm start）时，请打开启动时终端打印的登录链接；部署在云上时，“登录”将转到本院的统一身份认证。'),
    ),
  );
}

function showError(error) {
  if (error instanceof ApiError && error.status === 401) return showLogin('登录已失效或尚未登录。');
  view.replaceChildren(h('section', { class: 'panel error' }, h('h2', {}, '无法加载'), h('p', {}, error.message || String(error))));
}

async function show() {
  const mine = ++shown;
  const r = route();
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.page === r.page);
  teamSelect.value = r.params.get('team') || '';
  document.querySelector('.filters').hidden = r.page === 'case';
  try {
    const content = await PAGES[r.page]({ session, labels: session.labels, params: r.params, caseNo: r.caseNo, team: r.params.get('team') || '', setParams });
    if (mine !== shown) return; // a later navigation won
    view.replaceChildren(content);
    const asOf = content.dataset && content.dataset.asOf;
    document.getElementById('as-of').textContent = asOf ? `数据截至 ${asOf.slice(0, 16).replace('T', ' ')}` : '';
  } catch (error) {
    if (mine === shown) showError(error);
  }
}

async function start() {
  try {
    session = await getJson('v1/board/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showLogin('查看本院执行案件的节点期限，需要先登录。');
    return showError(error);
  }
  document.title = `执行指挥中心看板 · ${session.court}`;
  document.getElementById('who').textContent = `${session.name || (session.user === 'local' ? '本机登录' : session.user)} · ${session.court}`;
  document.querySelector('.who').hidden = false;
  document.querySelector('.filters').hidden = false;
  for (const [team, name] of Object.entries(session.labels.teams)) teamSelect.append(h('option', { value: team }, name));
  teamSelect.addEventListener('change', () => setParams({ team: teamSelect.value }));
  window.addEventListener('hashchange', show);
  setInterval(() => {
    const { page } = route();
    if (document.visibilityState === 'visible' && (page === 'overview' || page === 'overdue')) show();
  }, REFRESH_MS);
  await show();
}

start();
