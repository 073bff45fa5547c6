/**
 * Triage (繁简分流标准, 第三章二–六): every rule as a named predicate, shown matching and
 * not matching with the seed's own words; then precedence, and triage inside the fold.
 */
import { describe, expect, it } from 'vitest';
import type { CaseFacts, PriorTermination } from '../../lib/facts.js';
import { DEFAULT_LIMITS, type Limits } from '../../lib/limits.js';
import { findPriorTermination, triage, TRIAGE_RULE_IDS, TRIAGE_RULES, type TriageRuleId } from '../../lib/triage.js';
import { CASE_NO, context, cst, ev, filed, findNode, fold, node, onlineReturned, RESPONDENT_HASH, withLimits } from './fixtures.js';

function facts(changes: Partial<CaseFacts> = {}): CaseFacts {
  return {
    amount: 50_000,
    financial: false,
    respondents: [{ kind: 'person' }],
    traits: [],
    respondentMissing: false,
    documentsSent: [],
    terminationInterviewed: false,
    onlineQueries: 0,
    onlineResults: 0,
    relatedQueries: 0,
    ...changes,
  };
}

const online = (found: Partial<NonNullable<CaseFacts['online']>> = {}): NonNullable<CaseFacts['online']> => ({
  deposits: 0,
  payment: 0,
  securities: 0,
  insurance: 0,
  vehicles: 0,
  enough: false,
  ...found,
});

function matches(id: TriageRuleId, f: CaseFacts, limits: Limits = DEFAULT_LIMITS): boolean {
  const rule = TRIAGE_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const viaRule = rule.test(f, limits);
  // The rule's verdict is what triage reports in `matched`.
  expect(triage(f, limits).matched.includes(id)).toBe(viaRule);
  return viaRule;
}

interface RuleCase {
  readonly id: TriageRuleId;
  readonly team: string;
  readonly seed: string;
  /** The seed's words (第三章). */
  readonly words: string;
  readonly yes: readonly CaseFacts[];
  readonly no: readonly CaseFacts[];
}

const PRIOR = { caseNo: '(2025)豫0823执888号', closedAt: cst('2026-01-10T15:00') };

