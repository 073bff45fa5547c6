/**
 * `GET /v1/metrics.csv`: the same report as CSV that Excel opens — UTF-8 with a byte
 * order mark, CRLF lines, one metric a row: its Chinese name, its id (the path of the
 * value in the JSON report, e.g. `onTime.reception`) and its value (empty for null).
 */
import { LEVELS } from '../escalation.js';
import { CLOSING_KINDS } from '../events.js';
import { NODE_IDS, nodeDefinition } from '../nodes.js';
import { CLOSING_NAMES, LEVEL_NAMES, TEAM_NAMES } from '../notice-text.js';
import { AGE_BANDS, type MetricsReport } from './report.js';

export const CSV_HEADER = ['指标', '代码', '数值'] as const;

type Cell = string | number | null;

/** The rows of a report, in display order: [Chinese name, id, value]. */
export function metricsRows(r: MetricsReport): Array<[string, string, Cell]> {
  const rows: Array<[string, string, Cell]> = [
    ['统计起日（含）', 'from', r.from],
    ['统计止日（不含）', 'to', r.to],
    ['团队', 'team', r.team === null ? '全部团队' : TEAM_NAMES[r.team]],
    ['生成时间', 'asOf', r.asOf],
    ['数据截至（最近一次汇总）', 'rolledUpAt', r.rolledUpAt],
    ['收案数', 'filed', r.filed],
    ['结案数', 'closed', r.closed],
    ['结收案比', 'clearanceRate', r.clearanceRate],
    ['结案用时统计案件数', 'timeToDisposition.closed', r.timeToDisposition.closed],
    ['结案用时中位数（天）', 'timeToDisposition.medianDays', r.timeToDisposition.medianDays],
    ['结案期限内结案率', 'timeToDisposition.withinClock', r.timeToDisposition.withinClock],
    ['执行完毕结案占比', 'performedRate', r.performedRate],
    ['终本率', 'terminationRate', r.terminationRate],
    ['法定期限内结案率', 'withinStatutoryLimit', r.withinStatutoryLimit],
  ];
  for (const kind of CLOSING_KINDS) rows.push([`结案方式：${CLOSING_NAMES[kind]}`, `closings.${kind}`, r.closings[kind]]);
  rows.push(['未结案件统计日', 'pendingAge.at', r.pendingAge.at], ['未结案件数', 'pendingAge.open', r.pendingAge.open]);
  for (const [band] of AGE_BANDS) rows.push([`未结案件：已立案 ${band} 天`, `pendingAge.${band}`, r.pendingAge[band]]);
  rows.push(['超过结案期限的未结案件占比', 'pendingAge.backlog', r.pendingAge.backlog]);
  for (const node of NODE_IDS) {
    const zh = nodeDefinition(node).zh;
    rows.push(
      [`节点按期完成率：${zh}`, `onTime.${node}`, r.onTime[node]],
      [`节点完成数：${zh}`, `onTimeCounts.${node}.done`, r.onTimeCounts[node].done],
      [`节点按期完成数：${zh}`, `onTimeCounts.${node}.onTime`, r.onTimeCounts[node].onTime],
    );
  }
  for (const level of LEVELS) rows.push([`发出通知：${LEVEL_NAMES[level]}`, `notices.${level}`, r.notices[level]]);
  return rows;
}

function cell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  // Quoted when needed; a leading = + - @ would make Excel read a formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function metricsCsv(report: MetricsReport): string {
  const lines = [CSV_HEADER, ...metricsRows(report)].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
