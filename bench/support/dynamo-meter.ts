/**
 * SDK middleware that measures what DynamoDB (dynalite) does for the system:
 *
 * - asks every data-plane call for `ReturnConsumedCapacity: 'TOTAL'` and adds up the
 *   table's read and write units it reports;
 * - adds the write units of the global secondary indexes, which dynalite does not
 *   report, by the DynamoDB rules (`index-units.ts`), from the item images it sees
 *   written (it must see every write from an empty table);
 * - counts a conditional write that failed at the units DynamoDB charges for it (the
 *   item's size, at least one unit), since dynalite reports nothing for a failed call;
 * - counts the items DynamoDB returned (Item, Items, Responses) and, for Scan, the items
 *   it read (ScannedCount).
 */
import type { AttributeValue, ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  applyUpdate,
  type Image,
  indexSpecs,
  type IndexSpec,
  indexWriteUnits,
  itemSize,
  mentionedAttributes,
  type UpdateInput,
  writeUnitsOf,
} from './index-units.js';

export interface Usage {
  /** Read units the table and its indexes reported. */
  readUnits: number;
  /** Write units of the table, as reported (plus failed conditional writes). */
  tableWriteUnits: number;
  /** Write units of the indexes, computed. */
  indexWriteUnits: number;
  /** The same, by index. */
  indexWriteUnitsBy: Record<string, number>;
  /** Items returned by GetItem, BatchGetItem, Query and Scan. */
  itemsRead: number;
  /** Items a Scan evaluated (read and paid for, returned or filtered out). */
  itemsScanned: number;
  /** Data-plane calls, by command. */
  calls: Record<string, number>;
  /** Conditional writes that failed (charged anyway). */
  conditionalFailures: number;
}

export const writeUnits = (u: Usage) => u.tableWriteUnits + u.indexWriteUnits;

const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);
/** Data-plane calls the meter cannot account for: refused, so a new one is not silently missed. */
const UNMETERED = new Set(['TransactWriteItemsCommand', 'TransactGetItemsCommand', 'ExecuteStatementCommand', 'BatchExecuteStatementCommand', 'ExecuteTransactionCommand']);

function emptyUsage(): Usage {
  return { readUnits: 0, tableWriteUnits: 0, indexWriteUnits: 0, indexWriteUnitsBy: {}, itemsRead: 0, itemsScanned: 0, calls: {}, conditionalFailures: 0 };
}

function capacityUnits(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
}

type Input = Record<string, unknown>;
type Output = Record<string, unknown> & { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };

const keyOf = (item: Image) => `${item.pk?.S ?? ''}\u0000${item.sk?.S ?? ''}`;

export class DynamoMeter {
  private usage = emptyUsage();
  /** Last image of every item that is in an index, by table key. */
  private readonly images = new Map<string, Image>();
  private readonly indexKeys: ReadonlySet<string>;

  constructor(private readonly indexes: readonly IndexSpec[] = indexSpecs()) {
    this.indexKeys = new Set(indexes.flatMap((i) => i.keys));
  }