const RULES: readonly RuleCase[] = [
  {
    id: 'S1', team: 'simple', seed: '第三章二1', words: '银行存款、网络资金账户资金等可足额清偿债权的',
    yes: [facts({ amount: 20_000, online: online({ deposits: 15_000, payment: 5000 }) }), facts({ amount: 800, online: online({ payment: 800 }) })],
    no: [
      facts({ amount: 20_000, online: online({ deposits: 15_000, payment: 4999.99 }) }),
      facts({ amount: 20_000, online: online({ securities: 1_000_000, insurance: 50_000 }) }), // not deposits / payment accounts
      facts({ amount: 20_000 }), // results not in yet
    ],
  },
  {
    id: 'S2', team: 'simple', seed: '第三章二2', words: '向有关单位发送协助执行通知书即可以办结的行为执行案件',
    yes: [facts({ traits: ['actByAssistanceNotice'] })], no: [facts()],
  },
  {
    id: 'S3', team: 'simple', seed: '第三章二3', words: '动产、机动车过户案件',
    yes: [facts({ traits: ['vehicleTransfer'] })], no: [facts({ traits: ['disposeProperty'] })],
  },
  {
    id: 'S4', team: 'simple', seed: '第三章二4',
    words: '未查控到被执行人有可供执行财产,且同时存在被执行人下落不明、诉讼期间公告送达开庭传票和裁判文书、申请执行人不能提供准确执行线索等情形的案件',
    yes: [
      facts({ online: online(), traits: ['respondentMissing'] }),
      facts({ online: online(), respondentMissing: true }),
      facts({ online: online(), traits: ['servedByPublicNotice'] }),
      facts({ online: online(), traits: ['noPreciseLeads'] }),
      facts({ online: online(), traditional: { housingFund: 0, realty: 0, land: 0, plant: 0 }, traits: ['noPreciseLeads'] }),
    ],
    no: [
      facts({ online: online() }), // nothing found, but none of the circumstances
      facts({ online: online({ vehicles: 1 }), traits: ['noPreciseLeads'] }), // something found
      facts({ online: online(), traditional: { housingFund: 0, realty: 1, land: 0, plant: 0 }, traits: ['noPreciseLeads'] }),
      facts({ traits: ['respondentMissing'] }), // nothing queried yet: "未查控到" is not known
    ],
  },
  {
    id: 'S5', team: 'simple', seed: '第三章二5', words: '被执行人已主动履行、愿意主动履行或者双方有较大和解可能的',
    yes: [facts({ traits: ['performedOrSettling'] })], no: [facts()],
  },
  {
    id: 'S6', team: 'simple', seed: '第三章二6', words: '查控团队初步判断不予受理或驳回申请的',
    yes: [facts({ online: online(), traits: ['controlTeamRejects'] })], no: [facts({ online: online() })],
  },
  {
    id: 'S7', team: 'simple', seed: '第三章二7',
    words: '被执行人在本院有执行案件,且上一个被执行案件因暂无财产可供执行终结本次执行程序,新案件在上一个案件结案后六个月内立案的案件',
    yes: [facts({ priorTermination: PRIOR }), facts({ traits: ['priorTerminatedCase'] })], no: [facts()],
  },
  {
    id: 'S8', team: 'simple', seed: '第三章二8', words: '其他简单易执、易结案件',
    yes: [facts({ traits: ['easy'] })], no: [facts()],
  },
  {
    id: 'O1', team: 'ordinary', seed: '第三章三1', words: '标的 3万元以上的案件',
    yes: [facts({ amount: 30_000 }), facts({ amount: 999_999 })], no: [facts({ amount: 29_999.99 })],
  },
  {
    id: 'O2', team: 'ordinary', seed: '第三章三2', words: '需要处分房产、土地、车辆、股票、股权、证券、机器设备等财产的',
    yes: [facts({ amount: 5000, traits: ['disposeProperty'] })], no: [facts({ amount: 5000 })],
  },
  {
    id: 'O3', team: 'ordinary', seed: '第三章三3', words: '生效法律文书判项中涉及房产、土地使用权、股权(含上市公司股权)等财产过户的',
    yes: [facts({ amount: 5000, traits: ['transferPropertyRights'] })], no: [facts({ amount: 5000, traits: ['vehicleTransfer'] })],
  },
  {
    id: 'O4', team: 'ordinary', seed: '第三章三4', words: '生效法律文书判项中涉及返还房产、商铺、机器设备等行为的',
    yes: [facts({ amount: 5000, traits: ['returnPremises'] })], no: [facts({ amount: 5000 })],
  },
  {
    id: 'O5', team: 'ordinary', seed: '第三章三5', words: '生效刑事判决涉及扣押物品的处分或退赔判项不明确,情况较为复杂,无法快速处理的',
    yes: [facts({ amount: 5000, traits: ['criminalConfiscation'] })], no: [facts({ amount: 5000 })],
  },
  {
    id: 'O6', team: 'ordinary', seed: '第三章三6', words: '被执行人为党政机关的',
    yes: [facts({ amount: 5000, respondents: [{ kind: 'person' }, { kind: 'government' }] })],
    no: [facts({ amount: 5000, respondents: [{ kind: 'organization' }] })],
  },
  {
    id: 'O7', team: 'ordinary', seed: '第三章三7', words: '家事纠纷、劳资纠纷、相邻关系纠纷等案件双方对立严重、需要做思想教育工作的',
    yes: [facts({ amount: 5000, traits: ['severeAntagonism'] })], no: [facts({ amount: 5000 })],
  },
  {
    id: 'O8', team: 'ordinary', seed: '第三章三8', words: '查询财产不足以清偿,或者处置完财产后,无财产可供执行的,需要终本的案件',
    yes: [facts({ amount: 5000, traits: ['insufficientProperty'] })], no: [facts({ amount: 5000 })],
  },
  {
    id: 'L1', team: 'large', seed: '第三章四1', words: '涉及标的较大(100万以上)',
    yes: [facts({ amount: 1_000_000 })], no: [facts({ amount: 999_999.99 })],
  },
  {
    id: 'L2', team: 'large', seed: '第三章四2', words: '掺杂历史遗留问题较多',
    yes: [facts({ traits: ['historicalIssues'] })], no: [facts()],
  },
  {
    id: 'L3', team: 'large', seed: '第三章四3', words: '案件整体较为复杂、疑难、敏感、影响较大的',
    yes: [facts({ traits: ['complexOrSensitive'] })], no: [facts()],
  },
  {
    id: 'F1', team: 'financial', seed: '第三章六', words: '涉金融案件的执行',
    yes: [facts({ financial: true })], no: [facts()],
  },
  {
    id: 'E1', team: 'emergency', seed: '第三章五', words: '标的小于3万元的案件,不含已分流到简易团队的案件',
    yes: [facts({ amount: 29_999 }), facts({ amount: 0 })],
    // "不含已分流到简易团队的案件": part of the rule, whatever the precedence.
    no: [facts({ amount: 30_000 }), facts({ amount: 5000, traits: ['easy'] })],
  },
];

