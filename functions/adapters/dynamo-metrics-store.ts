/**
 * `MetricsStore` on DynamoDB (table-design.ts, access patterns 13-15): per court and
 * bucket one partition `M#<court>#<bucket>` holding the entries (`C#caseNo`, `N#noticeId`),
 * the change counter (`#CHG`) and the summary (`#SUM`); the roll-up index over snapshots
 * (`rollup`); the time of the last complete pass. Every write is conditional or
 * idempotent: no transactions.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseEntry } from '../../lib/metrics/contributions.js';
import type { BucketSums, Entry, NoticeEntry } from '../../lib/metrics/summaries.js';
import type { MetricsStore, Page } from '../../lib/ports.js';
import { decodeCursor, type DynamoTable, encodeCursor } from './dynamo-table.js';
import { ROLLUP_INDEX } from './table-design.js';
import type { Instant } from '../../lib/time.js';
import { caseEntryKey, caseNoOfPk, changesKey, dueShardKey, ENTRY_SK_AFTER, metricsPk, noticeEntryKey, ROLLUP_PASS_KEY, summaryKey } from './table-keys.js';

export class DynamoMetricsStore implements MetricsStore {
  readonly rollShards: number;

  constructor(private readonly table: DynamoTable) {
    this.rollShards = table.dueShards;
  }

  async putCaseEntry(court: string, bucket: string, caseNo: string, version: number, entry: CaseEntry | null): Promise<void> {
    const { doc, name } = this.table;
    // A writer of an older snapshot (a slow or repeated roll-up) never overwrites a newer entry.
    await this.table.conditional('PutItem', () =>
      doc.send(
        new PutCommand({
          TableName: name,
          Item: { ...caseEntryKey(court, bucket, caseNo), tag: version, ...(entry ? { e: JSON.stringify(entry) } : {}) },
          ConditionExpression: 'attribute_not_exists(pk) OR tag <= :tag',
          ExpressionAttributeValues: { ':tag': version },
        }),
      ),
    );
  }

  async putNoticeEntry(court: string, bucket: string, noticeId: string, entry: NoticeEntry): Promise<void> {
    const { doc, name } = this.table;
    await this.table.conditional('PutItem', () =>
      doc.send(
        new PutCommand({
          TableName: name,
          Item: { ...noticeEntryKey(court, bucket, noticeId), e: JSON.stringify(entry) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async bumpBucket(court: string, bucket: string): Promise<number> {
    const { doc, name } = this.table;
    // A small item of its own: counting a change costs one write unit, whatever the summary's size.
    const out = await this.table.call('UpdateItem', () =>
      doc.send(
        new UpdateCommand({
          TableName: name,
          Key: changesKey(court, bucket),
          UpdateExpression: 'ADD changes :one',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    return Number(out.Attributes?.changes ?? 0);
  }

  async readBucket(court: string, bucket: string): Promise<readonly Entry[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk > :after',
      // Entries sort after the bookkeeping items (`#CHG`, `#SUM`).
      ExpressionAttributeValues: { ':pk': metricsPk(court, bucket), ':after': ENTRY_SK_AFTER },
      ProjectionExpression: 'e',
      ConsistentRead: true,
    });
    return items.flatMap((item) => (typeof item.e === 'string' ? [JSON.parse(item.e) as Entry] : []));
  }

  async putSummary(court: string, bucket: string, sums: BucketSums, basis: number): Promise<void> {
    const { doc, name } = this.table;
    // Refused only when a summary computed after a later change is stored: nothing to do then.
    await this.table.conditional('PutItem', () =>
      doc.send(
        new PutCommand({
          TableName: name,
          Item: { ...summaryKey(court, bucket), basis, sums: JSON.stringify(sums) },
          ConditionExpression: 'attribute_not_exists(pk) OR basis < :basis',
          ExpressionAttributeValues: { ':basis': basis },
        }),
      ),
    );
  }

  async summaries(court: string, buckets: readonly string[]): Promise<ReadonlyMap<string, BucketSums>> {
    const items = await this.table.batchGet(buckets.map((b) => summaryKey(court, b)));
    const prefix = metricsPk(court, '');
    return new Map(items.filter((item) => typeof item.sums === 'string').map((item) => [String(item.pk).slice(prefix.length), JSON.parse(String(item.sums)) as BucketSums]));
  }

  async pendingCases(shard: number, cursor?: string, limit = 100): Promise<Page<string>> {
    const { doc, name } = this.table;
    const out = await this.table.call('Query', () =>
      doc.send(
        new QueryCommand({
          TableName: name,
          IndexName: ROLLUP_INDEX,
          KeyConditionExpression: 'rollShard = :s',
          ExpressionAttributeValues: { ':s': dueShardKey(shard) },
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor),
        }),
      ),
    );
    const next = encodeCursor(out.LastEvaluatedKey);
    return { items: (out.Items ?? []).map((item) => caseNoOfPk(item.pk)), ...(next ? { next } : {}) };
  }

  async recordPass(at: Instant): Promise<void> {
    const { doc, name } = this.table;
    await this.table.call('PutItem', () => doc.send(new PutCommand({ TableName: name, Item: { ...ROLLUP_PASS_KEY, at } })));
  }

  async lastPass(): Promise<Instant | undefined> {
    const { doc, name } = this.table;
    const out = await this.table.call('GetItem', () => doc.send(new GetCommand({ TableName: name, Key: ROLLUP_PASS_KEY })));
    return out.Item?.at === undefined ? undefined : Number(out.Item.at);
  }
}
