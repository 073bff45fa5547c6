/**
 * Cases the month generator does not write, for the snapshot-size bench: other courts'
 * case numbers (京, 粤, 沪, 浙, 川, 新 …; 执, 执恢, 执保; numbers of 1–5 digits), long
 * names of handlers and approvers, 64-character respondent hashes, and mixes a large
 * court sees over a case's whole life — several payments, field batches and leads, up to
 * eight control measures with renewals, pauses with their reasons, and 终本 closings
 * followed by requery rounds over the following years. Seeded: the same cases every run.
 */
import { createHash } from 'node:crypto';
import { seededRandom } from '../../events/generate-month.js';
import { DAY_MS, HOUR_MS, type Instant, toChinaIso } from '../../lib/time.js';
import type { PostedEvent } from './courts.js';

const COURTS: ReadonlyArray<readonly [string, string]> = [
  ['bj-chaoyang', '京0105'],
  ['bj-haidian', '京0108'],
  ['gd-futian', '粤0304'],
  ['gd-tianhe', '粤0106'],
  ['sh-pudong', '沪0115'],
  ['zj-shangcheng', '浙0102'],
  ['sc-jinniu', '川0106'],
  ['xj-tianshan', '新0102'],
  ['nm-huimin', '内0103'],
  ['hn-wuzhi', '豫0823'],
];
const KINDS = ['执', '执', '执', '执恢', '执保'] as const;
const HANDLERS = ['欧阳明华', '司马卫东', '买买提·吐尔逊', '阿依古丽·艾买提', '诸葛文静', '张伟', '李娜', '上官婉清', '那仁格日勒', '王建国'];
const APPROVERS = ['执行局副局长 欧阳明华', '执行局局长 司马卫东', '分管副院长 诸葛文静', '执行一庭庭长 上官婉清', '院长 王建国'];
const PAUSE_REASONS = [
  '被执行人申请暂缓执行并提供担保，经合议庭评议同意',
  '案外人提出执行异议，需审查处理',
  '申请执行人与被执行人达成和解协议，约定分期履行',
  '委托评估拍卖期间',
  '被执行人进入破产程序',
];
const TRAIT_SETS: ReadonlyArray<readonly string[]> = [[], [], ['easy'], ['complexOrSensitive', 'historicalIssues'], ['vehicleTransfer'], ['severeAntagonism', 'disposeProperty']];

/** A case of the mix: its court and its events as the court's system posts them. */
export interface MixCase {
  readonly court: string;
  readonly caseNo: string;
  readonly events: PostedEvent[];
  /** The moment after its last event (when its snapshot is measured). */
  readonly asOf: Instant;
}

