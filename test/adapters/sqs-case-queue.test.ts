import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { StoreUnavailableError } from '../../lib/errors.js';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { batchEntries, caseMessages, decodeCaseMessage, encodeCaseMessage, SqsCaseQueue } from '../../functions/adapters/sqs-case-queue.js';

import { filed } from './fixtures.js';

const sqs = mockClient(SQSClient);
const URL = 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/case-updates';

describe('adapter: SqsCaseQueue', () => {
  beforeEach(() => sqs.reset());

  it('sends one message per case, at most ten per call', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const work = Array.from({ length: 23 }, (_, i) => ({ caseNo: `C${i}`, events: [filed(`C${i}`)] }));
    await new SqsCaseQueue(new SQSClient({}), URL).enqueue(work);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 3);
    const sizes = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length);
    expect(sizes.sort()).toEqual([10, 10, 3]);
    const first = sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.Entries?.[0];
    expect(decodeCaseMessage(first?.MessageBody ?? '')).toMatchObject({ caseNo: expect.stringMatching(/^C\d+$/) });
  });

  it('splits one case whose events grew past 256 KiB on the way into several messages', () => {
    const events = Array.from({ length: 100 }, (_, i) => filed('(2026)豫0823执1号', `e-${i}-${'x'.repeat(100)}`));
    const whole = encodeCaseMessage({ caseNo: '(2026)豫0823执1号', events });
    const limit = Math.floor(Buffer.byteLength(whole) / 2.5);
    const parts = caseMessages({ caseNo: '(2026)豫0823执1号', events }, limit);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => Buffer.byteLength(p) <= limit)).toBe(true);
    expect(parts.flatMap((p) => decodeCaseMessage(p).events.map((e) => e.eventId))).toEqual(events.map((e) => e.eventId));
  });

  it('carries an import\'s moment with every message of its case, also when the case is split', () => {
    const importedAt = Date.parse('2026-11-25T10:00:00+08:00');
    const events = Array.from({ length: 40 }, (_, i) => filed('(2026)豫0823执2号', `i-${i}-${'x'.repeat(100)}`));
    const parts = caseMessages({ caseNo: '(2026)豫0823执2号', events, importedAt }, 4096);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => decodeCaseMessage(p).importedAt)).toEqual(parts.map(() => importedAt));
    expect(decodeCaseMessage(encodeCaseMessage({ caseNo: 'A', events: [] })).importedAt).toBeUndefined();
    expect(() => decodeCaseMessage('{"v":1,"caseNo":"A","events":[],"importedAt":"yesterday"}')).toThrow(/importedAt/);
  });

  it('keeps a batch under 256 KiB', () => {
    const big = 'x'.repeat(100 * 1024);
    const batches = batchEntries([big, big, big, big]);
    expect(batches.map((b) => b.length)).toEqual([2, 2]);
  });

  it('retries the entries SQS refused, then succeeds', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [{ Id: '0', MessageId: 'm', MD5OfMessageBody: '' }], Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }] })
      .resolves({ Successful: [{ Id: '1', MessageId: 'n', MD5OfMessageBody: '' }], Failed: [] });
    await new SqsCaseQueue(new SQSClient({}), URL).enqueue([{ caseNo: 'A', events: [filed('A')] }, { caseNo: 'B', events: [filed('B')] }]);
    const retried = sqs.commandCalls(SendMessageBatchCommand)[1]?.args[0].input.Entries ?? [];
    expect(retried.map((e) => decodeCaseMessage(e.MessageBody ?? '').caseNo)).toEqual(['B']);
  });

  it('reports a queue that stays down as StoreUnavailableError (the intake answers 503)', async () => {
    sqs.on(SendMessageBatchCommand).rejects(new Error('socket hang up'));
    await expect(new SqsCaseQueue(new SQSClient({}), URL).enqueue([{ caseNo: 'A', events: [filed('A')] }])).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses a message that is not one of ours', () => {
    expect(() => decodeCaseMessage('{"hello":1}')).toThrow(/not a case message/);
    expect(decodeCaseMessage(encodeCaseMessage({ caseNo: 'A', events: [] }))).toEqual({ caseNo: 'A', events: [] });
  });
});
