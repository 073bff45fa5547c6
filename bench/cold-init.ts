/**
 * Part 4 — cold start: the time to import each Lambda bundle in a fresh Node process ÷
 * the same for a bare handler that only imports (and constructs, at module scope, as the
 * functions do) the SDK clients the function uses.
 *
 * Bundles are built the way the CDK builds them (infra/constructs/supervisor-function.ts:
 * NodejsFunction bundling → `esbuild --bundle <entry> --target=node24 --platform=node
 * --format=esm --outfile=index.mjs --minify --banner:js=<createRequire banner>
 * --main-fields=module,main`, the AWS SDK bundled, no source maps), and imported with the
 * function's environment (the stack's variables and every limit parameter). The bare
 * bundles use the same options.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { DEFAULT_LIMITS, NUMERIC_PARAMETERS, TEXT_PARAMETERS } from '../lib/limits.js';
import type { Report } from './support/report.js';
import { median } from './support/stats.js';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const FUNCTIONS = ['intake', 'apply', 'scan', 'read'] as const;
const REPETITIONS = 25;

/** As infra/constructs/supervisor-function.ts (ESM_REQUIRE_BANNER). */
const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** The CDK's esbuild options for the project's functions. */
export const CDK_OPTIONS: BuildOptions = {
  bundle: true,
  target: 'node24',
  platform: 'node',
  format: 'esm',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  external: [],
  logLevel: 'warning',
};

/** What the stack sets on every function (and what Lambda sets), with dummy resource names. */
export function functionEnvironment(): NodeJS.ProcessEnv {
  const limits: Record<string, string> = {};
  for (const name of Object.keys(NUMERIC_PARAMETERS) as Array<keyof typeof NUMERIC_PARAMETERS>) limits[name] = String(DEFAULT_LIMITS[name]);
  // Every text parameter at its default, as the stack passes them (new ones included).
  for (const [name, param] of Object.entries(TEXT_PARAMETERS)) limits[name] = param.default;
  return {
    PATH: process.env.PATH,
    ...limits,
    TABLE_NAME: 'EnforcementDeadlines-Data-Cases',
    QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/case-updates',
    TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:notices',
    COURT_SECRETS_PREFIX: 'enforcement-deadlines/courts/',
    COURT_IDS: 'demo-court',
    POWERTOOLS_SERVICE_NAME: 'bench',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    // Lambda runs Node 24; this machine may run an older Node, which the SDK warns about.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** The SDK client classes a function entry imports, e.g. { '@aws-sdk/client-sqs': ['SQSClient'] }. */
export async function sdkClientsOf(fn: string): Promise<Map<string, string[]>> {
  const source = await readFile(join(ROOT, 'functions', `${fn}.ts`), 'utf8');
  const clients = new Map<string, string[]>();
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) {
    const names = (m[1] ?? '').split(',').map((s) => s.trim()).filter((s) => /Client$/.test(s));
    if (names.length) clients.set(m[2] ?? '', names);
  }
  if (!clients.size) throw new Error(`bench: functions/${fn}.ts imports no SDK client`);
  return clients;
}

export function bareSource(clients: Map<string, string[]>): string {
  const imports = [...clients].map(([module, names]) => `import { ${names.join(', ')} } from '${module}';`);
  const all = [...clients.values()].flat();
  return [...imports, `const clients = [${all.map((n) => `new ${n}({})`).join(', ')}];`, 'export const handler = async () => clients.length;'].join('\n');
}

/** Imports a bundle in a fresh `node` and returns the milliseconds the import took. */
export async function importTime(bundle: string, env: NodeJS.ProcessEnv): Promise<number> {
  const script = [
    'const started = performance.now();',
    'const m = await import(process.env.BENCH_BUNDLE);',
    "if (typeof m.handler !== 'function') throw new Error('no handler export');",
    'process.stdout.write(String(performance.now() - started));',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...env, BENCH_BUNDLE: pathToFileURL(bundle).href }, cwd: tmpdir() });
  const ms = Number(stdout);
  if (!Number.isFinite(ms)) throw new Error(`bench: unexpected output ${stdout}`);
  return ms;
}

interface Bundles {
  readonly fn: string;
  readonly bundle: string;
  readonly bare: string;
}

export async function coldInit(report: Report): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-bundles-'));
  try {
    const bundles: Bundles[] = [];
    for (const fn of FUNCTIONS) {
      const bundle = join(dir, fn, 'index.mjs');
      const bare = join(dir, `${fn}-bare`, 'index.mjs');
      await build({ ...CDK_OPTIONS, entryPoints: [join(ROOT, 'functions', `${fn}.ts`)], outfile: bundle, absWorkingDir: ROOT });
      await build({
        ...CDK_OPTIONS,
        stdin: { contents: bareSource(await sdkClientsOf(fn)), resolveDir: ROOT, sourcefile: `${fn}-bare.mjs`, loader: 'js' },
        outfile: bare,
        absWorkingDir: ROOT,
      });
      bundles.push({ fn, bundle, bare });
      report.figure(`bundle-kb-${fn}`, (await stat(bundle)).size / 1024);
      report.figure(`bundle-kb-${fn}-bare`, (await stat(bare)).size / 1024);
    }

    {
      const env = functionEnvironment();
      const times = new Map<string, { fn: number[]; bare: number[] }>(bundles.map((b) => [b.fn, { fn: [], bare: [] }]));
      await importTime(bundles[0]?.bundle ?? '', env); // the first process warms the disk cache
      for (let rep = 0; rep < REPETITIONS; rep++) {
        for (const b of bundles) {
          const t = times.get(b.fn) as { fn: number[]; bare: number[] };
          // Alternate the order so drift over the run favours neither.
          if (rep % 2) {
            t.fn.push(await importTime(b.bundle, env));
            t.bare.push(await importTime(b.bare, env));
          } else {
            t.bare.push(await importTime(b.bare, env));
            t.fn.push(await importTime(b.bundle, env));
          }
        }
      }
      const suffix = '';
      let worst = { fn: '', ratio: 0 };
      for (const [fn, t] of times) {
        const ratio = median(t.fn) / median(t.bare);
        if (ratio > worst.ratio) worst = { fn, ratio };
        report.figure(`cold-init-ms-${fn}${suffix}`, median(t.fn));
        report.figure(`cold-init-bare-ms-${fn}${suffix}`, median(t.bare));
        report.figure(`cold-init-ratio-${fn}${suffix}`, ratio);
      }
      report.figure(`cold-init-ratio${suffix}`, worst.ratio);
      report.figure(`cold-init-worst${suffix}`, worst.fn);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
