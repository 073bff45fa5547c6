/**
 * Every node explains itself (docs/API.md "案件视图"): `basis` — the seed section, the law and the
 * seed's own words — and `steps` — the counting that gave its due time, each step with a
 * note in Chinese (default) or English. The steps are the ones the fold recorded while
 * it computed `dueAt` (`counting.ts`); this module only writes them out.
 */
import type { NodeInstance } from './case-state.js';
import type { Step, StepRule } from './counting.js';
import { COUNTING_LAWS, LAWS, type LawId, NODE_BASIS } from './node-basis.js';
import { nodeDefinition } from './nodes.js';
import { chinaDateOf, chineseDate, chineseMoment, englishMoment, type Instant, toChinaIso } from './time.js';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface BasisView {
  /** Section of the seed (the 2022 plan). */
  readonly seed: string;
  /** Law the node and its counting rest on. */
  readonly law: readonly string[];
  /** The seed's own words (always Chinese). */
  readonly text: string;
}

export interface StepView {
  /** The counting rule (`counting.ts` STEP_RULES), or `recorded` for a due time kept without its steps. */
  readonly rule: StepRule | 'recorded';
  readonly from: string;
  readonly to: string;
  readonly note: string;
}

/** What a node rests on: its seed section and words, its own law and the counting law of its unit. */
export function nodeBasis(node: NodeInstance, lang: Language = 'zh'): BasisView {
  const def = nodeDefinition(node.node);
  const basis = NODE_BASIS[def.id];
  const laws: LawId[] = [...basis.law, ...COUNTING_LAWS[def.limit.unit]];
  if (def.pausable) laws.push('caseLimits9');
  return { seed: def.seed, law: [...new Set(laws)].map((id) => LAWS[id][lang]), text: basis.text };
}

/** The node's steps as a reader sees them: each from where the previous ended, the last at `dueAt`. */
export function explainSteps(node: NodeInstance, lang: Language = 'zh'): StepView[] {
  if (!node.steps?.length) {
    const note = lang === 'zh' ? '按此前的计算规则确定的期限（未留存逐步记录）' : 'Due time counted under the earlier rules (no step record kept)';
    return [{ rule: 'recorded', from: toChinaIso(node.startedAt), to: toChinaIso(node.dueAt), note }];
  }
  let from = node.startedAt;
  return node.steps.map((step) => {
    const view = { rule: step.rule, from: toChinaIso(from), to: toChinaIso(step.to), note: stepNote(step, from, lang) };
    from = step.to;
    return view;
  });
}

/** The day whose end an instant at 24:00 marks (or the day an instant falls on). */
const dayOf = (t: Instant) => chinaDateOf(t - 1);
const zhDay = (t: Instant) => chineseDate(dayOf(t));
const zhDate = (d: string | undefined) => (d ? chineseDate(d) : '');
const hm = (t: Instant) => toChinaIso(t).slice(11, 16);
const p = (param: string | undefined, lang: Language) => (param ? (lang === 'zh' ? `（${param}）` : ` (${param})`) : '');

const KIND_ZH: Readonly<Record<string, string>> = { deposit: '存款冻结', movable: '动产查封、扣押', realty: '不动产查封', other: '其他财产权冻结' };
const KIND_EN: Readonly<Record<string, string>> = { deposit: 'deposit freeze', movable: 'seizure of movables', realty: 'seizure of real estate', other: 'freeze of other property rights' };

