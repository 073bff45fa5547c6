/**
 * Chinese names of the codes people see on the command-centre board (CONTRACT §6): a
 * manager reads 催办 and 终本前未再次网络查控, never `urge` or `terminationWithoutRequery`.
 * Team, level and closing names are the notices' own (`notice-text.ts`); node names are the
 * catalog's (`nodes.ts`). The board fetches these tables from the API once per page load
 * (`GET /v1/board/session`), so the words live here only.
 */
import { FINDING_CODES, type FindingCode } from './case-state.js';
import { LEVELS } from './escalation.js';
import { TEAMS } from './limits.js';
import { NODE_IDS, nodeDefinition } from './nodes.js';
import { CLOSING_NAMES, LEVEL_NAMES, TEAM_NAMES, TEAM_SHORT } from './notice-text.js';
import { TRIAGE_RULES } from './triage.js';

/** Checks that are not time limits (一案双查), in words a director acts on. */
export const FINDING_NAMES: Record<FindingCode, string> = {
  terminationWithoutRequery: '终本前未再次启动网络执行查控',
  terminationWithoutRelatedRequery: '终本前未再次进行全省关联案件查询',
  terminationWithoutInterview: '终本前未与申请执行人约谈',
  terminationBeforeThreeMonths: '立案未满三个月即终结本次执行程序',
  receptionNotRecorded: '未记录初次接待申请执行人',
};

/** What became of a notice (the case view's `notices[].status`). */
export const NOTICE_STATUS_NAMES: Readonly<Record<string, string>> = {
  sending: '发送中',
  sent: '已发送',
  held: '暂缓（到时发送）',
  cancelled: '已取消（节点已办结）',
  superseded: '已被更高级别取代',
  suppressed: '导入前已超过（未发送）',
};

/** A node's status at the moment of reading. */
export const NODE_STATUS_NAMES: Readonly<Record<string, string>> = {
  pending: '进行中',
  done: '已完成',
  overdue: '已超期',
};

/** Why a node ended without being done. */
export const ENDED_BY_NAMES: Readonly<Record<string, string>> = {
  closing: '随结案终止',
  release: '措施已解除',
  resumption: '已恢复执行',
};

/** Warnings of the case view. */
export const WARNING_NAMES: Readonly<Record<string, string>> = {
  unknownHolidayYear: '期限落在尚无节假日数据的年份，按仅周末休息计算，请核对',
  eventsSetAside: '部分事件未被采用（其他法院的案号、结案后的事件或重复立案）',
};

/** Every table the board shows, as `GET /v1/board/session` answers it. */
export function boardLabels() {
  return {
    teams: Object.fromEntries(TEAMS.map((t) => [t, TEAM_NAMES[t]])),
    teamsShort: Object.fromEntries(TEAMS.map((t) => [t, TEAM_SHORT[t]])),
    levels: Object.fromEntries(LEVELS.map((l) => [l, LEVEL_NAMES[l]])),
    nodes: Object.fromEntries(NODE_IDS.map((id) => [id, nodeDefinition(id).zh])),
    findings: Object.fromEntries(FINDING_CODES.map((c) => [c, FINDING_NAMES[c]])),
    closings: CLOSING_NAMES,
    noticeStatuses: NOTICE_STATUS_NAMES,
    nodeStatuses: NODE_STATUS_NAMES,
    endedBy: ENDED_BY_NAMES,
    warnings: WARNING_NAMES,
    /** Triage rules (繁简分流) by id: the seed's words. */
    triageRules: Object.fromEntries(TRIAGE_RULES.map((r) => [r.id, r.zh])),
  };
}
