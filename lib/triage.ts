/**
 * Triage (繁简分流): which case team owns a case. Every rule of the plan is a named
 * predicate over the case facts; the result names the team and every rule that matched.
 */
import type { CaseFacts, PriorTermination } from './facts.js';
import type { CaseTeam, Limits } from './limits.js';
import { addMonths, chinaDateOf, endOfChinaDay, type Instant } from './time.js';

export const TRIAGE_RULE_IDS = [
  'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8',
  'O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8',
  'L1', 'L2', 'L3', 'F1', 'E1',
] as const;
export type TriageRuleId = (typeof TRIAGE_RULE_IDS)[number];

export interface TriageRule {
  readonly id: TriageRuleId;
  readonly team: CaseTeam;
  /** Section of the seed. */
  readonly seed: string;
  /** The seed's own words. */
  readonly zh: string;
  /** The rule can only be decided once the property-control results are in. */
  readonly needsPropertyResults?: boolean;
  readonly test: (facts: CaseFacts, limits: Limits) => boolean;
}

const has = (f: CaseFacts, trait: CaseFacts['traits'][number]) => f.traits.includes(trait);

const nothingFound = (f: CaseFacts): boolean => {
  if (!f.online) return false;
  const o = f.online;
  const online = o.deposits + o.payment + o.securities + o.insurance + o.vehicles;
  const t = f.traditional;
  const offline = t ? t.housingFund + t.realty + t.land + t.plant : 0;
  return online === 0 && offline === 0;
};

/** The simple team's rules (第三章二), in the seed's order. */
const SIMPLE_RULES: readonly TriageRule[] = [
  { id: 'S1', team: 'simple', seed: '第三章二1', zh: '银行存款、网络资金账户资金等可足额清偿债权的', needsPropertyResults: true,
    test: (f) => !!f.online && f.amount > 0 && f.online.deposits + f.online.payment >= f.amount },
  { id: 'S2', team: 'simple', seed: '第三章二2', zh: '向有关单位发送协助执行通知书即可以办结的行为执行案件',
    test: (f) => has(f, 'actByAssistanceNotice') },
  { id: 'S3', team: 'simple', seed: '第三章二3', zh: '动产、机动车过户案件',
    test: (f) => has(f, 'vehicleTransfer') },
  { id: 'S4', team: 'simple', seed: '第三章二4', needsPropertyResults: true,
    zh: '未查控到被执行人有可供执行财产，且同时存在被执行人下落不明、诉讼期间公告送达开庭传票和裁判文书、申请执行人不能提供准确执行线索等情形的',
    test: (f) => nothingFound(f) &&
      (has(f, 'respondentMissing') || f.respondentMissing || has(f, 'servedByPublicNotice') || has(f, 'noPreciseLeads')) },
  { id: 'S5', team: 'simple', seed: '第三章二5', zh: '被执行人已主动履行、愿意主动履行或者双方有较大和解可能的',
    test: (f) => has(f, 'performedOrSettling') },
  { id: 'S6', team: 'simple', seed: '第三章二6', zh: '查控团队初步判断不予受理或驳回申请的', needsPropertyResults: true,
    test: (f) => has(f, 'controlTeamRejects') },
  { id: 'S7', team: 'simple', seed: '第三章二7',
    zh: '被执行人在本院有执行案件，且上一个被执行案件因暂无财产可供执行终结本次执行程序，新案件在上一个案件结案后六个月内立案的',
    test: (f) => has(f, 'priorTerminatedCase') || f.priorTermination !== undefined },
  { id: 'S8', team: 'simple', seed: '第三章二8', zh: '其他简单易执、易结案件', test: (f) => has(f, 'easy') },
];

