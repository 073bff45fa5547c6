/**
 * The key of every item of the table, in one place (the table and its access patterns:
 * `table-design.ts`). Adapters build keys only through these templates.
 */
import type { Notice } from '../../lib/escalation.js';
import { nodeKey } from '../../lib/nodes.js';
import type { Instant } from '../../lib/time.js';
import { shardOf } from './table-design.js';

export interface Key {
  readonly pk: string;
  readonly sk: string;
  readonly [attribute: string]: unknown;
}

/** Partition of a case: its snapshot, owner, waiting events and notice ledger. */
export const casePk = (caseNo: string) => `C#${caseNo}`;
/** The case number of a `C#…` partition key. */
export const caseNoOfPk = (pk: unknown) => String(pk).slice(2);

export const SNAPSHOT_SK = '#CASE';
export const OWNER_SK = '#OWNER';
export const WAITING_SK = '#WAIT';
export const ACCEPTED_SK = '#ACCEPTED';
/** Sort keys of the notice ledger begin with this. */
export const LEDGER_PREFIX = 'N#';

export const snapshotKey = (caseNo: string): Key => ({ pk: casePk(caseNo), sk: SNAPSHOT_SK });
export const ownerKey = (caseNo: string): Key => ({ pk: casePk(caseNo), sk: OWNER_SK });
export const waitingKey = (caseNo: string): Key => ({ pk: casePk(caseNo), sk: WAITING_SK });
/** Every event answered accepted (or duplicate) for the case: `pendingEvents` is what the snapshot lacks of it. */
export const acceptedKey = (caseNo: string): Key => ({ pk: casePk(caseNo), sk: ACCEPTED_SK });
/** One ledger entry per node (instance) and level: a notice can be claimed once. */
export const ledgerKey = (n: Pick<Notice, 'caseNo' | 'node' | 'instance' | 'level'>): Key => ({
  pk: casePk(n.caseNo),
  sk: `${LEDGER_PREFIX}${nodeKey(n.node, n.instance)}#${n.level}`,
});

/** An accepted event by its reference `court#eventId` (the only copy of its body). */
export const eventKey = (ref: string): Key => ({ pk: `I#${ref}`, sk: '#ID' });

/** Instants in sort keys: zero-padded so that strings sort as numbers. */
const pad = (t: Instant) => String(Math.max(0, Math.floor(t))).padStart(15, '0');
/** A respondent's history in one court: `T#` closings and `F#` filings, by time. */
export const respondentPk = (court: string, idHash: string) => `R#${court}#${idHash}`;
export type HistoryKind = 'T' | 'F';
export const historySk = (kind: HistoryKind, at: Instant, caseNo: string) => `${kind}#${pad(at)}#${caseNo}`;
/** Sort-key bounds of a kind's entries within [from, to]. */
export const historyRange = (kind: HistoryKind, from: Instant, to: Instant) => ({ from: `${kind}#${pad(from)}`, to: `${kind}#${pad(to)}~` });

export const metaKey = (name: string): Key => ({ pk: `META#${name}`, sk: '#META' });

/** A court's digest journal, by the moment each entry is filed under. */
export const journalPk = (court: string) => `J#${court}`;
export const journalSk = (at: Instant, caseNo: string, detail: string) => `${pad(at)}#${caseNo}#${detail}`;
/** Sort-key bounds of the entries filed under a moment in (from, to]. */
export const journalRange = (from: Instant, to: Instant) => ({ from: `${pad(from)}~`, to: `${pad(to)}~` });

/** `due` index partition of a case (present only while the snapshot has a `nextCheckAt`). */
export const dueShardKey = (shard: number) => String(shard).padStart(2, '0');
export const dueShardOf = (caseNo: string, shards: number) => dueShardKey(shardOf(caseNo, shards));

/** `listing` index key of a listing position (`lib/listing.ts` `listingKey`): the snapshot's keys follow from it. */
export const listingStartKey = (court: string, key: string, caseNo: string) => ({ ...snapshotKey(caseNo), listCourt: court, listDue: key });

/** Items of one metrics bucket of a court: its entries and its summary (`#SUM`). */
export const metricsPk = (court: string, bucket: string) => `M#${court}#${bucket}`;
export const summaryKey = (court: string, bucket: string): Key => ({ pk: metricsPk(court, bucket), sk: '#SUM' });
/** A bucket's change counter: a small item of its own, so counting a change is one write unit. */
export const changesKey = (court: string, bucket: string): Key => ({ pk: metricsPk(court, bucket), sk: '#CHG' });
/** Entries' sort keys (`C#…`, `N#…`) sort after this; the bookkeeping items (`#CHG`, `#SUM`) before. */
export const ENTRY_SK_AFTER = '#~';
/** A case's entry in a bucket. */
export const caseEntryKey = (court: string, bucket: string, caseNo: string): Key => ({ pk: metricsPk(court, bucket), sk: `C#${caseNo}` });
/** A sent notice's entry in the bucket of the day it was sent. */
export const noticeEntryKey = (court: string, bucket: string, noticeId: string): Key => ({ pk: metricsPk(court, bucket), sk: `N#${noticeId}` });
/** When the last roll-up pass left nothing behind (read with the summaries, so under `M#`). */
export const ROLLUP_PASS_KEY: Key = { pk: 'M#rollup', sk: '#PASS' };
