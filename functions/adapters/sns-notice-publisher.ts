/**
 * `NoticePublisher` on SNS: PublishBatch, ten notices per call. Each message carries a
 * text per protocol (SMS: the ≤ 140-character text; e-mail: a fuller body; HTTPS: JSON
 * for SMS gateways) and the attributes subscriptions filter on.
 */
import { PublishBatchCommand, type PublishBatchRequestEntry, type SNSClient } from '@aws-sdk/client-sns';
import type { Notice } from '../../lib/escalation.js';
import type { NoticePublisher } from '../../lib/ports.js';
import { LEVEL_NAMES, TEAM_NAMES } from '../../lib/notice-text.js';
import { nodeDefinition } from '../../lib/nodes.js';
import { toChinaIso } from '../../lib/time.js';

/** Message attributes, README "Escalation": court, caseNo, team, node, level (+ instance, noticeId). */
export function noticeAttributes(n: Notice): Record<string, string> {
  return {
    court: n.court,
    caseNo: n.caseNo,
    team: n.team,
    node: n.node,
    level: n.level,
    ...(n.instance === undefined ? {} : { instance: n.instance }),
    noticeId: n.noticeId,
  };
}

/** The e-mail body: the SMS text and the facts behind it, no party data. */
export function emailBody(n: Notice): string {
  const def = nodeDefinition(n.node);
  return [
    n.message,
    '',
    `案号 Case: ${n.caseNo}`,
    `节点 Node: ${def.zh} / ${def.en}${n.instance === undefined ? '' : ` (${n.instance})`}`,
    `依据 Seed: ${def.seed}`,
    `级别 Level: ${LEVEL_NAMES[n.level]} (${n.level})`,
    `期限 Due: ${toChinaIso(n.dueAt)}`,
    `承办 Team: ${TEAM_NAMES[n.team]}`,
    `通知编号 Notice id: ${n.noticeId}`,
  ].join('\n');
}

/** JSON for HTTPS subscribers (SMS gateways): everything they need to route and dedupe. */
export function httpsBody(n: Notice): string {
  return JSON.stringify({ ...noticeAttributes(n), subject: n.subject, message: n.message, dueAt: toChinaIso(n.dueAt), decidedAt: toChinaIso(n.decidedAt) });
}

export function publishEntry(n: Notice, id: string): PublishBatchRequestEntry {
  return {
    Id: id,
    Subject: n.subject,
    MessageStructure: 'json',
    Message: JSON.stringify({ default: n.message, sms: n.message, email: emailBody(n), https: httpsBody(n) }),
    MessageAttributes: Object.fromEntries(
      Object.entries(noticeAttributes(n)).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
    ),
  };
}

export class SnsNoticePublisher implements NoticePublisher {
  /** PublishBatch calls made (for the performance report). */
  calls = 0;

  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(notices: readonly Notice[]): Promise<{ failed: readonly string[] }> {
    const failed: string[] = [];
    const chunks: Notice[][] = [];
    for (let i = 0; i < notices.length; i += 10) chunks.push(notices.slice(i, i + 10));
    await Promise.all(
      chunks.map(async (chunk) => {
        try {
          this.calls++;
          const out = await this.sns.send(
            new PublishBatchCommand({ TopicArn: this.topicArn, PublishBatchRequestEntries: chunk.map((n, i) => publishEntry(n, String(i))) }),
          );
          for (const f of out.Failed ?? []) {
            const n = chunk[Number(f.Id)];
            if (n) failed.push(n.noticeId);
          }
        } catch {
          failed.push(...chunk.map((n) => n.noticeId));
        }
      }),
    );
    return { failed };
  }
}
