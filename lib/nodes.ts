/**
 * The node catalog (节点): every time limit of the plan as one row a clerk can read
 * beside the seed (its words and the law behind each row: `node-basis.ts`). Adding a
 * node is adding a row; the fold and the escalation read only this table.
 */
import type { LimitUnit } from './counting.js';
import type { CaseFacts } from './facts.js';
import type { EventData, EventType, MeasureKind } from './events.js';
import { REQUIRED_DOCUMENTS } from './events.js';
import type { CaseTeam, NumericLimitName } from './limits.js';

export const NODE_IDS = [
  'reception',
  'onlineQuery',
  'freeze',
  'vehicleSeizure',
  'traditionalQuery',
  'realtySeizure',
  'relatedCases',
  'documents',
  'fundsConfirm',
  'payout',
  'transfer',
  'materials',
  'dossier',
  'leadCheck',
  'compulsorySummons',
  'rewardDecision',
  'rewardPublish',
  'release',
  'deduction',
  'newLeadCheck',
  'closing',
  'closeSimple',
  'closeOther',
  'longCaseReport',
  'renewal',
  'requery',
] as const;
export type NodeId = (typeof NODE_IDS)[number];

/** The id that names one instance of a repeatable node. */
export type InstanceKey = 'paymentId' | 'leadId' | 'batchId' | 'measureId' | 'requestId';

export interface LimitRef {
  readonly param: NumericLimitName;
  readonly unit: LimitUnit;
  /** Subtracted from `param` (same unit): "1 month before 6 months". */
  readonly minus?: NumericLimitName;
}

type StartRule = {
  [T in EventType]: {
    readonly on: T;
    /** Extra condition on the starting event and the case facts at that moment. */
    readonly when?: (data: EventData<T>, facts: CaseFacts) => boolean;
  };
}[EventType];

export interface CompleteRule {
  readonly on: EventType;
  /** Extra condition on the case facts after the event is recorded. */
  readonly when?: (facts: CaseFacts) => boolean;
}

/** Who acts on the node and hears about it: the service team or the case's own team. */
export type Responsible = 'service' | 'caseTeam';

export interface NodeDefinition {
  readonly id: NodeId;
  readonly zh: string;
  readonly en: string;
  /** Section of the seed (the 2022 plan) the rule comes from. */
  readonly seed: string;
  readonly startsOn: readonly StartRule[];
  readonly completesOn: readonly CompleteRule[];
  readonly instanceKey?: InstanceKey;
  readonly limit: LimitRef;
  /** Used instead of `limit` when the starting event says `urgent: true`. */
  readonly urgentLimit?: LimitRef;
  /** Case-level clock: statutory suspension and approved deductions stop it (七13). */
  readonly pausable: boolean;
  /** The node exists only while the case's team satisfies this. */
  readonly appliesTo?: (team: CaseTeam) => boolean;
  readonly responsible: Responsible;
  /** Payout climbs its own ladder (一(五)1); every other node remind → urge → supervise. */
  readonly ladder: 'standard' | 'payout';
  /**
   * A clock of its own kind, planned by `follow-up-nodes.ts`: `renewal` counts back from
   * a measure's lapse (its term per kind in `terms`), `requery` runs rounds after a 终本
   * closing within `horizon`. Such a node stays open after a 终本 closing.
   */
  readonly planner?: 'renewal' | 'requery';
  /** Events that end the node without doing it (the measure released, the enforcement resumed). */
  readonly endsOn?: readonly EventType[];
  /** `renewal`: the term of each kind of measure (CPL interpretation Art. 485). */
  readonly terms?: Readonly<Record<MeasureKind, NumericLimitName>>;
  /** `requery`: no round is due later than this many months after the closing. */
  readonly horizon?: NumericLimitName;
}

const start = <T extends EventType>(on: T, when?: (data: EventData<T>, facts: CaseFacts) => boolean): StartRule =>
  ({ on, when }) as StartRule;
const done = (on: EventType, when?: (facts: CaseFacts) => boolean): CompleteRule => ({ on, when });

const onlineAssets = (d: EventData<'query.online.returned'>) =>
  d.found.deposits + d.found.payment + d.found.securities + d.found.insurance > 0;
const realProperty = (d: EventData<'query.traditional.returned'>) =>
  d.found.housingFund + d.found.realty + d.found.land + d.found.plant > 0;

