/**
 * Part 1 — what one scan reads: items DynamoDB returned during one `runScan` ÷ cases
 * due in it (the scan has a notice for them), with 20,000 and 2,000 open cases of which
 * 1 % are due; and what a naive scanner (a full-table Scan) would read instead.
 */
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { runScan } from '../lib/app/scan.js';
import { TABLE_NAME } from '../local/system.js';
import { DynamoMeter, writeUnits } from './support/dynamo-meter.js';
import { localDynamoClient } from './support/local-dynamo.js';
import type { Report } from './support/report.js';
import { CountingPublisher, prepareScanTable, SCAN_AT } from './support/scan-table.js';

const DUE_SHARE = 0.01;

/** A naive scanner: Scan the whole table, keep the snapshots whose check has come. */
async function fullTableScan(endpoint: string, now: number): Promise<{ read: number; matched: number }> {
  const meter = new DynamoMeter();
  const client = localDynamoClient(endpoint);
  meter.attach(client);
  let start: Record<string, AttributeValue> | undefined;
  let matched = 0;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: TABLE_NAME,
        FilterExpression: 'sk = :case AND nextCheckAt <= :now',
        ExpressionAttributeValues: { ':case': { S: '#CASE' }, ':now': { N: String(now) } },
        ExclusiveStartKey: start,
      }),
    );
    matched += out.Items?.length ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return { read: meter.take().itemsScanned, matched };
}

async function measure(report: Report, openCases: number, suffix: string): Promise<void> {
  const due = Math.round(openCases * DUE_SHARE);
  const table = await prepareScanTable({ openCases, due: { cases: due }, seed: 20_000 + openCases });
  try {
    const { population, meter, system } = table;
    const baseline = await fullTableScan(system.dynamoEndpoint, SCAN_AT);
    if (baseline.matched !== population.dueCases) throw new Error(`bench: the full Scan found ${baseline.matched} due, expected ${population.dueCases}`);

    const publisher = new CountingPublisher();
    meter.take();
    const started = performance.now();
    const scan = await runScan({ ...system.stores, publisher, rules: system.rules, wallClock: Date.now }, { now: SCAN_AT, runId: 'bench-scan' });
    const usage = meter.take();
    const seconds = (performance.now() - started) / 1000;
    const notified = new Set(scan.published.map((n) => n.caseNo)).size;
    if (notified !== population.dueCases) {
      console.warn(`warning: ${population.dueCases} cases were built due, the scan notified ${notified}`);
    }
    report.figure(`scan-read-ratio${suffix}`, usage.itemsRead / population.dueCases);
    report.figure(`scan-baseline-ratio${suffix}`, baseline.read / population.dueCases);
    report.figure(`scan-open-cases${suffix}`, openCases);
    report.figure(`scan-due-cases${suffix}`, population.dueCases);
    report.figure(`scan-items-read${suffix}`, usage.itemsRead);
    report.figure(`scan-baseline-items-read${suffix}`, baseline.read);
    report.figure(`scan-notices${suffix}`, scan.published.length);
    report.figure(`scan-read-units-per-due-case${suffix}`, usage.readUnits / population.dueCases);
    report.figure(`scan-write-units-per-due-case${suffix}`, writeUnits(usage) / population.dueCases);
    report.figure(`scan-index-write-units-per-due-case${suffix}`, usage.indexWriteUnits / population.dueCases);
    report.figure(`scan-seconds${suffix}`, seconds);
    report.figure(`scan-replan-sweep-items${suffix}`, table.warmUp.itemsRead);
  } finally {
    await table.close();
  }
}

export async function scanReads(report: Report): Promise<void> {
  await measure(report, 20_000, '');
  await measure(report, 2_000, '-2000');
}
