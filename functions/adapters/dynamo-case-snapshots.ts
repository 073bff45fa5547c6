/**
 * `CaseSnapshots` on DynamoDB: one `#CASE` item per case, written conditionally on its
 * version (no transactions). The item also carries the keys of both indexes — the sparse
 * scan index (`dueShard`, `nextCheckAt`) and the listing (`listCourt`, `listDue`, `dues`) — so a
 * snapshot write keeps them in step.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../../lib/case-state.js';
import type { Notice, SentLevels } from '../../lib/escalation.js';
import type { CaseHistory, CaseRecord, CaseRollup, CaseSnapshots, LedgerEntry } from '../../lib/ports.js';
import { pack, unpack } from './codec.js';
import { ledgerEntryOf } from './dynamo-notice-ledger.js';
import { waitingOf } from './dynamo-event-log.js';
import type { DynamoTable, Item } from './dynamo-table.js';
import { casePk, dueShardOf, LEDGER_PREFIX, SNAPSHOT_SK, snapshotKey, WAITING_SK } from './table-keys.js';
import { listingKey, openDues } from '../../lib/listing.js';

export class DynamoCaseSnapshots implements CaseSnapshots {
  constructor(private readonly table: DynamoTable) {}

  async getCase(caseNo: string): Promise<CaseRecord | undefined> {
    const { doc, name } = this.table;
    const out = await this.table.call('GetItem', () => doc.send(new GetCommand({ TableName: name, Key: snapshotKey(caseNo), ConsistentRead: true })));
    return out.Item ? recordOf(out.Item) : undefined;
  }

  async loadCase(caseNo: string): Promise<CaseHistory> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': casePk(caseNo) },
      ConsistentRead: true,
    });
    let record: CaseRecord | undefined;
    let waiting: string[] = [];
    const ledger: LedgerEntry[] = [];
    for (const item of items) {
      const sk = String(item.sk);
      if (sk === SNAPSHOT_SK) record = recordOf(item);
      else if (sk === WAITING_SK) waiting = waitingOf(item);
      else if (sk.startsWith(LEDGER_PREFIX)) ledger.push(ledgerEntryOf(item));
    }
    return { ...(record ? { record } : {}), waiting, ledger };
  }

  async putCase(record: CaseRecord, expectedVersion: number | undefined): Promise<boolean> {
    const { doc, name } = this.table;
    return this.table.conditional('PutItem', () =>
      doc.send(
        new PutCommand({
          TableName: name,
          Item: { ...snapshotItem(record, this.table.dueShards), refs: pack(record.eventRefs ?? []) },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      ),
    );
  }

  async updateCase(record: CaseRecord, expectedVersion: number): Promise<boolean> {
    const { doc, name } = this.table;
    const { pk, sk, rollBuckets, rollNotices, ...attributes } = snapshotItem(record, this.table.dueShards);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    const set = Object.entries(attributes).map(([attribute, value], i) => {
      names[`#a${i}`] = attribute;
      values[`:a${i}`] = value;
      return `#a${i} = :a${i}`;
    });
    // Leaving the scan index is removing its keys (the index is sparse).
    const remove = record.nextCheckAt === undefined ? ' REMOVE nextCheckAt, dueShard' : '';
    // What the metrics roll-up has to write is added to, never replaced: the record may
    // come from the scan index, which does not hold it. Only `clearRollup` removes it.
    const sets = Object.entries({ rollBuckets, rollNotices }).filter(([, v]) => v !== undefined);
    for (const [attribute, value] of sets) values[`:${attribute}`] = value;
    const add = sets.length ? ` ADD ${sets.map(([attribute]) => `${attribute} :${attribute}`).join(', ')}` : '';
    return this.table.conditional('UpdateItem', () =>
      doc.send(
        new UpdateCommand({
          TableName: name,
          Key: { pk, sk },
          UpdateExpression: `SET ${set.join(', ')}${remove}${add}`,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  async clearRollup(record: CaseRecord): Promise<boolean> {
    const { doc, name } = this.table;
    // Attributes outside the body and the scan index: the body and the index stay as they are.
    // The version stays too: a writer that read this version may still write over it, carrying what it read.
    return this.table.conditional('UpdateItem', () =>
      doc.send(
        new UpdateCommand({
          TableName: name,
          Key: snapshotKey(record.caseNo),
          UpdateExpression: 'REMOVE rollShard, rollBuckets, rollNotices',
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': record.version },
        }),
      ),
    );
  }
}

/** The snapshot item of a record, but its event references (`refs`). */
export function snapshotItem(r: CaseRecord, dueShards: number): Item {
  const paused = r.state.pauses.some((p) => p.to === undefined);
  const dues = openDues(r.state);
  return {
    ...snapshotKey(r.caseNo),
    version: r.version,
    // The fold, what was sent and the outbox, compressed (codec.ts): one write unit for a
    // typical case, more for long ones (docs/PERFORMANCE.md, part 8).
    body: pack({ state: r.state, sent: r.sent, outbox: r.outbox, ...(r.importedAt === undefined ? {} : { importedAt: r.importedAt }) }),
    plannedWith: r.plannedWith,
    overdue: r.overdue,
    updatedAt: r.updatedAt,
    team: r.state.team,
    status: r.state.status,
    paused,
    // Sparse scan index: only a snapshot with something pending carries its keys.
    ...(r.nextCheckAt === undefined ? {} : { nextCheckAt: r.nextCheckAt, dueShard: dueShardOf(r.caseNo, dueShards) }),
    listCourt: r.court,
    // The listing: by earliest open due time, with the open due times to count overdue nodes as of any moment.
    listDue: listingKey(dues, r.caseNo),
    dues,
    // What the metrics roll-up has to write (string sets), and the key of the sparse
    // roll-up index while there is any.
    ...(r.rollup ? { rollShard: dueShardOf(r.caseNo, dueShards) } : {}),
    ...(r.rollup?.buckets.length ? { rollBuckets: new Set(r.rollup.buckets) } : {}),
    ...(r.rollup?.notices.length ? { rollNotices: new Set(r.rollup.notices) } : {}),
  };
}

/** The record a snapshot item (or its projection in the scan index) holds. */
export function recordOf(item: Item): CaseRecord {
  const body = unpack<{ state: CaseState; sent: SentLevels; outbox: Record<string, Notice>; importedAt?: number }>(item.body);
  return {
    caseNo: body.state.caseNo,
    court: body.state.court,
    version: Number(item.version),
    state: body.state,
    sent: body.sent,
    outbox: body.outbox,
    ...(body.importedAt === undefined ? {} : { importedAt: body.importedAt }),
    ...(item.refs === undefined ? {} : { eventRefs: unpack<string[]>(item.refs) }),
    plannedWith: String(item.plannedWith),
    ...(item.nextCheckAt === undefined ? {} : { nextCheckAt: Number(item.nextCheckAt) }),
    overdue: Number(item.overdue ?? 0),
    updatedAt: Number(item.updatedAt),
    ...rollupOf(item),
  };
}

/** The roll-up still to do, from the snapshot item (the scan index does not project it). */
function rollupOf(item: Item): { rollup?: CaseRollup } {
  const list = (value: unknown) => (value instanceof Set ? [...(value as Set<string>)].sort() : []);
  const buckets = list(item.rollBuckets);
  const notices = list(item.rollNotices);
  return buckets.length || notices.length ? { rollup: { buckets, notices } } : {};
}
