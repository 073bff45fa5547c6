/**
 * What would bring the cold-start ratio under 1.5? Builds each function three ways — as
 * the CDK builds it; with `import * as z from 'zod/mini'` instead of `import { z }` (the
 * named import keeps zod's whole namespace, every locale included); and additionally
 * with the `chinese-days` package replaced by the rest days it computes, as a table made
 * at build time (the package builds its tables at import) — and measures the import time
 * against the bare bundles as part 4 of the bench does. Nothing in the project changes:
 * the rewrites happen in esbuild plugins.
 *
 *   npx tsx bench/experiments/cold-init-what-if.ts
 */
import '../../local/quiet-env.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chineseDays from 'chinese-days';
import { build, type Plugin } from 'esbuild';
import { bareSource, CDK_OPTIONS, FUNCTIONS, functionEnvironment, importTime, ROOT, sdkClientsOf } from '../cold-init.js';
import { median } from '../support/stats.js';

const REPETITIONS = 15;

const zodNamespace: Plugin = {
  name: 'zod-namespace-import',
  setup(b) {
    b.onLoad({ filter: /[/\\]lib[/\\](limits|events)\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace("import { z } from 'zod/mini';", "import * as z from 'zod/mini';"),
      loader: 'ts',
    }));
  },
};

/** The package's answers for 2004-2026 as a literal (only what lib/calendar.ts uses at run time is needed). */
function precomputedHolidays(): Plugin {
  const rest: string[] = [];
  for (let t = Date.UTC(2004, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (!chineseDays.isWorkday(day)) rest.push(day);
  }
  return {
    name: 'precomputed-holidays',
    setup(b) {
      b.onResolve({ filter: /^chinese-days$/ }, () => ({ path: 'chinese-days', namespace: 'precomputed' }));
      b.onLoad({ filter: /.*/, namespace: 'precomputed' }, () => ({
        contents: `const rest = new Set(${JSON.stringify(rest)}); export default { isWorkday: (d) => !rest.has(d), getHolidaysInRange: () => [] };`,
        loader: 'js',
      }));
    },
  };
}

const VARIANTS: Record<string, Plugin[]> = { 'as built': [], 'zod namespace': [zodNamespace], 'zod namespace + holiday table': [zodNamespace, precomputedHolidays()] };

const dir = await mkdtemp(join(tmpdir(), 'bench-what-if-'));
try {
  const bundles: Array<{ fn: string; variant: string; file: string }> = [];
  for (const fn of FUNCTIONS) {
    for (const [variant, plugins] of Object.entries(VARIANTS)) {
      const file = join(dir, `${fn}-${variant.replace(/\W+/g, '-')}`, 'index.mjs');
      await build({ ...CDK_OPTIONS, entryPoints: [join(ROOT, 'functions', `${fn}.ts`)], outfile: file, absWorkingDir: ROOT, plugins });
      bundles.push({ fn, variant, file });
    }
    const file = join(dir, `${fn}-bare`, 'index.mjs');
    await build({ ...CDK_OPTIONS, stdin: { contents: bareSource(await sdkClientsOf(fn)), resolveDir: ROOT, loader: 'js' }, outfile: file, absWorkingDir: ROOT });
    bundles.push({ fn, variant: 'bare', file });
  }
  const env = functionEnvironment();
  const times = new Map<string, number[]>();
  for (let rep = 0; rep < REPETITIONS; rep++) {
    for (const b of rep % 2 ? [...bundles].reverse() : bundles) {
      const key = `${b.fn}|${b.variant}`;
      times.set(key, [...(times.get(key) ?? []), await importTime(b.file, env)]);
    }
  }
  for (const fn of FUNCTIONS) {
    const bare = median(times.get(`${fn}|bare`) ?? []);
    const cells = Object.keys(VARIANTS).map((v) => {
      const ms = median(times.get(`${fn}|${v}`) ?? []);
      return `${v}: ${ms.toFixed(0)} ms (ratio ${(ms / bare).toFixed(2)})`;
    });
    console.log(`${fn}: bare ${bare.toFixed(0)} ms; ${cells.join('; ')}`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
