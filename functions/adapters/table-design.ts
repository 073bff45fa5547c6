/**
 * The one DynamoDB table: keys, indexes and every access pattern. The CDK stack, the
 * local mode and the tests create the table from this description; the key templates
 * are in `table-keys.ts`, and each item family has its own adapter (and port, `lib/ports.ts`).
 *
 * | item             | pk                    | sk                          | written by            | adapter (port)                       |
 * |------------------|-----------------------|-----------------------------|-----------------------|--------------------------------------|
 * | event (by id)    | `I#<court>#<eventId>` | `#ID`                       | intake                | dynamo-event-log (EventLog)          |
 * | case owner       | `C#<caseNo>`          | `#OWNER`                    | intake (case.filed)   | dynamo-event-log (EventLog)          |
 * | waiting events   | `C#<caseNo>`          | `#WAIT`                     | apply (before filing) | dynamo-event-log (EventLog)          |
 * | accepted events  | `C#<caseNo>`          | `#ACCEPTED`                 | intake                | dynamo-event-log (EventLog)          |
 * | case snapshot    | `C#<caseNo>`          | `#CASE`                     | apply, scan           | dynamo-case-snapshots (CaseSnapshots)|
 * | notice ledger    | `C#<caseNo>`          | `N#<node>[#<inst>]#<level>` | scan                  | dynamo-notice-ledger (NoticeLedger)  |
 * | 终本 history     | `R#<court>#<idHash>`  | `T#<closedAt>#<caseNo>`     | apply                 | dynamo-respondent-history            |
 * | filing history   | `R#<court>#<idHash>`  | `F#<filedAt>#<caseNo>`      | apply                 | dynamo-respondent-history            |
 * | scan bookkeeping | `META#<name>`         | `#META`                     | scan, digest          | dynamo-meta-store (MetaStore)        |
 * | metrics entry    | `M#<court>#<bucket>`  | `C#<caseNo>` / `N#<noticeId>` | scan (roll-up)      | dynamo-metrics-store (MetricsStore)  |
 * | bucket changes   | `M#<court>#<bucket>`  | `#CHG`                      | scan (roll-up)        | dynamo-metrics-store (MetricsStore)  |
 * | bucket summary   | `M#<court>#<bucket>`  | `#SUM`                      | scan (roll-up)        | dynamo-metrics-store (MetricsStore)  |
 * | last roll-up     | `M#rollup`            | `#PASS`                     | scan (roll-up)        | dynamo-metrics-store (MetricsStore)  |
 * | digest journal   | `J#<court>`           | `<moment>#<caseNo>#F|L#…`   | apply                 | dynamo-digest-journal (DigestJournal)|
 *
 * The indexes `due` and `listing` hold only snapshots and are read by dynamo-case-index
 * (CaseIndex); a snapshot write moves the snapshot's index entries with it. The sparse
 * index `rollup` holds the snapshots whose metrics are not rolled up yet (keys only) and
 * is read by dynamo-metrics-store.
 *
 * The event item keyed by id is the durable record of an accepted event (its body and a
 * hash of it): one conditional write per event makes posting idempotent, and it is the
 * only copy. The snapshot lists the references (`court#eventId`) of every event folded
 * into it, so a re-fold reads them back by key; events of a case not yet filed wait in a
 * string set `#WAIT`. Snapshots are compressed JSON (`codec.ts`). Batch requests send
 * their unprocessed part again with backoff (`dynamo-table.ts`, one helper).
 *
 * Access patterns (who, key, why it is cheap):
 * 1. intake — store an event: PutItem `I#…` if absent (GetItem of its hash only when it exists). One small item.
 * 2. intake, read — who owns these cases: BatchGetItem `C#…/#OWNER` (≤ 100 keys, eventually consistent; ownership never changes).
 * 3. intake — claim a filed case: PutItem `C#…/#OWNER` if absent (GetItem of it when it exists, to tell
 *    ours from another court's); a request refused as a whole (503) gives its claims back: DeleteItem
 *    conditional on the claim's token. Then UpdateItem `ADD refs` on `C#…/#ACCEPTED` per case, before
 *    the case is queued (a set: a repeated posting adds nothing).
 * 4. apply — the snapshot: GetItem `C#…/#CASE`, strongly consistent. In order events need nothing else.
 * 5. apply — write the snapshot: PutItem conditional on `version` (optimistic concurrency, no transactions).
 * 6. apply (late event, first events), scan (changed limits), read (a case planned under older limits) — a
 *    case's history: Query `pk = C#…` (snapshot, `#WAIT`, ledger in one read), then BatchGetItem of the
 *    referenced `I#…` events. The public timeline reads the snapshot (4) and BatchGetItem of its events.
 * 7. apply (before filing) — UpdateItem `ADD refs` on `C#…/#WAIT`; GetItem of it after a first snapshot write.
 * 8. apply (S7) — prior 终本 closings of a respondent: Query `R#court#idHash`, sk between `T#` dates; and,
 *    when a case closes by 终本, the respondent's cases filed in the six months after: sk between `F#` dates
 *    (each side writes its own entry — BatchWriteItem — before it reads the other's, so one of two racing
 *    applies sees both).
 * 9. scan — due cases: Query GSI `due` (`dueShard` = s, `nextCheckAt` ≤ now), per shard. The index is
 *    sparse (only snapshots with something pending carry `dueShard`) and projects the snapshot but its
 *    event references, so a scan reads one index item per due case and nothing else; it writes back
 *    with UpdateItem conditional on `version`, leaving the references alone. After a change of limits
 *    the re-plan sweep reads the same index without the time bound, resumable through `META#plan`
 *    (GetItem, PutItem conditional on its version).
 * 10. scan — claim a notice: PutItem `C#…/N#…` if absent or held (GetItem of it when the condition fails);
 *     record it held or suppressed: PutItem if absent; cancel or supersede a held one: PutItem if absent or
 *     held; take over a stale claim or give back a failed one: UpdateItem conditional on the claim seen;
 *     record a published batch: BatchWriteItem of up to ten ledger items.
 * 11. read — one case: GetItem `#ACCEPTED`, GetItem `#CASE`, Query `begins_with(sk, 'N#')` for its notices;
 *     `pendingEvents` is what `#ACCEPTED` holds and the snapshot's references do not.
 * 12. read — a court's cases: Query GSI `listing` (`listCourt` = court, `listDue` = `<earliest open due>#caseNo`,
 *     `~#caseNo` when nothing is open): overdue at `now` is `listDue < now`, the others `listDue >= now`,
 *     most overdue first; the index projects the due times of the open nodes by acting team (`dues`),
 *     so `overdue` is counted as of the request, as the case view counts it. A team is a filter on
 *     the projected `team`. The board's "at risk within 24 h" is the range [now, now + 24 h).
 * 13. apply, scan — mark a case for the metrics roll-up: the snapshot write itself (5, 9, 10) adds the
 *     buckets whose entry changed and the notices it confirmed to the string sets `rollBuckets` /
 *     `rollNotices` (PutItem writes them; the scan's UpdateItem uses `ADD`, since the scan index does not
 *     project them) and sets `rollShard`, the key of the sparse, keys-only index `rollup`.
 * 14. scan (its roll-up pass, after the scan) — Query GSI `rollup` (`rollShard` = s) per shard; GetItem of
 *     each snapshot (strongly consistent); PutItem of each changed entry `M#court#bucket / C#caseNo`
 *     conditional on its `tag` (the snapshot version) not being newer, a tombstone (no `e`) for a bucket the
 *     case left; Query of the case's ledger (`N#`) and PutItem of each confirmed sent notice's entry
 *     `N#noticeId` if absent; per touched bucket, once per page of cases: UpdateItem `ADD changes 1` on the
 *     small `#CHG` item (ReturnValues), Query `pk = M#court#bucket, sk > #~` (strongly consistent: the
 *     entries) and PutItem of `#SUM` unless one with a later `basis` is there; then UpdateItem of each
 *     snapshot `REMOVE rollShard, rollBuckets, rollNotices` conditional on the version rolled up (the body
 *     and the scan index untouched). A crash anywhere leaves the marks; every step is safe to repeat.
 *     Last, PutItem `M#rollup / #PASS` (the time of the last complete pass; at most every 15 minutes).
 * 15. read — the metrics of a period (`GET /v1/metrics`): BatchGetItem (eventually consistent) of the
 *     `#SUM` items of its days, of the days from its end to today (the pending caseload at that date), of
 *     the eight open-caseload shards `O00`…`O07`, and GetItem `M#rollup / #PASS`: one item per day, never
 *     per case (docs/PERFORMANCE.md, "Metrics").
 * 16. apply — the digest journal: BatchWriteItem of the findings a change raised and the nodes it found
 *     done late (rare: most applies write none), before the snapshot; idempotent keys. The morning
 *     digest reads a court's entries since the last digest with one Query (`pk = J#court`, sk between
 *     the two moments).
 * 17. digest — per court and digest moment: Query GSI `due` (every shard, `nextCheckAt` up to the next digest)
 *     and GSI `listing` (the cases overdue at the digest's moment, GetItem of those the due index did not return), the
 *     journal (16); the digest ledger `META#digest#<court>#<moment>`: GetItem, PutItem if absent (claim) or
 *     conditional on the version seen (take over a stale claim, mark sent).
 *
 * Shards: `dueShard` = FNV-1a(caseNo) mod `DUE_SHARDS`, so at national scale the due index's writes
 * (every change of `nextCheckAt`) and the scan's reads spread over that many partitions.
 */

