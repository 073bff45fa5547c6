/**
 * The local stand-in for the SNS topic: every notice is appended to `notices.jsonl` and
 * printed. Like a receiver that honours `noticeId` (an SMS gateway should), it drops a
 * notice it already holds — the scan's ledger makes that rare (only a crash between the
 * publish and its confirmation repeats one); `duplicatesDropped` counts them.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Digest } from '../lib/digest.js';
import { digestEmail, digestJson, digestSubject } from '../lib/digest-text.js';
import type { Notice } from '../lib/escalation.js';
import type { DigestPublisher, NoticePublisher } from '../lib/ports.js';
import { digestAttributes, noticeAttributes } from '../functions/adapters/sns-notice-publisher.js';

/** One published notice or digest, as `GET /local/notices` returns it (README "Local mode"). */
export interface OutboxEntry {
  readonly subject: string;
  /** A notice: its SMS text. A digest: its Chinese e-mail body. */
  readonly message: string;
  /** `kind` is `notice` or `digest`. */
  readonly attributes: Record<string, string>;
  readonly publishedAt: string;
  /** A digest: what HTTPS subscribers receive (JSON). */
  readonly digest?: unknown;
}

/** What makes an entry the same message again: a notice's id, or a digest's. */
const idOf = (e: OutboxEntry) => e.attributes.noticeId ?? e.attributes.digestId ?? '';

export class LocalOutbox implements NoticePublisher, DigestPublisher {
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
        if (idOf(entry)) this.ids.add(idOf(entry));
      } catch {
        // a torn last line from a crash: its publish never returned, the scan retries it
      }
    }
  }

  publish(notices: readonly Notice[]): Promise<{ failed: readonly string[] }> {
    const publishedAt = new Date().toISOString();
    return this.append(notices.map((n) => ({ subject: n.subject, message: n.message, attributes: noticeAttributes(n), publishedAt })));
  }

  publishDigests(digests: readonly Digest[]): Promise<{ failed: readonly string[] }> {
    const publishedAt = new Date().toISOString();
    return this.append(
      digests.map((d) => ({ subject: digestSubject(d), message: digestEmail(d), attributes: digestAttributes(d), publishedAt, digest: JSON.parse(digestJson(d)) as unknown })),
    );
  }

  private async append(entries: readonly OutboxEntry[]): Promise<{ failed: readonly string[] }> {
    this.calls += Math.ceil(entries.length / 10); // what PublishBatch would take
    const fresh: OutboxEntry[] = [];
    const batch = new Set<string>();
    for (const e of entries) {
      if (this.ids.has(idOf(e)) || batch.has(idOf(e))) {
        this.duplicatesDropped++;
        continue;
      }
      batch.add(idOf(e));
      fresh.push(e);
    }
    if (fresh.length && this.path) {
      const path = this.path;
      const write = this.writes.then(() => appendFile(path, fresh.map((e) => `${JSON.stringify(e)}\n`).join('')));
      this.writes = write.catch(() => undefined); // one failed write does not fail the next
      try {
        await write;
      } catch {
        // Not written: not published. The scan releases the claims and sends them again.
        return { failed: fresh.map(idOf) };
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
