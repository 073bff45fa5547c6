/** Lambda entry: intake (`POST /v1/events`) with the AWS adapters. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoEventLog } from './adapters/dynamo-event-log.js';
import { DynamoTable } from './adapters/dynamo-table.js';
import { SecretsManagerCourtKeys } from './adapters/secrets-court-keys.js';
import { SqsCaseQueue } from './adapters/sqs-case-queue.js';
import { courtCodesFromEnv, courtIdsFromEnv, requiredEnv } from './commons/env.js';
import { makeIntakeHandler } from './handlers/intake.js';

const table = new DynamoTable(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') });

export const handler = makeIntakeHandler({
  events: new DynamoEventLog(table),
  queue: new SqsCaseQueue(new SQSClient({}), requiredEnv('QUEUE_URL')),
  keys: new SecretsManagerCourtKeys(new SecretsManagerClient({}), requiredEnv('COURT_SECRETS_PREFIX'), Date.now, courtIdsFromEnv()),
  codes: courtCodesFromEnv(),
  now: Date.now,
});
