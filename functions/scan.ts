/** Lambda entry: the deadline scan (EventBridge schedule) with the AWS adapters. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoCaseStore } from './adapters/dynamo-case-store.js';
import { SnsNoticePublisher } from './adapters/sns-notice-publisher.js';
import { requiredEnv, rulesFromEnv } from './commons/env.js';
import { makeScanHandler } from './handlers/scan.js';

export const handler = makeScanHandler({
  store: new DynamoCaseStore(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') }),
  publisher: new SnsNoticePublisher(new SNSClient({}), requiredEnv('TOPIC_ARN')),
  rules: rulesFromEnv(),
  wallClock: Date.now,
});
