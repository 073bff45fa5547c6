/** Lambda entry: reads (`GET /v1/cases…`, the public timeline) with the AWS adapters. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoCaseStore } from './adapters/dynamo-case-store.js';
import { SecretsManagerCourtKeys } from './adapters/secrets-court-keys.js';
import { courtIdsFromEnv, requiredEnv } from './commons/env.js';
import { rulesFromEnv } from './commons/rules-env.js';
import { makeReadHandler } from './handlers/read.js';

export const handler = makeReadHandler({
  store: new DynamoCaseStore(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') }),
  keys: new SecretsManagerCourtKeys(new SecretsManagerClient({}), requiredEnv('COURT_SECRETS_PREFIX'), Date.now, courtIdsFromEnv()),
  rules: rulesFromEnv(),
  now: Date.now,
});
