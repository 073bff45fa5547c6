/** Lambda entry: reads (`GET /v1/cases…`, the public timeline) with the AWS adapters. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoCaseIndex } from './adapters/dynamo-case-index.js';
import { DynamoCaseSnapshots } from './adapters/dynamo-case-snapshots.js';
import { DynamoEventLog } from './adapters/dynamo-event-log.js';
import { DynamoNoticeLedger } from './adapters/dynamo-notice-ledger.js';
import { DynamoRespondentHistory } from './adapters/dynamo-respondent-history.js';
import { DynamoTable } from './adapters/dynamo-table.js';
import { SecretsManagerCourtKeys } from './adapters/secrets-court-keys.js';
import { SecretText, secretSessionKeys } from './adapters/secret-text.js';
import { courtCodesFromEnv, courtIdsFromEnv, requiredEnv } from './commons/env.js';
import { rulesFromEnv } from './commons/rules-env.js';
import { makeReadHandler } from './handlers/read.js';

const table = new DynamoTable(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') });
const secrets = new SecretsManagerClient({});

export const handler = makeReadHandler({
  events: new DynamoEventLog(table),
  snapshots: new DynamoCaseSnapshots(table),
  history: new DynamoRespondentHistory(table),
  ledger: new DynamoNoticeLedger(table),
  index: new DynamoCaseIndex(table),
  keys: new SecretsManagerCourtKeys(secrets, requiredEnv('COURT_SECRETS_PREFIX'), Date.now, courtIdsFromEnv()),
  sessions: secretSessionKeys(new SecretText(secrets, process.env.BOARD_SESSION_SECRET_ARN)),
  rules: rulesFromEnv(),
  codes: courtCodesFromEnv(),
  now: Date.now,
});