describe('triage rules: each one quoted from the seed, matching and not matching', () => {
  it('the table covers every rule S1–S8, O1–O8, L1–L3, F1, E1', () => {
    expect(RULES.map((r) => r.id)).toEqual([...TRIAGE_RULE_IDS]);
    expect(TRIAGE_RULES.map((r) => r.id)).toEqual([...TRIAGE_RULE_IDS]);
  });

  describe.each(RULES)('$id → $team ($seed) "$words"', ({ id, team, seed, yes, no }) => {
    it(`belongs to ${team} and cites ${seed}`, () => {
      const rule = TRIAGE_RULES.find((r) => r.id === id);
      expect(rule?.team).toBe(team);
      expect(rule?.seed).toBe(seed);
    });

    it.each(yes.map((f, i) => [i, f] as const))('matches (case %i)', (_i, f) => {
      expect(matches(id, f)).toBe(true);
    });

    it.each(no.map((f, i) => [i, f] as const))('does not match (case %i)', (_i, f) => {
      expect(matches(id, f)).toBe(false);
    });
  });

  it('S1, S4 and S6 are the rules that need the property-control results ("作为繁简分流案件的参考依据", 一(二)7)', () => {
    expect(TRIAGE_RULES.filter((r) => r.needsPropertyResults).map((r) => r.id)).toEqual(['S1', 'S4', 'S6']);
  });

  it('the amount thresholds are parameters: O1 / E1 at OrdinaryAmountThreshold, L1 at LargeAmountThreshold', () => {
    const limits = withLimits({ OrdinaryAmountThreshold: 50_000, LargeAmountThreshold: 500_000 });
    expect(matches('O1', facts({ amount: 40_000 }), limits)).toBe(false);
    expect(matches('E1', facts({ amount: 40_000 }), limits)).toBe(true);
    expect(matches('L1', facts({ amount: 500_000 }), limits)).toBe(true);
  });
});

describe('triage precedence: financial > large > simple > ordinary > emergency [design], configurable', () => {
  it.each([
    { f: facts({ amount: 2_000_000, financial: true, traits: ['easy'] }), team: 'financial', matched: ['S8', 'O1', 'L1', 'F1'] },
    { f: facts({ amount: 2_000_000, traits: ['easy'] }), team: 'large', matched: ['S8', 'O1', 'L1'] },
    { f: facts({ amount: 50_000, traits: ['easy'] }), team: 'simple', matched: ['S8', 'O1'] },
    { f: facts({ amount: 50_000 }), team: 'ordinary', matched: ['O1'] },
    { f: facts({ amount: 5000 }), team: 'emergency', matched: ['E1'] },
    // E1 "不含已分流到简易团队的案件": a small easy case goes to simple.
    { f: facts({ amount: 5000, traits: ['performedOrSettling'] }), team: 'simple', matched: ['S5'] },
    // A small case that must dispose of property is ordinary (O2), not emergency.
    { f: facts({ amount: 5000, traits: ['disposeProperty'] }), team: 'ordinary', matched: ['O2', 'E1'] },
  ])('default: $matched → $team', ({ f, team, matched }) => {
    expect(triage(f, DEFAULT_LIMITS)).toEqual({ team, matched, provisional: true });
  });

  it('a configured order wins: emergency > ordinary > simple > large > financial', () => {
    const limits = withLimits({ TriagePrecedence: ['emergency', 'ordinary', 'simple', 'large', 'financial'] });
    expect(triage(facts({ amount: 2_000_000, financial: true, traits: ['easy'] }), limits).team).toBe('ordinary');
    expect(triage(facts({ amount: 5000, financial: true }), limits).team).toBe('emergency');
    // E1 never takes a case the simple rules claim, even ranked first.
    expect(triage(facts({ amount: 5000, financial: true, traits: ['easy'] }), limits).team).toBe('simple');
    expect(triage(facts({ amount: 2_000_000, financial: true }), withLimits({ TriagePrecedence: ['large', 'financial', 'simple', 'ordinary', 'emergency'] })).team).toBe('large');
  });

  it('is provisional until the online results are in', () => {
    expect(triage(facts(), DEFAULT_LIMITS).provisional).toBe(true);
    expect(triage(facts({ online: online() }), DEFAULT_LIMITS).provisional).toBe(false);
  });
});

