/**
 * What a scan that does not settle is reading: each case of the `due` index at a time,
 * the index entry beside the snapshot item it stands for (version, `nextCheckAt`,
 * outbox), and the case's notice claims. Read straight from the data directory's store
 * (no start-up of the local mode, so nothing is repaired before it is seen).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { join } from 'node:path';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.js';
import { DUE_INDEX, DUE_SHARDS } from '../../functions/adapters/table-design.js';
import { dueShardKey } from '../../functions/adapters/table-keys.js';
import { unpack } from '../../functions/adapters/codec.js';
import { startDynaliteThread } from '../../local/dynalite-thread.js';
import { TABLE_NAME } from '../../local/system.js';

export interface DueEntryReport {
  readonly caseNo: string;
  readonly index: { version: number; nextCheckAt: number; outbox: number };
  readonly item?: { version: number; nextCheckAt?: number; outbox: number };
  readonly notices: ReadonlyArray<{ node: string; level: string; status: string; claimedBy: string; claimedAt: number }>;
}

const outboxSize = (body: unknown) => Object.keys(unpack<{ outbox: Record<string, unknown> }>(body).outbox).length;

/** Every `due` index entry with `nextCheckAt` ≤ `until` (all of them for `Infinity`), beside its item and ledger. */
export async function dueEntries(client: DynamoDBClient, until: number): Promise<DueEntryReport[]> {
  const { ledger } = dynamoStores(client, { tableName: TABLE_NAME });
  const doc = DynamoDBDocumentClient.from(client);
  const reports: DueEntryReport[] = [];
  for (let shard = 0; shard < DUE_SHARDS; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          IndexName: DUE_INDEX,
          KeyConditionExpression: Number.isFinite(until) ? 'dueShard = :s AND nextCheckAt <= :t' : 'dueShard = :s',
          ExpressionAttributeValues: { ':s': dueShardKey(shard), ...(Number.isFinite(until) ? { ':t': until } : {}) },
          ExclusiveStartKey: start,
        }),
      );
      for (const entry of page.Items ?? []) {
        const caseNo = String(entry.pk).slice(2);
        const item = (await doc.send(new GetCommand({ TableName: TABLE_NAME, Key: { pk: entry.pk, sk: entry.sk }, ConsistentRead: true }))).Item;
        const notices = (await ledger.listNotices(caseNo)).map((e) => ({
          node: e.notice.node + (e.notice.instance ? `#${e.notice.instance}` : ''),
          level: e.notice.level,
          status: e.status,
          claimedBy: e.claimedBy,
          claimedAt: e.claimedAt,
        }));
        reports.push({
          caseNo,
          index: { version: Number(entry.version), nextCheckAt: Number(entry.nextCheckAt), outbox: outboxSize(entry.body) },
          ...(item
            ? { item: { version: Number(item.version), ...(item.nextCheckAt === undefined ? {} : { nextCheckAt: Number(item.nextCheckAt) }), outbox: outboxSize(item.body) } }
            : {}),
          notices,
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return reports;
}

/** Opens the store of a local data directory (its process must be gone) and reports the due entries. */
export async function diagnoseDataDir(dataDir: string, until: number): Promise<DueEntryReport[]> {
  const dynamo = await startDynaliteThread({ path: join(dataDir, 'dynamodb') });
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    return await dueEntries(client, until);
  } finally {
    client.destroy();
    await dynamo.close();
  }
}

/** One line per entry, for a failure message. */
export function describeEntries(entries: readonly DueEntryReport[]): string {
  const iso = (t: number | undefined) => (t === undefined ? '—' : new Date(t).toISOString());
  return entries
    .map((e) => {
      const item = e.item ? `item v${e.item.version} nextCheckAt ${iso(e.item.nextCheckAt)} outbox ${e.item.outbox}` : 'NO ITEM';
      const notices = e.notices.map((n) => `${n.node}:${n.level}=${n.status}(${n.claimedBy}@${iso(n.claimedAt)})`).join(' ') || 'none';
      return `${e.caseNo}: index v${e.index.version} nextCheckAt ${iso(e.index.nextCheckAt)} outbox ${e.index.outbox} | ${item} | notices ${notices}`;
    })
    .join('\n');
}