/** `count` cases, deterministic for `seed`. Cases are filed from January 2024 to June 2026. */
export function caseMixes(count: number, seed: number): MixCase[] {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const first = Date.parse('2024-01-02T09:00:00+08:00');
  const span = Date.parse('2026-06-30T09:00:00+08:00') - first;
  const out: MixCase[] = [];
  for (let c = 0; c < count; c++) {
    const [court, code] = pick(COURTS);
    const filedAt = first + Math.floor((random() * span) / HOUR_MS) * HOUR_MS;
    const year = new Date(filedAt).getUTCFullYear();
    const caseNo = `(${year})${code}${pick(KINDS)}${int(1, 10 ** int(1, 5) - 1)}号`;
    const events: PostedEvent[] = [];
    let n = 0;
    const add = (type: string, at: Instant, data?: Record<string, unknown>) =>
      events.push({ eventId: `${court}-${caseNo}-${++n}`, type, caseNo, occurredAt: toChinaIso(at), ...(data ? { data } : {}) });
    const later = (from: Instant, minDays: number, maxDays: number): Instant => from + Math.floor(((minDays + random() * (maxDays - minDays)) * DAY_MS) / 60_000) * 60_000;
    const hash = () => createHash('sha256').update(`${seed}-${c}-${random()}`).digest('hex');

    add('case.filed', filedAt, {
      courtCaseNo: caseNo,
      amount: Math.round(5_000 * 10 ** (random() * 4)),
      financial: random() < 0.3,
      respondents: Array.from({ length: int(1, 6) }, () => ({ kind: pick(['person', 'person', 'organization', 'government'] as const), idHash: hash() })),
      traits: [...pick(TRAIT_SETS)],
      handler: pick(HANDLERS),
    });
    add('reception.recorded', later(filedAt, 0, 1), { interviewer: pick(HANDLERS), interviewee: `申请执行人代理人 ${pick(HANDLERS)}` });
    add('query.online.started', later(filedAt, 0, 1));
    const returned = later(filedAt, 1, 3);
    add('query.online.returned', returned, {
      found: { deposits: int(0, 3) * 10_000, payment: int(0, 2) * 1_000, securities: 0, insurance: int(0, 1) * 20_000, vehicles: int(0, 2) },
      enough: random() < 0.2,
    });
    add('related.queried', later(filedAt, 0, 2));
    add('documents.sent', later(filedAt, 0, 2), { documents: ['executionNotice', 'propertyReportOrder', 'summons'] });
    add('query.traditional.started', later(returned, 0, 1));
    add('query.traditional.returned', later(returned, 3, 20), { found: { housingFund: int(0, 1), realty: int(0, 2), land: 0, plant: 0 } });

    let last = later(returned, 20, 40);
    const measures = int(0, 8);
    for (let m = 1; m <= measures; m++) {
      const at = later(returned, 0, 30);
      const measureId = `CK${year}${String(int(1, 99_999)).padStart(6, '0')}`;
      const type = pick(['assets.frozen', 'vehicle.seized', 'realty.seized'] as const);
      add(type, at, { measureId, ...(type === 'assets.frozen' ? { kind: 'deposit' } : {}) });
      let term = at;
      for (let r = int(0, 3); r > 0; r--) {
        term = later(term, 300, 360);
        add('measures.renewed', term, { measureId });
      }
      last = Math.max(last, term);
    }
    for (let p = int(0, 6); p > 0; p--) {
      const paymentId = `JK${year}${String(int(1, 9_999_999)).padStart(8, '0')}`;
      const arrived = later(filedAt, 5, 120);
      add('funds.arrived', arrived, { paymentId, amount: int(1, 500) * 1_000 });
      add('funds.confirmed', later(arrived, 0, 4), { paymentId });
      if (random() < 0.5) add('payout.approved', later(arrived, 5, 12), { paymentId, approvedBy: pick(APPROVERS) });
      if (random() < 0.7) add('funds.paid', later(arrived, 8, 35), { paymentId });
    }
    for (let b = int(0, 4); b > 0; b--) {
      const batchId = `PC-${String(int(1, 999)).padStart(3, '0')}`;
      const back = later(filedAt, 3, 90);
      add('field.returned', back, { batchId });
      add('materials.handed', later(back, 0, 4), { batchId });
      if (random() < 0.8) add('dossier.digitised', later(back, 2, 6), { batchId });
    }
    for (let l = int(0, 4); l > 0; l--) {
      const leadId = `XS-${String(int(1, 99_999)).padStart(5, '0')}`;
      const at = later(filedAt, 10, 120);
      add('lead.submitted', at, { leadId, urgent: random() < 0.2 });
      if (random() < 0.7) add('lead.verified', later(at, 1, 8), { leadId });
    }
    for (let p = int(0, 2); p > 0; p--) {
      const from = later(filedAt, 20, 150);
      add('clock.paused', from, { reason: pick(PAUSE_REASONS), approvedBy: pick(APPROVERS) });
      add('clock.resumed', later(from, 10, 60));
    }
    // A third of the cases end this round (终本): requery rounds follow, one every ~6 months.
    if (random() < 0.35) {
      const closedAt = later(filedAt, 150, 200);
      add('termination.interviewed', later(closedAt, -5, -1));
      add('case.closed', closedAt, { kind: 'terminatedThisRound' });
      let round = closedAt;
      for (let r = int(0, 4); r > 0; r--) {
        round = later(round, 170, 182);
        add('query.online.started', round);
      }
      last = Math.max(last, round);
    }
    const sorted = events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    const end = Math.max(last, Date.parse(sorted.at(-1)?.occurredAt ?? '')) + HOUR_MS;
    out.push({ court, caseNo, events: sorted, asOf: end });
  }
  return out;
}
