/**
 * Notice texts: a Chinese SMS of at most 140 characters (case number, node, how late,
 * team) and an e-mail subject. No party data: only the case number, the node and the team.
 */
import type { Level } from './escalation.js';
import type { ClosingKind } from './events.js';
import type { Limits, Team } from './limits.js';
import type { NodeDefinition } from './nodes.js';
import { chineseDueTime, chineseDuration, type Instant } from './time.js';

export const SMS_MAX = 140;
export const SUBJECT_MAX = 99;

export const TEAM_NAMES: Record<Team, string> = {
  service: '事务性工作集约办理团队',
  simple: '简易案件执行团队',
  ordinary: '普通案件执行团队',
  large: '大额案件执行团队',
  emergency: '应急团队',
  financial: '金融案件执行团队',
};

/** Short team names, for narrow screens and SMS. */
export const TEAM_SHORT: Record<Team, string> = {
  service: '事务团队',
  simple: '简易团队',
  ordinary: '普通团队',
  large: '大额团队',
  emergency: '应急团队',
  financial: '金融团队',
};

export const LEVEL_NAMES: Record<Level, string> = {
  remind: '提醒',
  urge: '催办',
  supervise: '督办',
  approvalSupervisor: '报主管领导审批',
  approvalPresident: '报院长批准',
};

/** How a case was closed, as the court writes it (`case.closed` kinds). */
export const CLOSING_NAMES: Record<ClosingKind, string> = {
  performed: '执行完毕',
  terminatedThisRound: '终结本次执行程序',
  terminated: '终结执行',
  rejected: '驳回申请',
  withdrawn: '撤回申请（销案）',
  other: '其他方式结案',
};

export interface NoticeTextInput {
  readonly caseNo: string;
  readonly node: NodeDefinition;
  readonly instance?: string;
  readonly level: Level;
  readonly team: Team;
  readonly dueAt: Instant;
  readonly now: Instant;
  readonly limits: Limits;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const length = (text: string) => [...text].length;

/** The node as the text names it: `案款发放(P1)`, `终本后定期网络查询(第3轮)`, `续行查封冻结(M1，已续行1次)`. */
export function nodeLabel(node: NodeDefinition, instance: string | undefined): string {
  if (instance === undefined) return node.zh;
  if (node.id === 'requery') return `${node.zh}(第${clip(instance, 4)}轮)`;
  const hash = instance.lastIndexOf('#');
  const term = Number(instance.slice(hash + 1));
  if (node.id === 'renewal' && hash > 0 && Number.isInteger(term) && term >= 1) {
    const id = clip(instance.slice(0, hash), 16);
    return term === 1 ? `${node.zh}(${id})` : `${node.zh}(${id}，已续行${term - 1}次)`;
  }
  return `${node.zh}(${clip(instance, 16)})`;
}

/** How the notice states the time: time left, due now, or how late. */
export function lateness(dueAt: Instant, now: Instant): string {
  if (now < dueAt) return `还剩${chineseDuration(dueAt - now)}`;
  return now - dueAt < 60_000 ? '已到期' : `已超期${chineseDuration(now - dueAt)}`;
}

/**
 * SMS text and e-mail subject for one notice, as a director would write it:
 * `【催办】(2026)豫0823执1234号「车辆查封」期限3月4日24时，已超期2小时30分钟，请…负责人立即办理，内勤组跟踪。`
 * The due time reads `12月1日24时` for a period ending at midnight and carries its year
 * when that is not the year of the notice.
 */
export function noticeTexts(input: NoticeTextInput): { message: string; subject: string } {
  const { caseNo, node, level, team, dueAt, now, limits } = input;
  const label = nodeLabel(node, input.instance);
  const late = lateness(dueAt, now);
  const action: Record<Level, string> = {
    remind: `请${TEAM_NAMES[team]}及时办理`,
    urge: `请${TEAM_NAMES[team]}负责人立即办理，内勤组跟踪`,
    supervise: `执行局长督办，请${TEAM_NAMES[team]}立即办理`,
    approvalSupervisor: `超过${limits.PayoutDays}日未发放，须报主管领导审批，承办：${TEAM_NAMES[team]}`,
    approvalPresident: `自到账起超过${limits.PayoutPresidentDays}日，须报院长批准，承办：${TEAM_NAMES[team]}`,
  };
  const head = `【${LEVEL_NAMES[level]}】`;
  const full = `${head}${caseNo}「${label}」期限${chineseDueTime(dueAt, now)}，${late}，${action[level]}。`;
  const short = `${head}${caseNo}「${label}」${late}，${TEAM_SHORT[team]}。`;
  const message = length(full) <= SMS_MAX ? full : clip(short, SMS_MAX);
  const subject = clip(`[${LEVEL_NAMES[level]}] ${caseNo} ${label} ${late}`, SUBJECT_MAX);
  return { message, subject };
}
