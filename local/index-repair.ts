/**
 * Repair of the table's indexes after the local mode stopped uncleanly (SIGKILL, power
 * loss, a crash). dynalite — the local DynamoDB — keeps a write's index entries and its
 * item in separate LevelDB writes, in this order: delete the entries of the stored item's
 * old index keys, put the new entries, then put the item. A process killed in between
 * leaves either
 *
 * - an entry of a write that never happened (the item kept its old keys): a *phantom*
 *   that no later write removes, because dynalite deletes the entry computed from the
 *   *stored* item — a due phantom is read by every scan, and the listing shows the case
 *   twice; or
 * - no entry for the item at all: a case the scan never reads (its notices never sent)
 *   or the listing never shows.
 *
 * DynamoDB itself keeps indexes and items together, so only the local mode needs this.
 * It runs at start-up, before the queue or the HTTP front, when the previous process
 * left its marker behind: it reads the table and every index, removes every entry that
 * does not match its item (by writing the item once with the entry's key values, which
 * replaces the entry, and then back, which deletes it) and writes again every item whose
 * entry is missing or stale.
 */
import {
  type AttributeValue,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../functions/adapters/table-design.js';

type RawItem = Record<string, AttributeValue>;

export interface IndexRepair {
  /** Index entries read (all indexes). */
  readonly entriesRead: number;
  /** Entries that matched no item or another key of their item, removed. */
  readonly staleRemoved: number;
  /** Items whose entry an index lacked or held outdated, written again to restore it. */
  readonly entriesRestored: number;
  /** Case numbers (from `C#…` keys) touched, for the log. */
  readonly cases: readonly string[];
}

const same = (a: AttributeValue | undefined, b: AttributeValue | undefined) => JSON.stringify(a) === JSON.stringify(b);
const itemKey = (item: RawItem) => JSON.stringify([item.pk, item.sk]);

async function scanAll(client: DynamoDBClient, input: ScanCommandInput): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let start: RawItem | undefined;
  do {
    const out = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Makes every index of the table agree with its items again. */
export async function repairIndexes(client: DynamoDBClient, tableName: string): Promise<IndexRepair> {
  const design = createTableInput(tableName);
  const tableKeys = design.KeySchema.map((k) => k.AttributeName);
  const items = new Map((await scanAll(client, { TableName: tableName, ConsistentRead: true })).map((item) => [itemKey(item), item]));
  const stale: Array<{ key: string; values: RawItem }> = [];
  const rewrite = new Set<string>();
  let entriesRead = 0;
  for (const index of design.GlobalSecondaryIndexes) {
    const indexKeys = index.KeySchema.map((k) => k.AttributeName);
    const projected = [...new Set([...tableKeys, ...indexKeys, ...(index.Projection.NonKeyAttributes ?? [])])];
    const indexed = new Set<string>();
    for (const entry of await scanAll(client, { TableName: tableName, IndexName: index.IndexName })) {
      entriesRead++;
      const key = itemKey(entry);
      const item = items.get(key);
      if (!item || !indexKeys.every((k) => same(item[k], entry[k]))) {
        stale.push({ key, values: Object.fromEntries(indexKeys.map((k) => [k, entry[k] as AttributeValue])) });
        continue;
      }
      indexed.add(key);
      if (!projected.every((a) => same(item[a], entry[a]))) rewrite.add(key); // an entry of a write that never happened, at the item's own key
    }
    for (const [key, item] of items) if (indexKeys.every((k) => item[k] !== undefined) && !indexed.has(key)) rewrite.add(key);
  }

  const entriesRestored = rewrite.size;
  for (const { key, values } of stale) {
    const item = items.get(key);
    const [pk, sk] = JSON.parse(key) as [AttributeValue, AttributeValue];
    // The item with the phantom's key values: dynalite replaces the phantom with this write's entry…
    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...(item ?? { pk, sk }), ...values } }));
    // …and the item as it was deletes that entry again (and puts the item's own).
    if (item) await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    else await client.send(new DeleteItemCommand({ TableName: tableName, Key: { pk, sk } }));
    rewrite.delete(key); // written back whole just now
  }
  for (const key of rewrite) {
    const item = items.get(key);
    if (item) await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
  }
  const touched = [...new Set([...stale.map((s) => s.key), ...rewrite])]
    .map((k) => (JSON.parse(k) as [AttributeValue])[0]?.S ?? '')
    .filter((pk) => pk.startsWith('C#'))
    .map((pk) => pk.slice(2));
  return { entriesRead, staleRemoved: stale.length, entriesRestored, cases: [...new Set(touched)] };
}
