/**
 * The local stand-in for SQS: an in-process queue that delivers SQS-shaped batches to
 * the apply handler, with partial batch failures, retries after a visibility delay and
 * a dead-letter file after `maxReceiveCount` receives.
 *
 * Durable across a crash of the process: every message is appended to a journal before
 * `enqueue` resolves, and acknowledged there when done; on start the journal is
 * replayed and compacted. (Appends reach the OS before `enqueue` resolves, so a killed
 * process loses nothing; like the local store, it does not fsync against power loss.)
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { StoreUnavailableError } from '../lib/errors.js';
import type { CaseQueue, CaseWork } from '../lib/ports.js';
import { encodeCaseMessage } from '../functions/adapters/sqs-case-queue.js';

export type QueueConsumer = (event: SQSEvent) => Promise<SQSBatchResponse>;

export interface LocalQueueOptions {
  /** Journal file; the queue is memory-only without it. */
  readonly journalPath?: string;
  /** Where messages go after `maxReceiveCount` failed receives. */
  readonly deadLetterPath?: string;
  readonly maxReceiveCount?: number;
  /** Messages per delivery (default 100, as the apply function's event source). */
  readonly batchSize?: number;
  /**
   * How long a message may wait for others to fill its batch (SQS's batching window;
   * default 200 ms): work of the same case that arrives together is applied together.
   */
  readonly batchWindowMs?: number;
  readonly concurrency?: number;
  /** Delay before a failed message is visible again. */
  readonly retryDelayMs?: (receiveCount: number) => number;
}

interface Message {
  readonly id: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
}

export interface QueueStats {
  enqueued: number;
  delivered: number;
  retried: number;
  deadLettered: number;
}

