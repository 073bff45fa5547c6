/**
 * Where a CPU profile's time goes: self time by package (node_modules/<name>), by the
 * project's folders (lib/, functions/, bench/ …), node's own code, idle and GC.
 *
 *   npx tsx bench/tools/profile-summary.ts <file.cpuprofile> [top] [bucket to show by function]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The bucket of a script URL: a package, a project folder, node itself, or a V8 state. */
export function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return 'node:*';
  const project = /\/(lib|functions|local|bench|events|infra|tools)\//.exec(url);
  return project ? `${project[1]}/` : url;
}

/** `expand`: that bucket's time shown by function instead. */
export function summarize(profile: Profile, expand?: string): Array<{ bucket: string; ms: number; share: number }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    let bucket = node ? bucketOf(node.callFrame.url, node.callFrame.functionName) : '(unknown)';
    if (node && bucket === expand) bucket = `${expand} ${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/.*\//, '')}:${node.callFrame.lineNumber + 1}`;
    totals.set(bucket, (totals.get(bucket) ?? 0) + ms);
    all += ms;
  });
  return [...totals].map(([bucket, ms]) => ({ bucket, ms, share: ms / all })).sort((a, b) => b.ms - a.ms);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top = '15', expand] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
  const rows = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, expand);
  for (const r of rows.slice(0, Number(top))) console.log(`${(r.share * 100).toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(7)} ms  ${r.bucket}`);
}