  /** Installs the middleware on a client (before its first call on an empty table). */
  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName);
        if (UNMETERED.has(command)) throw new Error(`bench: the DynamoDB meter does not account for ${command}`);
        if (!READS.has(command) && !WRITES.has(command)) return next(args);
        return next({ ...args, input: { ...(args.input as Input), ReturnConsumedCapacity: 'TOTAL' } });
      },
      { step: 'initialize', name: 'benchReturnConsumedCapacity', priority: 'high' },
    );
    // At the build step the input is marshalled (AttributeValues) and the request built.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName);
        if (!READS.has(command) && !WRITES.has(command)) return next(args);
        const input = args.input as Input;
        this.usage.calls[command] = (this.usage.calls[command] ?? 0) + 1;
        try {
          const result = await next(args);
          this.account(command, input, result.output as unknown as Output);
          return result;
        } catch (error) {
          if ((error as Error).name === 'ConditionalCheckFailedException') this.failedWrite(command, input);
          throw error;
        }
      },
      { step: 'build', name: 'benchMeter', priority: 'low' },
    );
  }

  /** Usage since the last `take` (or since the start); starts a new period. */
  take(): Usage {
    const usage = this.usage;
    this.usage = emptyUsage();
    return usage;
  }

  private account(command: string, input: Input, output: Output): void {
    const units = capacityUnits(output.ConsumedCapacity);
    if (READS.has(command)) {
      this.usage.readUnits += units;
      this.countItems(command, output);
      return;
    }
    this.usage.tableWriteUnits += units;
    if (command === 'PutItemCommand') this.written(input.Item as Image);
    else if (command === 'UpdateItemCommand') this.updated(input.Key as Image, input as UpdateInput);
    else if (command === 'DeleteItemCommand') this.deleted(input.Key as Image);
    else if (command === 'BatchWriteItemCommand') {
      // Unprocessed requests come back and are sent again; count only what was written.
      const unprocessed = new Set(
        Object.values((output.UnprocessedItems ?? {}) as Record<string, Array<{ PutRequest?: { Item: Image }; DeleteRequest?: { Key: Image } }>>)
          .flat()
          .map((r) => keyOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key ?? {})),
      );
      for (const requests of Object.values(input.RequestItems as Record<string, Array<{ PutRequest?: { Item: Image }; DeleteRequest?: { Key: Image } }>>)) {
        for (const r of requests) {
          if (r.PutRequest && !unprocessed.has(keyOf(r.PutRequest.Item))) this.written(r.PutRequest.Item);
          if (r.DeleteRequest && !unprocessed.has(keyOf(r.DeleteRequest.Key))) this.deleted(r.DeleteRequest.Key);
        }
      }
    }
  }

  private countItems(command: string, output: Output): void {
    if (command === 'GetItemCommand') this.usage.itemsRead += output.Item ? 1 : 0;
    else if (command === 'BatchGetItemCommand') {
      for (const items of Object.values((output.Responses ?? {}) as Record<string, unknown[]>)) this.usage.itemsRead += items.length;
    } else {
      this.usage.itemsRead += ((output.Items ?? []) as unknown[]).length;
      if (command === 'ScanCommand') this.usage.itemsScanned += Number(output.ScannedCount ?? 0);
    }
  }

  private inAnyIndex(image: Image | undefined): boolean {
    return !!image && this.indexes.some((spec) => spec.keys.every((k) => image[k] !== undefined));
  }

  private transition(key: string, before: Image | undefined, after: Image | undefined): void {
    for (const spec of this.indexes) {
      const { units } = indexWriteUnits(spec, before, after);
      this.usage.indexWriteUnits += units;
      this.usage.indexWriteUnitsBy[spec.name] = (this.usage.indexWriteUnitsBy[spec.name] ?? 0) + units;
    }
    if (this.inAnyIndex(after)) this.images.set(key, after as Image);
    else this.images.delete(key);
  }

  private written(item: Image): void {
    const key = keyOf(item);
    this.transition(key, this.images.get(key), item);
  }

  private deleted(tableKey: Image): void {
    const key = keyOf(tableKey);
    this.transition(key, this.images.get(key), undefined);
  }

  private updated(tableKey: Image, input: UpdateInput): void {
    const key = keyOf(tableKey);
    const before = this.images.get(key);
    if (!before) {
      // Not in any index so far: fine unless the update gives it index keys (then its
      // other attributes, which the bench never saw, would be projected).
      if (mentionedAttributes(input).some((name) => this.indexKeys.has(name))) {
        throw new Error(`bench: an update puts ${key} into an index, but its earlier image was never seen`);
      }
      return;
    }
    this.transition(key, before, applyUpdate({ ...before, ...(tableKey as Record<string, AttributeValue>) }, input));
  }

  private failedWrite(command: string, input: Input): void {
    this.usage.conditionalFailures++;
    if (command === 'PutItemCommand') {
      const item = input.Item as Image;
      const before = this.images.get(keyOf(item));
      this.usage.tableWriteUnits += writeUnitsOf(Math.max(itemSize(item), before ? itemSize(before) : 0));
    } else {
      const before = this.images.get(keyOf((input.Key ?? {}) as Image));
      this.usage.tableWriteUnits += writeUnitsOf(before ? itemSize(before) : 0);
    }
  }
}
