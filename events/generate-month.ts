/**
 * Generates a realistic month of a small county court's enforcement events:
 * `events/month-2026-10.json` (committed; `npm run demo` replays it).
 *
 *   npx tsx events/generate-month.ts [seed]
 *
 * About forty cases filed between 28 September and 23 October 2026 — across the
 * Mid-Autumn / National Day holiday (1-7 October, with the adjusted working days of
 * 20 September and 10 October) — mostly handled in time, some slipping, as the seed's
 * nodes would see them. Deterministic for a given seed.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createLegalCalendar } from '../lib/calendar.js';
import { addDays, chinaDateOf, HOUR_MS, type Instant, startOfChinaDay, toChinaIso } from '../lib/time.js';

export const MONTH_FILE = fileURLToPath(new URL('./month-2026-10.json', import.meta.url));
export const MONTH_START = '2026-09-28';
export const MONTH_END = '2026-10-31';

/** An event as a court system posts it (JSON). */
export interface RawEvent {
  eventId: string;
  type: string;
  caseNo: string;
  occurredAt: string;
  data?: Record<string, unknown>;
}

/** A seeded random source (mulberry32): the same seed, the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MonthOptions {
  /** How many cases are filed (default 42). */
  readonly cases?: number;
  /** Number of the first case (`(2026)豫0823执<n>号`), default 3101. */
  readonly firstCase?: number;
}