/** One step in words. */
export function stepNote(s: Step, from: Instant, lang: Language): string {
  const zh = lang === 'zh';
  const rest = s.rest ? (zh ? s.rest.zh : s.rest.en) : '';
  switch (s.rule) {
    case 'startHour':
      return zh
        ? `${chineseMoment(from)}发生，该小时不计入，自${hm(s.to)}起算`
        : `Happened at ${englishMoment(from)}; that hour is not counted: counting starts at ${hm(s.to)}`;
    case 'addHours':
      return zh
        ? `加${s.n}小时${p(s.param, lang)}：至${chineseMoment(s.to)}，小时期限不因休息日顺延`
        : `Add ${s.n} hours${p(s.param, lang)}: to ${englishMoment(s.to)}; hour limits do not move for rest days`;
    case 'startDay':
      return zh ? `${chineseDate(chinaDateOf(from))}发生，当日不计入，自次日起算` : `Happened on ${chinaDateOf(from)}; that day is not counted: counting starts the next day`;
    case 'sameDay':
      return zh ? `当日办理${p(s.param, lang)}：期限为${zhDay(s.to)}24时` : `Same day${p(s.param, lang)}: due at ${englishMoment(s.to)}`;
    case 'addDays':
      return zh ? `加${s.n}日${p(s.param, lang)}：至${zhDay(s.to)}24时` : `Add ${s.n} days${p(s.param, lang)}: to ${englishMoment(s.to)}`;
    case 'addWorkingDays': {
      const skipped = (s.skipped ?? []).map((r) => (zh ? r.zh : r.en)).join(zh ? '、' : ', ');
      return zh
        ? `加${s.n}个工作日${p(s.param, lang)}，休息日${skipped ? `（${skipped}）` : ''}不计：至${zhDay(s.to)}24时`
        : `Add ${s.n} working days${p(s.param, lang)}, rest days${skipped ? ` (${skipped})` : ''} not counted: to ${englishMoment(s.to)}`;
    }
    case 'addMonths': {
      const monthEnd = dayOf(from).slice(8) !== dayOf(s.to).slice(8);
      return zh
        ? `加${s.n}个月${p(s.param, lang)}：至${zhDay(s.to)}24时${monthEnd ? '（该月无对应日，以月末为最后一日）' : ''}`
        : `Add ${s.n} months${p(s.param, lang)}: to ${englishMoment(s.to)}${monthEnd ? ' (that month has no such day: its last day)' : ''}`;
    }
    case 'term':
      return zh
        ? `${KIND_ZH[s.kind ?? ''] ?? '控制措施'}期限${s.n}个月${p(s.param, lang)}：至${zhDay(s.to)}届满`
        : `A ${KIND_EN[s.kind ?? ''] ?? 'control measure'} lasts ${s.n} months${p(s.param, lang)}: it lapses at ${englishMoment(s.to)}`;
    case 'until':
      return zh ? `裁定载明的期限至${zhDate(s.day)}届满` : `The ruling sets its term to end on ${s.day}`;
    case 'pause':
      if (!s.n) return zh ? `${zhDate(s.day)}中止、当日恢复，不计天数` : `Paused and resumed on ${s.day}: nothing added`;
      return zh
        ? `中止（扣除期限）${zhDate(s.day)}至${zhDate(s.endDay)}，计${s.n}日，期限顺延${s.n}日`
        : `Paused from ${s.day} to ${s.endDay}: ${s.n} days added`;
    case 'pauseAfterDue':
      return zh ? `${zhDate(s.day)}中止时期限已届满，不予顺延` : `Paused on ${s.day}, after the limit had run out: nothing added`;
    case 'restDayLater':
      return zh
        ? `${zhDate(s.day)}为休息日（${rest}），期间最后一日顺延至其后第一个工作日${zhDay(s.to)}`
        : `${s.day} is a rest day (${rest}): the last day moves to the next working day, ${dayOf(s.to)}`;
    case 'leadBefore':
      return zh
        ? `届满前${s.n}日${p(s.param, lang)}申请续行：${zhDay(s.to)}24时前`
        : `${s.n} days before it lapses${p(s.param, lang)}, apply to renew: by ${englishMoment(s.to)}`;
    case 'restDayEarlier':
      return zh
        ? `${zhDate(s.day)}为休息日（${rest}），提前至此前最后一个工作日${zhDay(s.to)}`
        : `${s.day} is a rest day (${rest}): moved earlier to the previous working day, ${dayOf(s.to)}`;
    case 'cap':
      return zh
        ? `不得晚于终本结案（${zhDate(s.baseDay)}）后${s.n}个月${p(s.param, lang)}：${zhDate(s.day)}24时`
        : `No later than ${s.n} months${p(s.param, lang)} after the 终本 closing on ${s.baseDay}: ${englishMoment(s.to)}`;
    case 'notBeforeStart':
      return zh ? `起算时该期限已过，定为起算当日${zhDate(s.day)}24时` : `Already past when the clock started: due at 24:00 on ${s.day}, the day it started`;
    case 'limitChanged':
      return zh
        ? `管理员已将${s.param}由${s.was}调整为${s.n}，${s.at === undefined ? '' : chineseDate(chinaDateOf(s.at))}起按新期限计算`
        : `The admin changed ${s.param} from ${s.was} to ${s.n}; counted with the new value from ${s.at === undefined ? '' : chinaDateOf(s.at)}`;
    case 'unknownYear': {
      const years = (s.years ?? []).join(zh ? '、' : ', ');
      return zh ? `${years}年节假日安排尚未录入，暂按周末休息计算（请管理员补录）` : `No holiday data for ${years}: counted with weekends only until an admin adds it`;
    }
  }
}
