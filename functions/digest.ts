/** Lambda entry: the morning digest and 通报 (EventBridge rule) with the AWS adapters. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { dynamoStores } from './adapters/dynamo-stores.js';
import { SnsNoticePublisher } from './adapters/sns-notice-publisher.js';
import { courtIdsFromEnv, requiredEnv } from './commons/env.js';
import { rulesFromEnv } from './commons/rules-env.js';
import { CLAIM_LEASE_MS } from '../lib/app/notice-delivery.js';
import { makeDigestHandler } from './handlers/digest.js';

// The other functions run without DigestSchedule (rulesFromEnv does not require it); this one must have it.
requiredEnv('DigestSchedule');
const { index, snapshots, journal, meta } = dynamoStores(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') });

export const handler = makeDigestHandler({
  index,
  snapshots,
  journal,
  meta,
  publisher: new SnsNoticePublisher(new SNSClient({}), requiredEnv('TOPIC_ARN')),
  rules: rulesFromEnv(),
  courts: [...courtIdsFromEnv()],
  wallClock: Date.now,
  // Longer than the function's timeout: a claim this old belongs to a run that died.
  claimLeaseMs: CLAIM_LEASE_MS,
});
