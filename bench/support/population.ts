/**
 * A population of open cases as the system stores them, built fast: the month
 * generator's case timelines, moved in time, folded with the pure core (`foldCase`) and
 * planned with `planRecord` — the same steps and the same record shape as apply — then
 * written with the store's `putCase`. The intake/apply path would be far too slow for
 * tens of thousands of cases.
 *
 * Every case is seen as of the previous scan (`scanAt` − 15 min): its events up to then
 * are folded, and what the scans up to then would have sent is in its `sent` levels, so
 * its `nextCheckAt` lies after the previous scan. A case is *due* at `scanAt` when its
 * `nextCheckAt` ≤ `scanAt`: the scan then has a notice for it. Due cases are made by
 * moving the timeline until one of its thresholds falls between the two scans.
 *
 * Only the snapshots are written: their events are referenced (`eventRefs`), as apply
 * writes them, but not stored — a scan reads events only to re-plan after a change of
 * limits, which the bench does not make.
 */
import { foldCase } from '../../lib/case-state.js';
import { escalate } from '../../lib/escalation.js';
import { eventRef, type StoredEvent, validateEvent } from '../../lib/events.js';
import { planRecord, type Rules } from '../../lib/app/case-records.js';
import { mapLimit } from '../../lib/app/concurrency.js';
import type { CaseRecord, CaseSnapshots } from '../../lib/ports.js';
import { DAY_MS, type Instant, toChinaIso } from '../../lib/time.js';
import { generateMonth, seededRandom } from '../../events/generate-month.js';

export const SCAN_PERIOD_MS = 15 * 60_000;
/** Ages of open cases: up to five months (the long-case report comes at five). */
const MAX_AGE_MS = 150 * DAY_MS;
const COURTS = 50;
/** Due cases are drawn half from cases this young. */
const YOUNG_MS = 5 * DAY_MS;

interface TemplateEvent {
  readonly type: string;
  /** Milliseconds after the filing. */
  readonly offset: number;
  readonly data?: Record<string, unknown>;
}

/** One generated case timeline, relative to its filing. */
interface Template {
  readonly filedAt: Instant;
  readonly events: readonly TemplateEvent[];
}

/** Case timelines of the month generator (42 per seed). */
function templates(seed: number, count: number): Template[] {
  const out: Template[] = [];
  for (let s = seed; out.length < count; s++) {
    const byCase = new Map<string, Array<{ type: string; at: Instant; data?: Record<string, unknown> }>>();
    for (const e of generateMonth(s)) {
      const list = byCase.get(e.caseNo) ?? [];
      list.push({ type: e.type, at: Date.parse(e.occurredAt), ...(e.data ? { data: e.data } : {}) });
      byCase.set(e.caseNo, list);
    }
    for (const list of byCase.values()) {
      const filedAt = list.find((e) => e.type === 'case.filed')?.at;
      if (filedAt === undefined) continue;
      out.push({ filedAt, events: list.map(({ at, ...e }) => ({ ...e, offset: at - filedAt })) });
    }
  }
  return out.slice(0, count);
}

export interface BuiltCase {
  readonly record: CaseRecord;
  readonly due: boolean;
  /** Notices a scan at `scanAt` sends for this case. */
  readonly notices: number;
}

export interface PopulationOptions {
  readonly openCases: number;
  /** How many cases are due at `scanAt`, or how many notices the due cases give in all. */
  readonly due: { readonly cases: number } | { readonly notices: number };
  readonly scanAt: Instant;
  readonly rules: Rules;
  readonly seed: number;
}

export interface Population {
  readonly records: readonly CaseRecord[];
  readonly dueCases: number;
  readonly dueNotices: number;
}

class CaseBuilder {
  private readonly previousScan: Instant;

  constructor(
    private readonly rules: Rules,
    private readonly scanAt: Instant,
  ) {
    this.previousScan = scanAt - SCAN_PERIOD_MS;
  }

