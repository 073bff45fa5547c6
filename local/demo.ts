/**
 * `npm run demo`: a month of a small court (events/month-2026-10.json) replayed against
 * the local mode over signed HTTP, the scan run at 18:00 each day, and the notices
 * printed as the managers would receive them. It ends with the overdue nodes by team
 * (and how the latest one's due time was counted), the month's metrics and the
 * command-centre board's login URL (kept serving while the demo runs in a terminal;
 * Ctrl-C ends it).
 */
import './quiet-env.js';
import { rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createLegalCalendar } from '../lib/calendar.js';
import { LEVEL_NAMES, TEAM_NAMES } from '../lib/notice-text.js';
import { civilParts, weekday } from '../lib/time.js';
import { DEMO_MONTH, type DemoSystem, replayMonth, startDemoSystem } from './demo-month.js';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const levelName = (l: string | undefined) => (l ? (LEVEL_NAMES[l as keyof typeof LEVEL_NAMES] ?? l) : '尚未发出');
const teamName = (t: string) => TEAM_NAMES[t as keyof typeof TEAM_NAMES] ?? t;

interface OverdueNode {
  caseNo: string;
  node: string;
  label: string;
  instance?: string;
  team: string;
  level?: string;
  late: string;
}

interface CaseAnswer {
  nodes: Array<{ id: string; instance?: string; label: string; basis?: { seed: string; law: string[] }; steps?: Array<{ rule: string; note: string }> }>;
}

async function main(): Promise<void> {
  const started = Date.now();
  // DATA_DIR keeps the demo's data (e.g. for `npm run what-if`); without it a temporary directory.
  const kept = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : undefined;
  if (kept && (await stat(join(kept, 'dynamodb')).catch(() => undefined))) {
    throw new Error(`${kept} already holds data; give the demo an empty DATA_DIR`);
  }
  const demo = await startDemoSystem({ port: Number(process.env.PORT ?? 0), ...(kept ? { dataDir: kept } : {}) });
  const { system, dataDir } = demo;
  const calendar = createLegalCalendar();

  console.log(`A month at 武陟县人民法院执行局: ${DEMO_MONTH.from} → ${DEMO_MONTH.to}`);
  console.log(`(replayed over HTTP into ${system.url}; data in ${dataDir})\n`);
  const byLevel: Record<string, number> = {};
  const byTeam: Record<string, number> = {};
  const { posted, events, cases } = await replayMonth(demo, ({ day, events: count, notices }) => {
    const { month, day: dom } = civilParts(day);
    const kind = calendar.isRestDay(day) ? '休' : weekday(day) === 0 || weekday(day) === 6 ? '班' : '  ';
    const head = `${month}月${dom}日 周${WEEKDAYS[weekday(day)]} ${kind}  ${count} events`;
    if (!notices.length) return console.log(`${head} · no notice`);
    console.log(`${head} · ${notices.length} notice(s) at 18:00`);
    for (const n of notices) {
      const team = teamName(n.attributes.team ?? '');
      byLevel[n.attributes.level ?? ''] = (byLevel[n.attributes.level ?? ''] ?? 0) + 1;
      byTeam[team] = (byTeam[team] ?? 0) + 1;
      console.log(`    → ${team}: ${n.message}`);
    }
  });

  console.log(`\n${events} events of ${cases} cases; notices by level:`, Object.entries(byLevel).map(([l, c]) => `${levelName(l)} ${c}`).join(', '));
  console.log('Notices by team: ', Object.entries(byTeam).map(([t, c]) => `${t} ${c}`).join(', '));
  await printOverdue(demo);
  await printMetrics(demo);
  console.log(`\n${posted} events accepted, ${system.outbox.list().length} notices in ${join(dataDir, 'notices.jsonl')}, ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const finish = async () => {
    await system.close();
    if (kept || process.env.KEEP_DEMO_DATA) {
      console.log(`数据保留在 data kept in ${dataDir} — e.g. DATA_DIR=${kept ? process.env.DATA_DIR : dataDir} npm run what-if -- --SimpleCaseDays=20 --at ${DEMO_MONTH.to}T18:15:00+08:00`);
    } else {
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  console.log(`\n指挥中心看板 / command-centre board (as of ${DEMO_MONTH.endsAt}):\n  ${system.loginUrl()}`);
  if (!process.stdout.isTTY || !process.stdin.isTTY) return finish();
  console.log('  serving until Ctrl-C');
  process.once('SIGINT', () => void finish().then(() => process.exit(0)));
}

/** The command centre's view on the last evening: every overdue node, by the team that acts on it. */
async function printOverdue(demo: DemoSystem): Promise<void> {
  const overdue = await demo.call<{ nodes: OverdueNode[]; total: number; asOf: string }>('GET', '/v1/board/overdue');
  const nodes = overdue.body.nodes;
  console.log(`\nOverdue on ${overdue.body.asOf.slice(0, 16).replace('T', ' ')}: ${overdue.body.total} node(s) of ${new Set(nodes.map((n) => n.caseNo)).size} case(s)`);
  for (const team of [...new Set(nodes.map((n) => n.team))]) {
    const mine = nodes.filter((n) => n.team === team);
    console.log(`  ${teamName(team)} (${mine.length}):`);
    for (const n of mine) console.log(`    ${n.caseNo}  ${n.instance ? `${n.label}(${n.instance})` : n.label}  超期${n.late}  [${levelName(n.level)}]`);
  }
  // Every node explains its due time (docs/API.md "案件视图"): the latest one's counting.
  const latest = nodes[0];
  if (!latest) return;
  const view = await demo.call<CaseAnswer>('GET', `/v1/cases/${encodeURIComponent(latest.caseNo)}`);
  const node = view.body.nodes.find((n) => n.id === latest.node && n.instance === latest.instance);
  if (!node?.basis || !node.steps) return;
  console.log(`\n  ${latest.caseNo} ${node.label}: ${node.basis.seed} · ${node.basis.law.join('、')}`);
  for (const s of node.steps) console.log(`    · ${s.note}`);
}

/** The month's metrics (CONTRACT §6), when the server offers them. */
async function printMetrics(demo: DemoSystem): Promise<void> {
  const res = await demo.call('GET', '/v1/metrics?from=2026-10-01&to=2026-11-01');
  if (res.status !== 200) return;
  const m = res.body as Record<string, unknown> & { timeToDisposition?: { medianDays?: number | null; withinClock?: number | null }; pendingAge?: Record<string, unknown> };
  const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
  console.log('\nMetrics of October 2026 (GET /v1/metrics?from=2026-10-01&to=2026-11-01):');
  console.log(`  新收 ${String(m.filed)} · 结案 ${String(m.closed)} · 结收比 ${pct(m.clearanceRate)} · 结案用时中位数 ${m.timeToDisposition?.medianDays ?? '—'} 天 · 期限内结案 ${pct(m.timeToDisposition?.withinClock)}`);
  console.log(`  实际执行率 ${pct(m.performedRate)} · 终本率 ${pct(m.terminationRate)} · 法定期限内结案率 ${pct(m.withinStatutoryLimit)}`);
  if (m.pendingAge) console.log(`  未结案件账龄 ${Object.entries(m.pendingAge).map(([k, v]) => `${k}: ${typeof v === 'number' && k === 'backlog' ? pct(v) : String(v)}`).join(' · ')}`);
}

main().catch((error: unknown) => {
  console.error('demo failed:', (error as Error).message);
  process.exit(1);
});
