/**
 * The local stand-in for the SNS topic: every notice is appended to `notices.jsonl` and
 * printed. Like a receiver that honours `noticeId` (an SMS gateway should), it drops a
 * notice it already holds — the scan's ledger makes that rare (only a crash between the
 * publish and its confirmation repeats one); `duplicatesDropped` counts them.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Notice } from '../lib/escalation.js';
import type { NoticePublisher } from '../lib/ports.js';
import { noticeAttributes } from '../functions/adapters/sns-notice-publisher.js';

/** One published notice, as `GET /local/notices` returns it (README "Local mode"). */
export interface OutboxEntry {
  readonly subject: string;
  readonly message: string;
  readonly attributes: Record<string, string>;
  readonly publishedAt: string;
}

export class LocalOutbox implements NoticePublisher {
  /** Publish calls, and notices per call, for the performance report. */
  calls = 0;
  duplicatesDropped = 0;
  private readonly entries: OutboxEntry[] = [];
  private readonly ids = new Set<string>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly path?: string,
    private readonly print?: (entry: OutboxEntry) => void,
  ) {}

  async open(): Promise<void> {
    if (!this.path) return;
    await mkdir(dirname(this.path), { recursive: true });
    let text = '';
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as OutboxEntry;
        this.entries.push(entry);
        if (entry.attributes.noticeId) this.ids.add(entry.attributes.noticeId);
      } catch {
        // a torn last line from a crash: its publish never returned, the scan retries it
      }
    }
  }

  async publish(notices: readonly Notice[]): Promise<{ failed: readonly string[] }> {
    this.calls += Math.ceil(notices.length / 10); // what PublishBatch would take
    const fresh: OutboxEntry[] = [];
    const publishedAt = new Date().toISOString();
    const batch = new Set<string>();
    for (const n of notices) {
      if (this.ids.has(n.noticeId) || batch.has(n.noticeId)) {
        this.duplicatesDropped++;
        continue;
      }
      batch.add(n.noticeId);
      fresh.push({ subject: n.subject, message: n.message, attributes: noticeAttributes(n), publishedAt });
    }
    if (fresh.length && this.path) {
      const path = this.path;
      const write = this.writes.then(() => appendFile(path, fresh.map((e) => `${JSON.stringify(e)}\n`).join('')));
      this.writes = write.catch(() => undefined); // one failed write does not fail the next
      try {
        await write;
      } catch {
        // Not written: not published. The scan releases the claims and sends them again.
        return { failed: fresh.map((e) => e.attributes.noticeId ?? '') };
      }
    }
    for (const id of batch) this.ids.add(id);
    this.entries.push(...fresh);
    for (const e of fresh) this.print?.(e);
    return { failed: [] };
  }

  /** Every notice published so far. */
  list(): readonly OutboxEntry[] {
    return this.entries;
  }
}