describe('triage in the fold: provisional at filing, again on the property results (一(二)7)', () => {
  const FILED = '2026-03-02T10:00';

  it('provisional at filing; final once query.online.returned is in; other events do not make it final', () => {
    const atFiling = fold([filed(FILED), ev('query.online.started', '2026-03-02T12:00'), ev('related.queried', '2026-03-02T13:00')]);
    expect(atFiling.triage).toEqual({ team: 'ordinary', matched: ['O1'], provisional: true });
    const after = fold([filed(FILED), onlineReturned('2026-03-03T10:00', { vehicles: 1 })]);
    expect(after.triage).toEqual({ team: 'ordinary', matched: ['O1'], provisional: false });
  });

  it('S1: deposits that cover the claim move a small case from emergency to simple', () => {
    const events = [filed(FILED, { amount: 12_000 })];
    expect(fold(events).team).toBe('emergency');
    const state = fold([...events, onlineReturned('2026-03-03T10:00', { deposits: 10_000, payment: 2000 }, true)]);
    expect(state.triage).toEqual({ team: 'simple', matched: ['S1'], provisional: false });
    expect(state.team).toBe('simple');
  });

  it('S4: nothing found and the applicant cannot give precise leads → simple', () => {
    const state = fold([filed(FILED, { traits: ['noPreciseLeads'] }), onlineReturned('2026-03-03T10:00')]);
    expect(state.triage.matched).toEqual(['S4', 'O1']);
    expect(state.team).toBe('simple');
  });

  it('S4: a respondent.missing event counts as "被执行人下落不明"', () => {
    const state = fold([filed(FILED), onlineReturned('2026-03-03T10:00'), ev('respondent.missing', '2026-03-04T10:00')]);
    expect(state.triage.matched).toContain('S4');
    expect(state.team).toBe('simple');
  });

  it('S6: the control team\'s first view (a trait on the results) → simple', () => {
    const state = fold([filed(FILED), onlineReturned('2026-03-03T10:00', { deposits: 100 }, false, ['controlTeamRejects'])]);
    expect(state.triage.matched).toEqual(['S6', 'O1']);
    expect(state.team).toBe('simple');
    expect(state.facts.traits).toEqual(['controlTeamRejects']);
  });
});

describe('manual reassignment (第二章 "动态调整") wins over the rules and keeps its reason', () => {
  const FILED = '2026-03-02T10:00';
  const reassigned = () => ev('case.reassigned', '2026-03-02T16:00', { team: 'large', reason: '被执行人系当地重点企业，影响较大', approvedBy: '执行局长' });

  it('the team is the manual one, with reason, approver and time; the rules still report what matched', () => {
    const state = fold([filed(FILED, { amount: 12_000 }), reassigned()]);
    expect(state.team).toBe('large');
    expect(state.triage).toEqual({
      team: 'large',
      matched: ['E1'],
      provisional: true,
      manual: { team: 'large', reason: '被执行人系当地重点企业，影响较大', approvedBy: '执行局长', at: cst('2026-03-02T16:00') },
    });
  });

  it('later property results re-run the rules but do not change the manual team', () => {
    const state = fold([filed(FILED, { amount: 12_000 }), reassigned(), onlineReturned('2026-03-03T10:00', { deposits: 12_000 }, true)]);
    expect(state.team).toBe('large');
    expect(state.triage).toMatchObject({ team: 'large', matched: ['S1'], provisional: false, manual: { reason: '被执行人系当地重点企业，影响较大', approvedBy: '执行局长' } });
    expect(findNode(state, 'closeSimple')).toBeUndefined();
    expect(node(state, 'closeOther').startedAt).toBe(cst(FILED));
  });

  it('a reassignment to simple swaps the case clock to closeSimple from filing', () => {
    const state = fold([filed(FILED), ev('case.reassigned', '2026-03-05T10:00', { team: 'simple', reason: '双方达成和解意向', approvedBy: '团队负责人' })]);
    expect(state.team).toBe('simple');
    expect(findNode(state, 'closeOther')).toBeUndefined();
    expect(node(state, 'closeSimple').startedAt).toBe(cst(FILED));
  });

  it('the later of two reassignments wins', () => {
    const state = fold([
      filed(FILED),
      ev('case.reassigned', '2026-03-05T10:00', { team: 'simple', reason: '和解', approvedBy: '团队负责人' }),
      ev('case.reassigned', '2026-03-04T10:00', { team: 'financial', reason: '涉金融', approvedBy: '执行局长' }),
    ]);
    expect(state.team).toBe('simple');
    expect(state.triage.manual?.reason).toBe('和解');
  });
});

