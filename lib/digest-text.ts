/**
 * The digest as people and systems read it: a Chinese e-mail (subject and body), a short
 * Chinese summary for SMS, and JSON for HTTPS subscribers. Lists are capped so that one
 * SNS message (all protocols together, 256 KiB) always fits; the counts are always whole.
 */
import type { Digest, DigestFinding, DigestNode } from './digest.js';
import { LEVEL_NAMES, TEAM_NAMES } from './notice-text.js';
import { CHINA_OFFSET_MS } from './time.js';

/** Items listed per section in the e-mail and in the JSON; the rest are counted. */
export const DIGEST_LIST_MAX = 50;

const clip = <T>(items: readonly T[]) => items.slice(0, DIGEST_LIST_MAX);

/** `11月30日08:00` of an ISO time in +08:00. */
function shortTime(iso: string): string {
  const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日${hh}:${mm}`;
}

export const digestTeamName = (d: Pick<Digest, 'team'>) => (d.team === 'all' ? '执行局长' : TEAM_NAMES[d.team]);

/** E-mail subject. */
export function digestSubject(d: Digest): string {
  const head = d.team === 'all' ? '【执行局每日督办简报·局长】' : `【执行局每日督办简报】${TEAM_NAMES[d.team]}`;
  const counts = [`超期${d.overdue.length}项`, `下次简报前到期${d.dueSoon.length}项`];
  if (d.team === 'all') counts.push(`督办${d.supervised?.length ?? 0}项`, `通报${d.reported?.length ?? 0}项`);
  if (d.findings.length) counts.push(`新发现问题${d.findings.length}项`);
  return `${head}${shortTime(d.at)}：${counts.join('，')}`.slice(0, 99);
}

/** The ≤ 140-character summary (SMS, and SNS's default text). */
export function digestSummary(d: Digest): string {
  const who = d.team === 'all' ? '局长' : TEAM_NAMES[d.team];
  const extra = d.team === 'all' ? `，督办${d.supervised?.length ?? 0}项，通报${d.reported?.length ?? 0}项` : '';
  const findings = d.findings.length ? `，新发现问题${d.findings.length}项` : '';
  return `【督办简报】${who}${shortTime(d.at)}：超期${d.overdue.length}项，下次简报前到期${d.dueSoon.length}项${extra}${findings}。详见邮件或指挥中心看板。`;
}

function nodeLine(i: number, n: DigestNode): string {
  const level = n.level ? `，${n.suppressed ? '导入前已' : '已'}${LEVEL_NAMES[n.level]}` : '';
  return `${i + 1}. ${n.caseNo}「${n.label}」期限${n.due}，${n.lateness}${level}（${TEAM_NAMES[n.team]}）`;
}

function findingLine(i: number, f: DigestFinding): string {
  return `${i + 1}. ${f.caseNo}：${f.text}（依据${f.seed}，${shortTime(f.at)}）`;
}

function section<T>(title: string, items: readonly T[], line: (i: number, item: T) => string): string[] {
  const shown = clip(items).map((item, i) => line(i, item));
  const rest = items.length - shown.length;
  return [`${title}（${items.length}项）`, ...(shown.length ? shown : ['（无）']), ...(rest > 0 ? [`……另有${rest}项，详见指挥中心看板。`] : []), ''];
}

/** The e-mail body, in Chinese. */
export function digestEmail(d: Digest): string {
  const numbers = ['一', '二', '三', '四', '五'];
  const parts: Array<[string, string[]]> = [
    ['已超期节点（按超期时长排序）', d.overdue.map((n, i) => nodeLine(i, n))],
    [`下次简报（${d.nextAt ? shortTime(d.nextAt) : '24小时内'}）前到期的节点`, d.dueSoon.map((n, i) => nodeLine(i, n))],
    ['上次简报以来新发现的问题', d.findings.map((f, i) => findingLine(i, f))],
  ];
  if (d.team === 'all') {
    parts.push(['督办事项（已督办或已报院长批准、尚未办结）', (d.supervised ?? []).map((n, i) => nodeLine(i, n))]);
    parts.push(['通报：上次简报以来新超期的节点', (d.reported ?? []).map((n, i) => nodeLine(i, n))]);
  }
  const lines = [
    `执行局每日督办简报（${digestTeamName(d)}）`,
    `法院：${d.court}，时间：${shortTime(d.at)}${d.previousAt ? `，统计自上次简报（${shortTime(d.previousAt)}）起` : ''}`,
    '',
  ];
  parts.forEach(([title, items], k) => lines.push(...section(`${numbers[k]}、${title}`, items, (_i, line) => line)));
  lines.push(`简报编号：${d.digestId}`);
  return lines.join('\n');
}

/** JSON for HTTPS subscribers: the counts in full, each list up to `DIGEST_LIST_MAX` items. */
export function digestJson(d: Digest): string {
  const list = <T>(items: readonly T[] | undefined) => (items === undefined ? undefined : { total: items.length, items: clip(items) });
  return JSON.stringify({
    kind: 'digest',
    digestId: d.digestId,
    court: d.court,
    team: d.team,
    at: d.at,
    ...(d.previousAt ? { previousAt: d.previousAt } : {}),
    ...(d.nextAt ? { nextAt: d.nextAt } : {}),
    subject: digestSubject(d),
    summary: digestSummary(d),
    overdue: list(d.overdue),
    dueSoon: list(d.dueSoon),
    findings: list(d.findings),
    ...(d.team === 'all' ? { supervised: list(d.supervised), reported: list(d.reported) } : {}),
  });
}