export class LocalQueue implements CaseQueue {
  readonly stats: QueueStats = { enqueued: 0, delivered: 0, retried: 0, deadLettered: 0 };
  private readonly pending = new Map<string, Message>();
  private readonly inFlight = new Set<string>();
  private consumer?: QueueConsumer;
  private running = 0;
  private timer?: NodeJS.Timeout;
  private journal: Promise<void> = Promise.resolve();
  private idleWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly options: LocalQueueOptions = {}) {}

  /** Replays the journal: messages enqueued and not yet done are delivered again. */
  async open(): Promise<number> {
    const path = this.options.journalPath;
    if (!path) return 0;
    await mkdir(dirname(path), { recursive: true });
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let entry: { p?: string; b?: string; a?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue; // a torn last line from a crash: its enqueue never resolved
      }
      if (entry.p && entry.b !== undefined) this.pending.set(entry.p, { id: entry.p, body: entry.b, sentAt: Date.now(), receiveCount: 0, visibleAt: 0 });
      if (entry.a) this.pending.delete(entry.a);
    }
    const compacted = [...this.pending.values()].map((m) => `${JSON.stringify({ p: m.id, b: m.body })}\n`).join('');
    await writeFile(`${path}.tmp`, compacted);
    await rename(`${path}.tmp`, path);
    return this.pending.size;
  }

  /** Starts delivering to `consumer` (the apply handler). */
  start(consumer: QueueConsumer): void {
    this.consumer = consumer;
    this.stopped = false;
    this.pump();
  }

  /** Stops delivering; waits for batches in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running > 0) await new Promise((r) => setTimeout(r, 10));
    await this.journal;
  }

  get depth(): number {
    return this.pending.size;
  }

  async enqueue(work: readonly CaseWork[]): Promise<void> {
    const messages = work.map((w) => ({ id: randomUUID(), body: encodeCaseMessage(w), sentAt: Date.now(), receiveCount: 0, visibleAt: 0 }));
    try {
      await this.append(messages.map((m) => ({ p: m.id, b: m.body })));
    } catch (cause) {
      // Not journaled, not queued: the intake answers 503 and the court system posts again.
      throw new StoreUnavailableError('the local queue could not journal the messages', { cause });
    }
    for (const m of messages) this.pending.set(m.id, m);
    this.stats.enqueued += messages.length;
    this.pump();
  }

  /** Resolves when nothing is pending or in flight (tests and the demo). */
  drain(): Promise<void> {
    if (this.pending.size === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private append(entries: readonly object[]): Promise<void> {
    const path = this.options.journalPath;
    if (!path || !entries.length) return Promise.resolve();
    const text = entries.map((e) => `${JSON.stringify(e)}\n`).join('');
    const write = this.journal.then(() => appendFile(path, text));
    this.journal = write.catch(() => undefined); // one failed write does not fail the next
    return write;
  }

  private pump(): void {
    if (!this.consumer || this.stopped) return;
    const concurrency = this.options.concurrency ?? 4;
    const batchSize = this.options.batchSize ?? 100;
    const window = this.options.batchWindowMs ?? 200;
    const now = Date.now();
    while (this.running < concurrency) {
      const visible = [...this.pending.values()].filter((m) => !this.inFlight.has(m.id) && m.visibleAt <= now);
      // A batch goes when it is full, or when its oldest message has waited the window.
      const oldest = Math.min(...visible.map((m) => Math.max(m.sentAt, m.visibleAt)));
      if (!visible.length || (visible.length < batchSize && now - oldest < window)) break;
      const batch = visible.slice(0, batchSize);
      for (const m of batch) this.inFlight.add(m.id);
      this.running++;
      void this.deliver(batch)
        .catch(() => {
          // The acknowledgement could not be journaled: the batch stays pending and is
          // delivered again (applying twice changes nothing).
          for (const m of batch) {
            this.inFlight.delete(m.id);
            m.visibleAt = Date.now() + (this.options.retryDelayMs ?? defaultDelay)(m.receiveCount);
          }
        })
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
    this.schedule();
    if (this.pending.size === 0 && this.running === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const waiting = [...this.pending.values()].filter((m) => !this.inFlight.has(m.id));
    if (!waiting.length || this.stopped) return;
    const window = this.options.batchWindowMs ?? 200;
    const next = Math.min(...waiting.map((m) => Math.max(m.visibleAt, Math.max(m.sentAt, m.visibleAt) + window)));
    this.timer = setTimeout(() => this.pump(), Math.max(0, next - Date.now()));
  }

  private async deliver(batch: Message[]): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    for (const m of batch) m.receiveCount++;
    let failed: Set<string>;
    try {
      const result = await consumer({ Records: batch.map(toRecord) });
      failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(batch.map((m) => m.id)); // the whole batch failed
    }
    const done: Message[] = [];
    const dead: Message[] = [];
    for (const m of batch) {
      this.inFlight.delete(m.id);
      if (!failed.has(m.id)) done.push(m);
      else if (m.receiveCount >= (this.options.maxReceiveCount ?? 5)) dead.push(m);
      else {
        m.visibleAt = Date.now() + (this.options.retryDelayMs ?? defaultDelay)(m.receiveCount);
        this.stats.retried++;
      }
    }
    if (dead.length && this.options.deadLetterPath) {
      await appendFile(
        this.options.deadLetterPath,
        dead.map((m) => `${JSON.stringify({ messageId: m.id, receiveCount: m.receiveCount, failedAt: new Date().toISOString(), body: m.body })}\n`).join(''),
      );
    }
    await this.append([...done, ...dead].map((m) => ({ a: m.id })));
    for (const m of [...done, ...dead]) this.pending.delete(m.id);
    this.stats.delivered += done.length;
    this.stats.deadLettered += dead.length;
  }
}

function defaultDelay(receiveCount: number): number {
  return Math.min(5_000, 50 * 2 ** receiveCount);
}

function toRecord(m: Message): SQSRecord {
  return {
    messageId: m.id,
    receiptHandle: m.id,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(m.sentAt),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:case-updates',
    awsRegion: 'local',
  };
}
