/** Fault mapping of the DynamoDB adapter (storage semantics are tested against dynalite). */
import { ConditionalCheckFailedException, DynamoDBClient, DynamoDBServiceException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '../../functions/adapters/dynamo-case-store.js';
import { StoreUnavailableError } from '../../lib/ports.js';
import { filed } from './fixtures.js';

const doc = mockClient(DynamoDBDocumentClient);
const store = () =>
  new DynamoCaseStore(new DynamoDBClient({ region: 'cn-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }), { tableName: 'cases' });

describe('adapter: DynamoCaseStore faults', () => {
  beforeEach(() => doc.reset());

  it('turns throttling into StoreUnavailableError, keeping the cause', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    doc.on(PutCommand).rejects(throttled);
    const error = await store().saveEvent(filed('A'), 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).cause).toBe(throttled);
  });

  it('answers a conditional failure as an outcome, not a fault', async () => {
    doc.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    expect(await store().claimCase('A', 'wuzhi', 0)).toBe('taken');
    doc.on(GetCommand).resolves({ Item: { hash: 'another', caseNo: 'A' } });
    expect(await store().saveEvent(filed('A'), 0)).toBe('conflict');
    expect(await store().putCase({ caseNo: 'A' } as never, 3).catch(() => 'threw')).toBe('threw'); // not a record: a bug, not a conflict
  });

  it('lets a programming error through as itself (it is not transient)', async () => {
    const invalid = new DynamoDBServiceException({ name: 'ValidationException', $fault: 'client', message: 'bad key', $metadata: {} });
    doc.on(GetCommand).rejects(invalid);
    await expect(store().getCase('A')).rejects.toBe(invalid);
  });
});