export const DUE_INDEX = 'due';
export const COURT_INDEX = 'listing';
export const ROLLUP_INDEX = 'rollup';
/** Shards of the scan index. Raising it later needs every snapshot re-written (see README). */
export const DUE_SHARDS = 16;

/** Attributes the scan index projects besides its keys: the snapshot without its event references. */
export const DUE_INDEX_ATTRIBUTES = ['version', 'body', 'plannedWith', 'overdue', 'updatedAt', 'team', 'status', 'paused'] as const;

/** Attributes the listing index projects besides its keys: what a list row shows and the open due times it counts from. */
export const COURT_INDEX_ATTRIBUTES = ['team', 'status', 'paused', 'dues'] as const;

/** CreateTable input shared by the local mode and the tests (the CDK stack mirrors it). */
export function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' as const },
      { AttributeName: 'sk', AttributeType: 'S' as const },
      { AttributeName: 'dueShard', AttributeType: 'S' as const },
      { AttributeName: 'nextCheckAt', AttributeType: 'N' as const },
      { AttributeName: 'listCourt', AttributeType: 'S' as const },
      { AttributeName: 'listDue', AttributeType: 'S' as const },
      { AttributeName: 'rollShard', AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: DUE_INDEX,
        KeySchema: [
          { AttributeName: 'dueShard', KeyType: 'HASH' as const },
          { AttributeName: 'nextCheckAt', KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...DUE_INDEX_ATTRIBUTES] },
      },
      {
        IndexName: COURT_INDEX,
        KeySchema: [
          { AttributeName: 'listCourt', KeyType: 'HASH' as const },
          { AttributeName: 'listDue', KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...COURT_INDEX_ATTRIBUTES] },
      },
      {
        IndexName: ROLLUP_INDEX,
        KeySchema: [{ AttributeName: 'rollShard', KeyType: 'HASH' as const }],
        Projection: { ProjectionType: 'KEYS_ONLY' as const },
      },
    ],
  };
}

/** FNV-1a, 32 bit: a stable, well-spread shard of a case number. */
export function shardOf(caseNo: string, shards = DUE_SHARDS): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(caseNo, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}