  /** The record of case `index` built from `template` filed at `filedAt`, or undefined if it is not open. */
  build(index: number, template: Template, filedAt: Instant): BuiltCase | undefined {
    const { rules, scanAt, previousScan } = this;
    const court = `court-${String(index % COURTS).padStart(2, '0')}`;
    const caseNo = `(2026)豫${String(900 + (index % COURTS)).padStart(4, '0')}执${Math.floor(index / COURTS) + 1}号`;
    const events: StoredEvent[] = [];
    template.events.forEach((e, seq) => {
      const at = filedAt + e.offset;
      if (at > previousScan) return;
      const raw = { eventId: `${court}-${index}-${seq}`, type: e.type, caseNo, occurredAt: toChinaIso(at), ...(e.data ? { data: e.data } : {}) };
      const v = validateEvent(raw, previousScan);
      if (!v.ok) throw new Error(`bench: generated event refused: ${JSON.stringify(v.errors)}`);
      events.push({ ...v.event, court } as StoredEvent);
    });
    const state = foldCase(events, { limits: rules.limits, calendar: rules.calendar });
    if (!state || state.status !== 'open') return undefined;
    // What the scans up to the previous one sent: the highest level reached per node.
    const { sent } = escalate(state, rules.limits, previousScan, {});
    const planned = planRecord(undefined, state, sent, {}, rules, previousScan);
    const record: CaseRecord = {
      ...planned,
      version: state.applied.count + Object.keys(sent).length,
      eventRefs: events.map(eventRef),
    };
    const due = record.nextCheckAt !== undefined && record.nextCheckAt <= scanAt;
    return { record, due, notices: due ? escalate(state, rules.limits, scanAt, sent).notices.length : 0 };
  }
}

/** Builds the open cases (not yet stored). Deterministic for a seed. */
export function buildPopulation(options: PopulationOptions): Population {
  const { openCases, scanAt, rules } = options;
  const random = seededRandom(options.seed);
  const pool = templates(options.seed, 840);
  const builder = new CaseBuilder(rules, scanAt);
  const records: CaseRecord[] = [];
  let dueCases = 0;
  let dueNotices = 0;
  const wantsDue = (index: number): boolean =>
    'cases' in options.due
      ? Math.floor(((index + 1) * options.due.cases) / openCases) > Math.floor((index * options.due.cases) / openCases)
      : dueNotices < options.due.notices;

  /**
   * A case from a random template at a random age. Not-due cases keep the template's
   * time of day (moved by whole days); due ones are placed to the minute, half of them
   * in their first days, when most of a case's thresholds come.
   */
  const sample = (index: number, due: boolean): { template: Template; built: BuiltCase | undefined } => {
    const template = pool[Math.floor(random() * pool.length)] as Template;
    const previousScan = scanAt - SCAN_PERIOD_MS;
    if (due) {
      const age = (random() < 0.5 ? YOUNG_MS : MAX_AGE_MS) * random();
      return { template, built: builder.build(index, template, previousScan - Math.round(age / 60_000) * 60_000) };
    }
    const age = SCAN_PERIOD_MS + random() * MAX_AGE_MS;
    let days = Math.round((scanAt - age - template.filedAt) / DAY_MS);
    while (template.filedAt + days * DAY_MS > previousScan) days--;
    return { template, built: builder.build(index, template, template.filedAt + days * DAY_MS) };
  };

  for (let index = 0; index < openCases; index++) {
    const due = wantsDue(index);
    const room = 'notices' in options.due ? options.due.notices - dueNotices : Number.POSITIVE_INFINITY;
    let built: BuiltCase | undefined;
    for (let attempt = 0; attempt < 200 && !built; attempt++) {
      const { template, built: first } = sample(index, due);
      let candidate = first;
      if (!due) {
        if (candidate && !candidate.due) built = candidate;
        continue;
      }
      // Move the timeline earlier until its next threshold falls between the two scans
      // (a few steps: day-based limits end at midnight, so a move is not always exact).
      for (let step = 0; step < 4 && candidate && !candidate.due && candidate.record.nextCheckAt !== undefined; step++) {
        const shift = candidate.record.nextCheckAt - scanAt + random() * (SCAN_PERIOD_MS - 60_000);
        candidate = builder.build(index, template, candidate.record.state.filedAt - shift);
      }
      if (candidate?.due && candidate.notices <= room) built = candidate;
    }
    if (!built) throw new Error(`bench: could not build case ${index} (${due ? 'due' : 'not due'}) in 200 attempts`);
    records.push(built.record);
    if (built.due) {
      dueCases++;
      dueNotices += built.notices;
    }
  }
  return { records, dueCases, dueNotices };
}

/** Writes the records as apply does (`putCase`, a new snapshot). */
export async function storePopulation(snapshots: CaseSnapshots, population: Population, concurrency = 16): Promise<void> {
  const written = await mapLimit(population.records, concurrency, (record) => snapshots.putCase(record, undefined));
  const refused = written.filter((ok) => !ok).length;
  if (refused) throw new Error(`bench: ${refused} snapshot(s) already existed`);
}
