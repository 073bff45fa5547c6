/** Lambda entry: apply (SQS consumer: triage and node updates) with the AWS adapters. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCaseSnapshots } from './adapters/dynamo-case-snapshots.js';
import { DynamoDigestJournal } from './adapters/dynamo-digest-journal.js';
import { DynamoEventLog } from './adapters/dynamo-event-log.js';
import { DynamoRespondentHistory } from './adapters/dynamo-respondent-history.js';
import { DynamoTable } from './adapters/dynamo-table.js';
import { requiredEnv } from './commons/env.js';
import { rulesFromEnv } from './commons/rules-env.js';
import { makeApplyHandler } from './handlers/apply.js';

const table = new DynamoTable(new DynamoDBClient({}), { tableName: requiredEnv('TABLE_NAME') });

export const handler = makeApplyHandler({
  events: new DynamoEventLog(table),
  snapshots: new DynamoCaseSnapshots(table),
  history: new DynamoRespondentHistory(table),
  journal: new DynamoDigestJournal(table),
  rules: rulesFromEnv(),
  now: Date.now,
});
