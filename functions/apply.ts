/** Lambda entry: apply (SQS consumer: triage and node updates) with the AWS adapters. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCaseStore } from './adapters/dynamo-case-store.js';
import { requiredEnv } from './commons/env.js';
import { rulesFromEnv } from './commons/rules-env.js';
import { makeApplyHandler } from './handlers/apply.js';

export const handler = makeApplyHandler({
  store: new DynamoCaseStore(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') }),
  rules: rulesFromEnv(),
  now: Date.now,
});
