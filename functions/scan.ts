/** Lambda entry: the deadline scan (EventBridge schedule) with the AWS adapters. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { dynamoStores } from './adapters/dynamo-stores.js';
import { SnsNoticePublisher } from './adapters/sns-notice-publisher.js';
import { requiredEnv } from './commons/env.js';
import { rulesFromEnv } from './commons/rules-env.js';
import { CLAIM_LEASE_MS } from '../lib/app/scan.js';
import { makeScanHandler } from './handlers/scan.js';

export const handler = makeScanHandler({
  // The scan uses every store port: the due index, snapshots, ledger, bookkeeping, and
  // the events and S7 history a re-plan after changed limits folds again.
  ...dynamoStores(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') }),
  publisher: new SnsNoticePublisher(new SNSClient({}), requiredEnv('TOPIC_ARN')),
  rules: rulesFromEnv(),
  wallClock: Date.now,
  // Longer than the function's timeout: a claim this old belongs to a scan that died.
  claimLeaseMs: CLAIM_LEASE_MS,
});
