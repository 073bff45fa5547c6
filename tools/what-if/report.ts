/** The what-if report as text: Chinese first, English beside it. */
import { LEVELS } from '../../lib/escalation.js';
import { TEAMS } from '../../lib/limits.js';
import { nodeDefinition, nodeKey } from '../../lib/nodes.js';
import { LEVEL_NAMES, TEAM_NAMES } from '../../lib/notice-text.js';
import { type Instant, toChinaIso } from '../../lib/time.js';
import { countByLevelAndTeam, noticesNotIn, type WhatIfReport } from './compare.js';

export interface ReportHeader {
  /** `SimpleCaseDays: 30 → 20` lines. */
  readonly changes: readonly string[];
  readonly source: string;
  /** Rows listed per section before "… and N more". */
  readonly rows: number;
}

/** China time to the minute; a day limit's end reads as the legal "24:00" of its last day. */
const time = (t: Instant | undefined): string => {
  if (t === undefined) return '—';
  const text = toChinaIso(t).slice(0, 16).replace('T', ' ');
  return text.endsWith(' 00:00') ? `${toChinaIso(t - 1).slice(0, 10)} 24:00` : text;
};

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)))) ?? [];
  return rows.map((r) =>
    `  ${r
      .map((cell, i) => {
        const w = [...cell].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
        return cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - w));
      })
      .join('  ')}`.trimEnd(),
  );
}

function limited<T>(items: readonly T[], rows: number, line: (item: T) => string[]): string[][] {
  const shown = items.slice(0, rows).map(line);
  return items.length > rows ? [...shown, [`… 另有 ${items.length - rows} 条 / ${items.length - rows} more`]] : shown;
}

export function reportText(report: WhatIfReport, header: ReportHeader): string {
  const out: string[] = [];
  out.push(`假设变更 what-if：${header.changes.join('，')}`);
  out.push(`数据 data：${header.source}`);
  out.push(`未结案件 open cases：${report.openCases}；下次扫描按 next scan at ${toChinaIso(report.at)}`);
  out.push('本工具只读，不改变任何数据 / read only: nothing was changed.');
  out.push('');

  out.push(`期限变动的未完成节点 open nodes whose due time moves：${report.moved.length}`);
  if (report.moved.length) {
    out.push(
      ...table([
        ['案号 case', '节点 node', '原期限 old due (北京时间)', '新期限 new due'],
        ...limited(report.moved, header.rows, (m) => [
          m.caseNo,
          `${nodeDefinition(m.node).zh} ${nodeKey(m.node, m.instance)}`,
          m.oldDueAt === undefined ? '（无 none）' : time(m.oldDueAt),
          m.newDueAt === undefined ? '（不再有 gone）' : time(m.newDueAt),
        ]),
      ]),
    );
  }
  if (report.teamChanges.length) {
    out.push('', `承办团队改变的案件 cases that change team：${report.teamChanges.length}`);
    out.push(...table(limited(report.teamChanges, header.rows, (c) => [c.caseNo, `${TEAM_NAMES[c.from as keyof typeof TEAM_NAMES] ?? c.from} → ${TEAM_NAMES[c.to as keyof typeof TEAM_NAMES] ?? c.to}`])));
  }

  out.push('', `下次扫描将发出的提醒（新参数；括号内为与现行参数之差）/ notices the next scan would send under the new limits (± vs the limits in force)：${report.notices.length}`);
  const now = countByLevelAndTeam(report.notices);
  const before = countByLevelAndTeam(report.currentNotices);
  const teams = TEAMS.filter((t) => LEVELS.some((l) => now.get(l)?.get(t) || before.get(l)?.get(t)));
  if (teams.length) {
    const rows = LEVELS.filter((l) => now.has(l) || before.has(l)).map((level) => [
      `${LEVEL_NAMES[level]} ${level}`,
      ...teams.map((team) => {
        const n = now.get(level)?.get(team) ?? 0;
        const d = n - (before.get(level)?.get(team) ?? 0);
        return `${n}${d ? ` (${d > 0 ? '+' : ''}${d})` : ''}`;
      }),
    ]);
    out.push(...table([['级别 level', ...teams.map((t) => `${TEAM_NAMES[t]} ${t}`)], ...rows]));
  }
  const added = noticesNotIn(report.notices, report.currentNotices);
  const dropped = noticesNotIn(report.currentNotices, report.notices);
  const noticeRow = (n: (typeof added)[number]) => [n.caseNo, `${nodeDefinition(n.node).zh} ${nodeKey(n.node, n.instance)}`, `${LEVEL_NAMES[n.level]} ${n.level}`, TEAM_NAMES[n.team]];
  out.push('', `因变更而新增的提醒 notices only the new limits would send：${added.length}`);
  if (added.length) out.push(...table(limited(added, header.rows, noticeRow)));
  out.push('', `因变更而不再发出的提醒 notices only the limits in force would send：${dropped.length}`);
  if (dropped.length) out.push(...table(limited(dropped, header.rows, noticeRow)));
  return out.join('\n');
}