/** The catalog. Order is display order. */
export const NODE_CATALOG: readonly NodeDefinition[] = [
  {
    id: 'reception', zh: '初次接待', en: 'Initial reception recorded (or a reason for none)', seed: '第三章一(一)1-3',
    startsOn: [start('case.filed')], completesOn: [done('reception.recorded'), done('reception.skipped')],
    limit: { param: 'ReceptionDays', unit: 'days' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'onlineQuery', zh: '发起网络执行查询', en: 'Online enforcement query started', seed: '第三章一(二)',
    startsOn: [start('case.filed')], completesOn: [done('query.online.started'), done('query.online.returned')],
    limit: { param: 'OnlineQueryHours', unit: 'hours' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'freeze', zh: '冻结线上查询财产', en: 'Freeze found bank / WeChat / Alipay / securities / insurance assets', seed: '第三章一(二)1',
    startsOn: [start('query.online.returned', onlineAssets)], completesOn: [done('assets.frozen')],
    limit: { param: 'FreezeHours', unit: 'hours' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'vehicleSeizure', zh: '车辆查封', en: 'Seizure ruling for found vehicles made and carried out', seed: '第三章一(二)2',
    startsOn: [start('query.online.returned', (d) => d.found.vehicles > 0)], completesOn: [done('vehicle.seized')],
    limit: { param: 'VehicleSeizureDays', unit: 'days' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'traditionalQuery', zh: '启动传统查控', en: 'Traditional (offline) control started', seed: '第三章一(二)',
    startsOn: [start('query.online.returned', (d) => !d.enough)],
    completesOn: [done('query.traditional.started'), done('query.traditional.returned')],
    limit: { param: 'TraditionalQueryDays', unit: 'days' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'realtySeizure', zh: '不动产冻结查封', en: 'Freeze / seizure rulings for housing fund, real estate, plant, land', seed: '第三章一(二)',
    startsOn: [start('query.traditional.returned', realProperty)], completesOn: [done('realty.seized')],
    limit: { param: 'RealtySeizureDays', unit: 'days' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'relatedCases', zh: '全省关联案件查询', en: 'Province-wide related-case query', seed: '第三章一(二)4',
    startsOn: [start('case.filed')], completesOn: [done('related.queried')],
    limit: { param: 'RelatedQueryDays', unit: 'days' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'documents', zh: '执行通知书等文书送达', en: 'Execution notice, property-report order and summons sent', seed: '第三章一(三)2',
    startsOn: [start('case.filed')],
    completesOn: [done('documents.sent', (f) => REQUIRED_DOCUMENTS.every((d) => f.documentsSent.includes(d)))],
    limit: { param: 'DocumentsDays', unit: 'days' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'fundsConfirm', zh: '案款到账确认', en: 'Finance confirms the payment in the funds system', seed: '第三章一(五)1',
    startsOn: [start('funds.arrived')], completesOn: [done('funds.confirmed')], instanceKey: 'paymentId',
    limit: { param: 'FundsConfirmDays', unit: 'days' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'payout', zh: '案款发放', en: 'Funds ready for payout paid out', seed: '第三章一(五)1',
    startsOn: [start('funds.arrived')], completesOn: [done('funds.paid')], instanceKey: 'paymentId',
    limit: { param: 'PayoutDays', unit: 'days' }, pausable: false, responsible: 'caseTeam', ladder: 'payout',
  },
  {
    id: 'transfer', zh: '发放转账支付', en: 'Finance completes the transfer', seed: '第三章一(五)1',
    startsOn: [start('payout.approved')], completesOn: [done('funds.paid')], instanceKey: 'paymentId',
    limit: { param: 'TransferDays', unit: 'days' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'materials', zh: '纸质材料移送卷宗管理中心', en: 'Paper materials handed to the dossier centre', seed: '第三章一(七)2',
    startsOn: [start('field.returned')], completesOn: [done('materials.handed')], instanceKey: 'batchId',
    limit: { param: 'MaterialsWorkingDays', unit: 'workingDays' }, pausable: false, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'dossier', zh: '电子卷宗扫描编目', en: 'Materials checked, scanned, uploaded and catalogued', seed: '第三章一(七)2',
    startsOn: [start('materials.handed')], completesOn: [done('dossier.digitised')], instanceKey: 'batchId',
    limit: { param: 'DossierDays', unit: 'days' }, pausable: false, responsible: 'service', ladder: 'standard',
  },
  {
    id: 'leadCheck', zh: '财产线索调查核实', en: "Applicant's property lead verified", seed: '第三章七2',
    startsOn: [start('lead.submitted', (_d, f) => !f.terminationInterviewed)], completesOn: [done('lead.verified')], instanceKey: 'leadId',
    limit: { param: 'LeadCheckDays', unit: 'days' }, urgentLimit: { param: 'UrgentLeadHours', unit: 'hours' },
    pausable: false, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'compulsorySummons', zh: '拘传或提请公安协查', en: 'Compulsory summons or police request', seed: '第三章七5',
    startsOn: [start('summons.expired'), start('respondent.missing')], completesOn: [done('summons.enforced')],
    limit: { param: 'CompulsorySummonsDays', unit: 'days' }, pausable: false, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'rewardDecision', zh: '悬赏申请决定', en: 'Decide on a reward notice', seed: '第三章七7',
    startsOn: [start('reward.requested')], completesOn: [done('reward.decided')], instanceKey: 'requestId',
    limit: { param: 'RewardDecisionDays', unit: 'days' }, pausable: false, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'rewardPublish', zh: '启动公告悬赏', en: 'Start the approved reward notice', seed: '第三章七7',
    startsOn: [start('reward.decided', (d) => d.approved)], completesOn: [done('reward.published')], instanceKey: 'requestId',
    limit: { param: 'RewardPublishDays', unit: 'days' }, pausable: false, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'release', zh: '解除控制措施', en: 'Lift control measures the law requires lifting', seed: '第三章七8',
    startsOn: [start('release.required')], completesOn: [done('measures.released')], instanceKey: 'measureId',
    limit: { param: 'ReleaseDays', unit: 'days' }, pausable: false, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'deduction', zh: '扣划存款收入', en: 'Deduct deposits / income', seed: '第三章七9',
    startsOn: [start('deduction.eligible')], completesOn: [done('funds.deducted')], instanceKey: 'measureId',
    limit: { param: 'DeductionDays', unit: 'days' }, pausable: false, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'newLeadCheck', zh: '终本约谈后新线索核查', en: 'Full check of a new lead given after the 终本 interview', seed: '第三章七10',
    startsOn: [start('lead.submitted', (_d, f) => f.terminationInterviewed)], completesOn: [done('lead.verified')], instanceKey: 'leadId',
    limit: { param: 'NewLeadCheckDays', unit: 'days' }, pausable: false, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'closing', zh: '办理结案手续', en: 'Closing formalities', seed: '第三章七11',
    startsOn: [start('closing.ready')], completesOn: [done('case.closed')],
    limit: { param: 'ClosingDays', unit: 'days' }, pausable: false, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'closeSimple', zh: '简易案件结案', en: 'Simple case closed', seed: '第三章七12',
    startsOn: [start('case.filed')], completesOn: [done('case.closed')], appliesTo: (team) => team === 'simple',
    limit: { param: 'SimpleCaseDays', unit: 'days' }, pausable: true, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'closeOther', zh: '普通案件结案', en: 'Any other case closed', seed: '第三章七12',
    startsOn: [start('case.filed')], completesOn: [done('case.closed')], appliesTo: (team) => team !== 'simple',
    limit: { param: 'OtherCaseMonths', unit: 'months' }, pausable: true, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'longCaseReport', zh: '长期未结案件报告合议庭', en: 'Report why the case cannot close within 6 months', seed: '第三章七13',
    startsOn: [start('case.filed')], completesOn: [done('longcase.reported'), done('case.closed')],
    limit: { param: 'LongCaseMonths', unit: 'months', minus: 'LongCaseReportLeadMonths' },
    pausable: true, responsible: 'caseTeam', ladder: 'standard',
  },
  {
    id: 'renewal', zh: '续行查封冻结', en: 'Apply to renew a freeze / seizure before it lapses', seed: '第五章',
    startsOn: [start('assets.frozen', (d) => d.measureId !== undefined), start('vehicle.seized', (d) => d.measureId !== undefined),
      start('realty.seized', (d) => d.measureId !== undefined), start('measures.renewed')],
    completesOn: [done('measures.renewed')], endsOn: ['measures.released'], instanceKey: 'measureId',
    limit: { param: 'RenewalLeadDays', unit: 'days' },
    terms: { deposit: 'DepositFreezeMonths', movable: 'MovableSeizureMonths', realty: 'RealtySeizureMonths', other: 'RealtySeizureMonths' },
    pausable: false, responsible: 'service', ladder: 'standard', planner: 'renewal',
  },
  {
    id: 'requery', zh: '终本后定期网络查询', en: 'Online property query every 6 months after a 终本 closing', seed: '第五章',
    startsOn: [start('case.closed', (d) => d.kind === 'terminatedThisRound')],
    completesOn: [done('query.online.started'), done('query.online.returned')], endsOn: ['enforcement.resumed'],
    limit: { param: 'RequeryPeriodMonths', unit: 'months' }, horizon: 'RequeryForMonths',
    pausable: false, responsible: 'service', ladder: 'standard', planner: 'requery',
  },
];

const BY_ID = new Map(NODE_CATALOG.map((n) => [n.id, n]));

/** The catalog row of a node id. */
export function nodeDefinition(id: NodeId): NodeDefinition {
  const def = BY_ID.get(id);
  if (!def) throw new RangeError(`unknown node "${id}"`);
  return def;
}

/** Catalog rows started by an event type (the planned clocks `renewal` and `requery` included). */
export function nodesStartedBy(type: EventType): readonly NodeDefinition[] {
  return STARTED_BY.get(type) ?? [];
}

/** Catalog rows completed by an event type. */
export function nodesCompletedBy(type: EventType): readonly NodeDefinition[] {
  return COMPLETED_BY.get(type) ?? [];
}

const STARTED_BY = new Map<EventType, NodeDefinition[]>();
const COMPLETED_BY = new Map<EventType, NodeDefinition[]>();
for (const def of NODE_CATALOG) {
  for (const rule of def.startsOn) STARTED_BY.set(rule.on, [...(STARTED_BY.get(rule.on) ?? []), def]);
  for (const rule of def.completesOn) COMPLETED_BY.set(rule.on, [...(COMPLETED_BY.get(rule.on) ?? []), def]);
}

/** The key of one node instance in a case: `payout#P1`, or the node id alone. */
export function nodeKey(node: NodeId, instance?: string): string {
  return instance === undefined ? node : `${node}#${instance}`;
}
