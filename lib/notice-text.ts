/**
 * Notice texts: a Chinese SMS of at most 140 characters (case number, node, how late,
 * team) and an e-mail subject. No party data: only the case number, the node and the team.
 */
import type { Level } from './escalation.js';
import type { Limits, Team } from './limits.js';
import type { NodeDefinition } from './nodes.js';
import { chineseDuration, chineseShortDateTime, type Instant } from './time.js';

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

const TEAM_SHORT: Record<Team, string> = {
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

/** SMS text and e-mail subject for one notice. */
export function noticeTexts(input: NoticeTextInput): { message: string; subject: string } {
  const { caseNo, node, level, team, dueAt, now, limits } = input;
  const label = input.instance === undefined ? node.zh : `${node.zh}(${clip(input.instance, 16)})`;
  const due = chineseShortDateTime(dueAt);
  const late = now > dueAt ? `已超期${chineseDuration(now - dueAt)}` : `距到期${chineseDuration(dueAt - now)}`;
  const action: Record<Level, string> = {
    remind: `请${TEAM_NAMES[team]}及时办理`,
    urge: `请${TEAM_NAMES[team]}负责人立即办理，内勤组跟踪`,
    supervise: `执行局长督办，承办：${TEAM_NAMES[team]}`,
    approvalSupervisor: `超${limits.PayoutDays}日未发放，须报主管领导审批，承办：${TEAM_NAMES[team]}`,
    approvalPresident: `自到账超${limits.PayoutPresidentDays}日，须报院长批准，承办：${TEAM_NAMES[team]}`,
  };
  const head = `【${LEVEL_NAMES[level]}】`;
  const full = `${head}${caseNo}「${label}」${late}（期限${due}），${action[level]}。`;
  const short = `${head}${caseNo}「${label}」${late}，${TEAM_SHORT[team]}。`;
  const message = length(full) <= SMS_MAX ? full : clip(short, SMS_MAX);
  const subject = clip(`[${LEVEL_NAMES[level]}] ${caseNo} ${label} ${late}`, SUBJECT_MAX);
  return { message, subject };
}