export function generateMonth(seed = 2026, options: MonthOptions = {}): RawEvent[] {
  const cases = options.cases ?? 42;
  const first = options.firstCase ?? 3101;
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const calendar = createLegalCalendar();
  const end = startOfChinaDay(addDays(MONTH_END, 1));
  const events: RawEvent[] = [];

  // Working hours on working days: when people in the court act.
  const workingMoment = (after: Instant, minHours: number, maxHours: number): Instant => {
    let t = after + (minHours + random() * (maxHours - minHours)) * HOUR_MS;
    for (let guard = 0; guard < 30; guard++) {
      const day = chinaDateOf(t);
      const hour = (t - startOfChinaDay(day)) / HOUR_MS;
      if (calendar.isRestDay(day)) t = startOfChinaDay(addDays(day, 1)) + (8.5 + random()) * HOUR_MS;
      else if (hour < 8.5) t = startOfChinaDay(day) + (8.5 + random() * 2) * HOUR_MS;
      else if (hour > 17.5) t = startOfChinaDay(addDays(day, 1)) + (8.5 + random() * 2) * HOUR_MS;
      else break;
    }
    return Math.round(t / 60_000) * 60_000;
  };

  const filingDays: string[] = [];
  for (let d = MONTH_START; d <= '2026-10-23'; d = addDays(d, 1)) if (!calendar.isRestDay(d)) filingDays.push(d);

  for (let i = 0; i < cases; i++) {
    const n = first + i - 3100;
    const caseNo = `(2026)豫0823执${3100 + n}号`;
    let seq = 0;
    const add = (type: string, t: Instant, data?: Record<string, unknown>) => {
      if (t >= end) return;
      events.push({ eventId: `wz-2026-${3100 + n}-${String(++seq).padStart(2, '0')}`, type, caseNo, occurredAt: toChinaIso(t), ...(data ? { data } : {}) });
    };
    const filedAt = Math.round((startOfChinaDay(pick(filingDays)) + (8.5 + random() * 8.5) * HOUR_MS) / 60_000) * 60_000;
    const amount = Math.round(Math.exp(Math.log(4_000) + random() * (Math.log(2_500_000) - Math.log(4_000))));
    const financial = chance(0.12);
    const respondents = Array.from({ length: chance(0.25) ? 2 : 1 }, () => ({
      kind: chance(0.03) ? 'government' : chance(0.2) ? 'organization' : 'person',
      idHash: Array.from({ length: 16 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join(''),
    }));
    const traits = (['performedOrSettling', 'noPreciseLeads', 'disposeProperty', 'severeAntagonism', 'vehicleTransfer', 'complexOrSensitive'] as const).filter(() => chance(0.08));
    add('case.filed', filedAt, { amount, financial, respondents, ...(traits.length ? { traits } : {}), handler: pick(['张法官', '王执行员', '李执行员', '赵执行员']) });

    const slow = chance(0.25); // a case whose handling drags
    if (chance(0.95)) add('reception.recorded', workingMoment(filedAt, 0.2, slow ? 40 : 4), { interviewer: pick(['刘书记员', '陈书记员']), interviewee: '申请执行人' });
    else add('reception.skipped', workingMoment(filedAt, 0.5, 6), { reason: '申请执行人委托代理人办理，未到窗口' });

    const queryAt = workingMoment(filedAt, 0.5, slow && chance(0.5) ? 40 : 20);
    add('query.online.started', queryAt);
    const returnedAt = workingMoment(queryAt, 20, 60);
    const deposits = chance(0.45) ? Math.round(random() * amount * 1.2) : 0;
    const payment = chance(0.3) ? Math.round(random() * 5_000) : 0;
    const vehicles = chance(0.2) ? 1 : 0;
    const enough = deposits + payment >= amount;
    add('query.online.returned', returnedAt, { found: { deposits, payment, securities: 0, insurance: chance(0.1) ? 20_000 : 0, vehicles }, enough });
    // Each measure carries its id, so its renewal before it lapses is watched (CPL interp. Art. 485).
    if (deposits + payment > 0) add('assets.frozen', workingMoment(returnedAt, 1, slow ? 50 : 20), { measureId: `F${3100 + n}-1`, kind: 'deposit' });
    if (vehicles) add('vehicle.seized', workingMoment(returnedAt, 10, slow ? 120 : 40), { measureId: `V${3100 + n}-1` });
    if (!enough) {
      const traditionalAt = workingMoment(returnedAt, 0.5, slow && chance(0.5) ? 30 : 6);
      add('query.traditional.started', traditionalAt);
      const realty = chance(0.3) ? 1 : 0;
      const back = workingMoment(traditionalAt, 50, 150);
      add('query.traditional.returned', back, { found: { housingFund: chance(0.3) ? 1 : 0, realty, land: 0, plant: 0 } });
      if (realty) add('realty.seized', workingMoment(back, 10, slow ? 100 : 40), { measureId: `R${3100 + n}-1` });
    }
    add('related.queried', workingMoment(filedAt, 2, slow ? 70 : 40));
    const docsAt = workingMoment(filedAt, 4, slow ? 80 : 40);
    if (chance(0.3)) {
      add('documents.sent', docsAt, { documents: ['executionNotice', 'propertyReportOrder'] });
      add('documents.sent', workingMoment(docsAt, 2, 30), { documents: ['summons'] });
    } else {
      add('documents.sent', docsAt, { documents: ['executionNotice', 'propertyReportOrder', 'summons'] });
    }
    if (deposits > 0 && chance(0.6)) {
      const paymentId = `P${3100 + n}-1`;
      const arrived = workingMoment(returnedAt, 24, 120);
      add('funds.arrived', arrived, { paymentId, amount: Math.min(deposits, amount) });
      add('funds.confirmed', workingMoment(arrived, 2, slow ? 90 : 50), { paymentId });
      if (!slow || chance(0.5)) {
        const approved = workingMoment(arrived, 24, 150);
        add('payout.approved', approved, { paymentId, approvedBy: '执行局长' });
        add('funds.paid', workingMoment(approved, 8, 60), { paymentId });
      }
    }
    if (chance(0.35)) {
      const batchId = `B${3100 + n}-1`;
      const back = workingMoment(filedAt, 48, 200);
      add('field.returned', back, { batchId });
      const handed = workingMoment(back, 2, slow ? 90 : 40);
      add('materials.handed', handed, { batchId });
      add('dossier.digitised', workingMoment(handed, 1, 30), { batchId });
    }
    if (chance(0.2)) {
      const leadId = `L${3100 + n}-1`;
      const urgent = chance(0.3);
      const submitted = workingMoment(filedAt, 48, 300);
      add('lead.submitted', submitted, { leadId, urgent });
      add('lead.verified', workingMoment(submitted, 10, urgent ? 60 : 140), { leadId });
    }
    if (chance(0.1)) {
      const paused = workingMoment(filedAt, 100, 300);
      add('clock.paused', paused, { reason: '当事人达成和解，暂缓执行', approvedBy: '分管副院长' });
      add('clock.resumed', workingMoment(paused, 100, 200));
    }
    if (enough && chance(0.5)) {
      const ready = workingMoment(returnedAt, 100, 300);
      add('closing.ready', ready);
      add('case.closed', workingMoment(ready, 2, slow ? 40 : 20), { kind: 'performed' });
    }
  }
  return events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.eventId < b.eventId ? -1 : 1));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seed = Number(process.argv[2] ?? 2026);
  const events = generateMonth(seed);
  await writeFile(MONTH_FILE, `${JSON.stringify(events, null, 1)}\n`);
  console.log(`${events.length} events of ${new Set(events.map((e) => e.caseNo)).size} cases → ${MONTH_FILE}`);
}