describe('S7 from the system\'s own history (第三章二7 "新案件在上一个案件结案后六个月内立案")', () => {
  const PRIOR_CASE = '(2025)豫0823执888号';
  const history: PriorTermination[] = [{ idHash: RESPONDENT_HASH, caseNo: PRIOR_CASE, closedAt: cst('2026-01-10T15:00') }];

  it.each([
    { filedAt: '2026-01-11T09:00', s7: true, note: 'the day after the 终本 closing' },
    { filedAt: '2026-07-10T23:59', s7: true, note: 'the last minute of the sixth month' },
    { filedAt: '2026-07-11T00:00', s7: false, note: 'six months have passed' },
    { filedAt: '2026-01-10T14:00', s7: false, note: 'filed before the prior case closed' },
  ])('prior 终本 closed 2026-01-10 15:00, filed $filedAt ($note) → S7 $s7', ({ filedAt, s7 }) => {
    const state = fold([filed(filedAt)], context(DEFAULT_LIMITS, history));
    expect(state.triage.matched.includes('S7')).toBe(s7);
    expect(state.team).toBe(s7 ? 'simple' : 'ordinary');
    if (s7) expect(state.facts.priorTermination).toEqual({ caseNo: PRIOR_CASE, closedAt: cst('2026-01-10T15:00') });
    else expect(state.facts.priorTermination).toBeUndefined();
  });

  it('not from the same case, and not from another respondent', () => {
    const own: PriorTermination[] = [{ idHash: RESPONDENT_HASH, caseNo: CASE_NO, closedAt: cst('2026-01-10T15:00') }];
    expect(fold([filed('2026-02-01T10:00')], context(DEFAULT_LIMITS, own)).triage.matched).not.toContain('S7');
    const other: PriorTermination[] = [{ idHash: 'someone-else-01', caseNo: PRIOR_CASE, closedAt: cst('2026-01-10T15:00') }];
    expect(fold([filed('2026-02-01T10:00')], context(DEFAULT_LIMITS, other)).triage.matched).not.toContain('S7');
  });

  it('any respondent of the new case can be the one with the prior case', () => {
    const state = fold(
      [filed('2026-02-01T10:00', { respondents: [{ kind: 'organization', idHash: 'company-hash-9' }, { kind: 'person', idHash: RESPONDENT_HASH }] })],
      context(DEFAULT_LIMITS, history),
    );
    expect(state.triage.matched).toContain('S7');
  });

  it('the window is PriorTerminationMonths', () => {
    const limits = withLimits({ PriorTerminationMonths: 3 });
    expect(fold([filed('2026-04-10T10:00')], context(limits, history)).triage.matched).toContain('S7');
    expect(fold([filed('2026-04-11T10:00')], context(limits, history)).triage.matched).not.toContain('S7');
  });

  it('findPriorTermination picks the latest qualifying closing', () => {
    const many: PriorTermination[] = [
      { idHash: RESPONDENT_HASH, caseNo: '(2025)豫0823执100号', closedAt: cst('2025-12-01T10:00') },
      { idHash: RESPONDENT_HASH, caseNo: '(2025)豫0823执200号', closedAt: cst('2026-01-20T10:00') },
      { idHash: RESPONDENT_HASH, caseNo: '(2026)豫0823执300号', closedAt: cst('2026-03-01T10:00') }, // after filing
    ];
    expect(findPriorTermination(many, [RESPONDENT_HASH], CASE_NO, cst('2026-02-15T10:00'), DEFAULT_LIMITS)?.caseNo).toBe('(2025)豫0823执200号');
    expect(findPriorTermination(many, [], CASE_NO, cst('2026-02-15T10:00'), DEFAULT_LIMITS)).toBeUndefined();
  });
});
