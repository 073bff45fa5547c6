/**
 * The node catalog (DOMAIN.md "Nodes and time limits") row by row, then each node's
 * behaviour through the fold, with the seed's own words.
 */
import { describe, expect, it } from 'vitest';
import type { LimitUnit } from '../../lib/counting.js';
import type { EventType } from '../../lib/events.js';
import type { NumericLimitName } from '../../lib/limits.js';
import { type InstanceKey, NODE_CATALOG, NODE_IDS, type NodeId, nodeDefinition, nodeKey, nodesCompletedBy, nodesStartedBy } from '../../lib/nodes.js';
import { cst, endOf, ev, filed, findNode, fold, node, nodeIds, onlineReturned } from './fixtures.js';

interface Row {
  readonly id: NodeId;
  readonly seed: string;
  readonly starts: readonly EventType[];
  readonly done: readonly EventType[];
  readonly instance?: InstanceKey;
  readonly param: NumericLimitName;
  readonly unit: LimitUnit;
  readonly responsible: 'service' | 'caseTeam';
}

// DOMAIN.md's table, one row per node. Seed sections are 第三章 of the plan.
const DOMAIN_TABLE: readonly Row[] = [
  { id: 'reception', seed: '一(一)1-3', starts: ['case.filed'], done: ['reception.recorded', 'reception.skipped'], param: 'ReceptionDays', unit: 'days', responsible: 'service' },
  // "done when: query started" — returned results prove it was started.
  { id: 'onlineQuery', seed: '一(二)', starts: ['case.filed'], done: ['query.online.started', 'query.online.returned'], param: 'OnlineQueryHours', unit: 'hours', responsible: 'service' },
  { id: 'freeze', seed: '一(二)1', starts: ['query.online.returned'], done: ['assets.frozen'], param: 'FreezeHours', unit: 'hours', responsible: 'service' },
  { id: 'vehicleSeizure', seed: '一(二)2', starts: ['query.online.returned'], done: ['vehicle.seized'], param: 'VehicleSeizureDays', unit: 'days', responsible: 'service' },
  { id: 'traditionalQuery', seed: '一(二)', starts: ['query.online.returned'], done: ['query.traditional.started', 'query.traditional.returned'], param: 'TraditionalQueryDays', unit: 'days', responsible: 'service' },
  { id: 'realtySeizure', seed: '一(二)', starts: ['query.traditional.returned'], done: ['realty.seized'], param: 'RealtySeizureDays', unit: 'days', responsible: 'service' },
  { id: 'relatedCases', seed: '一(二)4', starts: ['case.filed'], done: ['related.queried'], param: 'RelatedQueryDays', unit: 'days', responsible: 'service' },
  { id: 'documents', seed: '一(三)2', starts: ['case.filed'], done: ['documents.sent'], param: 'DocumentsDays', unit: 'days', responsible: 'service' },
  { id: 'fundsConfirm', seed: '一(五)1', starts: ['funds.arrived'], done: ['funds.confirmed'], instance: 'paymentId', param: 'FundsConfirmDays', unit: 'days', responsible: 'service' },
  { id: 'payout', seed: '一(五)1', starts: ['funds.arrived'], done: ['funds.paid'], instance: 'paymentId', param: 'PayoutDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'transfer', seed: '一(五)1', starts: ['payout.approved'], done: ['funds.paid'], instance: 'paymentId', param: 'TransferDays', unit: 'days', responsible: 'service' },
  { id: 'materials', seed: '一(七)2', starts: ['field.returned'], done: ['materials.handed'], instance: 'batchId', param: 'MaterialsWorkingDays', unit: 'workingDays', responsible: 'caseTeam' },
  { id: 'dossier', seed: '一(七)2', starts: ['materials.handed'], done: ['dossier.digitised'], instance: 'batchId', param: 'DossierDays', unit: 'days', responsible: 'service' },
  { id: 'leadCheck', seed: '七2', starts: ['lead.submitted'], done: ['lead.verified'], instance: 'leadId', param: 'LeadCheckDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'compulsorySummons', seed: '七5', starts: ['summons.expired', 'respondent.missing'], done: ['summons.enforced'], param: 'CompulsorySummonsDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'rewardDecision', seed: '七7', starts: ['reward.requested'], done: ['reward.decided'], instance: 'requestId', param: 'RewardDecisionDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'rewardPublish', seed: '七7', starts: ['reward.decided'], done: ['reward.published'], instance: 'requestId', param: 'RewardPublishDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'release', seed: '七8', starts: ['release.required'], done: ['measures.released'], instance: 'measureId', param: 'ReleaseDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'deduction', seed: '七9', starts: ['deduction.eligible'], done: ['funds.deducted'], instance: 'measureId', param: 'DeductionDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'newLeadCheck', seed: '七10', starts: ['lead.submitted'], done: ['lead.verified'], instance: 'leadId', param: 'NewLeadCheckDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'closing', seed: '七11', starts: ['closing.ready'], done: ['case.closed'], param: 'ClosingDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'closeSimple', seed: '七12', starts: ['case.filed'], done: ['case.closed'], param: 'SimpleCaseDays', unit: 'days', responsible: 'caseTeam' },
  { id: 'closeOther', seed: '七12', starts: ['case.filed'], done: ['case.closed'], param: 'OtherCaseMonths', unit: 'months', responsible: 'caseTeam' },
  { id: 'longCaseReport', seed: '七13', starts: ['case.filed'], done: ['longcase.reported', 'case.closed'], param: 'LongCaseMonths', unit: 'months', responsible: 'caseTeam' },
  // Added 2026-11-30. The seed is silent; its 第五章 sends such matters to the law.
  { id: 'renewal', seed: '第五章', starts: ['assets.frozen', 'vehicle.seized', 'realty.seized', 'measures.renewed'], done: ['measures.renewed'], instance: 'measureId', param: 'RenewalLeadDays', unit: 'days', responsible: 'service' },
  { id: 'requery', seed: '第五章', starts: ['case.closed'], done: ['query.online.started', 'query.online.returned'], param: 'RequeryPeriodMonths', unit: 'months', responsible: 'service' },
];

describe('node catalog: one row per node of DOMAIN.md', () => {
  it('has the 26 nodes of DOMAIN.md, in its order', () => {
    expect(NODE_CATALOG.map((n) => n.id)).toEqual(DOMAIN_TABLE.map((r) => r.id));
    expect(NODE_IDS).toEqual(DOMAIN_TABLE.map((r) => r.id));
  });

  it.each(DOMAIN_TABLE)('$id ($seed): starts on $starts, done on $done, limit $param in $unit', (row) => {
    const def = nodeDefinition(row.id);
    expect(def.seed).toBe(row.seed.startsWith('第') ? row.seed : `第三章${row.seed}`);
    expect(def.startsOn.map((s) => s.on)).toEqual(row.starts);
    expect(def.completesOn.map((c) => c.on)).toEqual(row.done);
    expect(def.instanceKey).toBe(row.instance);
    expect(def.limit.param).toBe(row.param);
    expect(def.limit.unit).toBe(row.unit);
    expect(def.responsible).toBe(row.responsible);
    expect(def.zh.length).toBeGreaterThan(0);
    for (const on of row.starts) expect(nodesStartedBy(on)).toContain(def);
    for (const on of row.done) expect(nodesCompletedBy(on)).toContain(def);
  });

  it('only the case-level clocks (七12, 七13) pause: closeSimple, closeOther, longCaseReport', () => {
    expect(NODE_CATALOG.filter((n) => n.pausable).map((n) => n.id)).toEqual(['closeSimple', 'closeOther', 'longCaseReport']);
  });

  it('only payout climbs its own approval ladder (一(五)1)', () => {
    expect(NODE_CATALOG.filter((n) => n.ladder === 'payout').map((n) => n.id)).toEqual(['payout']);
  });

  it('longCaseReport is "1 month before 6 months": LongCaseMonths minus LongCaseReportLeadMonths', () => {
    expect(nodeDefinition('longCaseReport').limit.minus).toBe('LongCaseReportLeadMonths');
  });

  it('leadCheck has the urgent limit "情况紧急的，应当在48小时内": UrgentLeadHours in hours', () => {
    expect(nodeDefinition('leadCheck').urgentLimit).toEqual({ param: 'UrgentLeadHours', unit: 'hours' });
  });

  it('an unknown node id is refused by name; node keys name the instance', () => {
    expect(() => nodeDefinition('auction' as NodeId)).toThrow('unknown node "auction"');
    expect(nodeKey('payout', 'P1')).toBe('payout#P1');
    expect(nodeKey('reception')).toBe('reception');
  });
});

// A Monday with no holiday nearby, 10:00 China time.
const FILED = '2026-03-02T10:00';

describe('node: reception (第三章一(一)1-3)', () => {
  // "由执行局工作人员立即完成集中核对立案信息和初次接待工作" — "immediately" = 1 day [design].
  it('starts at filing, due at 24:00 of the next day', () => {
    const n = node(fold([filed(FILED)]), 'reception');
    expect(n).toMatchObject({ startedAt: cst(FILED), dueAt: endOf('2026-03-03') });
    expect(n.doneAt).toBeUndefined();
  });

  it('done when the reception is recorded ("对每个案件初次接待的时间、谈话人、被谈话人进行单独登记")', () => {
    const state = fold([filed(FILED), ev('reception.recorded', '2026-03-02T15:00', { interviewer: '李书记员', interviewee: '申请执行人' })]);
    expect(node(state, 'reception').doneAt).toBe(cst('2026-03-02T15:00'));
    expect(state.facts.reception).toBe('recorded');
  });

  it('done when skipped with a reason ("未进行初次接待的案件应在逐案说明原因")', () => {
    const state = fold([filed(FILED), ev('reception.skipped', '2026-03-03T09:00', { reason: '申请执行人委托代理人，未到场' })]);
    expect(node(state, 'reception').doneAt).toBe(cst('2026-03-03T09:00'));
    expect(state.facts.reception).toBe('skipped');
  });
});

describe('node: onlineQuery (第三章一(二))', () => {
  // "执行案件立案后24小时内，财产查控组应当发起网络执行查询"
  // Revised 2026-11-30 (CPL Art. 85, interp. Art. 125): from the next full hour, not moved for holidays.
  it('due 24 hours from the next full hour after filing, even across a holiday', () => {
    expect(node(fold([filed('2026-09-30T15:00')]), 'onlineQuery').dueAt).toBe(cst('2026-10-01T16:00'));
    expect(node(fold([filed('2026-09-30T15:25')]), 'onlineQuery').dueAt).toBe(cst('2026-10-01T16:00'));
  });

  it('done when the query is started, or when its results come back', () => {
    expect(node(fold([filed(FILED), ev('query.online.started', '2026-03-02T16:00')]), 'onlineQuery').doneAt).toBe(cst('2026-03-02T16:00'));
    expect(node(fold([filed(FILED), onlineReturned('2026-03-03T08:00')]), 'onlineQuery').doneAt).toBe(cst('2026-03-03T08:00'));
  });
});

describe('node: freeze (第三章一(二)1)', () => {
  // "线上查询被执行人的银行账户、微信支付宝账户、证券、股票、保险等财产信息并进行冻结(查询结果反馈后24小时内)"
  it.each([
    { found: { deposits: 1000 }, what: 'bank deposits' },
    { found: { payment: 50 }, what: 'WeChat / Alipay balances' },
    { found: { securities: 20_000 }, what: 'securities' },
    { found: { insurance: 3000 }, what: 'insurance' },
  ])('starts when the online results found $what; due 24 hours from the next full hour after the results', ({ found }) => {
    const state = fold([filed(FILED), onlineReturned('2026-03-03T09:30', found, true)]);
    expect(node(state, 'freeze')).toMatchObject({ startedAt: cst('2026-03-03T09:30'), dueAt: cst('2026-03-04T10:00') });
  });

  it('does not start when only vehicles, or nothing, were found', () => {
    expect(findNode(fold([filed(FILED), onlineReturned('2026-03-03T09:30', { vehicles: 2 })]), 'freeze')).toBeUndefined();
    expect(findNode(fold([filed(FILED), onlineReturned('2026-03-03T09:30')]), 'freeze')).toBeUndefined();
  });

  it('done when the assets are frozen', () => {
    const state = fold([filed(FILED), onlineReturned('2026-03-03T09:30', { deposits: 1 }, true), ev('assets.frozen', '2026-03-03T17:00')]);
    expect(node(state, 'freeze').doneAt).toBe(cst('2026-03-03T17:00'));
  });
});

describe('node: vehicleSeizure (第三章一(二)2)', () => {
  // "线上查询车辆并制作查封裁定书等文书并实施查封(查询结果反馈后2日内)"
  it('starts when vehicles are found; due at 24:00 two days after the results', () => {
    const state = fold([filed(FILED), onlineReturned('2026-03-03T09:30', { vehicles: 1 }, true)]);
    expect(node(state, 'vehicleSeizure')).toMatchObject({ startedAt: cst('2026-03-03T09:30'), dueAt: endOf('2026-03-05') });
  });

  it('results on Thu 2026-04-02: the second day is 清明 (04-04) → due Tue 2026-04-07', () => {
    const state = fold([filed('2026-04-01T10:00'), onlineReturned('2026-04-02T11:00', { vehicles: 1 }, true)]);
    expect(node(state, 'vehicleSeizure').dueAt).toBe(endOf('2026-04-07'));
  });

  it('does not start without vehicles; done when seized', () => {
    expect(findNode(fold([filed(FILED), onlineReturned('2026-03-03T09:30', { deposits: 5 }, true)]), 'vehicleSeizure')).toBeUndefined();
    const state = fold([filed(FILED), onlineReturned('2026-03-03T09:30', { vehicles: 1 }, true), ev('vehicle.seized', '2026-03-05T16:00')]);
    expect(node(state, 'vehicleSeizure').doneAt).toBe(cst('2026-03-05T16:00'));
  });
});

describe('node: traditionalQuery (第三章一(二))', () => {
  // "通过执行网络查控系统未能查控或者未能足额查控到被执行人可供执行财产的，应当当日启动传统查控"
  it('starts when the online results are not enough; due at 24:00 the same day', () => {
    const state = fold([filed(FILED), onlineReturned('2026-03-03T09:30', { deposits: 100 }, false)]);
    expect(node(state, 'traditionalQuery')).toMatchObject({ startedAt: cst('2026-03-03T09:30'), dueAt: endOf('2026-03-03') });
  });

  it('does not start when the online results are enough ("足额")', () => {
    expect(findNode(fold([filed(FILED), onlineReturned('2026-03-03T09:30', { deposits: 60_000 }, true)]), 'traditionalQuery')).toBeUndefined();
  });

  it('done when traditional control is started', () => {
    const state = fold([filed(FILED), onlineReturned('2026-03-03T09:30'), ev('query.traditional.started', '2026-03-03T14:00')]);
    expect(node(state, 'traditionalQuery').doneAt).toBe(cst('2026-03-03T14:00'));
  });
});

describe('node: realtySeizure (第三章一(二))', () => {
  // "对反馈的被执行人公积金、房产、厂房、土地等不动产财产信息，应当在2日内制作冻结、查封裁定书等文书并采取具体实施措施"
  it.each([{ housingFund: 1 }, { realty: 1 }, { land: 1 }, { plant: 1 }])('starts when %o is reported back; due in 2 days', (found) => {
    const state = fold([
      filed(FILED),
      onlineReturned('2026-03-03T09:30'),
      ev('query.traditional.returned', '2026-03-05T10:00', { found: { housingFund: 0, realty: 0, land: 0, plant: 0, ...found } }),
    ]);
    expect(node(state, 'realtySeizure')).toMatchObject({ startedAt: cst('2026-03-05T10:00'), dueAt: endOf('2026-03-09') });
  });

  it('does not start when nothing is reported; done when seized', () => {
    const nothing = ev('query.traditional.returned', '2026-03-05T10:00', { found: { housingFund: 0, realty: 0, land: 0, plant: 0 } });
    expect(findNode(fold([filed(FILED), nothing]), 'realtySeizure')).toBeUndefined();
    const state = fold([
      filed(FILED),
      ev('query.traditional.returned', '2026-03-05T10:00', { found: { housingFund: 0, realty: 1, land: 0, plant: 0 } }),
      ev('realty.seized', '2026-03-06T10:00'),
    ]);
    expect(node(state, 'realtySeizure').doneAt).toBe(cst('2026-03-06T10:00'));
  });
});

describe('node: relatedCases (第三章一(二)4)', () => {
  // "执行案件立案2日内，通过执行案件流程管理系统的关联案件查询功能，查看全省法院关联案件"
  it('starts at filing, due in 2 days, done when queried', () => {
    const state = fold([filed(FILED), ev('related.queried', '2026-03-03T11:00')]);
    expect(node(state, 'relatedCases')).toMatchObject({ startedAt: cst(FILED), dueAt: endOf('2026-03-04'), doneAt: cst('2026-03-03T11:00') });
  });
});

describe('node: documents (第三章一(三)2)', () => {
  // "执行案件立案后2日内，制作《执行通知书》、《报告财产令》、《传票》等文书，并集中邮寄、送达"
  it('starts at filing, due in 2 days', () => {
    expect(node(fold([filed(FILED)]), 'documents')).toMatchObject({ startedAt: cst(FILED), dueAt: endOf('2026-03-04') });
  });

  it('done only when all three documents have been sent, over several events', () => {
    const first = ev('documents.sent', '2026-03-02T16:00', { documents: ['executionNotice', 'consumptionRestriction'] });
    const second = ev('documents.sent', '2026-03-03T10:00', { documents: ['propertyReportOrder'] });
    const third = ev('documents.sent', '2026-03-04T09:00', { documents: ['summons'] });
    expect(node(fold([filed(FILED), first, second]), 'documents').doneAt).toBeUndefined();
    const state = fold([filed(FILED), first, second, third]);
    expect(node(state, 'documents').doneAt).toBe(cst('2026-03-04T09:00'));
    expect(state.facts.documentsSent).toEqual(['consumptionRestriction', 'executionNotice', 'propertyReportOrder', 'summons']);
  });

  it('done at once when one event sends all three', () => {
    const all = ev('documents.sent', '2026-03-02T16:00', { documents: ['summons', 'propertyReportOrder', 'executionNotice'] });
    expect(node(fold([filed(FILED), all]), 'documents').doneAt).toBe(cst('2026-03-02T16:00'));
  });

  it('sending the same document twice does not count as the others', () => {
    const twice = [1, 2, 3].map((i) => ev('documents.sent', `2026-03-02T1${i}:00`, { documents: ['executionNotice'] }));
    expect(node(fold([filed(FILED), ...twice]), 'documents').doneAt).toBeUndefined();
  });
});

describe('node: fundsConfirm and payout, per paymentId (第三章一(五)1)', () => {
  // "执行案款到帐后，财务人员应当在3日内登录执行案款管理系统…进行确认"
  // "执行款具备发放条件的，执行人员一般应在10日内发放完毕，超过10日未发放的，应当报主管领导审批，
  //  情况特殊不能自案款到账之日起30日内发放的，报院长批准"
  const arrived = (id: string, at: string) => ev('funds.arrived', at, { paymentId: id, amount: 10_000 });

  it('each arrival starts its own fundsConfirm (3 days) and payout (10 days; president from 30 days)', () => {
    const state = fold([filed(FILED), arrived('P1', '2026-03-03T10:00'), arrived('P2', '2026-03-04T10:00')]);
    expect(node(state, 'fundsConfirm', 'P1').dueAt).toBe(endOf('2026-03-06'));
    expect(node(state, 'fundsConfirm', 'P2').dueAt).toBe(endOf('2026-03-09')); // 03-07 is a Saturday
    expect(node(state, 'payout', 'P1')).toMatchObject({ dueAt: endOf('2026-03-13'), presidentAt: endOf('2026-04-02') });
    expect(node(state, 'payout', 'P2')).toMatchObject({ dueAt: endOf('2026-03-16'), presidentAt: endOf('2026-04-03') }); // 03-14 is a Saturday
  });

  it('confirming or paying one payment leaves the other open', () => {
    const state = fold([
      filed(FILED),
      arrived('P1', '2026-03-03T10:00'),
      arrived('P2', '2026-03-04T10:00'),
      ev('funds.confirmed', '2026-03-05T10:00', { paymentId: 'P1' }),
      ev('funds.paid', '2026-03-06T10:00', { paymentId: 'P2' }),
    ]);
    expect(node(state, 'fundsConfirm', 'P1').doneAt).toBe(cst('2026-03-05T10:00'));
    expect(node(state, 'fundsConfirm', 'P2').doneAt).toBeUndefined();
    expect(node(state, 'payout', 'P1').doneAt).toBeUndefined();
    expect(node(state, 'payout', 'P2').doneAt).toBe(cst('2026-03-06T10:00'));
  });

  it('the same paymentId arriving twice keeps the first start', () => {
    const state = fold([filed(FILED), arrived('P1', '2026-03-03T10:00'), arrived('P1', '2026-03-05T10:00')]);
    expect(state.nodes.filter((n) => n.node === 'payout')).toHaveLength(1);
    expect(node(state, 'payout', 'P1').startedAt).toBe(cst('2026-03-03T10:00'));
  });
});

describe('node: transfer (第三章一(五)1)', () => {
  // "财务人员收到执行款发放审批表后…3日内完成执行款发放转账支付手续"
  it('starts when the payout approval form arrives, due in 3 days; funds.paid ends both transfer and payout', () => {
    const state = fold([
      filed(FILED),
      ev('funds.arrived', '2026-03-03T10:00', { paymentId: 'P1', amount: 8000 }),
      ev('payout.approved', '2026-03-05T10:00', { paymentId: 'P1', approvedBy: '主管领导' }),
      ev('funds.paid', '2026-03-06T15:00', { paymentId: 'P1' }),
    ]);
    expect(node(state, 'transfer', 'P1')).toMatchObject({ startedAt: cst('2026-03-05T10:00'), dueAt: endOf('2026-03-09'), doneAt: cst('2026-03-06T15:00') });
    expect(node(state, 'payout', 'P1').doneAt).toBe(cst('2026-03-06T15:00'));
  });
});

describe('node: materials and dossier, per batchId (第三章一(七)2)', () => {
  // "在返单位后2个工作日内移送'卷宗管理中心'。'卷宗管理中心'工作人员应在收到材料当日内或至迟第二天进行检查整理、扫描上传和命名编目"
  it('materials: 2 working days after the return — Fri 2026-02-13 → Tue 2026-02-24 (over 调休 02-14 and 春节)', () => {
    const state = fold([filed('2026-02-02T10:00'), ev('field.returned', '2026-02-13T17:00', { batchId: 'B1' })]);
    expect(node(state, 'materials', 'B1')).toMatchObject({ startedAt: cst('2026-02-13T17:00'), dueAt: endOf('2026-02-24') });
  });

  it('dossier: starts when the materials are handed, due at the latest the next day', () => {
    const state = fold([
      filed(FILED),
      ev('field.returned', '2026-03-03T17:00', { batchId: 'B1' }),
      ev('materials.handed', '2026-03-04T10:00', { batchId: 'B1' }),
    ]);
    expect(node(state, 'materials', 'B1').doneAt).toBe(cst('2026-03-04T10:00'));
    expect(node(state, 'dossier', 'B1')).toMatchObject({ startedAt: cst('2026-03-04T10:00'), dueAt: endOf('2026-03-05') });
  });

  it('two field trips are two batches', () => {
    const state = fold([
      filed(FILED),
      ev('field.returned', '2026-03-03T17:00', { batchId: 'B1' }),
      ev('field.returned', '2026-03-05T17:00', { batchId: 'B2' }),
      ev('materials.handed', '2026-03-04T10:00', { batchId: 'B1' }),
      ev('dossier.digitised', '2026-03-04T16:00', { batchId: 'B1' }),
    ]);
    expect(node(state, 'dossier', 'B1').doneAt).toBe(cst('2026-03-04T16:00'));
    expect(node(state, 'materials', 'B2').doneAt).toBeUndefined();
    expect(findNode(state, 'dossier', 'B2')).toBeUndefined();
  });
});

describe('node: leadCheck (第三章七2)', () => {
  // "财产线索明确具体的，承办人应当在5日内调查核实，情况紧急的，应当在48小时内调查核实"
  it('a specific lead: 5 days', () => {
    const state = fold([filed(FILED), ev('lead.submitted', '2026-03-03T10:00', { leadId: 'L1', urgent: false })]);
    expect(node(state, 'leadCheck', 'L1').dueAt).toBe(endOf('2026-03-09')); // 03-08 is a Sunday
  });

  it('an urgent lead: 48 hours from the next full hour, over a weekend', () => {
    const state = fold([filed(FILED), ev('lead.submitted', '2026-03-06T18:30', { leadId: 'L1', urgent: true })]);
    expect(node(state, 'leadCheck', 'L1').dueAt).toBe(cst('2026-03-08T19:00'));
  });

  it('done when verified, per leadId', () => {
    const state = fold([
      filed(FILED),
      ev('lead.submitted', '2026-03-03T10:00', { leadId: 'L1', urgent: false }),
      ev('lead.submitted', '2026-03-03T11:00', { leadId: 'L2', urgent: true }),
      ev('lead.verified', '2026-03-04T10:00', { leadId: 'L2' }),
    ]);
    expect(node(state, 'leadCheck', 'L1').doneAt).toBeUndefined();
    expect(node(state, 'leadCheck', 'L2').doneAt).toBe(cst('2026-03-04T10:00'));
  });
});

describe('node: newLeadCheck (第三章七10)', () => {
  // "与申请执行人进行终结本次执行程序约谈并制作约谈笔录。申请执行人提供新的财产线索后，应当在5日内进行全面核查"
  it('a lead after the 终本 interview starts newLeadCheck (5 days), not leadCheck', () => {
    const state = fold([
      filed(FILED),
      ev('termination.interviewed', '2026-06-10T10:00'),
      ev('lead.submitted', '2026-06-11T10:00', { leadId: 'L9', urgent: true }),
    ]);
    expect(findNode(state, 'leadCheck', 'L9')).toBeUndefined();
    expect(node(state, 'newLeadCheck', 'L9')).toMatchObject({ startedAt: cst('2026-06-11T10:00'), dueAt: endOf('2026-06-16') });
  });

  it('a lead before the interview stays a leadCheck', () => {
    const state = fold([
      filed(FILED),
      ev('lead.submitted', '2026-06-09T10:00', { leadId: 'L1', urgent: false }),
      ev('termination.interviewed', '2026-06-10T10:00'),
      ev('lead.verified', '2026-06-12T10:00', { leadId: 'L1' }),
    ]);
    expect(node(state, 'leadCheck', 'L1').doneAt).toBe(cst('2026-06-12T10:00'));
    expect(findNode(state, 'newLeadCheck', 'L1')).toBeUndefined();
  });
});

describe('node: compulsorySummons (第三章七5)', () => {
  // "对下落不明或者经传唤在指定时间内未到案的被执行人，应当在传唤期限届满之日起15日之内进行拘传，或者提请公安机关协助查找"
  it.each(['summons.expired', 'respondent.missing'] as const)('starts on %s; due in 15 days', (type) => {
    const state = fold([filed(FILED), ev(type, '2026-03-10T09:00')]);
    expect(node(state, 'compulsorySummons')).toMatchObject({ startedAt: cst('2026-03-10T09:00'), dueAt: endOf('2026-03-25') });
  });

  it('both causes make one node (the first start counts); done when enforced', () => {
    const state = fold([
      filed(FILED),
      ev('respondent.missing', '2026-03-12T09:00'),
      ev('summons.expired', '2026-03-10T09:00'),
      ev('summons.enforced', '2026-03-20T09:00'),
    ]);
    expect(state.nodes.filter((n) => n.node === 'compulsorySummons')).toEqual([
      expect.objectContaining({ startedAt: cst('2026-03-10T09:00'), doneAt: cst('2026-03-20T09:00') }),
    ]);
  });
});

describe('node: rewardDecision and rewardPublish (第三章七7)', () => {
  // "承办人员应当在收到书面申请之日起于10日内决定是否准许。决定悬赏的，应当于5日内启动公告悬赏程序"
  it('a written application: decision within 10 days', () => {
    const state = fold([filed(FILED), ev('reward.requested', '2026-03-03T10:00', { requestId: 'R1' })]);
    expect(node(state, 'rewardDecision', 'R1').dueAt).toBe(endOf('2026-03-13'));
  });

  it('approved: the notice must be published within 5 days', () => {
    const state = fold([
      filed(FILED),
      ev('reward.requested', '2026-03-03T10:00', { requestId: 'R1' }),
      ev('reward.decided', '2026-03-05T10:00', { requestId: 'R1', approved: true }),
    ]);
    expect(node(state, 'rewardDecision', 'R1').doneAt).toBe(cst('2026-03-05T10:00'));
    expect(node(state, 'rewardPublish', 'R1')).toMatchObject({ startedAt: cst('2026-03-05T10:00'), dueAt: endOf('2026-03-10') });
  });

  it('refused: nothing to publish', () => {
    const state = fold([
      filed(FILED),
      ev('reward.requested', '2026-03-03T10:00', { requestId: 'R1' }),
      ev('reward.decided', '2026-03-05T10:00', { requestId: 'R1', approved: false }),
    ]);
    expect(findNode(state, 'rewardPublish', 'R1')).toBeUndefined();
  });
});

describe('node: release (第三章七8) and deduction (第三章七9), per measureId', () => {
  // "按照法律规定应当解除财产控制措施的，承办人员应当依法定程序在3日内予以解除"
  it('release: 3 days, done when released', () => {
    const state = fold([filed(FILED), ev('release.required', '2026-03-03T10:00', { measureId: 'M1' }), ev('measures.released', '2026-03-04T10:00', { measureId: 'M1' })]);
    expect(node(state, 'release', 'M1')).toMatchObject({ dueAt: endOf('2026-03-06'), doneAt: cst('2026-03-04T10:00') });
  });

  // "对被执行人的银行存款、收入等货币型财产，符合扣划条件的，应当在10日内依法扣划"
  it('deduction: 10 days, done when deducted', () => {
    const state = fold([filed(FILED), ev('deduction.eligible', '2026-03-03T10:00', { measureId: 'M2' }), ev('funds.deducted', '2026-03-12T10:00', { measureId: 'M2' })]);
    expect(node(state, 'deduction', 'M2')).toMatchObject({ dueAt: endOf('2026-03-13'), doneAt: cst('2026-03-12T10:00') });
  });
});

describe('node: closing (第三章七11)', () => {
  // "执行案件符合结案条件时，应当在1日内办理结案手续"
  it('starts when the closing conditions are met, due in 1 day, done by the closing', () => {
    const state = fold([filed(FILED), ev('closing.ready', '2026-03-20T10:00'), ev('case.closed', '2026-03-21T10:00', { kind: 'performed' })]);
    expect(node(state, 'closing')).toMatchObject({ startedAt: cst('2026-03-20T10:00'), dueAt: endOf('2026-03-23'), doneAt: cst('2026-03-21T10:00') });
    expect(node(state, 'closing').endedBy).toBeUndefined();
  });
});

describe('node: closeSimple and closeOther (第三章七12)', () => {
  // "简易执行案件应当在立案之日起30日之内结案。其他普通执行案件应当在3个月内结案"
  it('a simple case (S8 easy): closeSimple, 30 days; no closeOther', () => {
    const state = fold([filed('2026-01-16T10:00', { traits: ['easy'] })]);
    expect(state.team).toBe('simple');
    expect(node(state, 'closeSimple').dueAt).toBe(endOf('2026-02-24')); // 02-15 is 春节
    expect(findNode(state, 'closeOther')).toBeUndefined();
  });

  it('any other case: closeOther, 3 months; no closeSimple', () => {
    const state = fold([filed('2026-07-01T10:00')]);
    expect(state.team).toBe('ordinary');
    expect(node(state, 'closeOther').dueAt).toBe(endOf('2026-10-08')); // 10-01 is 国庆
    expect(findNode(state, 'closeSimple')).toBeUndefined();
  });

  it('re-triage to simple swaps closeOther for closeSimple, counted from filing', () => {
    // 20,000 yuan → E1 emergency at filing; deposits cover it → S1 simple.
    const state = fold([filed(FILED, { amount: 20_000 }), onlineReturned('2026-03-03T10:00', { deposits: 20_000 }, true)]);
    expect(state.team).toBe('simple');
    expect(findNode(state, 'closeOther')).toBeUndefined();
    expect(node(state, 'closeSimple')).toMatchObject({ startedAt: cst(FILED), dueAt: endOf('2026-04-01') });
  });

  it('re-triage away from simple swaps closeSimple for closeOther', () => {
    // Public notice and no precise leads, nothing found → S4 simple; traditional control then finds realty.
    const before = [filed(FILED, { amount: 20_000, traits: ['servedByPublicNotice'] }), onlineReturned('2026-03-03T10:00')];
    const simple = fold(before);
    expect(simple.team).toBe('simple');
    expect(node(simple, 'closeSimple').dueAt).toBe(endOf('2026-04-01'));
    const state = fold([
      ...before,
      ev('query.traditional.returned', '2026-03-06T10:00', { found: { housingFund: 0, realty: 1, land: 0, plant: 0 } }),
    ]);
    expect(state.team).toBe('emergency');
    expect(findNode(state, 'closeSimple')).toBeUndefined();
    expect(node(state, 'closeOther')).toMatchObject({ startedAt: cst(FILED), dueAt: endOf('2026-06-02') });
  });
});

describe('node: longCaseReport (第三章七13)', () => {
  // "确有理由不能在6个月内结案的，应当提前1个月报告案件详细情况和不能结案的原因，提请合议庭研究"
  it('due at 5 months (6 − 1) after filing: 2026-01-19 → 2026-06-19 (端午) → 2026-06-22', () => {
    expect(node(fold([filed('2026-01-19T10:00')]), 'longCaseReport').dueAt).toBe(endOf('2026-06-22'));
  });

  it('done when reported', () => {
    const state = fold([filed(FILED), ev('longcase.reported', '2026-07-20T10:00')]);
    expect(node(state, 'longCaseReport').doneAt).toBe(cst('2026-07-20T10:00'));
  });
});

describe('closing a case ends every open node (case.closed)', () => {
  const events = () => [
    filed(FILED),
    onlineReturned('2026-03-03T10:00', { deposits: 500, vehicles: 1 }),
    ev('funds.arrived', '2026-03-04T10:00', { paymentId: 'P1', amount: 500 }),
    ev('lead.submitted', '2026-03-05T10:00', { leadId: 'L1', urgent: false }),
    ev('related.queried', '2026-03-03T11:00'),
    ev('closing.ready', '2026-03-20T10:00'),
    ev('case.closed', '2026-03-20T15:00', { kind: 'performed' }),
  ];

  it('open nodes end at the closing, marked endedBy closing; nodes done before keep their own time', () => {
    const state = fold(events());
    const closedAt = cst('2026-03-20T15:00');
    expect(state.status).toBe('closed');
    expect(state.closed).toEqual({ at: closedAt, kind: 'performed' });
    for (const n of state.nodes) expect(n.doneAt, nodeKey(n.node, n.instance)).toBeDefined();
    expect(node(state, 'relatedCases')).toMatchObject({ doneAt: cst('2026-03-03T11:00') });
    expect(node(state, 'relatedCases').endedBy).toBeUndefined();
    for (const [id, instance] of [['freeze'], ['vehicleSeizure'], ['traditionalQuery'], ['payout', 'P1'], ['leadCheck', 'L1'], ['reception'], ['documents']] as const) {
      expect(node(state, id, instance), `${id}`).toMatchObject({ doneAt: closedAt, endedBy: 'closing' });
    }
  });

  it('closing, closeOther and longCaseReport are completed by the closing itself, not ended by it', () => {
    const state = fold(events());
    for (const id of ['closing', 'closeOther', 'longCaseReport'] as const) {
      expect(node(state, id).doneAt).toBe(cst('2026-03-20T15:00'));
      expect(node(state, id).endedBy, id).toBeUndefined();
    }
  });

  it('closeSimple too, for a simple case', () => {
    const state = fold([filed(FILED, { traits: ['easy'] }), ev('case.closed', '2026-03-20T15:00', { kind: 'performed' })]);
    expect(node(state, 'closeSimple').doneAt).toBe(cst('2026-03-20T15:00'));
    expect(node(state, 'closeSimple').endedBy).toBeUndefined();
  });

  it('events after the closing start nothing and are counted as set aside', () => {
    const state = fold([...events(), ev('funds.arrived', '2026-03-25T10:00', { paymentId: 'P2', amount: 1 })]);
    expect(findNode(state, 'payout', 'P2')).toBeUndefined();
    expect(state.setAside.afterClosing).toBe(1);
    expect(nodeIds(state)).not.toContain('fundsConfirm#P2');
  });
});
