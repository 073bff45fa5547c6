/**
 * Part 5 — SNS messages per API call: one real `runScan` over dynalite, with cases
 * arranged so that exactly 1,000 notices are due, publishing through the real
 * `SnsNoticePublisher` to an SNSClient mocked by aws-sdk-client-mock (every entry
 * accepted); counts PublishBatch calls and their entries.
 */
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { runScan } from '../lib/app/scan.js';
import { SnsNoticePublisher } from '../functions/adapters/sns-notice-publisher.js';
import type { Report } from './support/report.js';
import { prepareScanTable, SCAN_AT } from './support/scan-table.js';

const NOTICES = 1_000;
const OPEN_CASES = 5_000;

export async function noticesPerPublish(report: Report): Promise<void> {
  const table = await prepareScanTable({ openCases: OPEN_CASES, due: { notices: NOTICES }, seed: 5_000 });
  const sns = mockClient(SNSClient);
  try {
    sns.on(PublishBatchCommand).callsFake((input: { PublishBatchRequestEntries?: Array<{ Id?: string }> }) => ({
      Successful: (input.PublishBatchRequestEntries ?? []).map((e, i) => ({ Id: e.Id, MessageId: `m-${i}` })),
      Failed: [],
    }));
    const publisher = new SnsNoticePublisher(new SNSClient({ region: 'us-east-1' }), 'arn:aws:sns:us-east-1:123456789012:notices');
    const { system } = table;
    const started = performance.now();
    const scan = await runScan({ ...system.stores, publisher, rules: system.rules, wallClock: Date.now }, { now: SCAN_AT, runId: 'bench-notices' });
    const seconds = (performance.now() - started) / 1000;
    const calls = sns.commandCalls(PublishBatchCommand);
    const entries = calls.reduce((n, c) => n + (c.args[0].input.PublishBatchRequestEntries?.length ?? 0), 0);
    if (scan.published.length !== table.population.dueNotices) {
      console.warn(`warning: ${table.population.dueNotices} notices were arranged due, the scan published ${scan.published.length}`);
    }
    report.figure('notices-per-publish', entries / calls.length);
    report.figure('notices-published', scan.published.length);
    report.figure('notices-publish-calls', calls.length);
    report.figure('notices-due-cases', table.population.dueCases);
    report.figure('notices-scan-seconds', seconds);
  } finally {
    sns.restore();
    await table.close();
  }
}
