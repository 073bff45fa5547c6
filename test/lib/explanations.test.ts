/**
 * Every node explains itself (docs/API.md "案件视图"): `basis` — seed section,
 * law, the seed's own words — and `steps`, each `{ rule, from, to, note }`, reading in
 * order to `dueAt`; notes in Chinese, or English with `?lang=en`. Checked on every node of
 * the demo month (`events/month-2026-10.json`, what `npm run demo` replays).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MONTH_FILE } from '../../events/generate-month.js';
import { createLegalCalendar } from '../../lib/calendar.js';
import { type CaseState, foldCase, keepVerdicts } from '../../lib/case-state.js';
import { caseView } from '../../lib/case-view.js';
import { type StoredEvent, validateEvent } from '../../lib/events.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { NODE_CATALOG } from '../../lib/nodes.js';
import { toChinaIso } from '../../lib/time.js';
import { context, cst, ev, filed, fold, withLimits } from './fixtures.js';
import { replaySteps } from './replay.js';

const calendar = createLegalCalendar();

async function demoMonth(): Promise<CaseState[]> {
  const raw = JSON.parse(await readFile(MONTH_FILE, 'utf8')) as unknown[];
  const byCase = new Map<string, StoredEvent[]>();
  for (const input of raw) {
    const v = validateEvent(input, Date.parse('2026-11-20T00:00:00Z'));
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    byCase.set(v.event.caseNo, [...(byCase.get(v.event.caseNo) ?? []), { ...v.event, court: 'wuzhi' }]);
  }
  return [...byCase.values()].map((events) => {
    const state = foldCase(events, { limits: DEFAULT_LIMITS, calendar });
    if (!state) throw new Error('a demo case without its filing');
    return state;
  });
}

describe('explanations: every node of the demo month', () => {
  it('has a basis and steps that lead from its start to its dueAt — in the view (zh and en) and replayed by the rules', async () => {
    const states = await demoMonth();
    const seen = new Set<string>();
    let nodes = 0;
    for (const state of states) {
      for (const lang of ['zh', 'en'] as const) {
        const view = caseView(state, [], cst('2026-10-31T18:00'), lang);
        for (const n of view.nodes) {
          const where = `${view.caseNo} ${n.id}${n.instance ? `#${n.instance}` : ''} (${lang})`;
          expect(n.basis.seed, where).toMatch(/^第/);
          expect(n.basis.text, where).toMatch(/[\u4e00-\u9fff]/);
          expect(n.steps.length, where).toBeGreaterThan(0);
          expect(n.steps[0]?.from, where).toBe(n.startedAt);
          n.steps.forEach((s, i) => {
            if (i > 0) expect(s.from, `${where} step ${i}`).toBe(n.steps[i - 1]?.to);
            expect(s.note.length, where).toBeGreaterThan(0);
            // English notes keep only the term 终本 in Chinese.
            if (lang === 'en') expect(s.note.replaceAll('终本', ''), where).not.toMatch(/[\u4e00-\u9fff]/);
          });
          expect(n.steps.at(-1)?.to, where).toBe(n.dueAt);
          seen.add(n.id);
        }
      }
      for (const n of state.nodes) {
        expect(replaySteps(n.startedAt, n.steps ?? [], calendar), `${state.caseNo} ${n.node}`).toBe(n.dueAt);
        nodes++;
      }
    }
    // The month exercises most of the catalog, the measures' renewals among them.
    expect(nodes).toBeGreaterThan(300);
    expect(seen.has('renewal')).toBe(true);
    expect(seen.size).toBeGreaterThan(NODE_CATALOG.length / 2);
  });
});

describe('explanations: what a manager reads', () => {
  it('a node due in 国庆, in Chinese and in English', () => {
    const state = fold([filed('2026-09-29T10:00'), ev('query.online.returned', '2026-09-29T16:00', { found: { deposits: 0, payment: 0, securities: 0, insurance: 0, vehicles: 1 }, enough: true })]);
    const zh = caseView(state, [], cst('2026-09-30T09:00')).nodes.find((n) => n.id === 'vehicleSeizure');
    expect(zh?.steps.map((s) => s.note)).toEqual([
      '2026年9月29日发生，当日不计入，自次日起算',
      '加2日（VehicleSeizureDays）：至2026年10月1日24时',
      '2026年10月1日为休息日（国庆节），期间最后一日顺延至其后第一个工作日2026年10月8日',
    ]);
    const en = caseView(state, [], cst('2026-09-30T09:00'), 'en').nodes.find((n) => n.id === 'vehicleSeizure');
    expect(en?.steps.map((s) => s.note)).toEqual([
      'Happened on 2026-09-29; that day is not counted: counting starts the next day',
      'Add 2 days (VehicleSeizureDays): to 24:00 on 2026-10-01',
      '2026-10-01 is a rest day (National Day): the last day moves to the next working day, 2026-10-08',
    ]);
    expect(en?.basis).toEqual({
      seed: '第三章一(二)2',
      law: ['Civil Procedure Law Art. 85', 'SPC Interpretation of the Civil Procedure Law Art. 125'],
      text: '线上查询车辆并制作查封裁定书等文书并实施查封（查询结果反馈后2日内）。',
    });
  });

  it('renewal and requery cite the law the seed defers to (第五章)', () => {
    const state = fold([filed('2025-12-01T10:00'), ev('assets.frozen', '2025-12-10T10:00', { measureId: 'F1' }), ev('case.closed', '2026-04-20T10:00', { kind: 'terminatedThisRound' })]);
    const view = caseView(state, [], cst('2026-05-01T00:00'));
    const renewal = view.nodes.find((n) => n.id === 'renewal');
    expect(renewal?.basis).toMatchObject({ seed: '第五章', law: ['民事诉讼法解释第485条', '民事诉讼法第85条', '民事诉讼法解释第125条'] });
    expect(renewal?.basis.text).toContain('本方案未作明确规定的，按照法律、司法解释有关规定');
    expect(renewal?.steps.map((s) => s.note)).toEqual([
      '2025年12月10日发生，当日不计入，自次日起算',
      '存款冻结期限12个月（DepositFreezeMonths）：至2026年12月10日届满',
      '届满前15日（RenewalLeadDays）申请续行：2026年11月25日24时前',
    ]);
    expect(renewal).toMatchObject({ status: 'pending', measure: { id: 'F1', kind: 'deposit', lapsesOn: '2026-12-10' }, round: 1 });
    expect(view.nodes.find((n) => n.id === 'requery')?.basis.law).toContain('终本规定第9条');
  });

  it('a pause and a limit changed by the admin are steps too', () => {
    const events = [
      filed('2026-03-02T10:00', { traits: ['easy'] }),
      ev('clock.paused', '2026-03-10T10:00', { reason: '依法中止', approvedBy: '分管领导' }),
      ev('clock.resumed', '2026-03-17T09:00'),
    ];
    const before = fold(events);
    const after = keepVerdicts(fold(events, context(withLimits({ SimpleCaseDays: 40 }))), before, cst('2026-03-20T08:00'));
    const view = caseView(after, [], cst('2026-03-20T09:00'));
    const notes = view.nodes.find((n) => n.id === 'closeSimple')?.steps.map((s) => `${s.rule}: ${s.note}`);
    // 40 days from 03-02 → Sat 04-11; + 7 paused days → Sat 04-18 → Mon 04-20.
    expect(notes).toEqual([
      'limitChanged: 管理员已将SimpleCaseDays由30调整为40，2026年3月20日起按新期限计算',
      'startDay: 2026年3月2日发生，当日不计入，自次日起算',
      'addDays: 加40日（SimpleCaseDays）：至2026年4月11日24时',
      'pause: 中止（扣除期限）2026年3月10日至2026年3月17日，计7日，期限顺延7日',
      'restDayLater: 2026年4月18日为休息日（周六），期间最后一日顺延至其后第一个工作日2026年4月20日',
    ]);
    expect(view.nodes.find((n) => n.id === 'closeSimple')?.dueAt).toBe(toChinaIso(cst('2026-04-21T00:00')));
  });

  it('a due time kept from a snapshot written before steps were recorded says so in one step', () => {
    const state = fold([filed('2026-03-02T10:00')]);
    const legacy = { ...state, nodes: state.nodes.map(({ steps: _s, ...n }) => n) };
    const view = caseView(legacy, [], cst('2026-03-02T12:00'));
    for (const n of view.nodes) expect(n.steps).toEqual([{ rule: 'recorded', from: n.startedAt, to: n.dueAt, note: '按此前的计算规则确定的期限（未留存逐步记录）' }]);
  });
});
