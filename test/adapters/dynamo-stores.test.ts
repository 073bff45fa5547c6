/** Fault mapping of the DynamoDB adapter (storage semantics are tested against dynalite). */
import { StoreUnavailableError } from '../../lib/errors.js';
import { ConditionalCheckFailedException, DynamoDBClient, DynamoDBServiceException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.js';

import { filed } from './fixtures.js';

const doc = mockClient(DynamoDBDocumentClient);
const stores = () =>
  dynamoStores(new DynamoDBClient({ region: 'cn-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }), { tableName: 'cases' });

describe('adapter: DynamoDB store faults', () => {
  beforeEach(() => doc.reset());

  it('turns throttling into StoreUnavailableError, keeping the cause', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    doc.on(PutCommand).rejects(throttled);
    const error = await stores().events.saveEvent(filed('A'), 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).cause).toBe(throttled);
  });

  it('answers a conditional failure as an outcome, not a fault', async () => {
    doc.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    doc.on(GetCommand).resolvesOnce({ Item: { court: 'qinyang' } }).resolvesOnce({ Item: { court: 'wuzhi' } });
    expect(await stores().events.claimCase('A', 'wuzhi', 0, 'token-1')).toBe('taken');
    expect(await stores().events.claimCase('A', 'wuzhi', 0, 'token-2')).toBe('owned');
    doc.on(GetCommand).resolves({ Item: { hash: 'another', caseNo: 'A' } });
    expect(await stores().events.saveEvent(filed('A'), 0)).toBe('conflict');
    expect(await stores().snapshots.putCase({ caseNo: 'A' } as never, 3).catch(() => 'threw')).toBe('threw'); // not a record: a bug, not a conflict
  });

  it('lets a programming error through as itself (it is not transient)', async () => {
    const invalid = new DynamoDBServiceException({ name: 'ValidationException', $fault: 'client', message: 'bad key', $metadata: {} });
    doc.on(GetCommand).rejects(invalid);
    await expect(stores().snapshots.getCase('A')).rejects.toBe(invalid);
  });

  it('sends again what a batch left unprocessed, and gives up as unavailable only when it never goes', async () => {
    doc
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { cases: [{ caseNo: 'A', court: 'wuzhi' }] }, UnprocessedKeys: { cases: { Keys: [{ pk: 'C#B', sk: '#OWNER' }] } } })
      .resolvesOnce({ Responses: { cases: [{ caseNo: 'B', court: 'qinyang' }] } });
    expect(await stores().events.caseOwners(['A', 'B'])).toEqual(new Map([['A', 'wuzhi'], ['B', 'qinyang']]));
    expect(doc.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems?.cases?.Keys).toEqual([{ pk: 'C#B', sk: '#OWNER' }]);

    const entry = { idHash: 'h', caseNo: 'A', closedAt: 1 };
    doc.on(BatchWriteCommand).resolves({ UnprocessedItems: { cases: [{ PutRequest: { Item: { pk: 'R#wuzhi#h', sk: 'T#1#A' } } }] } });
    await expect(stores().history.recordTerminations('wuzhi', [entry])).rejects.toBeInstanceOf(StoreUnavailableError);
  }, 30_000);
});
