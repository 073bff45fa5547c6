/**
 * What each node rests on: the seed's own words (the 2022 plan, 第三章 unless said
 * otherwise, quoted with its OCR spacing removed) and the law that turns its limit into
 * a due time. Data only: the catalog quotes the plan, it never reads it at run time.
 */
import type { LimitUnit } from './counting.js';
import type { NodeId } from './nodes.js';

/** Legal sources, short Chinese citation and English. README "The model" gives the full titles. */
export const LAWS = {
  cpl85: { zh: '民事诉讼法第85条', en: 'Civil Procedure Law Art. 85' },
  cplInterp125: { zh: '民事诉讼法解释第125条', en: 'SPC Interpretation of the Civil Procedure Law Art. 125' },
  civilCode202: { zh: '民法典第202条', en: 'Civil Code Art. 202' },
  cplInterp485: { zh: '民事诉讼法解释第485条', en: 'SPC Interpretation of the Civil Procedure Law Art. 485' },
  terminationRules9: { zh: '终本规定第9条', en: 'SPC Rules on Terminating This Round of Enforcement (2016) Art. 9' },
  caseLimits9: { zh: '审限规定第9条', en: 'SPC Provisions on Strictly Observing Case Time Limits (2000) Art. 9' },
} as const;
export type LawId = keyof typeof LAWS;

/** How each unit is counted: CPL Art. 85 and interp. Art. 125 (hours, days), Civil Code Art. 202 (months). */
export const COUNTING_LAWS: Readonly<Record<LimitUnit, readonly LawId[]>> = {
  hours: ['cpl85', 'cplInterp125'],
  days: ['cpl85', 'cplInterp125'],
  workingDays: [], // the plan's own unit (一(七)2)
  months: ['cpl85', 'cplInterp125', 'civilCode202'],
};

export interface NodeBasis {
  /** The seed's words for the node (Chinese, as the plan says them). */
  readonly text: string;
  /** Law the node itself rests on, beside the counting law of its unit. */
  readonly law: readonly LawId[];
}

/** 第五章: "本方案未作明确规定的，按照法律、司法解释有关规定和上级法院指导性意见执行". */
const BY_LAW = '本方案未作明确规定的，按照法律、司法解释有关规定和上级法院指导性意见执行。';

/** The seed's words, node by node (section in the catalog row). */
export const NODE_BASIS: Readonly<Record<NodeId, NodeBasis>> = {
  reception: { law: [], text: '申请执行人递交执行申请并立案后，相关材料应立即移送执行立案初次接待窗口，由执行局工作人员立即完成集中核对立案信息和初次接待工作。' },
  onlineQuery: { law: [], text: '执行案件立案后24小时内，财产查控组应当发起网络执行查询。' },
  freeze: { law: [], text: '线上查询被执行人的银行账户、微信支付宝账户、证券、股票、保险等财产信息并进行冻结（查询结果反馈后24小时内）。' },
  vehicleSeizure: { law: [], text: '线上查询车辆并制作查封裁定书等文书并实施查封（查询结果反馈后2日内）。' },
  traditionalQuery: { law: [], text: '通过执行网络查控系统未能查控或者未能足额查控到被执行人可供执行财产的，应当当日启动传统查控。' },
  realtySeizure: {
    law: [],
    text: '对反馈的被执行人公积金、房产、厂房、土地等不动产财产信息，应当在2日内制作冻结、查封裁定书等文书并采取具体实施措施，同时明确记录查控顺位。',
  },
  relatedCases: { law: [], text: '执行案件立案2日内，通过执行案件流程管理系统的关联案件查询功能，查看全省法院关联案件以及被执行人名下财产查控情况。' },
  documents: {
    law: [],
    text: '执行案件立案后2日内，制作《执行通知书》、《报告财产令》、《传票》等文书，并集中邮寄、送达。《执行通知书》应当按照“一案一账户”要求告知被执行人交款账户信息等。',
  },
  fundsConfirm: {
    law: [],
    text: '执行案款到帐后，财务人员应当在3日内登录执行案款管理系统，对案件子账户中每笔执行款的收付、被执行人缴款信息、案件经办人、缴款人账户、缴款金额、案件号进行确认。',
  },
  payout: {
    law: [],
    text: '执行款具备发放条件的，执行人员一般应在10日内发放完毕，超过10日未发放的，应当报主管领导审批，情况特殊不能自案款到账之日起30日内发放的，报院长批准。',
  },
  transfer: { law: [], text: '财务人员收到执行款发放审批表后应当进行查验，并按照要求进行审核，3日内完成执行款发放转账支付手续。' },
  materials: {
    law: [],
    text: '执行实施团队在执行过程中产生的所有纸质材料，除可通过移动办案系统上传至执行流程系统外，在返单位后2个工作日内移送“卷宗管理中心”。',
  },
  dossier: { law: [], text: '“卷宗管理中心”工作人员应在收到材料当日内或至迟第二天进行检查整理、扫描上传和命名编目，形成电子卷宗后导入执行流程系统。' },
  leadCheck: { law: [], text: '财产线索明确具体的，承办人应当在5日内调查核实，情况紧急的，应当在48小时内调查核实。' },
  compulsorySummons: {
    law: [],
    text: '对下落不明或者经传唤在指定时间内未到案的被执行人，应当在传唤期限届满之日起15日之内进行拘传，或者提请公安机关协助查找被执行人具体下落情况或查控被执行人。',
  },
  rewardDecision: { law: [], text: '申请执行人可以书面申请对被执行人公告悬赏，承办人员应当在收到书面申请之日起于10日内决定是否准许。' },
  rewardPublish: { law: [], text: '决定悬赏的，应当于5日内启动公告悬赏程序。' },
  release: { law: [], text: '执行过程中，按照法律规定应当解除财产控制措施的，承办人员应当依法定程序在3日内予以解除。' },
  deduction: { law: [], text: '对被执行人的银行存款、收入等货币型财产，符合扣划条件的，应当在10日内依法扣划。' },
  newLeadCheck: { law: [], text: '申请执行人提供新的财产线索后，应当在5日内进行全面核查。' },
  closing: { law: [], text: '执行案件符合结案条件时，应当在1日内办理结案手续，结案情况应当及时、完整、真实。' },
  closeSimple: { law: ['caseLimits9'], text: '简易执行案件应当在立案之日起30日之内结案。' },
  closeOther: { law: ['caseLimits9'], text: '其他普通执行案件应当在3个月内结案。' },
  longCaseReport: {
    law: ['caseLimits9'],
    text: '确有理由不能在6个月内结案的，应当提前1个月报告案件详细情况和不能结案的原因，提请合议庭研究。因法定事由确需中止、扣除期限的，逐级报分管领导审批。',
  },
  renewal: { law: ['cplInterp485'], text: BY_LAW },
  requery: { law: ['terminationRules9'], text: BY_LAW },
};
