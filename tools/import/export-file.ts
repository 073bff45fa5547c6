/**
 * Reading a JSONL export: one event per line, blank lines ignored. A first pass counts
 * the events and cases (for the progress bar) and fingerprints the file (a checkpoint is
 * only resumed on the same file); the second streams the lines.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface ExportLine {
  /** 1-based line number. */
  readonly line: number;
  /** The line as written (an event's JSON). */
  readonly text: string;
  /** The parsed event, or `undefined` when the line is not a JSON object. */
  readonly event?: { readonly eventId?: unknown; readonly caseNo?: unknown };
}

export interface Survey {
  readonly size: number;
  readonly sha256: string;
  /** Non-blank lines. */
  readonly events: number;
  /** Events per case number (lines without a case number are not counted). */
  readonly perCase: Map<string, number>;
}

export function parseLine(line: number, text: string): ExportLine {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { line, text, event: value as ExportLine['event'] & object };
  } catch {
    // not JSON: reported as rejected by the importer
  }
  return { line, text };
}

/** Streams the non-blank lines of a file. */
export async function* exportLines(path: string): AsyncGenerator<ExportLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = raw.trim();
    if (text) yield parseLine(n, text);
  }
}

export async function surveyExport(path: string): Promise<Survey> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const perCase = new Map<string, number>();
  let events = 0;
  for await (const { event } of exportLines(path)) {
    events++;
    if (typeof event?.caseNo === 'string') perCase.set(event.caseNo, (perCase.get(event.caseNo) ?? 0) + 1);
  }
  return { size: (await stat(path)).size, sha256: hash.digest('hex'), events, perCase };
}
