/**
 * The one DynamoDB table as every store adapter sees it: the document client, the fault
 * mapping (faults that may pass become `StoreUnavailableError`), conditional writes,
 * paged queries, and the one retry of the unprocessed part of a batch request.
 */
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import { ConditionalCheckFailedException, type DynamoDBClient, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '../../lib/errors.js';
import type { Key } from './table-keys.js';
import { DUE_SHARDS } from './table-design.js';

export type Item = Record<string, unknown>;

export interface DynamoTableOptions {
  readonly tableName: string;
  /** Shards of the scan index (default `DUE_SHARDS`); snapshots and the index must agree. */
  readonly dueShards?: number;
}

/** Retries of the unprocessed part of a batch before giving up as unavailable. */
const BATCH_RETRIES = 8;
const BATCH_GET_KEYS = 100;
const BATCH_WRITE_ITEMS = 25;

export class DynamoTable {
  readonly doc: DynamoDBDocumentClient;
  readonly name: string;
  readonly dueShards: number;

  constructor(client: DynamoDBClient, options: DynamoTableOptions) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.name = options.tableName;
    this.dueShards = options.dueShards ?? DUE_SHARDS;
  }

  /**
   * Runs an SDK call (after the SDK's own retries). Throttling, server and network faults
   * become `StoreUnavailableError`; a conditional failure is an answer; any other client
   * fault is a bug and passes through as itself.
   */
  async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw error;
      const clientFault = error instanceof DynamoDBServiceException && error.$fault === 'client';
      const sdkError = error as Parameters<typeof isThrottlingError>[0];
      if (clientFault && !isThrottlingError(sdkError) && !isTransientError(sdkError)) throw error;
      throw new StoreUnavailableError(`DynamoDB ${what} failed`, { cause: error });
    }
  }

  /** Runs a conditional write: false when the condition failed. */
  async conditional(what: string, fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.call(what, fn);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Every page of a query. */
  async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.call('Query', () => this.doc.send(new QueryCommand({ ...input, TableName: this.name, ExclusiveStartKey: start })));
      items.push(...((out.Items ?? []) as Item[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Items by key, 100 keys a request; missing items are simply absent. */
  async batchGet(keys: readonly Key[], options: { consistent?: boolean; projection?: string } = {}): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_KEYS) {
      await retryUnprocessed('BatchGetItem', keys.slice(i, i + BATCH_GET_KEYS) as Item[], async (batch) => {
        const out = await this.call('BatchGetItem', () =>
          this.doc.send(
            new BatchGetCommand({
              RequestItems: {
                [this.name]: {
                  Keys: batch,
                  ...(options.consistent ? { ConsistentRead: true } : {}),
                  ...(options.projection ? { ProjectionExpression: options.projection } : {}),
                },
              },
            }),
          ),
        );
        found.push(...((out.Responses?.[this.name] ?? []) as Item[]));
        return (out.UnprocessedKeys?.[this.name]?.Keys as Item[] | undefined) ?? [];
      });
    }
    return found;
  }

  /** Whole items written unconditionally, 25 a request. */
  async batchPut(items: readonly Item[]): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH_WRITE_ITEMS) {
      const requests = items.slice(i, i + BATCH_WRITE_ITEMS).map((Item) => ({ PutRequest: { Item } }));
      await retryUnprocessed('BatchWriteItem', requests, async (batch) => {
        const out = await this.call('BatchWriteItem', () => this.doc.send(new BatchWriteCommand({ RequestItems: { [this.name]: batch } })));
        return (out.UnprocessedItems?.[this.name] ?? []) as typeof batch;
      });
    }
  }
}

/**
 * The one retry of batch requests: sends what is pending until nothing is left
 * unprocessed, with jittered exponential backoff; after `BATCH_RETRIES` retries the
 * store counts as unavailable.
 */
export async function retryUnprocessed<T>(what: string, pending: readonly T[], send: (batch: T[]) => Promise<T[]>): Promise<void> {
  let left = [...pending];
  for (let attempt = 0; left.length; attempt++) {
    if (attempt > BATCH_RETRIES) throw new StoreUnavailableError(`DynamoDB ${what} kept leaving ${what === 'BatchGetItem' ? 'keys' : 'items'} unprocessed`);
    if (attempt) await backoff(attempt);
    left = await send(left);
  }
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * Math.random()));
}

/** Cursor of a page: the page key, opaque to clients. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RangeError('cursor is not a page key');
  return value as Record<string, unknown>;
}
