/** `MetaStore` on DynamoDB: small named JSON records (`META#<name>`) with optimistic versions. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MetaStore } from '../../lib/ports.js';
import type { DynamoTable } from './dynamo-table.js';
import { metaKey } from './table-keys.js';

export class DynamoMetaStore implements MetaStore {
  constructor(private readonly table: DynamoTable) {}

  async getMeta<T>(name: string): Promise<{ value: T; version: number } | undefined> {
    const { doc } = this.table;
    const out = await this.table.call('GetItem', () => doc.send(new GetCommand({ TableName: this.table.name, Key: metaKey(name), ConsistentRead: true })));
    return out.Item ? { value: JSON.parse(String(out.Item.value)) as T, version: Number(out.Item.version) } : undefined;
  }

  async putMeta<T>(name: string, value: T, expectedVersion: number | undefined): Promise<boolean> {
    const { doc } = this.table;
    return this.table.conditional('PutItem', () =>
      doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...metaKey(name), value: JSON.stringify(value), version: (expectedVersion ?? 0) + 1 },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      ),
    );
  }
}
