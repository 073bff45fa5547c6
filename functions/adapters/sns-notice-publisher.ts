/**
 * `NoticePublisher` and `DigestPublisher` on SNS: PublishBatch, ten messages per call.
 * Each message carries a text per protocol (SMS: the ≤ 140-character text; e-mail: a
 * fuller body; HTTPS: JSON for SMS gateways) and the attributes subscriptions filter on
 * (`kind` = `notice` or `digest`).
 */
import { PublishBatchCommand, type PublishBatchRequestEntry, type SNSClient } from '@aws-sdk/client-sns';
import type { Digest } from '../../lib/digest.js';
import { digestEmail, digestJson, digestSubject, digestSummary } from '../../lib/digest-text.js';
import type { Notice } from '../../lib/escalation.js';
import type { DigestPublisher, NoticePublisher } from '../../lib/ports.js';
import { LEVEL_NAMES, TEAM_NAMES } from '../../lib/notice-text.js';
import { nodeDefinition } from '../../lib/nodes.js';
import { toChinaIso } from '../../lib/time.js';

/** Message attributes, README "Escalation": kind, court, caseNo, team, node, level (+ instance, noticeId). */
export function noticeAttributes(n: Notice): Record<string, string> {
  return {
    kind: 'notice',
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

const stringAttributes = (attributes: Record<string, string>) =>
  Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));

export function publishEntry(n: Notice, id: string): PublishBatchRequestEntry {
  return {
    Id: id,
    Subject: n.subject,
    MessageStructure: 'json',
    Message: JSON.stringify({ default: n.message, sms: n.message, email: emailBody(n), https: httpsBody(n) }),
    MessageAttributes: stringAttributes(noticeAttributes(n)),
  };
}

/** Digest attributes (README "The morning digest and 通报"): kind = digest, court, team (`all` for the director) and its id. */
export function digestAttributes(d: Digest): Record<string, string> {
  return { kind: 'digest', court: d.court, team: d.team, digestId: d.digestId };
}

export function digestEntry(d: Digest, id: string): PublishBatchRequestEntry {
  const summary = digestSummary(d);
  return {
    Id: id,
    Subject: digestSubject(d),
    MessageStructure: 'json',
    Message: JSON.stringify({ default: summary, sms: summary, email: digestEmail(d), https: digestJson(d) }),
    MessageAttributes: stringAttributes(digestAttributes(d)),
  };
}

export class SnsNoticePublisher implements NoticePublisher, DigestPublisher {
  /** PublishBatch calls made (for the performance report). */
  calls = 0;

  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  publish(notices: readonly Notice[]): Promise<{ failed: readonly string[] }> {
    return this.publishAll(notices, publishEntry, (n) => n.noticeId);
  }

  publishDigests(digests: readonly Digest[]): Promise<{ failed: readonly string[] }> {
    return this.publishAll(digests, digestEntry, (d) => d.digestId);
  }

  /** Ten entries per PublishBatch; returns the ids of what SNS refused or a failed call held. */
  private async publishAll<T>(items: readonly T[], entry: (item: T, id: string) => PublishBatchRequestEntry, idOf: (item: T) => string): Promise<{ failed: readonly string[] }> {
    const failed: string[] = [];
    const chunks: T[][] = [];
    for (let i = 0; i < items.length; i += 10) chunks.push(items.slice(i, i + 10));
    await Promise.all(
      chunks.map(async (chunk) => {
        try {
          this.calls++;
          const out = await this.sns.send(
            new PublishBatchCommand({ TopicArn: this.topicArn, PublishBatchRequestEntries: chunk.map((item, i) => entry(item, String(i))) }),
          );
          for (const f of out.Failed ?? []) {
            const item = chunk[Number(f.Id)];
            if (item !== undefined) failed.push(idOf(item));
          }
        } catch {
          failed.push(...chunk.map(idOf));
        }
      }),
    );
    return { failed };
  }
}
