/**
 * `CaseQueue` on SQS: one message per case, sent in batches of up to ten entries and
 * 256 KiB. Entries SQS refuses are retried, then reported as a fault (the intake answers
 * 503 and the court system posts again; its events are then duplicates and queued anew).
 */
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { StoreUnavailableError } from '../../lib/errors.js';
import type { CaseQueue, CaseWork } from '../../lib/ports.js';

const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = 256 * 1024;

/** What travels on the queue. */
export interface CaseMessage extends CaseWork {
  readonly v: 1;
}

export function encodeCaseMessage(work: CaseWork): string {
  return JSON.stringify({ v: 1, caseNo: work.caseNo, events: work.events, ...(work.importedAt === undefined ? {} : { importedAt: work.importedAt }) } satisfies CaseMessage);
}

/** Parses a queue message; throws on anything that is not one of ours. */
export function decodeCaseMessage(body: string): CaseWork {
  const value = JSON.parse(body) as Partial<CaseMessage>;
  if (value.v !== 1 || typeof value.caseNo !== 'string' || !Array.isArray(value.events)) {
    throw new TypeError('queue message is not a case message of version 1');
  }
  if (value.importedAt !== undefined && typeof value.importedAt !== 'number') throw new TypeError('queue message has an importedAt that is not a number');
  return { caseNo: value.caseNo, events: value.events, ...(value.importedAt === undefined ? {} : { importedAt: value.importedAt }) };
}

/**
 * One case's work as messages within SQS's size limit: a request of up to 256 KiB grows a
 * little on the way (each event gains its court and instant), so a case's events are
 * split over several messages when needed (apply merges them again).
 */
export function caseMessages(work: CaseWork, maxBytes = MAX_BATCH_BYTES): string[] {
  const body = encodeCaseMessage(work);
  if (Buffer.byteLength(body, 'utf8') <= maxBytes || work.events.length < 2) return [body];
  const half = Math.ceil(work.events.length / 2);
  return [
    ...caseMessages({ ...work, events: work.events.slice(0, half) }, maxBytes),
    ...caseMessages({ ...work, events: work.events.slice(half) }, maxBytes),
  ];
}

/** Splits messages into SendMessageBatch calls by count and size. */
export function batchEntries(bodies: readonly string[]): SendMessageBatchRequestEntry[][] {
  const batches: SendMessageBatchRequestEntry[][] = [];
  let current: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  bodies.forEach((body, i) => {
    const size = Buffer.byteLength(body, 'utf8');
    if (current.length === MAX_ENTRIES || (current.length && bytes + size > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push({ Id: String(i), MessageBody: body });
    bytes += size;
  });
  if (current.length) batches.push(current);
  return batches;
}

export class SqsCaseQueue implements CaseQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(work: readonly CaseWork[]): Promise<void> {
    const batches = batchEntries(work.flatMap((w) => caseMessages(w)));
    await Promise.all(batches.map((entries) => this.send(entries)));
  }

  private async send(entries: SendMessageBatchRequestEntry[]): Promise<void> {
    let pending = entries;
    for (let attempt = 0; attempt < 3 && pending.length; attempt++) {
      try {
        const out = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        pending = pending.filter((e) => failed.has(e.Id));
      } catch (cause) {
        if (attempt === 2) throw new StoreUnavailableError('SQS SendMessageBatch failed', { cause });
      }
    }
    if (pending.length) throw new StoreUnavailableError(`SQS refused ${pending.length} of ${entries.length} messages`);
  }
}
