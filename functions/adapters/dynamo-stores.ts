/** Every store port on one DynamoDB table (the local mode, tests and benches hold them all). */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Stores } from '../../lib/ports.js';
import { DynamoCaseIndex } from './dynamo-case-index.js';
import { DynamoCaseSnapshots } from './dynamo-case-snapshots.js';
import { DynamoDigestJournal } from './dynamo-digest-journal.js';
import { DynamoEventLog } from './dynamo-event-log.js';
import { DynamoMetaStore } from './dynamo-meta-store.js';
import { DynamoMetricsStore } from './dynamo-metrics-store.js';
import { DynamoNoticeLedger } from './dynamo-notice-ledger.js';
import { DynamoRespondentHistory } from './dynamo-respondent-history.js';
import { DynamoTable, type DynamoTableOptions } from './dynamo-table.js';

export function dynamoStores(client: DynamoDBClient, options: DynamoTableOptions): Stores {
  const table = new DynamoTable(client, options);
  return {
    events: new DynamoEventLog(table),
    snapshots: new DynamoCaseSnapshots(table),
    history: new DynamoRespondentHistory(table),
    ledger: new DynamoNoticeLedger(table),
    index: new DynamoCaseIndex(table),
    meta: new DynamoMetaStore(table),
    metrics: new DynamoMetricsStore(table),
    journal: new DynamoDigestJournal(table),
  };
}
