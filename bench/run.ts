/**
 * `npm run bench`: measures what the design promises, against dynalite, and prints one
 * `name: value` line per figure (docs/PERFORMANCE.md explains each one). Not part of
 * `npm test`; about five minutes on two cores.
 *
 *   npm run bench                      every part
 *   npm run bench -- scan-reads ingest some parts, by name
 */
import './support/bench-env.js';
import '../local/quiet-env.js';
import { cpus, totalmem } from 'node:os';
import { applyLag } from './apply-lag.js';
import { coldInit } from './cold-init.js';
import { eventUnits } from './event-units.js';
import { ingest } from './ingest.js';
import { metricsBench } from './metrics.js';
import { noticesPerPublish } from './notices.js';
import { scanReads } from './scan-reads.js';
import { scanVsStore } from './scan-vs-store.js';
import { snapshotSize } from './snapshot-size.js';
import { Report } from './support/report.js';

const PARTS: Record<string, (report: Report) => Promise<void>> = {
  'scan-reads': scanReads,
  'event-units': eventUnits,
  ingest,
  'cold-init': coldInit,
  notices: noticesPerPublish,
  metrics: metricsBench,
  'apply-lag': applyLag,
  'scan-vs-store': scanVsStore,
  'snapshot-size': snapshotSize,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in PARTS));
  if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${Object.keys(PARTS).join(', ')}`);
  const report = new Report();
  const cpu = cpus();
  report.figure('machine', `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const started = performance.now();
  for (const [name, run] of Object.entries(PARTS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    await report.part(name, () => run(report));
  }
  report.figure('time-total-s', (performance.now() - started) / 1000);
}

await main();
