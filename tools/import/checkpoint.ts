/**
 * The import's checkpoint: which lines of the export were answered by the API (any
 * status), what the answers were, and which batches were in flight. Written atomically
 * (a temporary file renamed over the old one) after every answered batch, so a crash or
 * Ctrl-C at any moment leaves a checkpoint that names only answered lines.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';

/** Inclusive 1-based line ranges, sorted and merged. */
export type Ranges = Array<[number, number]>;

export interface ImportError {
  readonly line: number;
  readonly eventId?: string;
  readonly path: string;
  readonly message: string;
}

export const STATUSES = ['accepted', 'duplicate', 'conflict', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];

export interface Checkpoint {
  readonly version: 1;
  /** The export this checkpoint is about: a changed file is not resumed. */
  readonly file: { readonly size: number; readonly sha256: string };
  /** Where it was posted: another target is another import. */
  readonly target: { readonly api: string; readonly court: string };
  answered: Ranges;
  /** Batches sent whose answer had not come when the checkpoint was written. */
  inFlight: Ranges;
  counts: Record<Status, number>;
  /** Duplicates of a batch in flight at a crash: accepted by the attempt whose answer was lost. */
  acceptedBeforeInterruption: number;
  /** The first errors, in line order of their answers (at most `MAX_ERRORS`). */
  errors: ImportError[];
  readonly startedAt: string;
  finishedAt?: string;
}

export const MAX_ERRORS = 20;

export function emptyCheckpoint(file: Checkpoint['file'], target: Checkpoint['target'], now: Date): Checkpoint {
  return {
    version: 1,
    file,
    target,
    answered: [],
    inFlight: [],
    counts: { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 },
    acceptedBeforeInterruption: 0,
    errors: [],
    startedAt: now.toISOString(),
  };
}

export async function loadCheckpoint(path: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Checkpoint;
  if (parsed.version !== 1 || !Array.isArray(parsed.answered)) throw new Error(`${path} is not an import checkpoint`);
  return parsed;
}

/** Writes the checkpoint so that a reader sees the old one or the new one, never half. */
export async function saveCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(checkpoint));
  await rename(temporary, path);
}

/** Adds lines to ranges (kept sorted and merged). */
export function addLines(ranges: Ranges, lines: readonly number[]): Ranges {
  const all: Ranges = [...ranges, ...lines.map((l) => [l, l] as [number, number])].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [from, to] of all) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** Removes lines from ranges. */
export function removeLines(ranges: Ranges, lines: readonly number[]): Ranges {
  const gone = new Set(lines);
  const kept: number[] = [];
  for (const [from, to] of ranges) for (let l = from; l <= to; l++) if (!gone.has(l)) kept.push(l);
  return addLines([], kept);
}

/** Whether a line lies in the ranges (binary search). */
export function inRanges(ranges: Ranges, line: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = ranges[mid] ?? [0, -1];
    if (line < from) hi = mid - 1;
    else if (line > to) lo = mid + 1;
    else return true;
  }
  return false;
}

export function countLines(ranges: Ranges): number {
  return ranges.reduce((n, [from, to]) => n + to - from + 1, 0);
}
