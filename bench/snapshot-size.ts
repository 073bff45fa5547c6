/**
 * Part 8 — how big a case's snapshot item is, and how far from the 1 KB write-unit step.
 * Two populations, each case folded after its last event (its largest snapshot: nodes
 * only accumulate) and planned as apply plans it, then sized by DynamoDB's item-size
 * rules as the store writes it (`snapshotItem` with its packed event references):
 *
 * - `mix`: 600 cases the month generator did not write (`support/case-mixes.ts`: other
 *   courts' case numbers, long names, 64-character respondent hashes, measures with
 *   renewals, payments, leads, pauses, 终本 closings with requery rounds);
 * - `generator`: the 840 case timelines of the month generator the other parts use.
 *
 * The body is also packed with every codec format, so a dictionary's effect shows.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { FORMATS, pack } from '../functions/adapters/codec.js';
import { snapshotItem } from '../functions/adapters/dynamo-case-snapshots.js';
import { generateMonth } from '../events/generate-month.js';
import { planRecord, type Rules, rulesFor } from '../lib/app/case-records.js';
import { foldCase } from '../lib/case-state.js';
import { escalate } from '../lib/escalation.js';
import { eventRef, type StoredEvent, validateEvent } from '../lib/events.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { HOUR_MS, type Instant } from '../lib/time.js';
import { caseMixes } from './support/case-mixes.js';
import type { PostedEvent } from './support/courts.js';
import { itemSize } from './support/index-units.js';
import type { Report } from './support/report.js';
import { percentile } from './support/stats.js';

const UNIT = 1024;
const DUE_SHARDS = 16;

interface Sized {
  readonly item: number;
  /** The item while the notices decided at `asOf` wait in its outbox (the scan's intent). */
  readonly withOutbox: number;
  readonly bodyByFormat: readonly number[];
  readonly nodes: number;
}

function sizeOf(rules: Rules, court: string, posted: readonly PostedEvent[], asOf: Instant): Sized | undefined {
  const events = posted.map((raw) => {
    const v = validateEvent(raw, asOf);
    if (!v.ok) throw new Error(`bench: event refused: ${JSON.stringify(v.errors)}`);
    return { ...v.event, court } as StoredEvent;
  });
  const state = foldCase(events, { limits: rules.limits, calendar: rules.calendar });
  if (!state) return undefined;
  const { sent, notices } = escalate(state, rules.limits, asOf, {});
  const record = { ...planRecord(undefined, state, sent, {}, rules, asOf), version: events.length, eventRefs: events.map(eventRef) };
  const item = (outbox: typeof record.outbox) => itemSize(marshall({ ...snapshotItem({ ...record, outbox }, DUE_SHARDS), refs: pack(record.eventRefs) }));
  const body = { state: record.state, sent: record.sent, outbox: record.outbox };
  return {
    item: item(record.outbox),
    withOutbox: item(Object.fromEntries(notices.map((n) => [n.noticeId, n]))),
    bodyByFormat: FORMATS.map((format) => pack(body, format).length),
    nodes: state.nodes.length,
  };
}

function reportSizes(report: Report, name: string, sizes: readonly Sized[]): void {
  const items = sizes.map((s) => s.item);
  report.figure(`snapshot-cases-${name}`, sizes.length);
  for (const p of [50, 90, 99, 100]) report.figure(`snapshot-item-bytes-${p === 100 ? 'max' : `p${p}`}-${name}`, percentile(items, p));
  report.figure(`snapshot-item-over-1kb-share-${name}`, items.filter((b) => b > UNIT).length / items.length);
  report.figure(`snapshot-item-1kb-margin-p50-${name}`, UNIT - percentile(items, 50));
  report.figure(`snapshot-item-1kb-margin-p90-${name}`, UNIT - percentile(items, 90));
  report.figure(`snapshot-item-with-outbox-p50-${name}`, percentile(sizes.map((s) => s.withOutbox), 50));
  report.figure(`snapshot-item-with-outbox-over-1kb-share-${name}`, sizes.filter((s) => s.withOutbox > UNIT).length / sizes.length);
  FORMATS.forEach((format, i) => report.figure(`snapshot-body-bytes-p50-format${format}-${name}`, percentile(sizes.map((s) => s.bodyByFormat[i] ?? 0), 50)));
  report.figure(`snapshot-nodes-p50-${name}`, percentile(sizes.map((s) => s.nodes), 50));
  report.figure(`snapshot-nodes-max-${name}`, percentile(sizes.map((s) => s.nodes), 100));
}

export async function snapshotSize(report: Report): Promise<void> {
  const rules = rulesFor(DEFAULT_LIMITS);
  const mix = caseMixes(600, 9_000)
    .map((c) => sizeOf(rules, c.court, c.events, c.asOf))
    .filter((s): s is Sized => s !== undefined);
  reportSizes(report, 'mix', mix);

  const generated: Sized[] = [];
  for (let seed = 2026; seed < 2046; seed++) {
    const byCase = new Map<string, PostedEvent[]>();
    for (const e of generateMonth(seed)) byCase.set(e.caseNo, [...(byCase.get(e.caseNo) ?? []), e]);
    for (const events of byCase.values()) {
      const asOf = Date.parse(events.at(-1)?.occurredAt ?? '') + HOUR_MS;
      const sized = sizeOf(rules, 'wuzhi', events, asOf);
      if (sized) generated.push(sized);
    }
  }
  reportSizes(report, 'generator', generated);
}
