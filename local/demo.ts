/**
 * `npm run demo`: a month of a small court (events/month-2026-10.json) replayed against
 * the local mode over signed HTTP, the scan run at 18:00 each day, and the notices
 * printed as the managers would receive them.
 */
import './quiet-env.js';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLegalCalendar } from '../lib/calendar.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { LEVEL_NAMES, TEAM_NAMES } from '../lib/notice-text.js';
import { addDays, civilParts, HOUR_MS, parseOffsetDateTime, startOfChinaDay, weekday } from '../lib/time.js';
import { courtClient } from './court-client.js';
import type { OutboxEntry } from './local-outbox.js';
import { startLocalSystem } from './system.js';

const COURT = 'wuzhi';
const SECRET = 'wuzhi-demo-secret-0123456789';
const MONTH = fileURLToPath(new URL('../events/month-2026-10.json', import.meta.url));
const FROM = '2026-09-28';
const TO = '2026-10-31';
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

interface RawEvent {
  caseNo: string;
  occurredAt: string;
}

/** The parts of the API's answers the demo prints. */
interface Answer {
  results: Array<{ status: string }>;
  notices: OutboxEntry[];
  cases: unknown[];
  caseNo: string;
  team: string;
  triage: { matched: string[] };
  nodes: Array<{ id: string; label: string; status: string; dueAt: string; level?: string; basis: { seed: string; law: string[] }; steps: Array<{ rule: string; note: string }> }>;
}

async function main(): Promise<void> {
  const started = Date.now();
  const events = JSON.parse(await readFile(MONTH, 'utf8')) as RawEvent[];
  // DATA_DIR keeps the demo's data (e.g. for `npm run what-if`); without it a temporary directory.
  const kept = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : undefined;
  if (kept && (await stat(join(kept, 'dynamodb')).catch(() => undefined))) {
    throw new Error(`${kept} already holds data; give the demo an empty DATA_DIR`);
  }
  const dataDir = kept ?? (await mkdtemp(join(tmpdir(), 'supervisor-demo-')));
  const system = await startLocalSystem({ dataDir, port: 0, limits: DEFAULT_LIMITS, courtSecrets: { [COURT]: SECRET } });
  const calendar = createLegalCalendar();
  const url = system.url ?? '';
  // Signed (v2) like any court system; a 429 is waited out as Retry-After says.
  const request = courtClient({ api: url, court: COURT, secret: SECRET });
  const call = (method: string, path: string, body?: string) => request<Answer>(method, path, body);

  console.log(`A month at 武陟县人民法院执行局: ${events.length} events of ${new Set(events.map((e) => e.caseNo)).size} cases, ${FROM} → ${TO}`);
  console.log(`(replayed over HTTP into ${url}; data in ${dataDir})\n`);
  const byLevel: Record<string, number> = {};
  const byTeam: Record<string, number> = {};
  let posted = 0;
  for (let day = FROM; day <= TO; day = addDays(day, 1)) {
    const dayStart = startOfChinaDay(day);
    const today = events.filter((e) => {
      const t = parseOffsetDateTime(e.occurredAt) ?? 0;
      return t >= dayStart && t < dayStart + 24 * HOUR_MS;
    });
    for (let i = 0; i < today.length; i += 100) {
      const res = await call('POST', '/v1/events', JSON.stringify({ events: today.slice(i, i + 100) }));
      if (res.status !== 202) throw new Error(`posting ${day} failed: ${res.status} ${JSON.stringify(res.body)}`);
      posted += res.body.results.filter((r) => r.status === 'accepted').length;
    }
    await system.drain();
    const scan = await call('POST', '/local/scan', JSON.stringify({ time: `${day}T18:00:00+08:00` }));
    const notices = scan.body.notices;
    const { month, day: dom } = civilParts(day);
    const rest = calendar.isRestDay(day);
    const kind = rest ? '休' : weekday(day) === 0 || weekday(day) === 6 ? '班' : '  ';
    if (!notices.length) {
      console.log(`${month}月${dom}日 周${WEEKDAYS[weekday(day)]} ${kind}  ${today.length} events · no notice`);
      continue;
    }
    console.log(`${month}月${dom}日 周${WEEKDAYS[weekday(day)]} ${kind}  ${today.length} events · ${notices.length} notice(s) at 18:00`);
    for (const n of notices) {
      const team = TEAM_NAMES[n.attributes.team as keyof typeof TEAM_NAMES] ?? n.attributes.team;
      byLevel[n.attributes.level ?? ''] = (byLevel[n.attributes.level ?? ''] ?? 0) + 1;
      byTeam[team] = (byTeam[team] ?? 0) + 1;
      console.log(`    → ${team}: ${n.message}`);
    }
  }
  const sample = await call('GET', `/v1/cases/${encodeURIComponent('(2026)豫0823执3101号')}`);
  const overdue = await call('GET', '/v1/cases?overdue=true&limit=100');
  console.log('\nNotices by level:', Object.entries(byLevel).map(([l, c]) => `${LEVEL_NAMES[l as keyof typeof LEVEL_NAMES] ?? l} ${c}`).join(', '));
  console.log('Notices by team: ', Object.entries(byTeam).map(([t, c]) => `${t} ${c}`).join(', '));
  console.log(`Open cases with an overdue node on ${TO}: ${overdue.body.cases.length}`);
  console.log(
    `\n${sample.body.caseNo} (${TEAM_NAMES[sample.body.team as keyof typeof TEAM_NAMES]}, rules ${sample.body.triage.matched.join(' ')}):`,
  );
  for (const n of sample.body.nodes) {
    console.log(`    ${n.label.padEnd(12, '　')} ${n.status.padEnd(8)} due ${n.dueAt}${n.level ? `  [${n.level}]` : ''}`);
  }
  // Every node explains its due time (docs/API.md "案件视图"): show one that a rest day moved.
  const explained = sample.body.nodes.find((n) => n.steps.some((s) => s.rule.startsWith('restDay'))) ?? sample.body.nodes[0];
  if (explained) {
    console.log(`
  ${explained.label}: ${explained.basis.seed} · ${explained.basis.law.join('、')}`);
    for (const s of explained.steps) console.log(`    · ${s.note}`);
  }
  console.log(`\n${posted} events accepted, ${system.outbox.list().length} notices in ${join(dataDir, 'notices.jsonl')}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await system.close();
  if (kept || process.env.KEEP_DEMO_DATA) {
    console.log(`数据保留在 data kept in ${dataDir} — e.g. DATA_DIR=${kept ? process.env.DATA_DIR : dataDir} npm run what-if -- --SimpleCaseDays=20 --at ${TO}T18:15:00+08:00`);
  } else {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('demo failed:', (error as Error).message);
  process.exit(1);
});