/** The rules, in the seed's order. */
export const TRIAGE_RULES: readonly TriageRule[] = [
  ...SIMPLE_RULES,
  { id: 'O1', team: 'ordinary', seed: '第三章三1', zh: '标的3万元以上的案件', test: (f, l) => f.amount >= l.OrdinaryAmountThreshold },
  { id: 'O2', team: 'ordinary', seed: '第三章三2', zh: '需要处分房产、土地、车辆、股票、股权、证券、机器设备等财产的',
    test: (f) => has(f, 'disposeProperty') },
  { id: 'O3', team: 'ordinary', seed: '第三章三3', zh: '生效法律文书判项中涉及房产、土地使用权、股权等财产过户的',
    test: (f) => has(f, 'transferPropertyRights') },
  { id: 'O4', team: 'ordinary', seed: '第三章三4', zh: '生效法律文书判项中涉及返还房产、商铺、机器设备等行为的',
    test: (f) => has(f, 'returnPremises') },
  { id: 'O5', team: 'ordinary', seed: '第三章三5', zh: '生效刑事判决涉及扣押物品的处分或退赔判项不明确，情况较为复杂，无法快速处理的',
    test: (f) => has(f, 'criminalConfiscation') },
  { id: 'O6', team: 'ordinary', seed: '第三章三6', zh: '被执行人为党政机关的',
    test: (f) => f.respondents.some((r) => r.kind === 'government') },
  { id: 'O7', team: 'ordinary', seed: '第三章三7', zh: '家事纠纷、劳资纠纷、相邻关系纠纷等案件双方对立严重、需要做思想教育工作的',
    test: (f) => has(f, 'severeAntagonism') },
  { id: 'O8', team: 'ordinary', seed: '第三章三8', zh: '查询财产不足以清偿，或者处置完财产后，无财产可供执行的，需要终本的案件',
    test: (f) => has(f, 'insufficientProperty') },
  { id: 'L1', team: 'large', seed: '第三章四1', zh: '涉及标的较大（100万以上）', test: (f, l) => f.amount >= l.LargeAmountThreshold },
  { id: 'L2', team: 'large', seed: '第三章四2', zh: '掺杂历史遗留问题较多', test: (f) => has(f, 'historicalIssues') },
  { id: 'L3', team: 'large', seed: '第三章四3', zh: '案件整体较为复杂、疑难、敏感、影响较大的', test: (f) => has(f, 'complexOrSensitive') },
  { id: 'F1', team: 'financial', seed: '第三章六', zh: '涉金融案件', test: (f) => f.financial },
  // "不含已分流到简易团队的案件" is part of the rule itself, whatever the configured precedence.
  { id: 'E1', team: 'emergency', seed: '第三章五', zh: '标的小于3万元的案件，不含已分流到简易团队的案件',
    test: (f, l) => f.amount < l.OrdinaryAmountThreshold && !SIMPLE_RULES.some((r) => r.test(f, l)) },
];

export interface TriageResult {
  readonly team: CaseTeam;
  /** Every rule that matched, in the seed's order. */
  readonly matched: readonly TriageRuleId[];
  /** Property-control results (S1, S4, S6 need them) are not in yet. */
  readonly provisional: boolean;
}

/**
 * Triage by the rules and the configured precedence (default financial > large > simple >
 * ordinary > emergency). A manual reassignment is applied on top by the fold.
 */
export function triage(facts: CaseFacts, limits: Limits): TriageResult {
  const matched = TRIAGE_RULES.filter((rule) => rule.test(facts, limits));
  const teams = new Set(matched.map((r) => r.team));
  // O1 and E1 split every amount, so some team always matches; ordinary is the guard.
  const team = limits.TriagePrecedence.find((t) => teams.has(t)) ?? 'ordinary';
  return { team, matched: matched.map((r) => r.id), provisional: facts.online === undefined };
}

/**
 * S7 from the system's own history: a case of the same respondent (by `idHash`) closed
 * by 终本 in this court, with this case filed within `PriorTerminationMonths` after it.
 */
export function findPriorTermination(
  history: readonly PriorTermination[],
  idHashes: readonly string[],
  caseNo: string,
  filedAt: Instant,
  limits: Limits,
): PriorTermination | undefined {
  const wanted = new Set(idHashes);
  return history
    .filter((h) => wanted.has(h.idHash) && h.caseNo !== caseNo && h.closedAt <= filedAt)
    .filter((h) => filedAt < endOfChinaDay(addMonths(chinaDateOf(h.closedAt), limits.PriorTerminationMonths)))
    .sort((a, b) => b.closedAt - a.closedAt || (a.caseNo < b.caseNo ? -1 : 1))[0];
}
