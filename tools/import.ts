/**
 * `npm run import -- <file.jsonl>`: posts a court's export (one event a line) to the API
 * in batches of 100 with `"mode": "import"` (README "Onboarding a court"), with a progress bar, a
 * checkpoint to resume from after Ctrl-C or a crash, and a summary at the end.
 *
 *   API            the API's base URL (default http://127.0.0.1:3000, the local mode)
 *   COURT_ID       the court system's id (default the local demo court)
 *   COURT_SECRET   its secret (default the demo court's)
 *
 *   --checkpoint <path>   where the progress is kept (default <file>.import-checkpoint.json)
 *   --restart             ignore the checkpoint and start from the first line
 *   --concurrency <n>     batches on the wire at once (default 4)
 *
 * Exit status: 0 every event answered and none refused; 2 every event answered, some
 * rejected or in conflict (the summary lists the first); 1 stopped (the checkpoint
 * keeps what was done: run the same command again); 130 interrupted.
 */
import '../local/quiet-env.js';
import { DEMO_COURT, DEMO_SECRET } from '../local/env-court-keys.js';
import type { Checkpoint } from './import/checkpoint.js';
import { CheckpointMismatch, type ImportOutcome, runImport } from './import/importer.js';
import { Progress } from './import/progress.js';

const USAGE = '用法 usage: npm run import -- <file.jsonl> [--checkpoint <path>] [--restart] [--concurrency <n>]';

interface Args {
  readonly file: string;
  readonly checkpoint?: string;
  readonly restart: boolean;
  readonly concurrency?: number;
}

function parseArgs(argv: readonly string[]): Args {
  let file: string | undefined;
  let checkpoint: string | undefined;
  let restart = false;
  let concurrency: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--restart') restart = true;
    else if (arg === '--checkpoint') checkpoint = argv[++i];
    else if (arg === '--concurrency') {
      concurrency = Number(argv[++i]);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new Error(`--concurrency：应为 1–32 的整数 / expected a whole number from 1 to 32\n${USAGE}`);
    } else if (arg.startsWith('--')) throw new Error(`未知选项 unknown option ${arg}\n${USAGE}`);
    else if (file === undefined) file = arg;
    else throw new Error(`只能导入一个文件 / one file at a time\n${USAGE}`);
  }
  if (!file) throw new Error(USAGE);
  return { file, ...(checkpoint ? { checkpoint } : {}), restart, ...(concurrency ? { concurrency } : {}) };
}

const fmt = (n: number) => n.toLocaleString('en-US').padStart(9);

/** The summary, Chinese first. */
export function summaryText(outcome: ImportOutcome, file: string, checkpointPath: string): string {
  const cp: Checkpoint = outcome.checkpoint;
  const c = cp.counts;
  const head = outcome.finished
    ? `导入完成 / import finished: ${file} → ${cp.target.api}（法院 court ${cp.target.court}）`
    : `导入未完成 / import stopped: ${file} → ${cp.target.api}（法院 court ${cp.target.court}）`;
  const lines = [
    head,
    `  接受 accepted   ${fmt(c.accepted)}${cp.acceptedBeforeInterruption ? `（其中 ${cp.acceptedBeforeInterruption} 个在中断前已保存 / ${cp.acceptedBeforeInterruption} stored before an interruption）` : ''}`,
    `  重复 duplicate  ${fmt(c.duplicate)}（此前已提交过 / already posted before）`,
    `  冲突 conflict   ${fmt(c.conflict)}（同一 eventId 内容不同 / same eventId, another body）`,
    `  拒绝 rejected   ${fmt(c.rejected)}`,
    `  共 total        ${fmt(c.accepted + c.duplicate + c.conflict + c.rejected)} / ${outcome.totalEvents.toLocaleString('en-US')} 事件 events，${outcome.totalCases.toLocaleString('en-US')} 案件 cases` +
      (outcome.skipped ? `；本次跳过已完成的 ${outcome.skipped} 行 / skipped ${outcome.skipped} lines done before` : ''),
  ];
  if (cp.errors.length) {
    lines.push(`  前 ${cp.errors.length} 个错误 / first errors:`);
    for (const e of cp.errors) lines.push(`    第 ${e.line} 行 line ${e.line}${e.eventId ? ` (${e.eventId})` : ''}  ${e.path}: ${e.message}`);
  }
  if (!outcome.finished) {
    if (outcome.stoppedBecause && outcome.stoppedBecause !== 'interrupted') lines.push(`  原因 reason: ${outcome.stoppedBecause}`);
    lines.push(`  进度已保存在 ${checkpointPath}；再次运行同一命令即从中断处继续 / progress is kept in the checkpoint: run the same command again to resume`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const target = {
    api: (process.env.API ?? 'http://127.0.0.1:3000').replace(/\/+$/, ''),
    court: process.env.COURT_ID ?? DEMO_COURT,
    secret: process.env.COURT_SECRET ?? DEMO_SECRET,
  };
  const checkpointPath = args.checkpoint ?? `${args.file}.import-checkpoint.json`;
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('\n正在停止：等待已发出的批次应答…（再按一次 Ctrl-C 立即退出）/ stopping: waiting for the batches on the wire (Ctrl-C again to quit now)\n');
    controller.abort();
  });
  const progress = new Progress(process.stderr);
  const rate = (events: number) => progress.rate(events);
  process.stderr.write(`导入 importing ${args.file} → ${target.api}（法院 court ${target.court}），检查点 checkpoint ${checkpointPath}\n`);
  const outcome = await runImport({
    file: args.file,
    target,
    checkpointPath,
    restart: args.restart,
    ...(args.concurrency ? { concurrency: args.concurrency } : {}),
    signal: controller.signal,
    onProgress: (p, force) => progress.show({ ...p, rate: rate(p.events) }, force),
    log: (line) => {
      progress.end();
      process.stderr.write(`${line}\n`);
    },
  });
  progress.end();
  console.log(summaryText(outcome, args.file, checkpointPath));
  if (!outcome.finished) process.exit(outcome.stoppedBecause === 'interrupted' ? 130 : 1);
  if (outcome.checkpoint.counts.rejected + outcome.checkpoint.counts.conflict > 0) process.exit(2);
}

main().catch((error: unknown) => {
  if (error instanceof CheckpointMismatch) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === 'ENOENT') console.error(`找不到文件 / no such file: ${(error as NodeJS.ErrnoException).path ?? ''}`);
  else console.error((error as Error).message);
  process.exit(1);
});
