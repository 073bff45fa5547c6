/**
 * `npm run what-if -- --SimpleCaseDays=20 [--<Parameter>=<value> ...]`: before a deploy,
 * what a change of limits would do to the open cases (README "Onboarding a court") — which open nodes'
 * due times move (case, node, old and new due time), which cases change team, and which
 * notices the next scan would send, by level and team. It changes nothing.
 *
 *   DATA_DIR          the local mode's data directory (default .data), read with the
 *                     server stopped (one process per directory)
 *   --table <name>    a deployed table instead, with the AWS credentials and region of
 *                     the environment (AWS_PROFILE / AWS_REGION ...)
 *   --at <time>       the moment of the "next scan" (ISO 8601 with an offset; default now)
 *   --rows <n>        rows shown per list (default 100)
 *
 * The limits in force are read from the environment exactly as `npm start` and the
 * functions read them (stack parameter names, seed defaults); the proposed ones are those
 * plus the options. Both pass the functions' own checks (ranges, cross-parameter rules)
 * before anything is read.
 */
import '../local/quiet-env.js';
import { resolve } from 'node:path';
import { rulesFor } from '../lib/app/case-records.js';
import { ConfigurationError } from '../lib/errors.js';
import { type Limits, loadLimits, NUMERIC_PARAMETERS, TEXT_PARAMETERS } from '../lib/limits.js';
import { parseOffsetDateTime } from '../lib/time.js';
import { whatIf } from './what-if/compare.js';
import { reportText } from './what-if/report.js';
import { localSource, type Source, SourceError, tableSourceOf } from './what-if/source.js';

const PARAMETERS = new Set([...Object.keys(NUMERIC_PARAMETERS), ...Object.keys(TEXT_PARAMETERS)]);
const USAGE = '用法 usage: npm run what-if -- --SimpleCaseDays=20 [--<参数 Parameter>=<值 value> ...] [--at <ISO 8601>] [--table <name>] [--rows <n>]';

class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface Args {
  readonly overrides: Record<string, string>;
  readonly at?: string;
  readonly table?: string;
  readonly rows: number;
}

function parseArgs(argv: readonly string[]): Args {
  const overrides: Record<string, string> = {};
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--([A-Za-z]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`无法识别 not understood: ${arg}\n${USAGE}`);
    const name = m[1] ?? '';
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} 缺少值 / needs a value\n${USAGE}`);
    if (['at', 'table', 'rows'].includes(name)) options[name] = value;
    else if (PARAMETERS.has(name)) overrides[name] = value;
    else throw new UsageError(`未知参数 unknown parameter --${name}；可用 known: ${[...PARAMETERS].join(', ')}`);
  }
  if (!Object.keys(overrides).length) throw new UsageError(`没有给出要变更的参数 / no parameter to change\n${USAGE}`);
  const rows = options.rows === undefined ? 100 : Number(options.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new UsageError(`--rows：应为正整数 / expected a positive whole number`);
  return { overrides, ...(options.at ? { at: options.at } : {}), ...(options.table ? { table: options.table } : {}), rows };
}

const shown = (v: Limits[keyof Limits]) => (typeof v === 'object' ? JSON.stringify(v) : String(v));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const env = process.env;
  let current: Limits;
  try {
    current = loadLimits(env);
  } catch (error) {
    if (error instanceof ConfigurationError) throw new ConfigurationError(error.problems.map((p) => `现行参数（环境变量）current (environment): ${p}`));
    throw error;
  }
  const proposed = loadLimits({ ...env, ...args.overrides });
  const at = args.at === undefined ? Date.now() : parseOffsetDateTime(args.at);
  if (at === undefined) throw new UsageError(`--at："${args.at}" 应为带时区的 ISO 8601 时间 / expected ISO 8601 with an offset, e.g. 2026-10-31T18:15:00+08:00`);
  const changes = (Object.keys(args.overrides) as (keyof Limits)[]).map((name) => `${name} ${shown(current[name])} → ${shown(proposed[name])}`);

  const source: Source = args.table ? tableSourceOf(args.table) : await localSource(resolve(env.DATA_DIR ?? '.data'));
  try {
    const report = await whatIf(source.stores, source.snapshots(), rulesFor(current), rulesFor(proposed), at, (n) => {
      if (n % 500 === 0) process.stderr.write(`  已比较 compared ${n} 个案件 cases…\n`);
    });
    console.log(reportText(report, { changes, source: source.description, rows: args.rows }));
  } finally {
    await source.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(`参数检查未通过（与部署时函数的检查相同）/ the parameters fail the functions' own checks:\n  ${error.problems.join('\n  ')}`);
  } else if (error instanceof UsageError || error instanceof SourceError) {
    console.error(error.message);
  } else {
    console.error(`what-if 失败 / failed: ${(error as Error).message}`);
  }
  process.exit(1);
});
