/**
 * The import (README "Onboarding a court"): a JSONL export posted in batches with `"mode": "import"`,
 * a few batches on the wire at once, resumable from its checkpoint.
 *
 * A line counts as done only once the API answered it (accepted, duplicate, conflict or
 * rejected) and the checkpoint says so. A batch is written into the checkpoint as "in
 * flight" before it is sent; after a crash it is sent again, and what the lost attempt
 * had stored comes back `duplicate` — counted as accepted, since this import stored it.
 * Nothing is doubled: the API keeps one copy per `eventId`.
 */
import {
  addLines,
  type Checkpoint,
  emptyCheckpoint,
  type ImportError,
  inRanges,
  loadCheckpoint,
  MAX_ERRORS,
  removeLines,
  saveCheckpoint,
  type Status,
  STATUSES,
} from './checkpoint.js';
import { type ExportLine, exportLines, surveyExport } from './export-file.js';
import { type Answer, ImportStopped, postBatch, type Target } from './poster.js';

/** The API's limits: 100 events and 256 KiB a request (kept under with room for the wrapper). */
export const MAX_BATCH = 100;
const MAX_BATCH_BYTES = 250 * 1024;

export interface ImportOptions {
  readonly file: string;
  readonly target: Target;
  readonly checkpointPath: string;
  /** Ignore an existing checkpoint and start from the first line. */
  readonly restart?: boolean;
  readonly batchSize?: number;
  /** Batches on the wire at once (default 4). */
  readonly concurrency?: number;
  /** Aborted: send nothing new, let batches on the wire finish, keep the checkpoint. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { events: number; totalEvents: number; cases: number; totalCases: number }, force: boolean) => void;
  readonly log?: (line: string) => void;
}

export interface ImportOutcome {
  readonly checkpoint: Checkpoint;
  readonly totalEvents: number;
  readonly totalCases: number;
  /** Every line answered. */
  readonly finished: boolean;
  /** Lines skipped because an earlier run had them answered. */
  readonly skipped: number;
  /** Events sent in this run. */
  readonly posted: number;
  /** Why the run stopped early, when it did. */
  readonly stoppedBecause?: string;
}

export class CheckpointMismatch extends Error {
  override readonly name = 'CheckpointMismatch';
}

interface Batch {
  readonly lines: ExportLine[];
  bytes: number;
}

const errorsOf = (body: unknown): Array<{ path: string; message: string }> => {
  const b = body as { error?: unknown; errors?: unknown } | undefined;
  const listed = Array.isArray(b?.errors) ? (b.errors as Array<{ path?: unknown; message?: unknown }>) : [];
  if (listed.length) return listed.map((e) => ({ path: String(e.path ?? '(event)'), message: String(e.message ?? '') }));
  return [{ path: '(request)', message: typeof b?.error === 'string' ? b.error : JSON.stringify(body)?.slice(0, 200) ?? '' }];
};

