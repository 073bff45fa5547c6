/** Lambda entry: the leadership metrics (`GET /v1/metrics`, `.csv`; signed or with a board session) with the AWS adapters; reads `M#…` items only. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoMetricsStore } from './adapters/dynamo-metrics-store.js';
import { DynamoTable } from './adapters/dynamo-table.js';
import { SecretsManagerCourtKeys } from './adapters/secrets-court-keys.js';
import { SecretText, secretSessionKeys } from './adapters/secret-text.js';
import { courtIdsFromEnv, requiredEnv } from './commons/env.js';
import { makeMetricsHandler } from './handlers/metrics.js';

const table = new DynamoTable(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') });
const secrets = new SecretsManagerClient({});

export const handler = makeMetricsHandler({
  metrics: new DynamoMetricsStore(table),
  keys: new SecretsManagerCourtKeys(secrets, requiredEnv('COURT_SECRETS_PREFIX'), Date.now, courtIdsFromEnv()),
  // The board's metrics page reads with the board session (CONTRACT §6).
  sessions: secretSessionKeys(new SecretText(secrets, process.env.BOARD_SESSION_SECRET_ARN)),
  now: Date.now,
});
