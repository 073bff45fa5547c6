import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SnsNoticePublisher } from '../../functions/adapters/sns-notice-publisher.js';
import { sampleNotices } from './fixtures.js';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws-cn:sns:cn-north-1:123456789012:notices';

describe('adapter: SnsNoticePublisher (README "Escalation")', () => {
  beforeEach(() => sns.reset());

  it('publishes ten notices per call with the attributes subscriptions filter on', async () => {
    sns.on(PublishBatchCommand).resolves({ Successful: [], Failed: [] });
    const notices = [...sampleNotices('(2026)豫0823执1号'), ...sampleNotices('(2026)豫0823执2号'), ...sampleNotices('(2026)豫0823执3号')];
    expect(notices.length).toBeGreaterThan(10);
    const publisher = new SnsNoticePublisher(new SNSClient({}), TOPIC);
    expect(await publisher.publish(notices)).toEqual({ failed: [] });
    const calls = sns.commandCalls(PublishBatchCommand);
    expect(calls).toHaveLength(Math.ceil(notices.length / 10));
    const entry = calls[0]?.args[0].input.PublishBatchRequestEntries?.[0];
    const n = notices[0];
    expect(entry?.MessageAttributes).toMatchObject({
      kind: { DataType: 'String', StringValue: 'notice' },
      court: { DataType: 'String', StringValue: n?.court },
      caseNo: { DataType: 'String', StringValue: n?.caseNo },
      team: { DataType: 'String', StringValue: n?.team },
      node: { DataType: 'String', StringValue: n?.node },
      level: { DataType: 'String', StringValue: n?.level },
      noticeId: { DataType: 'String', StringValue: n?.noticeId },
    });
    const message = JSON.parse(entry?.Message ?? '{}') as Record<string, string>;
    expect(entry?.MessageStructure).toBe('json');
    expect(message.sms).toBe(n?.message);
    expect([...(message.sms ?? '')].length).toBeLessThanOrEqual(140);
    expect(JSON.parse(message.https ?? '{}')).toMatchObject({ noticeId: n?.noticeId, level: n?.level });
    expect(message.email).toContain(n?.caseNo);
    expect(entry?.Subject).toBe(n?.subject);
  });

  it('reports the entries SNS refused and the batches that failed, by notice id', async () => {
    const notices = sampleNotices();
    sns.on(PublishBatchCommand).resolves({ Successful: [], Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }] });
    const { failed } = await new SnsNoticePublisher(new SNSClient({}), TOPIC).publish(notices.slice(0, 3));
    expect(failed).toEqual([notices[1]?.noticeId]);
    sns.reset();
    sns.on(PublishBatchCommand).rejects(new Error('throttled'));
    const down = await new SnsNoticePublisher(new SNSClient({}), TOPIC).publish(notices.slice(0, 3));
    expect(down.failed).toEqual(notices.slice(0, 3).map((n) => n.noticeId));
  });
});