export async function runImport(options: ImportOptions): Promise<ImportOutcome> {
  const { target, checkpointPath } = options;
  const batchSize = Math.min(MAX_BATCH, Math.max(1, options.batchSize ?? MAX_BATCH));
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const log = options.log ?? (() => undefined);
  const survey = await surveyExport(options.file);
  const file = { size: survey.size, sha256: survey.sha256 };
  const where = { api: target.api, court: target.court };

  const previous = options.restart ? undefined : await loadCheckpoint(checkpointPath);
  if (previous && (previous.file.sha256 !== file.sha256 || previous.file.size !== file.size)) {
    throw new CheckpointMismatch(
      `文件在上次导入后已改变，不能续传；删除 ${checkpointPath} 或加 --restart 从头导入（已接受的事件会答 duplicate，不会重复）/ ` +
        'the file changed since the checkpoint; delete it or pass --restart (events already accepted come back duplicate, never doubled)',
    );
  }
  if (previous && (previous.target.api !== where.api || previous.target.court !== where.court)) {
    throw new CheckpointMismatch(
      `检查点属于另一目标（${previous.target.api}，法院 ${previous.target.court}）；换目标请用 --checkpoint 指定另一文件或 --restart / ` +
        'the checkpoint is of another target; pass --checkpoint <other file> or --restart',
    );
  }
  const cp = previous ?? emptyCheckpoint(file, where, new Date());
  const interrupted = cp.inFlight;
  cp.inFlight = [];
  delete cp.finishedAt;

  let saving: Promise<void> = Promise.resolve();
  const save = () => (saving = saving.then(() => saveCheckpoint(checkpointPath, cp)));

  const remaining = new Map(survey.perCase);
  let events = 0;
  let cases = 0;
  let skipped = 0;
  let posted = 0;
  const totalCases = survey.perCase.size;
  const progress = (force = false) => options.onProgress?.({ events, totalEvents: survey.events, cases, totalCases }, force);
  const done = (line: ExportLine) => {
    events++;
    const caseNo = line.event?.caseNo;
    if (typeof caseNo === 'string' && remaining.has(caseNo)) {
      const left = (remaining.get(caseNo) ?? 1) - 1;
      remaining.set(caseNo, left);
      if (left === 0) cases++;
    }
  };
  const record = (line: ExportLine, status: Status, errors: ReadonlyArray<{ path: string; message: string }> = []) => {
    if (status === 'duplicate' && inRanges(interrupted, line.line)) {
      cp.counts.accepted++;
      cp.acceptedBeforeInterruption++;
    } else {
      cp.counts[status]++;
    }
    if ((status === 'rejected' || status === 'conflict') && cp.errors.length < MAX_ERRORS) {
      const eventId = typeof line.event?.eventId === 'string' ? line.event.eventId : undefined;
      const first = errors[0] ?? { path: '(event)', message: status === 'conflict' ? 'eventId 已用于内容不同的事件 / the eventId was used with another body' : '' };
      const entry: ImportError = { line: line.line, ...(eventId ? { eventId } : {}), path: first.path, message: first.message };
      cp.errors.push(entry);
    }
    done(line);
  };

  let fatal: string | undefined;
  const send = async (batch: Batch): Promise<void> => {
    const lines = batch.lines.map((l) => l.line);
    cp.inFlight = addLines(cp.inFlight, lines);
    await save();
    const body = `{"mode":"import","events":[${batch.lines.map((l) => l.text).join(',')}]}`;
    let answer: Answer;
    try {
      answer = await postBatch(target, body, { ...(options.signal ? { signal: options.signal } : {}), onWait: (why, ms) => log(`  … ${why}：${(ms / 1000).toFixed(1)} 秒后重发 / resending in ${(ms / 1000).toFixed(1)} s`) });
    } catch (error) {
      if (error instanceof ImportStopped) {
        if (error.message !== 'stopped') fatal ??= error.message;
        return;
      }
      throw error;
    }
    posted += batch.lines.length;
    const results = (answer.body as { results?: Array<{ status?: string; errors?: Array<{ path: string; message: string }> }> } | undefined)?.results;
    const refusal = answer.status === 202 ? [] : errorsOf(answer.body);
    if (answer.status === 400 && refusal.some((e) => e.path === 'mode' || /"mode"|\bmode\b/.test(e.message))) {
      fatal ??= `服务器不接受导入模式（"mode": "import"）：请先升级服务 / the server does not take "mode": "import": ${JSON.stringify(answer.body).slice(0, 200)}`;
      return;
    }
    if (answer.status === 202 && Array.isArray(results) && results.length === batch.lines.length) {
      batch.lines.forEach((line, i) => {
        const r = results[i];
        const status = (STATUSES as readonly string[]).includes(r?.status ?? '') ? (r?.status as Status) : 'rejected';
        record(line, status, r?.errors ?? []);
      });
    } else if ((answer.status === 413 || answer.status === 400 || answer.status === 403) && batch.lines.length > 1) {
      // Refused as a whole: find the event at fault by sending smaller batches.
      const half = Math.ceil(batch.lines.length / 2);
      cp.inFlight = removeLines(cp.inFlight, lines);
      for (const part of [batch.lines.slice(0, half), batch.lines.slice(half)]) await send({ lines: part, bytes: 0 });
      return;
    } else if (answer.status === 400 || answer.status === 403 || answer.status === 413) {
      const [line] = batch.lines;
      if (line) record(line, 'rejected', refusal);
    } else if (answer.status === 401) {
      fatal ??= `签名被拒（401）：检查 COURT_ID、COURT_SECRET 和本机时钟 / signature refused: check COURT_ID, COURT_SECRET and this machine's clock (${refusal[0]?.message ?? ''})`;
      return;
    } else {
      fatal ??= `意外的应答 ${answer.status} / unexpected answer: ${JSON.stringify(answer.body)?.slice(0, 200)}`;
      return;
    }
    cp.inFlight = removeLines(cp.inFlight, lines);
    cp.answered = addLines(cp.answered, lines);
    await save();
    progress();
  };

  const wire = new Set<Promise<void>>();
  const dispatch = async (batch: Batch) => {
    while (wire.size >= concurrency) await Promise.race(wire);
    const p: Promise<void> = send(batch).finally(() => wire.delete(p));
    wire.add(p);
  };
  const stopped = () => fatal !== undefined || options.signal?.aborted === true;

  let batch: Batch = { lines: [], bytes: 0 };
  for await (const line of exportLines(options.file)) {
    if (stopped()) break;
    if (inRanges(cp.answered, line.line)) {
      skipped++;
      done(line);
      continue;
    }
    if (!line.event) {
      record(line, 'rejected', [{ path: '(line)', message: `第 ${line.line} 行不是一个 JSON 对象 / line ${line.line} is not a JSON object` }]);
      cp.answered = addLines(cp.answered, [line.line]);
      continue;
    }
    const bytes = Buffer.byteLength(line.text) + 1;
    if (batch.lines.length && (batch.lines.length >= batchSize || batch.bytes + bytes > MAX_BATCH_BYTES)) {
      await dispatch(batch);
      batch = { lines: [], bytes: 0 };
    }
    batch.lines.push(line);
    batch.bytes += bytes;
  }
  if (batch.lines.length && !stopped()) await dispatch(batch);
  await Promise.all(wire);
  const finished = !stopped() && events === survey.events;
  if (finished) cp.finishedAt = new Date().toISOString();
  await save();
  await saving;
  progress(true);
  return {
    checkpoint: cp,
    totalEvents: survey.events,
    totalCases,
    finished,
    skipped,
    posted,
    ...(fatal ? { stoppedBecause: fatal } : options.signal?.aborted ? { stoppedBecause: 'interrupted' } : {}),
  };
}
