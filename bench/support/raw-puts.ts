/**
 * The store's own write rate: items put with plain conditional PutItems (`attribute_not_exists`,
 * as the store writes a new item) by concurrent writers on the local system's dynalite.
 * The denominator of the `*-vs-store` ratios.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_NAME } from '../../local/system.js';

/** Puts every item with `writers` concurrent writers; returns the seconds taken. */
export async function rawPuts(client: DynamoDBClient, items: ReadonlyArray<Record<string, unknown>>, writers: number): Promise<number> {
  const doc = DynamoDBDocumentClient.from(client);
  const started = performance.now();
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < items.length) {
      const Item = items[next++];
      await doc.send(new PutCommand({ TableName: TABLE_NAME, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return (performance.now() - started) / 1000;
}
